"""A stray `t` can be taken back (issue 17 item 10): `u` returns to the segment before, with its
time as if the change had never been made, through a journaled record that every process replays."""

from __future__ import annotations

import pytest

from tests.support.console import fixed_timezone, make_app, move_clock, record_kinds, status, widget_text
from gelar_tui.day.facade import Day
from gelar_tui.errors import GelarError
from tests.support.rundown import PAPARAN, TANYA, rundown_event

WIDE = (120, 30)


@pytest.fixture(autouse=True)
def jakarta():
    with fixed_timezone("Asia/Jakarta"):
        yield


def rundown_day(tmp_path, clock, **kwargs) -> Day:
    return Day.open(rundown_event(**kwargs), tmp_path / "undo.gelar-journal", clock=clock)


def segment_clock(day: Day) -> tuple[str, float, float]:
    view = day.slot()
    return view.segment_name, view.time_run, view.remaining


def test_undo_restores_the_first_segment_with_its_time_exactly_and_replays_identically(tmp_path, clock) -> None:
    day = rundown_day(tmp_path, clock, advance="manual")
    day.start()
    clock.advance(8)
    assert day.next_segment() == "Tanya jawab"  # the stray `t`, eight seconds in
    clock.advance(4)
    assert segment_clock(day)[0] == "Tanya jawab"
    assert day.undo_segment() == "Paparan"
    assert segment_clock(day) == ("Paparan", 12.0, PAPARAN - 12.0)  # as if `t` had never been pressed
    assert [k for k in record_kinds(day) if k != "alert"] == ["slot_started", "segment_started", "segment_undone"]
    clock.advance(3)
    other = Day.open(day.event, day.journal.path, clock=clock, origin="cli")  # another process, replaying
    assert segment_clock(other) == segment_clock(day) == ("Paparan", 15.0, PAPARAN - 15.0)
    other.close()
    assert status(day)["segment"] == "Paparan"
    with pytest.raises(GelarError) as refused:  # nothing more to take back
        day.undo_segment()
    assert refused.value.key == "console.undo_nothing"
    day.next_segment()  # the real change, later: the second segment starts at the time it is pressed
    assert segment_clock(day) == ("Tanya jawab", 0.0, float(TANYA))


def test_a_segment_that_began_by_itself_is_not_taken_back(tmp_path, clock) -> None:
    day = rundown_day(tmp_path, clock, advance="auto")
    day.start()
    clock.advance(PAPARAN + 5)
    with pytest.raises(GelarError) as refused:
        day.undo_segment()
    assert refused.value.key == "console.undo_automatic"
    assert segment_clock(day)[0] == "Tanya jawab"


def test_undo_of_a_finished_slot_is_refused(tmp_path, clock) -> None:
    day = rundown_day(tmp_path, clock, advance="manual")
    day.start()
    day.next_segment()
    day.next_group()
    day.state.current = "ceria"
    with pytest.raises(GelarError):
        day.undo_segment()


async def test_u_on_the_console_takes_back_a_stray_t_without_a_bell(tmp_path, clock) -> None:
    day = rundown_day(tmp_path, clock, advance="manual")
    app = make_app(day, "en")
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("space")
        await move_clock(app, pilot, clock, 8)
        await pilot.press("t")
        await pilot.pause()
        assert widget_text(app, "#segment").strip() == "Tanya jawab · 2 of 2"
        assert any("u takes it back" in str(n.message) for n in app._notifications)
        rung = app.bells_rung
        await move_clock(app, pilot, clock, 3)
        await pilot.press("u")
        await pilot.pause()
        assert widget_text(app, "#segment").strip() == "Paparan · 1 of 2"
        assert "19:49" in widget_text(app, "#clock") or app.screen.query_one("#clock").text == "19:49"
        assert app.bells_rung == rung  # going back rings nothing in the hall
        await pilot.press("u")  # once more: nothing to take back, said, and nothing written
        await pilot.pause()
        assert record_kinds(day).count("segment_undone") == 1
        assert any("first segment" in str(n.message) for n in app._notifications)

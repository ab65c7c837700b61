"""The console with a rundown (issue 14), driven key by key on a fake clock, and its snapshots."""

from __future__ import annotations

import pytest

from tests.support.console import fixed_timezone, make_app, move_clock, record_kinds, screen_text, status, widget_text
from gelar_tui.day.facade import Day
from tests.support.rundown import PAPARAN, TANYA, rundown_event

WIDE = (120, 30)
SIZES = {"80x24": (80, 24), "160x48": (160, 48)}


def actions_of(day) -> list[str]:
    """The journal's records but the alerts (the sound's records, tested in test_alerts)."""
    return [kind for kind in record_kinds(day) if kind != "alert"]


@pytest.fixture(autouse=True)
def jakarta():
    with fixed_timezone("Asia/Jakarta"):
        yield


def segment(app) -> str:
    """The line naming the segment or break (centred)."""
    return widget_text(app, "#segment").strip()


def rundown_day(tmp_path, clock, **kwargs) -> Day:
    return Day.open(rundown_event(**kwargs), tmp_path / "rundown.gelar-journal", clock=clock)


async def test_segments_advance_by_themselves_on_screen_and_in_the_journal(tmp_path, clock) -> None:
    day = rundown_day(tmp_path, clock)
    app = make_app(day, "en")
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("space")
        assert segment(app) == "Paparan · 1 of 2"
        await move_clock(app, pilot, clock, PAPARAN - 5 * 60)
        assert "5 MINUTES LEFT" in widget_text(app, "#stage-label") and app.bells_rung == 1
        await move_clock(app, pilot, clock, 5 * 60 + 3)
        await pilot.pause()
        assert segment(app) == "Tanya jawab · 2 of 2"
        assert actions_of(day) == ["slot_started", "segment_started"]  # written by the console as it saw it
        assert app.bells_rung == 3 and "20:03 / 30:00" in widget_text(app, "#bar")
        assert status(day)["segment"] == "Tanya jawab" and status(day)["segment_remaining_s"] == TANYA - 3


async def test_manual_advance_waits_for_the_key_and_the_palette_has_it(tmp_path, clock) -> None:
    day = rundown_day(tmp_path, clock, advance="manual")
    app = make_app(day, "en")
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("space")
        await move_clock(app, pilot, clock, PAPARAN + 75)
        assert segment(app) == "Paparan · 1 of 2" and "OVER BY 01:15" in widget_text(app, "#stage-label")
        assert app.screen.query_one("#stage").has_class("-over")
        await pilot.press("t")
        assert segment(app) == "Tanya jawab · 2 of 2" and actions_of(day)[-1] == "segment_started"
        assert not app.screen.query_one("#stage").has_class("-over")
        assert any("Next segment" in str(command.title) for command in app.screen.palette_commands())
        assert day.overtimes()["ceria"] == 75


async def test_a_break_on_the_console_then_the_next_group(tmp_path, clock) -> None:
    day = rundown_day(tmp_path, clock)
    for _ in range(2):
        day.start()
        clock.advance(PAPARAN + TANYA)
        day.next_group()
    app = make_app(day, "en")
    async with app.run_test(size=WIDE) as pilot:
        assert "Next: Ishoma (45m) · press i to start it" in widget_text(app, "#next")
        await pilot.press("i")
        await move_clock(app, pilot, clock, 60)
        assert "Ishoma · back at 12:45" in widget_text(app, "#stage-label")
        assert app.screen.query_one("#stage").has_class("-break") and segment(app) == "Ishoma"
        assert "Next: KBK Berlian" in widget_text(app, "#next")
        await pilot.press("space")  # berlian starts: the break is over
        assert actions_of(day)[-2:] == ["break_finished", "slot_started"]
        assert not app.screen.query_one("#stage").has_class("-break")


async def test_the_top_line_says_how_late_the_day_runs_and_warns_past_the_end(tmp_path, clock) -> None:
    day = rundown_day(tmp_path, clock)
    app = make_app(day, "en")
    async with app.run_test(size=WIDE) as pilot:
        top = screen_text(app).split("\n")[0]
        assert "30 min late · ends 13:49" in top  # past 13:30
        assert app.screen.query_one("#topbar")._shown[5] is True
        await pilot.press("space")
        await move_clock(app, pilot, clock, PAPARAN + TANYA + 4 * 60)
        await pilot.press("n", "enter")
        assert "34 min late · ends 13:53" in screen_text(app).split("\n")[0]
        assert "10:30→11:00" in widget_text(app, "#order") and "Ishoma 45m" in widget_text(app, "#order")


async def test_a_restarted_console_comes_back_in_the_second_segment(tmp_path, clock) -> None:
    day = rundown_day(tmp_path, clock, advance="manual")
    day.start()
    clock.advance(PAPARAN + 10)
    day.next_segment()
    clock.advance(100)
    day.close()
    again = rundown_day(tmp_path, clock, advance="manual")
    app = make_app(again, "en")
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        assert segment(app) == "Tanya jawab · 2 of 2" and "21:50 / 30:00" in widget_text(app, "#bar")
        assert again.slot().shown == "08:20"
    again.close()


def put(day: Day, clock, where: str) -> str:
    """Drive the rundown day to *where*; return the face the clock then shows."""
    day.start()
    clock.advance(PAPARAN - 4 * 60 - 10)
    if where == "paparan":
        return "04:10"
    clock.advance(4 * 60 + 10 + 130)
    day.sync_segments()
    if where == "tanya":
        return "07:50"
    clock.advance(TANYA)
    day.next_group()
    day.start()  # melati presents, then the break that follows her
    clock.advance(PAPARAN + TANYA)
    day.next_group()
    day.start_break()
    clock.advance(7 * 60 + 5)
    return "37:55"


@pytest.mark.parametrize("where", ["paparan", "tanya", "break"])
@pytest.mark.parametrize("size", list(SIZES))
def test_console_rundown(snap_compare, tmp_path, clock, size, where) -> None:
    day = rundown_day(tmp_path, clock)
    face = put(day, clock, where)

    async def settled(pilot) -> None:
        pilot.app.screen.refresh_view()
        await pilot.pause()
        assert pilot.app.screen.query_one("#clock").text == face

    assert snap_compare(make_app(day, "en"), terminal_size=SIZES[size], run_before=settled)


async def test_while_the_group_before_a_break_presents_the_break_is_next(tmp_path, clock) -> None:
    """The hall's next item after this group is the break, not the group after it."""
    day = rundown_day(tmp_path, clock)
    day.start()
    clock.advance(PAPARAN + TANYA)
    day.next_group()
    app = make_app(day, "en")
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("space")  # melati presents; Ishoma follows it
        await pilot.pause()
        assert "Next: Ishoma (45m), after this group" in widget_text(app, "#next")
        await move_clock(app, pilot, clock, PAPARAN + TANYA)
        await pilot.press("n", "enter")  # melati is done, berlian is called: the break is due first
        await pilot.pause()
        assert "Next: Ishoma (45m) · press i to start it" in widget_text(app, "#next")

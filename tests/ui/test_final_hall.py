"""A preview of the announcement never reaches the hall; provisional results are marked on every view;
the announcement can be reset (journaled) and refuses a journal whose hash chain is broken."""

from __future__ import annotations

import json
import sqlite3

from gelar_tui.ui.screens.confirm import ConfirmScreen
from gelar_tui.ui.screens.console import ConsoleScreen
from gelar_tui.ui.screens.winner import WinnerScreen
from tests.support.hall import make_display
from tests.support.screens import SIZE, fill, make_app, open_day, records_of, score_sheet, screen_text, widget_text


def provisional_day(day) -> None:
    """Three groups scored and locked; cp-joss has one juror's sheet, unlocked."""
    fill(day, {"ceria": 85, "melati": 75, "berlian": 90})
    score_sheet(day, "cp-joss", "pemprov", 80, lock=False)


async def wait_for(pilot, condition, tries: int = 60) -> bool:
    for _ in range(tries):
        if condition():
            return True
        await pilot.pause(0.05)
    return condition()


async def test_a_provisional_preview_writes_nothing_and_the_hall_stays_hidden(day) -> None:
    provisional_day(day)
    app = make_app(day, "en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("w")
        assert isinstance(app.screen, ConfirmScreen)
        assert "Open a preview" in widget_text(app, ".question")
        await pilot.press("enter")
        assert isinstance(app.screen, WinnerScreen)
        await pilot.press("space", "space")
        assert widget_text(app, "#place") == "3RD PLACE"  # the preview moves on
        mark = widget_text(app, "#mark")
        assert mark.startswith("PREVIEW") and "PROVISIONAL: 42 of 48 scores in" in mark
        await pilot.press("r")  # a preview's reset is its own: nothing asked, nothing written
        assert widget_text(app, "#place") == "ANNOUNCEMENT OF THE WINNERS"
    assert records_of(day, "award_revealed") == [] and day.state.awards_shown == 0
    hall = open_day(day.event, day.journal.path, day.clock, origin="cli")
    hall.show_on_display("winner")  # the later `gelar show … winner`
    display = make_display(hall, "id")
    async with display.run_test(size=SIZE) as pilot:
        assert await wait_for(pilot, lambda: widget_text(display, "#place") != "")
        assert widget_text(display, "#place") == "PENGUMUMAN PEMENANG"  # the title card: nothing revealed
        assert widget_text(display, "#mark").startswith("SEMENTARA: 42 dari 48 nilai masuk")
    hall.close()


async def test_the_display_marks_a_provisional_winner(day) -> None:
    provisional_day(day)
    day.show_on_display("winner")
    day.show_awards(4)  # revealed on purpose, on the hall, with results still provisional
    display = make_display(day, "id")
    async with display.run_test(size=SIZE) as pilot:
        assert await wait_for(pilot, lambda: widget_text(display, "#place") == "JUARA I")
        assert "SEMENTARA" in widget_text(display, "#mark")
    fill(day, {"cp-joss": 80})  # every sheet in and locked: the mark goes
    display = make_display(day, "id")
    async with display.run_test(size=SIZE) as pilot:
        assert await wait_for(pilot, lambda: widget_text(display, "#place") == "JUARA I")
        assert widget_text(display, "#mark") == "" and not display.screen.query_one("#mark").display


async def test_reset_hides_the_halls_announcement_and_is_journaled(day) -> None:
    fill(day)
    app = make_app(day, "id")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("w", "space", "space", "space")
        assert day.state.awards_shown == 3
        await pilot.press("r")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("enter")
        assert await wait_for(pilot, lambda: widget_text(app, "#place") == "PENGUMUMAN PEMENANG")
        assert day.state.awards_shown == 0
    assert records_of(day, "award_revealed")[-1] == {"shown": 0, "reset": True}


async def test_the_announcement_refuses_a_broken_journal(day) -> None:
    fill(day)
    db = sqlite3.connect(day.journal.path)
    seq, data = db.execute("SELECT seq, data FROM records WHERE kind = 'score_set' ORDER BY seq LIMIT 1").fetchone()
    changed = json.loads(data)
    changed["value"] = "99"
    db.execute("UPDATE records SET data = ? WHERE seq = ?", (json.dumps(changed, separators=(",", ":")), seq))
    db.commit()
    db.close()
    app = make_app(day, "en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("w")
        await pilot.pause()
        assert isinstance(app.screen, ConsoleScreen)
        messages = [str(n.message) for n in app._notifications]
        assert any(f"breaks at record {seq} (score_set)" in m for m in messages)


async def test_the_running_order_withdraws_a_group_with_a_hostile_reason(day) -> None:
    from gelar_tui.day.state import GroupStatus

    reason = "[bold]tidak hadir[/] [@click=app.quit] \x1b]8;;x\x07"
    app = make_app(day, "en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("o", "down", "x")
        assert "Why is KBK Melati withdrawn?" in widget_text(app, ".question")
        await pilot.press(*reason.replace("\x1b", "").replace("\x07", ""))
        await pilot.press("enter")
        assert await wait_for(pilot, lambda: day.state.status("melati") == GroupStatus.WITHDRAWN)
        assert "withdrawn" in app.screen.query_one("#order-table").get_row("melati")[3]
        await pilot.press("escape")
        assert isinstance(app.screen, ConsoleScreen)
        assert await wait_for(pilot, lambda: "✗ 2. KBK Melati" in screen_text(app) and "withdrawn" in screen_text(app))
    kept = records_of(day, "group_withdrawn")
    assert kept == [{"group": "melati", "reason": "[bold]tidak hadir[/] [@click=app.quit] ]8;;x"}]


async def test_the_running_order_says_at_once_that_a_presented_group_cannot_be_withdrawn(day, clock) -> None:
    from gelar_tui.ui.screens.reason import ReasonScreen

    day.start()
    clock.advance(60)
    day.next_group()  # ceria has presented
    app = make_app(day, "en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("o", "up", "x")
        await pilot.pause()
        assert not isinstance(app.screen, ReasonScreen)
        assert any("KBK Ceria has already presented" in str(n.message) for n in app._notifications)
    assert records_of(day, "group_withdrawn") == []


async def test_the_preview_question_shows_a_hostile_group_name_as_typed(tmp_path, clock) -> None:
    from tests.support.screens import event_with

    hostile = "[bold]KBK [CP JOSS[/] [@click=app.quit]"
    event = event_with(('name = "KBK CP JOSS"', f'name = "{hostile}"'))
    day = open_day(event, tmp_path / "hostile.gelar-journal", clock)
    fill(day, {"ceria": 85, "melati": 75, "berlian": 90})
    day.start()  # cp-joss waits: the question names it
    clock.advance(60)
    day.next_group()
    day.call("cp-joss")
    app = make_app(day, "en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("w")
        assert isinstance(app.screen, ConfirmScreen)
        assert hostile in widget_text(app, ".question")
        await pilot.press("enter")
        assert isinstance(app.screen, WinnerScreen)
        assert hostile in widget_text(app, "#mark")
    day.close()

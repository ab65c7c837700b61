"""The audience display and the presenter monitor (issue 8): what they show, and that they follow the journal."""

from __future__ import annotations

import subprocess
import sys


from gelar_tui.day.facade import Day
from tests.support.hall import make_display
from tests.support.screens import SIZE, WIDE, fill, make_app, open_day, records_of, screen_text, table_rows


def view_of(app) -> str:
    return app.screen.query_one("#views").current


async def wait_for(pilot, condition, tries: int = 40) -> bool:
    for _ in range(tries):
        if condition():
            return True
        await pilot.pause(0.05)
    return condition()


async def test_starts_on_the_clock_and_follows_show_records_from_another_process(day) -> None:
    fill(day)
    app = make_display(day)
    async with app.run_test(size=SIZE) as pilot:
        assert view_of(app) == "clock-view"
        assert "KBK Ceria" in screen_text(app) and "press space" not in screen_text(app)
        other = open_day(day.event, day.journal.path, day.clock, origin="cli")
        other.show_on_display("scoreboard")
        assert await wait_for(pilot, lambda: view_of(app) == "scoreboard-view")
        assert table_rows(app, "#ranking")[0][:2] == ["1", "KBK Berlian"]
        other.show_on_display("title")
        assert await wait_for(pilot, lambda: view_of(app) == "title-view")
        assert "Balai Kota Kediri" in screen_text(app) and "Next: KBK Ceria" in screen_text(app)
        other.show_awards(1)
        other.show_on_display("winner")
        assert await wait_for(pilot, lambda: view_of(app) == "winner-view")
        assert "HONOURABLE MENTION I" in screen_text(app) and "KBK Melati" in screen_text(app)
        other.close()
    assert app.watcher is None  # stopped with the app


async def test_a_display_started_late_shows_the_last_choice_at_once(day) -> None:
    fill(day)
    day.show_on_display("scoreboard")
    day.show_on_display("winner")
    app = make_display(day)
    async with app.run_test(size=SIZE):
        assert view_of(app) == "winner-view"


async def test_title_while_no_group_is_current(day) -> None:
    day.state.current = None  # as after the last group
    app = make_display(day)
    async with app.run_test(size=SIZE):
        assert view_of(app) == "title-view"


async def test_a_hidden_scoreboard_shows_only_progress(tmp_path, clock) -> None:
    from tests.support.screens import event_with

    event = event_with(('reveal = "live"', 'reveal = "end"'))
    day = open_day(event, tmp_path / "d.gelar-journal", clock)
    fill(day)
    day.show_on_display("scoreboard")
    app = make_display(day)
    async with app.run_test(size=SIZE) as pilot:
        assert "90.00" not in screen_text(app) and "hidden" in screen_text(app)
        other = open_day(event, day.journal.path, clock)
        other.reveal_results(True)
        other.close()
        assert await wait_for(pilot, lambda: "90.00" in screen_text(app))
    day.close()


async def test_the_display_rings_only_with_bell_and_quits_without_asking(day, clock) -> None:
    day.start()
    clock.advance(30 * 60 - 10 * 60 - 1)
    for bell, rung in ((False, 0), (True, 1)):
        app = make_display(day, bell=bell)
        async with app.run_test(size=SIZE) as pilot:
            clock.advance(2)
            app.screen.tick()
            await pilot.pause()
            assert app.bells_rung == rung
            assert app.screen.query_one("#clock-view").has_class("-alert")
            await pilot.press("ctrl+q")
        assert app.return_code == 0
        clock.advance(-2)


async def test_the_display_has_no_key_bar_and_ignores_the_consoles_keys(day) -> None:
    app = make_display(day)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space", "n", "d")
        assert records_of(day, "slot_started") == [] and records_of(day, "display_shown") == []
        assert "Start/pause" not in screen_text(app)


async def test_presenter_shows_the_group_and_the_clock_only(day, clock) -> None:
    day.start()
    clock.advance(29 * 60 + 30)
    app = make_display(day, presenter=True)
    async with app.run_test(size=WIDE):
        text = screen_text(app)
        assert "KBK Ceria" in text and "30 SECONDS" not in text
        stage = app.screen.query_one("#stage")
        assert stage.has_class("-last") and stage.has_class("-presenter")
        assert not app.screen.query_one("#next").display and "Next:" not in text
        clock_region = app.screen.query_one("#clock").region
        assert clock_region.height >= WIDE[1] - 8  # as large as the screen allows


async def test_the_console_chooses_with_d_and_the_palette(day) -> None:
    app = make_app(day, "en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("d")
        assert records_of(day, "display_shown") == [{"view": "scoreboard"}]
        await pilot.press("d", "d", "d")
        assert [r["view"] for r in records_of(day, "display_shown")] == ["scoreboard", "winner", "title", "clock"]
        commands = [c.title for c in app.get_system_commands(app.screen)]
        assert "Display: the winners" in commands


def test_gelar_show_records_the_choice_and_refuses_an_unknown_view(tmp_path) -> None:
    journal = tmp_path / "demo.gelar-journal"
    run = [sys.executable, "-m", "gelar_tui", "--lang", "en", "--journal", str(journal), "show"]
    done = subprocess.run([*run, "scoreboard"], capture_output=True, text=True)
    assert done.returncode == 0 and "the scoreboard" in done.stdout
    wrong = subprocess.run([*run, "podium"], capture_output=True, text=True)
    assert wrong.returncode == 2 and "cannot show 'podium'" in wrong.stderr and "Traceback" not in wrong.stderr
    from gelar_tui.event.eventfile import bundled_event_path, load_event

    day = Day.open(load_event(bundled_event_path()), journal, create=False)
    assert [r.data for r in day.journal.records() if r.kind != "event_file"] == [{"view": "scoreboard"}]
    day.close()

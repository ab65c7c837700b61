"""The jury station app (`gelar jury --juror ID`), driven key by key: its PIN, its sheet, blind mode.

Each station runs on its own connection to the journal (origin ``jury:<id>``), as it
does in its own process; the moderator's day is a second connection.
"""

from __future__ import annotations

from textual.widgets import Input

from gelar_tui.day.facade import Day
from gelar_tui.i18n import Messages
from gelar_tui.day.pins import WAIT_SECONDS
from gelar_tui.day.stations import station_origin
from gelar_tui.ui.screens.jury import JuryScreen
from gelar_tui.ui.screens.pin import PinScreen
from gelar_tui.ui.station_app import StationApp
from gelar_tui.ui.themes import load_themes
from tests.support.screens import CRITERIA, SIZE, event_with, make_app, open_day, records_of, score_sheet, screen_text, widget_text

BLIND = ('reveal = "live"', 'reveal = "live"\nblind = true')


def station_app(day: Day, juror: str, lang: str = "en") -> StationApp:
    desk = Day.open(day.event, day.journal.path, clock=day.clock, origin=station_origin(juror))
    themes, _ = load_themes()
    return StationApp(desk, Messages(lang), themes=themes, theme="projector")


async def type_pin(pilot, pin: str) -> None:
    await pilot.press(*pin, "enter")
    await pilot.pause()


def bad_pin(pins: dict[str, str]) -> str:
    return next(p for p in ("314159", "271828", "161803") if p not in pins.values())


async def test_a_blind_station_opens_with_its_pin_and_shows_no_other_juror(tmp_path, clock) -> None:
    day = open_day(event_with(BLIND), tmp_path / "blind.gelar-journal", clock)
    pins = day.issue_pins()
    score_sheet(day, "ceria", "swasta", 55, lock=True)
    app = station_app(day, "pemprov")
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, PinScreen)
        assert "Juri Pemprov Jawa Timur, type your six-digit PIN" in screen_text(app)
        await type_pin(pilot, pins["pemprov"])
        assert isinstance(app.screen, JuryScreen)
        text = screen_text(app)
        assert "Juri Pemprov" in text and "Juri Swasta" not in text and "55" not in text
        assert "Stations:" not in text  # the moderator's line about PINs is the console's alone
        assert not app.screen.query("#cell-swasta-analisis")
        await pilot.press("8", "0", "tab")
        await pilot.pause()
    app.day.close()
    day.refresh()
    assert [(r["juror"], r["criterion"], r["value"]) for r in records_of(day, "score_set")][-1] == ("pemprov", "analisis", "80")
    assert {r.origin for r in day.journal.records() if r.kind == "score_set" and r.data["juror"] == "pemprov"} == {"jury:pemprov"}
    day.close()


async def test_without_blind_the_other_columns_are_read_only_and_a_locked_sheet_stays_locked(day) -> None:
    pins = day.issue_pins()
    score_sheet(day, "ceria", "swasta", 55, lock=False)
    app = station_app(day, "pemprov")
    async with app.run_test(size=SIZE) as pilot:
        await type_pin(pilot, pins["pemprov"])
        assert "Juri Swasta" in widget_text(app, "#sheet")
        assert app.focused is app.screen.query_one("#cell-pemprov-analisis")
        assert all(app.screen.query_one(f"#cell-swasta-{c}").disabled for c in CRITERIA)
        for _ in CRITERIA:
            await pilot.press("9", "0", "tab")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert ("ceria", "pemprov") in app.day.state.locked
        assert app.screen.query_one("#lockbtn-pemprov").disabled  # unlocking stays the moderator's
        await pilot.press("ctrl+u")
        await pilot.pause()
        assert ("ceria", "pemprov") in app.day.state.locked
    app.day.close()
    day.refresh()
    assert not records_of(day, "sheet_unlocked")
    assert {r["juror"] for r in records_of(day, "score_set")} == {"swasta", "pemprov"}


async def test_wrong_pins_store_nothing_and_the_sixth_try_waits(day, clock) -> None:
    pins = day.issue_pins()
    app = station_app(day, "pemprov")
    async with app.run_test(size=SIZE) as pilot:
        for attempt in range(5):
            await type_pin(pilot, bad_pin(pins))
            assert isinstance(app.screen, PinScreen)
        assert f"Wait {WAIT_SECONDS} s" in widget_text(app, "#door-message")
        field = app.screen.query_one("#pin", Input)
        assert field.disabled  # the sixth try cannot even be typed
        await type_pin(pilot, pins["pemprov"])
        assert isinstance(app.screen, PinScreen)
    app.day.close()
    day.refresh()
    assert len(records_of(day, "pin_failed")) == 5
    assert not records_of(day, "score_set") and not records_of(day, "station_opened")
    # a station started again still waits: the tries are counted in the journal
    again = station_app(day, "pemprov")
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert again.screen.query_one("#pin", Input).disabled
        assert "Wait" in widget_text(again, "#door-message")
        clock.advance(WAIT_SECONDS)
        again.screen._show_wait()  # what its one-second timer does
        await pilot.pause()
        assert not again.screen.query_one("#pin", Input).disabled
        await type_pin(pilot, pins["pemprov"])
        assert isinstance(again.screen, JuryScreen)
    again.day.close()


async def test_escape_closes_the_station_and_the_console_sees_it(day) -> None:
    pins = day.issue_pins(reset=None)
    app = station_app(day, "swasta")
    console = make_app(day, "en")
    async with app.run_test(size=SIZE) as pilot:
        await type_pin(pilot, pins["swasta"])
        assert app.focused is app.screen.query_one("#cell-swasta-analisis")
        header = next(line for line in widget_text(app, "#sheet").splitlines() if "Juri" in line)
        assert header.index("Juri Swasta") < header.index("Juri Pemprov")  # its own column first, in view
        async with console.run_test(size=(160, 40)) as desk:
            await desk.press("j")
            await desk.pause()
            line = widget_text(console, "#stations")
            assert "Juri Swasta: PIN, station open" in line and "Juri Pemprov Jawa Timur: PIN" in line
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(app.screen, PinScreen)
            console.poll_journal()
            await desk.pause()
            assert "Juri Swasta: PIN ·" not in widget_text(console, "#stations")
            assert "station open" not in widget_text(console, "#stations")
    app.day.close()

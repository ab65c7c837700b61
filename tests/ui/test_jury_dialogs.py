"""What the jury sheet's dialogs and refusals say (issue 17, items 15 and 16).

The reason dialog says what Enter does there (unlock, recuse, undo a recusal); a
station's ctrl+u on its locked sheet says why nothing happens, in its language.
"""

from __future__ import annotations

import pytest

from gelar_tui.day.facade import Day
from gelar_tui.i18n import Messages
from gelar_tui.day.stations import station_origin
from gelar_tui.ui.screens.reason import ReasonScreen
from gelar_tui.ui.station_app import StationApp
from gelar_tui.ui.themes import load_themes
from tests.support.console import settled
from tests.support.screens import CRITERIA, SIZE, make_app, records_of, score_sheet, widget_text

HINTS = {
    "en": ("Enter: unlock · Escape: cancel", "Enter: record the recusal · Escape: cancel", "Enter: undo the recusal · Escape: cancel"),
    "id": ("Enter: buka kunci · Escape: batal", "Enter: catat pengunduran diri · Escape: batal", "Enter: batalkan pengunduran diri · Escape: batal"),
}


@pytest.mark.parametrize("lang", ["en", "id"])
async def test_the_reason_dialog_says_what_enter_does_there(day, lang) -> None:
    score_sheet(day, "ceria", "pemprov", 80, lock=True)
    unlock, recuse, undo = HINTS[lang]
    app = make_app(day, lang)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "ctrl+u")  # the only locked column
        assert isinstance(app.screen, ReasonScreen)
        assert widget_text(app, ".hint") == unlock
        await pilot.press("escape")
        await pilot.click("#cell-swasta-analisis")  # the other juror's column
        await pilot.press("ctrl+r")
        assert isinstance(app.screen, ReasonScreen)
        assert widget_text(app, ".hint") == recuse
        await pilot.press(*"conflict", "enter")
        await pilot.pause()
        assert ("ceria", "swasta") in day.state.recused
        await pilot.click("#lockbtn-swasta")  # now "Undo recusal"
        assert isinstance(app.screen, ReasonScreen)
        assert widget_text(app, ".hint") == undo


def station_app(day: Day, juror: str, lang: str) -> StationApp:
    desk = Day.open(day.event, day.journal.path, clock=day.clock, origin=station_origin(juror))
    themes, _ = load_themes()
    return StationApp(desk, Messages(lang), themes=themes, theme="projector")


SAYS = {
    "en": ("A juror cannot unlock their own sheet", "Ask the moderator"),
    "id": ("Juri tidak dapat membuka sendiri lembar", "Minta kepada moderator"),
}


@pytest.mark.parametrize("lang", ["en", "id"])
async def test_ctrl_u_at_a_station_says_that_the_moderator_unlocks(day, lang) -> None:
    pins = day.issue_pins()
    app = station_app(day, "pemprov", lang)
    try:
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press(*pins["pemprov"], "enter")
            await pilot.pause()
            await pilot.press("8", "5", "ctrl+u")  # an open sheet: the cell's own ctrl+u clears what is left of the cursor
            assert app.screen.query_one("#cell-pemprov-analisis").value == ""
            for _ in CRITERIA:
                await pilot.press("9", "0", "tab")
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert ("ceria", "pemprov") in app.day.state.locked
            before = len(app._notifications)
            await pilot.press("ctrl+u")
            assert await settled(pilot, lambda: len(app._notifications) > before)
            await pilot.pause()
            said = [n.message for n in list(app._notifications)[before:]]
            assert len(said) == 1 and all(part in said[0] for part in SAYS[lang]), said
            assert ("ceria", "pemprov") in app.day.state.locked
    finally:
        app.day.close()
    day.refresh()
    assert not records_of(day, "sheet_unlocked")

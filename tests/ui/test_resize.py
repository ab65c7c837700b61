"""Every screen survives the terminal being resized from tiny to huge and back, over and over (issue 10).

The suite runs a sample of rounds on every screen; the benchmark runs the long tail.

The screens are listed once, in :data:`SCREENS`: how a person reaches each one
(the app it lives in, the day behind it, the keys pressed) and the screen that
must then be on top. A screen added later is one line there.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from textual.screen import Screen

from gelar_tui.day.facade import Day
from gelar_tui.i18n import Messages
from gelar_tui.ui.app import GelarApp
from gelar_tui.ui.display.app import DisplayApp
from gelar_tui.ui.display.audience import AudienceScreen
from gelar_tui.ui.display.presenter import PresenterScreen
from gelar_tui.ui.screens.analysis import AnalysisScreen
from gelar_tui.ui.screens.confirm import ConfirmScreen
from gelar_tui.ui.screens.console import ConsoleScreen
from gelar_tui.ui.screens.help import HelpScreen
from gelar_tui.ui.screens.jury import JuryScreen
from gelar_tui.ui.screens.order import OrderScreen
from gelar_tui.ui.screens.reason import ReasonScreen
from gelar_tui.ui.screens.scoreboard import ScoreboardScreen
from gelar_tui.ui.screens.pin import PinScreen
from gelar_tui.ui.screens.winner import WinnerScreen
from gelar_tui.ui.station_app import StationApp
from gelar_tui.ui.themes import load_themes
from tests.support.screens import fill, make_app, score_sheet

TINY, HUGE = (20, 6), (400, 120)
BETWEEN = ((80, 24), (33, 9), (160, 48), (57, 13))
"""Sizes a person meets on the way (a projector's zoomed terminal, half a laptop screen)."""
ROUNDS = int(os.environ.get("GELAR_RESIZE_ROUNDS", "3"))
"""Tiny to huge and back, this many times on each screen: a sample in the suite;
``python -m bench.torture --resize`` runs the long tail (100 rounds on every screen)."""


def _running(day: Day) -> None:
    day.start()
    day.clock.advance(4 * 60 + 13)


def _locked_sheet(day: Day) -> None:
    score_sheet(day, "ceria", "pemprov", 80)


def _all_in(day: Day) -> None:
    fill(day)  # every sheet locked: the winner screen opens without a question


def _display(day: Day, presenter: bool = False) -> GelarApp:
    themes, _ = load_themes()
    return DisplayApp(day, Messages("en"), themes=themes, theme="projector", presenter=presenter)


def _station(day: Day) -> GelarApp:
    """A juror's station on the same journal (its PIN issued by the moderator first)."""
    day.issue_pins()
    station = Day.open(day.event, day.journal.path, clock=day.clock, origin="jury:pemprov")
    themes, _ = load_themes()
    return StationApp(station, Messages("en"), themes=themes, theme="projector")


@dataclass(frozen=True)
class Way:
    """How a person reaches a screen: the day it shows, the keys pressed, the screen then on top."""

    name: str
    keys: tuple[str, ...]
    screen: type[Screen]
    prepare: Callable[[Day], None] = _running
    app: Callable[[Day], GelarApp] = make_app


SCREENS = [
    Way("console", (), ConsoleScreen),
    Way("order", ("o",), OrderScreen),
    Way("help", ("question_mark",), HelpScreen),
    Way("jury", ("j",), JuryScreen, _locked_sheet),
    Way("scoreboard", ("s",), ScoreboardScreen, _all_in),
    Way("winner", ("w", "space", "space"), WinnerScreen, _all_in),
    Way("confirm", ("r",), ConfirmScreen),
    Way("reason", ("j", "ctrl+u"), ReasonScreen, _locked_sheet),
    Way("analysis", ("a",), AnalysisScreen, _all_in),
    Way("display", (), AudienceScreen, app=_display),
    Way("presenter", (), PresenterScreen, app=lambda day: _display(day, presenter=True)),
    Way("station", (), PinScreen, app=_station),
]


@pytest.mark.parametrize("way", SCREENS, ids=[way.name for way in SCREENS])
async def test_resizing_from_tiny_to_huge_and_back_never_crashes(day, way: Way) -> None:
    way.prepare(day)
    app = way.app(day)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*way.keys)
        assert isinstance(app.screen, way.screen)
        for _ in range(ROUNDS):
            for size in (TINY, HUGE, *BETWEEN):
                await pilot.resize_terminal(*size)
        await pilot.resize_terminal(*TINY)
        assert isinstance(app.screen, way.screen)  # still there, still answering
        assert app.size == TINY
        await pilot.resize_terminal(80, 24)
        assert isinstance(app.screen, way.screen)

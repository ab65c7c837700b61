"""The apps beside the console on the same journal: a juror's station, and the read-only views.

Each is the console's app (:class:`~gelar_tui.ui.app.GelarApp`: the day, the language,
the themes, the journal poll) opening on another screen. They run in a terminal
(``gelar jury``) or, one process per browser, under ``gelar serve``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.screen import Screen

from ..clock import SystemClock
from ..day import Day
from ..stations import station_origin
from .app import GelarApp

if TYPE_CHECKING:
    import argparse

    from ..context import Context


class ServedApp(GelarApp):
    """An app that is not the moderator's: it never rings (a browser terminal has no bell,
    so alerts are visual only) and quits without asking."""

    PLAYS_ALERTS = False

    async def action_quit(self) -> None:
        self.exit(0)


class StationApp(ServedApp):
    """One juror's station: their PIN first, then their score sheet (see JuryScreen's *juror*)."""

    CSS_PATH = ["app.tcss"]  # not the console's stage: one stylesheet less to parse before the PIN screen

    def __init__(self, day: Day, *args, **kwargs) -> None:
        super().__init__(day, *args, bell=False, **kwargs)
        juror = day.station_juror
        assert juror is not None, "a station's day acts for a juror (origin jury:<id>)"
        self.juror = juror

    def first_screen(self) -> Screen:
        from .screens.pin import PinScreen

        return PinScreen(self.juror)

    def station_opened(self) -> None:
        """The PIN was right: the juror's sheet, with the group on stage."""
        from .screens.jury import JuryScreen

        self.switch_screen(JuryScreen(juror=self.juror))
        self.notify(self.t("station.opened"))

    def leave_station(self) -> None:
        """Escape on the sheet: the station closes and asks for the PIN again (the juror stepped away)."""
        from .screens.pin import PinScreen

        self.act(self.day.close_station)
        self.switch_screen(PinScreen(self.juror))

    def on_unmount(self) -> None:
        try:
            self.day.close_station()
        except Exception:  # noqa: BLE001 - quitting must not fail; the console checks the process anyway
            pass


def run_station(args: argparse.Namespace, context: Context, juror: str) -> int:
    """Open *juror*'s station on the day and run it until it quits."""
    from .launch import run_on_day, themed_app

    day = Day.open(context.event, context.journal_path, SystemClock(), origin=station_origin(juror))
    return run_on_day(themed_app(StationApp, day, args, context), day)

"""The apps beside the console on the same journal: a juror's station, and the read-only views.

Each is the day's app (:class:`~gelar_tui.ui.day_app.DayApp`: the day, the language,
the themes, the journal watched live, the clock driver) opening on its own screen. They
run in a terminal (``gelar jury``, started by :func:`gelar_tui.ui.launch.run_station`)
or, one process per browser, under ``gelar serve``.
"""

from __future__ import annotations

from textual.binding import Binding
from textual.screen import Screen

from ..day.facade import Day
from .day_app import DayApp


class ServedApp(DayApp):
    """An app that is not the moderator's: it never rings (a browser terminal has no bell,
    so alerts are visual only) and quits without asking."""

    PLAYS_ALERTS = False


class StationApp(ServedApp):
    """One juror's station: their PIN first, then their score sheet (see JuryScreen's *juror*).

    While the journal cannot be written it shows the console's banner; the scores wait in
    order and are written as soon as the journal takes them; a station that quits while
    some still wait writes them to a spill file (see :attr:`spilled`).
    """

    BINDINGS = [Binding("f2", "spill", show=False)]

    def __init__(self, day: Day, *args, **kwargs) -> None:
        super().__init__(day, *args, bell=False, **kwargs)
        juror = day.station_juror
        assert juror is not None, "a station's day acts for a juror (origin jury:<id>)"
        self.juror = juror
        self.spilled: str | None = None
        """What the station said as it quit with records unsaved: where they went, or that they could not go."""

    def broadcast_change(self, records=None) -> None:
        super().broadcast_change(records)
        self.show_fault()

    def show_fault(self) -> None:
        """The console's banner on top of this station's screen while records wait."""
        from .widgets.fault_banner import FaultBanner

        if self.screen_stack:
            FaultBanner.show_in(self.screen, self.day, self.t, before=0, lost=self.journal_lost)

    def first_screen(self) -> Screen:
        from .screens.pin import PinScreen

        return PinScreen(self.juror)

    def station_opened(self) -> None:
        """The PIN was right: the juror's sheet, with the group on stage."""
        from .screens.jury import JuryScreen

        self.switch_screen(JuryScreen(juror=self.juror))
        self.call_after_refresh(self.show_fault)
        self.notify(self.t("station.opened"))

    def leave_station(self) -> None:
        """Escape on the sheet: the station closes and asks for the PIN again (the juror stepped away)."""
        from .screens.pin import PinScreen

        self.act(self.day.close_station)
        self.switch_screen(PinScreen(self.juror))
        self.call_after_refresh(self.show_fault)

    def on_unmount(self) -> None:
        try:
            self.day.close_station()
        except Exception:  # noqa: BLE001 - quitting must not fail; the console checks the process anyway
            pass
        self.spilled = keep_unsaved(self.day, self.t)


def keep_unsaved(day: Day, t) -> str | None:
    """Records still waiting as a station quits: written to the journal if it takes them now,
    else to a spill file. Returns what to tell (where they went), or None when none waited."""
    from ..errors import GelarError

    if day.flush_unsaved():
        return None
    count = len(day.unsaved)
    try:
        path = day.spill()
    except GelarError as exc:
        return exc.render(t)
    return t("trust.spilled", count=count, path=str(path))


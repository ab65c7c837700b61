"""Jury stations: PINs, opening a station with one, and what a station may write.

:class:`~gelar_tui.day.facade.Day` takes these actions from :class:`StationActions`. The day
knows whom it acts for from its origin: ``jury:<id>`` is that juror's station, which
may write only that juror's scores and locks, and only once opened with the juror's
PIN. Every other origin (the console, the command line, the audience display) may do
everything. The check sits where
records are written (``Day._action``), so calling the core directly with another
juror's id is refused like any key press.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

from . import pins as pinbook
from ..errors import GelarError
from .state import Kind

if TYPE_CHECKING:
    from .facade import Day

STATION_PREFIX = "jury:"
CLIENT_ENV = "GELAR_CLIENT"
"""The environment variable through which `gelar serve` tells a station process its browser's address."""

_STATION_KINDS = frozenset({Kind.PIN_FAILED.value, Kind.STATION_OPENED.value, Kind.STATION_CLOSED.value})
"""What a station writes about itself, opened or not."""
_SHEET_KINDS = frozenset({Kind.SCORE_SET.value, Kind.SHEET_LOCKED.value})
"""What an opened station writes on its juror's sheets."""


def station_of(origin: str) -> str | None:
    """The juror whose station *origin* names ("jury:pemprov" -> "pemprov"), or None (console, command line)."""
    return origin.removeprefix(STATION_PREFIX) if origin.startswith(STATION_PREFIX) else None


def a_station_may_write(juror: str, kind: str, data: dict[str, Any]) -> bool:
    """Whether the opened station of *juror* may write this record on its sheets (what a spill of it may hold)."""
    return kind in _SHEET_KINDS and data.get("juror") == juror


def station_origin(juror: str) -> str:
    """The journal origin of *juror*'s station ("jury:pemprov")."""
    return f"{STATION_PREFIX}{juror}"


class StationActions:
    """PINs and jury stations (a mixin: ``self`` is the Day)."""

    _station_open: bool = False
    station_client: str = ""
    """The address this station is used from (a browser's, under `gelar serve`; "" in a terminal).
    Wrong PINs make that address wait, not the juror's other devices."""

    # -- who this day acts for ----------------------------------------------

    @property
    def station_juror(self: Day) -> str | None:
        """The juror whose station this day is, or None (the console, the command line)."""
        return station_of(self.origin)

    @property
    def station_open(self) -> bool:
        """Whether this station was opened with its juror's PIN."""
        return self._station_open

    def _check_rights(self: Day, pending: list[tuple[str, dict[str, Any]]]) -> None:
        """Refuse records this day may not write (called by Day._action before writing)."""
        juror = self.station_juror
        if juror is None:
            return
        for kind, data in pending:
            if data.get("juror") != juror and kind in (_STATION_KINDS | _SHEET_KINDS):
                raise GelarError("station.other_juror", juror=data.get("juror"))
            if kind in _STATION_KINDS:
                continue
            if kind in _SHEET_KINDS:
                if not self._station_open:
                    raise GelarError("station.not_open")
                continue
            raise GelarError("station.moderator_only")

    # -- PINs -------------------------------------------------------------------

    def has_pin(self: Day, juror: str) -> bool:
        return juror in self.state.pins

    def issue_pins(self: Day, reset: str | None = None) -> dict[str, str]:
        """New PINs: for every juror when none has one yet, or for the juror *reset* only.

        Returns the PINs in clear: the only time they exist outside their holders' hands.
        """
        with self._action() as out:
            if reset is not None:
                self._check_juror(reset)
                others = {j: stored for j, stored in self.state.pins.items() if j != reset}
                new = pinbook.new_pins([reset], taken=lambda pin: any(pinbook.pin_matches(pin, s) for s in others.values()))
            else:
                if self.state.pins:
                    raise GelarError("pins.exist", jurors=", ".join(self.state.pins))
                new = pinbook.new_pins(self.event.juror_ids)
            for juror, pin in new.items():
                out.append((Kind.PIN_SET, {"juror": juror, **pinbook.hash_pin(pin)}))
        return new

    def pin_wait(self: Day, juror: str, now: float | None = None, client: str | None = None) -> int:
        """Whole seconds this station's address (or *client*) must still wait before it may try *juror*'s PIN (0: none)."""
        until = self.state.pin_wait_until.get((juror, self.station_client if client is None else client))
        if until is None:
            return 0
        left = until - (self.now() if now is None else now)
        return max(0, int(left + 0.999))

    # -- a station opens and closes ---------------------------------------------

    def open_station(self: Day, pin: str) -> None:
        """Open this juror's station with *pin*. A wrong PIN is journaled (never the PIN itself)
        and refused; from the fifth wrong one in a row from this address on, it waits a minute.

        While the journal cannot be written, no PIN is checked: a try that could not be
        journaled would not count, so guessing would be free.
        """
        juror = self.station_juror
        if juror is None:
            raise GelarError("station.not_a_station")
        wrong = 0
        client = self.station_client
        with self._action(keep=False, refused="station.journal_busy") as out:
            if juror not in self.state.pins:
                raise GelarError("station.no_pin", juror=self.event.juror_name(juror))
            wait = self.pin_wait(juror)
            if wait:
                raise GelarError("station.wait", seconds=wait)
            if pinbook.pin_matches(pin, self.state.pins[juror]):
                out.append((Kind.STATION_OPENED, {"juror": juror, "host": _host(), "pid": os.getpid(), "client": client}))
            else:
                wrong = self.state.wrong_pins.get((juror, client), 0) + 1
                data: dict[str, Any] = {"juror": juror, "client": client}
                if wrong >= pinbook.WRONG_IN_A_ROW:
                    data["wait_until"] = self.now() + pinbook.WAIT_SECONDS
                out.append((Kind.PIN_FAILED, data))
        if wrong:
            if wrong >= pinbook.WRONG_IN_A_ROW:
                raise GelarError("station.wrong_pin_wait", seconds=pinbook.WAIT_SECONDS)
            raise GelarError("station.wrong_pin", left=pinbook.WRONG_IN_A_ROW - wrong)
        self._station_open = True

    def clear_pin_wait(self: Day, juror: str) -> None:
        """The moderator lets *juror*'s PIN be tried again at once, from every address (journaled)."""
        self._check_juror(juror)
        with self._action() as out:
            if not any(key[0] == juror for key in (*self.state.wrong_pins, *self.state.pin_wait_until)):
                raise GelarError("station.no_lockout", juror=self.event.juror_name(juror))
            out.append((Kind.PIN_WAIT_CLEARED, {"juror": juror}))

    def close_station(self: Day) -> None:
        """The station is left (its app quits): the console stops counting it as open."""
        juror = self.station_juror
        if juror is None or not self._station_open:
            return
        with self._action() as out:
            out.append((Kind.STATION_CLOSED, {"juror": juror, "host": _host(), "pid": os.getpid()}))
        self._station_open = False

    def open_stations(self: Day) -> dict[str, int]:
        """Juror id -> how many of their stations are open now.

        A station that was killed never wrote that it closed: on this machine (where
        every station runs, beside the journal) one whose process is gone is not counted.
        """
        here = _host()
        counts: dict[str, int] = {}
        for juror, stations in self.state.stations.items():
            alive = [pid for host, pid in stations if host != here or _running(pid)]
            if alive:
                counts[juror] = len(alive)
        return counts

    def _check_juror(self: Day, juror: str) -> None:
        if juror not in self.event.juror_ids:
            raise GelarError("action.unknown_juror", juror=juror, known=", ".join(self.event.juror_ids))


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _host() -> str:
    """This machine's name, for the station records (imported when needed: not on the console's start)."""
    import socket

    return socket.gethostname()

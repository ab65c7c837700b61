"""Jury stations: PINs, opening a station with one, and what a station may write.

A day knows whom it acts for from its origin: ``jury:<id>`` is that juror's station, which
may write only that juror's scores and locks, and only once opened with the juror's
PIN. Every other origin (the console, the command line, the audience display) may do
everything. :func:`check_rights` sits where records are written (the write pipeline,
:mod:`gelar_tui.day.pipeline`), so calling the core directly with another juror's id is
refused like any key press. The PIN verbs are plain decisions (see :mod:`gelar_tui.day.decide`).
"""

from __future__ import annotations

import os
from typing import Any

from . import pins as pinbook
from ..errors import GelarError
from ..event.model import Event
from .decide import Decided, Records, check_ids
from .state import DayState, Kind

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


def check_rights(origin: str, station_open: bool, pending: Records) -> None:
    """Refuse records *origin* may not write (a station: only its own juror's sheets, once opened)."""
    juror = station_of(origin)
    if juror is None:
        return
    for kind, data in pending:
        if data.get("juror") != juror and kind in (_STATION_KINDS | _SHEET_KINDS):
            raise GelarError("station.other_juror", juror=data.get("juror"))
        if kind in _STATION_KINDS:
            continue
        if kind in _SHEET_KINDS:
            if not station_open:
                raise GelarError("station.not_open")
            continue
        raise GelarError("station.moderator_only")


# -- PINs -------------------------------------------------------------------


def issue_pins(event: Event, state: DayState, reset: str | None = None) -> Decided[dict[str, str]]:
    """New PINs: for every juror when none has one yet, or for the juror *reset* only; answers them in clear."""
    if reset is not None:
        check_ids(event, state, juror=reset)
        others = {j: stored for j, stored in state.pins.items() if j != reset}
        new = pinbook.new_pins([reset], taken=lambda pin: any(pinbook.pin_matches(pin, s) for s in others.values()))
    else:
        if state.pins:
            raise GelarError("pins.exist", jurors=", ".join(state.pins))
        new = pinbook.new_pins(event.juror_ids)
    return Decided([(Kind.PIN_SET, {"juror": juror, **pinbook.hash_pin(pin)}) for juror, pin in new.items()], new)


def pin_wait(state: DayState, juror: str, client: str, now: float) -> int:
    """Whole seconds the address *client* must still wait before it may try *juror*'s PIN (0: none)."""
    until = state.pin_wait_until.get((juror, client))
    if until is None:
        return 0
    return max(0, int(until - now + 0.999))


def open_station(event: Event, state: DayState, now: float, juror: str, client: str, pin: str) -> Decided[int]:
    """Opening *juror*'s station with *pin* from *client*: the record to write, and how many wrong tries
    in a row this one makes (0: the PIN was right). A wrong PIN is journaled (never the PIN itself)."""
    if juror not in state.pins:
        raise GelarError("station.no_pin", juror=event.juror_name(juror))
    wait = pin_wait(state, juror, client, now)
    if wait:
        raise GelarError("station.wait", seconds=wait)
    if pinbook.pin_matches(pin, state.pins[juror]):
        return Decided([(Kind.STATION_OPENED, {"juror": juror, "host": _host(), "pid": os.getpid(), "client": client})], 0)
    wrong = state.wrong_pins.get((juror, client), 0) + 1
    data: dict[str, Any] = {"juror": juror, "client": client}
    if wrong >= pinbook.WRONG_IN_A_ROW:
        data["wait_until"] = now + pinbook.WAIT_SECONDS
    return Decided([(Kind.PIN_FAILED, data)], wrong)


def wrong_pin(wrong: int) -> GelarError:
    """What a station says after its *wrong*-th wrong PIN in a row was journaled."""
    if wrong >= pinbook.WRONG_IN_A_ROW:
        return GelarError("station.wrong_pin_wait", seconds=pinbook.WAIT_SECONDS)
    return GelarError("station.wrong_pin", left=pinbook.WRONG_IN_A_ROW - wrong)


def clear_pin_wait(event: Event, state: DayState, juror: str) -> Records:
    """The moderator lets *juror*'s PIN be tried again at once, from every address."""
    check_ids(event, state, juror=juror)
    if not any(key[0] == juror for key in (*state.wrong_pins, *state.pin_wait_until)):
        raise GelarError("station.no_lockout", juror=event.juror_name(juror))
    return [(Kind.PIN_WAIT_CLEARED, {"juror": juror})]


def close_station(juror: str) -> Records:
    """The station is left (its app quits)."""
    return [(Kind.STATION_CLOSED, {"juror": juror, "host": _host(), "pid": os.getpid()})]


def open_stations(state: DayState) -> dict[str, int]:
    """Juror id -> how many of their stations are open now.

    A station that was killed never wrote that it closed: on this machine (where
    every station runs, beside the journal) one whose process is gone is not counted.
    """
    here = _host()
    counts: dict[str, int] = {}
    for juror, stations in state.stations.items():
        alive = [pid for host, pid in stations if host != here or _running(pid)]
        if alive:
            counts[juror] = len(alive)
    return counts


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

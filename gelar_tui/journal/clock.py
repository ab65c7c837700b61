"""Clocks the day can run on: the real one, a faster one for rehearsals, a fake one for tests.

A slot's time is never counted in ticks: it is computed from the journal's records
and the clock's present moment, so it survives crashes and sleeps alike.

Every moment is a :class:`Stamp`: the wall clock, for what people read (the time of
day, the log, the documents), and the boot clock with the boot's id, for durations.
The boot clock only moves forward and keeps counting while the machine sleeps, so a
slot neither loses nor gains time when the wall clock is stepped (NTP on joining the
hall's network, a corrected time zone):

- Linux: ``CLOCK_BOOTTIME``; the boot id is ``/proc/sys/kernel/random/boot_id``.
- macOS: ``CLOCK_MONOTONIC``, which on macOS keeps counting during sleep.
- Windows and elsewhere: ``time.monotonic()`` (on Windows it counts sleep too).
Outside Linux the boot id is derived from the moment the boot clock started.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from functools import partial
from typing import NamedTuple, Protocol


class Stamp(NamedTuple):
    """One moment: wall-clock seconds since the epoch, boot-clock seconds, and the boot they count from.

    ``boot`` is None where no boot clock is known (records written before journals carried it).
    """

    wall: float
    boot: float | None
    boot_id: str


def _boot_clock() -> Callable[[], float]:
    clock_id = getattr(time, "CLOCK_BOOTTIME", None)
    if clock_id is None and sys.platform == "darwin":
        clock_id = time.CLOCK_MONOTONIC
    if clock_id is not None:
        try:
            time.clock_gettime(clock_id)
        except OSError:
            return time.monotonic
        return partial(time.clock_gettime, clock_id)
    return time.monotonic


boot_time = _boot_clock()
"""Seconds on the boot clock: forward only, counting suspend."""


def _read_boot_id() -> str:
    try:
        with open("/proc/sys/kernel/random/boot_id", encoding="ascii") as file:
            found = file.read().strip()
        if found:
            return found
    except OSError:
        pass
    # No kernel boot id: the boot clock's origin on the wall clock, to the minute, names the boot.
    import socket

    started = round((time.time() - boot_time()) / 60)
    return f"{socket.gethostname()}-{started}"


BOOT_ID = _read_boot_id()
"""This machine's current boot."""


class Clock(Protocol):
    """Where the time comes from. ``speed`` is virtual seconds per real second."""

    speed: float

    def now(self) -> float:
        """Wall-clock seconds since the epoch: for what people read."""
        ...

    def stamp(self) -> Stamp:
        """The present moment on the wall and boot clocks."""
        ...


class SystemClock:
    """The machine's clocks."""

    speed = 1.0

    def now(self) -> float:
        return time.time()

    def stamp(self) -> Stamp:
        return Stamp(time.time(), boot_time(), BOOT_ID)


class ScaledClock:
    """Clocks that run *speed* times faster from now on (rehearsals), driven by the boot clock alone."""

    def __init__(self, speed: float, start: float | None = None) -> None:
        if speed <= 0:
            raise ValueError("speed must be positive")
        self.speed = float(speed)
        self._boot_origin = boot_time()
        self._wall_origin = time.time() if start is None else start
        self._boot_id = f"rehearsal-{BOOT_ID}"

    def _elapsed(self) -> float:
        return (boot_time() - self._boot_origin) * self.speed

    def now(self) -> float:
        return self._wall_origin + self._elapsed()

    def stamp(self) -> Stamp:
        elapsed = self._elapsed()
        return Stamp(self._wall_origin + elapsed, self._boot_origin + elapsed, self._boot_id)


class FakeClock:
    """Clocks that move only when told to (tests): ``advance`` moves both, ``step_wall`` the wall clock alone."""

    speed = 1.0

    def __init__(self, start: float = 1_471_320_000.0) -> None:  # 2016-08-16 04:00 UTC, 11:00 in Kediri
        self.time = float(start)  # the boot clock, counted from the epoch for readability
        self.wall_offset = 0.0
        self.boot_id = "fake-boot-1"

    def now(self) -> float:
        return self.time + self.wall_offset

    def stamp(self) -> Stamp:
        return Stamp(self.time + self.wall_offset, self.time, self.boot_id)

    def advance(self, seconds: float) -> None:
        self.time += seconds

    def step_wall(self, seconds: float) -> None:
        """The wall clock jumps (NTP, a time-zone fix); the boot clock runs on."""
        self.wall_offset += seconds

    def reboot(self, down_for: float = 60.0) -> None:
        """The machine restarts: a new boot id, a boot clock from zero, the wall clock *down_for* later."""
        wall = self.now() + down_for
        number = int(self.boot_id.rsplit("-", 1)[1]) + 1
        self.boot_id = f"fake-boot-{number}"
        self.time = 0.0
        self.wall_offset = wall

"""Clocks the day can run on: the real one, a faster one for rehearsals, a fake one for tests.

A slot's time is never counted in ticks: it is computed from the journal's
timestamps and ``clock.now()``, so it survives crashes and sleeps alike.
"""

from __future__ import annotations

import time
from typing import Protocol


class Clock(Protocol):
    """Where the time comes from. ``speed`` is virtual seconds per real second."""

    speed: float

    def now(self) -> float:
        """Seconds since the epoch."""
        ...


class SystemClock:
    """The wall clock."""

    speed = 1.0

    def now(self) -> float:
        return time.time()


class ScaledClock:
    """A clock that runs *speed* times faster than the wall clock, from now on (rehearsals)."""

    def __init__(self, speed: float, start: float | None = None) -> None:
        if speed <= 0:
            raise ValueError("speed must be positive")
        self.speed = float(speed)
        self._real_origin = time.time()
        self._virtual_origin = self._real_origin if start is None else start

    def now(self) -> float:
        return self._virtual_origin + (time.time() - self._real_origin) * self.speed


class FakeClock:
    """A clock that moves only when told to (tests)."""

    speed = 1.0

    def __init__(self, start: float = 1_471_320_000.0) -> None:  # 2016-08-16 04:00 UTC, 11:00 in Kediri
        self.time = float(start)

    def now(self) -> float:
        return self.time

    def advance(self, seconds: float) -> None:
        self.time += seconds

"""What the slot clock shows: phase, remaining time, overtime and alert stage.

All of it is computed from the replayed state and a moment in time; nothing
here counts ticks, so the answer is the same after a crash, a pause or a sleep.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import StrEnum

from .durations import format_clock
from .event import Event
from .state import DayState


class Phase(StrEnum):
    """The phase of the current group's slot; IDLE when no group is current."""

    IDLE = "idle"
    READY = "ready"
    RUNNING = "running"
    PAUSED = "paused"
    OVERTIME = "overtime"
    DONE = "done"


class Stage(StrEnum):
    """How urgent the clock looks: before any alert, after one, at the last, past zero."""

    NORMAL = "normal"
    ALERT = "alert"
    LAST = "last"
    OVER = "over"


@dataclass(frozen=True, slots=True)
class SlotView:
    """The slot clock of one group at one moment."""

    group: str | None
    phase: Phase
    planned: int
    extension: int
    time_run: float
    remaining: float
    alerts_reached: int
    stage: Stage

    @property
    def length(self) -> int:
        return self.planned + self.extension

    @property
    def shown_remaining(self) -> int:
        """Whole seconds shown while counting down (00:00 appears exactly at zero)."""
        return max(0, math.ceil(self.remaining))

    @property
    def overtime(self) -> int:
        """Whole seconds past zero, as the clock shows them (1 from +00:01 on)."""
        return math.floor(-self.remaining) if self.remaining < 0 else 0

    @property
    def over(self) -> bool:
        return self.remaining < 0 or (self.remaining == 0 and self.phase in (Phase.OVERTIME, Phase.DONE))

    @property
    def shown(self) -> str:
        """The clock face: "29:59" counting down, "00:00" for the first second past zero, then "+00:01"."""
        if self.overtime:
            return "+" + format_clock(self.overtime)
        return format_clock(self.shown_remaining)

    @property
    def progress(self) -> float:
        """How much of the slot has run, 0.0 to 1.0."""
        return min(1.0, self.time_run / self.length) if self.length > 0 else 1.0

    def until_next_change(self) -> float | None:
        """Clock seconds until the face changes; None when it cannot change by itself."""
        if self.phase not in (Phase.RUNNING, Phase.OVERTIME):
            return None
        if self.remaining > 0:
            return self.remaining - (math.ceil(self.remaining) - 1)
        over = -self.remaining
        return math.floor(over) + 1 - over


def view_slot(event: Event, state: DayState, group: str | None, now: float) -> SlotView:
    """The clock of *group* (usually state.current) at *now*."""
    if group is None:
        return SlotView(None, Phase.IDLE, 0, 0, 0.0, 0.0, 0, Stage.NORMAL)
    slot = state.slots[group]
    time_run = slot.time_run(now)
    remaining = slot.length - time_run
    stop_at_zero = event.timing.overtime == "stop"
    if slot.finished:
        phase = Phase.DONE
    elif not slot.started:
        phase = Phase.READY
    elif stop_at_zero and remaining <= 0:
        phase = Phase.DONE
    elif not slot.running:
        phase = Phase.PAUSED
    else:
        phase = Phase.RUNNING if remaining > 0 else Phase.OVERTIME
    if stop_at_zero and remaining < 0:
        time_run, remaining = float(slot.length), 0.0
    shown = max(0, math.ceil(remaining))
    reached = sum(1 for alert in event.timing.alerts if shown <= alert)
    if remaining < 0 or (remaining == 0 and slot.started):
        stage = Stage.OVER
    elif reached and reached == len(event.timing.alerts):
        stage = Stage.LAST
    elif reached:
        stage = Stage.ALERT
    else:
        stage = Stage.NORMAL
    return SlotView(group, phase, slot.planned, slot.extension, time_run, remaining, reached, stage)

"""What the slot clock shows: phase, remaining time, overtime and alert stage.

All of it is computed from the replayed state and a moment in time; nothing
here counts ticks, so the answer is the same after a crash, a pause or a sleep.

A slot may be split into segments (a presentation, then questions), each with
its own countdown, alerts and overtime. The big clock shows the segment on
stage; a slot without segments is one segment, so its clock is the slot's.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import StrEnum

from ..event.durations import format_clock
from ..event.model import Event, Segment
from .state import DayState, Slot


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
class SegmentRun:
    """One segment of a slot as run so far: where it began in the slot's time, and the time it used."""

    index: int
    segment: Segment
    extension: int
    start: float
    used: float

    @property
    def length(self) -> int:
        return self.segment.length + self.extension

    @property
    def overtime(self) -> int:
        """Whole seconds run past the segment's length."""
        over = self.used - self.length
        return math.floor(over) if over > 0 else 0


def segment_runs(event: Event, group: str, slot: Slot, run: float) -> list[SegmentRun]:
    """The segments of *group*'s slot begun by the time the slot has run *run* seconds, in order.

    A segment begins where a record says it began (the moderator started it, or a
    process wrote down an automatic change); with automatic advance, also as soon as
    the one before it has used its length.
    """
    segments = event.segments_of(group)
    auto, last = event.advance_auto, len(segments) - 1
    runs: list[SegmentRun] = []
    index, start = 0, 0.0
    while True:
        extension = slot.segment_extension.get(index, 0)
        length = segments[index].length + extension
        following = None
        if index < last:
            mark = slot.marks.get(index + 1)
            if mark is not None and mark <= run:
                following = mark
            elif auto and run - start >= length:
                following = start + length
        if following is None:
            runs.append(SegmentRun(index, segments[index], extension, start, run - start))
            return runs
        runs.append(SegmentRun(index, segments[index], extension, start, following - start))
        index, start = index + 1, following


@dataclass(frozen=True, slots=True)
class SlotView:
    """The clock of one group at one moment.

    ``planned`` to ``stage`` are the clock of the segment on stage (for a slot
    without segments, the slot's): what the big clock shows and alerts on.
    The ``slot_*`` fields are the whole slot's.
    """

    group: str | None
    phase: Phase
    planned: int
    extension: int
    time_run: float
    remaining: float
    alerts_reached: int
    stage: Stage
    segment: int = 0
    """The index of the segment on stage."""
    segments: int = 1
    """How many segments the slot has."""
    segment_name: str = ""
    """The name of the segment on stage ("" for a slot without segments)."""
    slot_planned: int = 0
    slot_extension: int = 0
    slot_time_run: float = 0.0
    slot_overtime: int = 0
    """Whole seconds of overtime over all segments."""
    penalised_overtime: int = 0
    """Whole seconds of overtime in the segments whose overtime costs points."""
    alerts: tuple[int, ...] = ()
    """The alerts of the segment on stage (seconds left)."""

    @property
    def length(self) -> int:
        return self.planned + self.extension

    @property
    def slot_length(self) -> int:
        return self.slot_planned + self.slot_extension

    @property
    def slot_remaining(self) -> float:
        """Seconds of the whole slot left (negative past its end)."""
        return self.slot_length - self.slot_time_run

    @property
    def slot_progress(self) -> float:
        """How much of the whole slot has run, 0.0 to 1.0."""
        return min(1.0, self.slot_time_run / self.slot_length) if self.slot_length > 0 else 1.0

    @property
    def alert(self) -> int | None:
        """The last alert reached (seconds left), or None."""
        return sorted(self.alerts, reverse=True)[self.alerts_reached - 1] if self.alerts_reached else None

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
        return clock_face(self.remaining)

    @property
    def progress(self) -> float:
        """How much of the segment on stage has run, 0.0 to 1.0."""
        return min(1.0, self.time_run / self.length) if self.length > 0 else 1.0

    def until_next_change(self) -> float | None:
        """Clock seconds until the face changes; None when it cannot change by itself."""
        if self.phase not in (Phase.RUNNING, Phase.OVERTIME):
            return None
        return until_face_changes(self.remaining)


def clock_face(remaining: float) -> str:
    """A countdown's face for *remaining* seconds: "29:59", "00:00" for the first second past zero, then "+00:01"."""
    if remaining < 0 and -remaining >= 1:
        return "+" + format_clock(math.floor(-remaining))
    return format_clock(max(0, math.ceil(remaining)))


def until_face_changes(remaining: float) -> float:
    """Seconds until a running countdown's face (see clock_face) changes."""
    if remaining > 0:
        return remaining - (math.ceil(remaining) - 1)
    over = -remaining
    return math.floor(over) + 1 - over


def view_slot(event: Event, state: DayState, group: str | None, now: float) -> SlotView:
    """The clock of *group* (usually state.current) at *now*."""
    if group is None:
        return SlotView(None, Phase.IDLE, 0, 0, 0.0, 0.0, 0, Stage.NORMAL)
    slot = state.slots[group]
    slot_run = slot.time_run(now)
    runs = segment_runs(event, group, slot, slot_run)
    on = runs[-1]
    time_run = on.used
    remaining = on.length - time_run
    last = on.index == len(event.segments_of(group)) - 1
    stop_at_zero = event.timing.overtime == "stop"
    if slot.finished:
        phase = Phase.DONE
    elif not slot.started:
        phase = Phase.READY
    elif stop_at_zero and last and remaining <= 0:
        phase = Phase.DONE
    elif not slot.running:
        phase = Phase.PAUSED
    else:
        phase = Phase.RUNNING if remaining > 0 else Phase.OVERTIME
    if stop_at_zero and remaining < 0:
        slot_run -= time_run - on.length
        time_run, remaining = float(on.length), 0.0
        runs[-1] = SegmentRun(on.index, on.segment, on.extension, on.start, time_run)
    alerts = on.segment.alerts
    shown = max(0, math.ceil(remaining))
    reached = sum(1 for alert in alerts if shown <= alert)
    if remaining < 0 or (remaining == 0 and slot.started):
        stage = Stage.OVER
    elif reached and reached == len(alerts):
        stage = Stage.LAST
    elif reached:
        stage = Stage.ALERT
    else:
        stage = Stage.NORMAL
    return SlotView(
        group,
        phase,
        on.segment.length,
        on.extension,
        time_run,
        remaining,
        reached,
        stage,
        segment=on.index,
        segments=len(event.segments_of(group)),
        segment_name=on.segment.name,
        slot_planned=slot.planned,
        slot_extension=slot.extension,
        slot_time_run=slot_run,
        slot_overtime=sum(run.overtime for run in runs),
        penalised_overtime=sum(run.overtime for run in runs if run.segment.penalty),
        alerts=alerts,
    )

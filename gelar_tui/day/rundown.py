"""The rundown's decisions and views: segments within a slot, breaks, and the day's schedule.

The decisions are plain functions (see :mod:`gelar_tui.day.decide`). A segment that starts
by itself (``advance = "auto"``) is written down by the next write of any process (the write
pipeline asks :func:`due_segment_records` first), or by ``Day.sync_segments`` that the console
calls when it sees the change, with the exact point in the slot's time where it fell: so the
journal holds every change.

What a view needs to show a break (its name, when the hall is back, the countdown) is
:class:`BreakView`; the text "Ishoma · back at 12:45" is :func:`break_text`, for the
console and any other view alike.
"""

from __future__ import annotations

import copy
import datetime as dt
from dataclasses import dataclass

from ..errors import GelarError
from ..event.model import Break, Event
from ..i18n import Messages
from .decide import Decided, Records, current_group
from .schedule import BREAK, GROUP, Schedule, day_items
from .slots import close_break
from .state import DayState, GroupStatus, Kind
from .timing import Phase, SlotView, clock_face, segment_runs, until_face_changes, view_slot


@dataclass(frozen=True, slots=True)
class BreakView:
    """A break under way at one moment: its name, the countdown, and when it ends on the wall clock."""

    name: str
    length: int
    time_run: float
    back_at: float
    """Wall-clock seconds at which the break is planned to end."""

    @property
    def remaining(self) -> float:
        return self.length - self.time_run

    @property
    def over(self) -> bool:
        return self.remaining < 0

    @property
    def shown(self) -> str:
        """The clock face: counting down, then "+00:01" past the end (as a slot's clock)."""
        return clock_face(self.remaining)

    def until_next_change(self) -> float:
        """Seconds until the face changes."""
        return until_face_changes(self.remaining)


def time_of_day(wall: float) -> str:
    """Wall-clock seconds as the local time of day, "12:45"."""
    return dt.datetime.fromtimestamp(wall).strftime("%H:%M")


def break_text(view: BreakView, t: Messages) -> str:
    """"Ishoma · back at 12:45"."""
    return t("rundown.break_back", name=view.name, time=time_of_day(view.back_at))


def segment_text(view: SlotView, t: Messages) -> str:
    """"Paparan · 1 of 2" for a slot with segments; "" for a slot without."""
    if not view.segment_name:
        return ""
    return t("rundown.segment_of", name=view.segment_name, number=view.segment + 1, count=view.segments)


def delay_text(schedule: Schedule, t: Messages) -> str:
    """"on time", "7 min late" or "2 min early", and the expected end: "" without a planned start."""
    if schedule.delay is None:
        return ""
    minutes = int(abs(schedule.delay) // 60)
    if minutes == 0:
        how = t("rundown.on_time")
    else:
        how = t("rundown.late" if schedule.delay > 0 else "rundown.early", minutes=minutes)
    wall = schedule.wall(schedule.expected_end)
    return how if wall is None else t("rundown.ends", status=how, time=time_of_day(wall))


# -- segments ------------------------------------------------------------


def due_segment_records(event: Event, state: DayState, now: float) -> Records:
    """Records for segments of the current slot that began by themselves and are not written down yet."""
    group = state.current
    if group is None or not event.segmented(group):
        return []
    slot = state.slots[group]
    if not slot.started or slot.finished:
        return []
    runs = segment_runs(event, group, slot, slot.time_run(now))
    return [
        (Kind.SEGMENT_STARTED, {"group": group, "segment": run.index, "run": round(run.start, 3)})
        for run in runs[1:]
        if run.index not in slot.marks
    ]


def segments_due(state: DayState, view: SlotView) -> bool:
    """Whether a segment began by itself and is not in the journal yet (cheap: for every tick)."""
    return view.segment > 0 and view.segment not in state.slots[view.group].marks


def next_segment(event: Event, state: DayState, now: float) -> Decided[str]:
    """Start the current slot's next segment now (with manual advance, or to end one early); answers its name."""
    group = current_group(state)
    if not event.segmented(group):
        raise GelarError("rundown.no_segments", group=event.group(group).name)
    view = view_slot(event, state, group, now)
    if view.phase == Phase.READY:
        raise GelarError("action.not_running")
    if view.phase == Phase.DONE:
        raise GelarError("action.slot_finished")
    if view.segment + 1 >= view.segments:
        raise GelarError("rundown.last_segment", segment=view.segment_name)
    out: Records = [(Kind.SEGMENT_STARTED, {"group": group, "segment": view.segment + 1})]
    if view.phase == Phase.PAUSED:
        out.append((Kind.SLOT_RESUMED, {"group": group}))
    return Decided(out, event.segments_of(group)[view.segment + 1].name)


def undo_segment(event: Event, state: DayState, now: float) -> Decided[str]:
    """Take back the last segment change of the slot on stage; answers the name of the segment that goes on."""
    group = current_group(state)
    if not event.segmented(group):
        raise GelarError("rundown.no_segments", group=event.group(group).name)
    view = view_slot(event, state, group, now)
    if view.phase == Phase.DONE:
        raise GelarError("action.slot_finished")
    if view.segment == 0:
        raise GelarError("console.undo_nothing", segment=view.segment_name)
    slot = state.slots[group]
    without = copy.copy(slot)
    without.marks = {index: run for index, run in slot.marks.items() if index < view.segment}
    runs = segment_runs(event, group, without, slot.time_run(now))
    if len(runs) > view.segment:  # automatic advance would start it again at once
        raise GelarError("console.undo_automatic", segment=view.segment_name)
    return Decided([(Kind.SEGMENT_UNDONE, {"group": group, "segment": view.segment})], event.segments_of(group)[view.segment - 1].name)


# -- breaks ------------------------------------------------------------------


def due_break(event: Event, state: DayState) -> Break | None:
    """The break the moderator would start: the first not taken that comes before the current group."""
    if state.on_break is not None:
        return None
    for kind, name, _ in day_items(event, state):
        if kind == GROUP and name == state.current:
            return None
        if kind == BREAK and state.breaks[name].started_at is None:
            return next(item for item in event.breaks if item.name == name)
    return None


def break_after(event: Event, state: DayState, group: str | None) -> Break | None:
    """The break that comes right after *group* in the day's items, if it is still to be taken: what the
    hall waits for once that group has presented (the console says it is next while the group presents)."""
    items = day_items(event, state)
    for index, (kind, name, _) in enumerate(items):
        if kind == GROUP and name == group:
            following = items[index + 1] if index + 1 < len(items) else None
            if following is not None and following[0] == BREAK and state.breaks[following[1]].started_at is None:
                return next(item for item in event.breaks if item.name == following[1])
            return None
    return None


def start_break(event: Event, state: DayState) -> Decided[str]:
    """Start the break that is due (the group before it has finished); answers its name."""
    if state.on_break is not None:
        raise GelarError("rundown.on_break", name=state.on_break)
    current = state.current
    if current is not None and state.status(current) == GroupStatus.PRESENTING:
        raise GelarError("rundown.slot_under_way", group=event.group(current).name)
    due = due_break(event, state)
    if due is None:
        raise GelarError("rundown.no_break_due")
    return Decided([(Kind.BREAK_STARTED, {"break": due.name})], due.name)


def end_break(state: DayState) -> Records:
    """End the break under way."""
    if state.on_break is None:
        raise GelarError("rundown.no_break")
    return close_break(state)


def break_view(event: Event, state: DayState, now: float, wall_offset: float) -> BreakView | None:
    """The break under way at *now* (the wall clock being *wall_offset* ahead of the timeline), or None."""
    name = state.on_break
    if name is None:
        return None
    run = state.breaks[name]
    length = next(item.length for item in event.breaks if item.name == name)
    started = run.started_at if run.started_at is not None else now
    return BreakView(name, length, now - started, started + length + wall_offset)

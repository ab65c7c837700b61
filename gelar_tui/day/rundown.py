"""The rundown's actions and views: segments within a slot, breaks, and the day's schedule.

:class:`~gelar_tui.day.facade.Day` takes them from :class:`RundownActions`. Every action runs
inside the day's ``_action`` (lock, catch up, check, append). A segment that starts by
itself (``advance = "auto"``) is written down by the next action of any process, or by
:meth:`RundownActions.sync_segments` that the console calls when it sees the change, with
the exact point in the slot's time where it fell: so the journal holds every change.

What a view needs to show a break (its name, when the hall is back, the countdown) is
:class:`BreakView`; the text "Ishoma · back at 12:45" is :func:`break_text`, for the
console and any other view alike.
"""

from __future__ import annotations

import copy
import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..errors import GelarError
from ..event.model import Break
from ..i18n import Messages
from .schedule import BREAK, GROUP, Schedule, build_schedule, running_items
from .state import GroupStatus, Kind
from .timing import Phase, SlotView, clock_face, segment_runs, until_face_changes

if TYPE_CHECKING:
    from .facade import Day


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


class RundownActions:
    """What a Day can do with segments and breaks, and the schedule it reads (a mixin: ``self`` is the Day)."""

    # -- segments ------------------------------------------------------------

    def _due_segment_records(self: Day) -> list[tuple[str, dict[str, Any]]]:
        """Records for segments of the current slot that began by themselves and are not written down yet."""
        group = self.state.current
        if group is None or not self.event.segmented(group):
            return []
        slot = self.state.slots[group]
        if not slot.started or slot.finished:
            return []
        runs = segment_runs(self.event, group, slot, slot.time_run(self.now()))
        return [
            (Kind.SEGMENT_STARTED, {"group": group, "segment": run.index, "run": round(run.start, 3)})
            for run in runs[1:]
            if run.index not in slot.marks
        ]

    def segments_due(self: Day) -> bool:
        """Whether a segment began by itself and is not in the journal yet (cheap: for every tick)."""
        view = self.slot()
        return view.segment > 0 and view.segment not in self.state.slots[view.group].marks

    def sync_segments(self: Day) -> bool:
        """Write down the segments that began by themselves; True when there were any."""
        before = self.state.seq
        with self._action():
            pass  # _action writes what is due
        return self.state.seq != before

    def next_segment(self: Day) -> str:
        """Start the current slot's next segment now (with manual advance, or to end one early). Returns its name."""
        with self._action() as out:
            group = self._current()
            if not self.event.segmented(group):
                raise GelarError("rundown.no_segments", group=self.event.group(group).name)
            view = self.slot(group)
            if view.phase == Phase.READY:
                raise GelarError("action.not_running")
            if view.phase == Phase.DONE:
                raise GelarError("action.slot_finished")
            if view.segment + 1 >= view.segments:
                raise GelarError("rundown.last_segment", segment=view.segment_name)
            out.append((Kind.SEGMENT_STARTED, {"group": group, "segment": view.segment + 1}))
            if view.phase == Phase.PAUSED:
                out.append((Kind.SLOT_RESUMED, {"group": group}))
            name = self.event.segments_of(group)[view.segment + 1].name
        return name

    def undo_segment(self: Day) -> str:
        """Take back the last segment change of the slot on stage (a stray `t`): the segment before it
        goes on, with the time it would show had the change never been made. Returns its name.

        Journaled (``segment_undone``), so every process and every replay sees the same clock.
        """
        with self._action() as out:
            group = self._current()
            if not self.event.segmented(group):
                raise GelarError("rundown.no_segments", group=self.event.group(group).name)
            view = self.slot(group)
            if view.phase == Phase.DONE:
                raise GelarError("action.slot_finished")
            if view.segment == 0:
                raise GelarError("console.undo_nothing", segment=view.segment_name)
            slot = self.state.slots[group]
            without = copy.copy(slot)
            without.marks = {index: run for index, run in slot.marks.items() if index < view.segment}
            runs = segment_runs(self.event, group, without, slot.time_run(self.now()))
            if len(runs) > view.segment:  # automatic advance would start it again at once
                raise GelarError("console.undo_automatic", segment=view.segment_name)
            out.append((Kind.SEGMENT_UNDONE, {"group": group, "segment": view.segment}))
            name = self.event.segments_of(group)[view.segment - 1].name
        return name

    # -- breaks ------------------------------------------------------------------

    def due_break(self: Day) -> Break | None:
        """The break the moderator would start: the first not taken that comes before the current group."""
        state = self.state
        if state.on_break is not None:
            return None
        for kind, name, _ in running_items(self.event, state.order):
            if kind == GROUP and name == state.current:
                return None
            if kind == BREAK and state.breaks[name].started_at is None:
                return next(item for item in self.event.breaks if item.name == name)
        return None

    def start_break(self: Day) -> str:
        """Start the break that is due (the group before it has finished). Returns its name."""
        with self._action() as out:
            if self.state.on_break is not None:
                raise GelarError("rundown.on_break", name=self.state.on_break)
            current = self.state.current
            if current is not None and self.state.status(current) == GroupStatus.PRESENTING:
                raise GelarError("rundown.slot_under_way", group=self.event.group(current).name)
            due = self.due_break()
            if due is None:
                raise GelarError("rundown.no_break_due")
            out.append((Kind.BREAK_STARTED, {"break": due.name}))
        return due.name

    def end_break(self: Day) -> None:
        """End the break under way."""
        with self._action() as out:
            if self.state.on_break is None:
                raise GelarError("rundown.no_break")
            self._close_break(out)

    def _close_break(self: Day, out: list) -> None:
        if self.state.on_break is not None:
            out.append((Kind.BREAK_FINISHED, {"break": self.state.on_break}))

    def break_view(self: Day, now: float | None = None) -> BreakView | None:
        """The break under way at *now*, or None."""
        name = self.state.on_break
        if name is None:
            return None
        now = self.now() if now is None else now
        run = self.state.breaks[name]
        length = next(item.length for item in self.event.breaks if item.name == name)
        started = run.started_at if run.started_at is not None else now
        offset = self.wall_now() - now
        return BreakView(name, length, now - started, started + length + offset)

    # -- the schedule --------------------------------------------------------------

    def schedule(self: Day, now: float | None = None) -> Schedule:
        """Planned and expected times of every item, the delay and the expected end (see :mod:`gelar_tui.day.schedule`)."""
        present = self.now()
        offset = self.wall_now() - present
        now = present if now is None else now
        return build_schedule(self.event, self.state, now, now + offset)

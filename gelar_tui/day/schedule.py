"""The day's schedule: when each item of the running order was planned to start, and when it is expected to.

The running order's items are its groups, each followed by the breaks the event
places after it. Planned starts come from ``[event] start``, each item's planned
length and ``[timing] changeover`` between two groups; they are times of day on
the day that runs (the day of the first start, else today), so a rehearsal the
day before works alike. Expected starts use what the journal says has happened
(actual starts and ends) and planned lengths for what has not, never before now.

Everything is computed on the day's timeline (durations never come from the wall
clock); *offset* turns a timeline moment into wall-clock time for people to read.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..event.model import Event
from ..event.days import event_days
from .days import day_hours, running_order
from .state import DayState, GroupStatus
from .timing import view_slot

GROUP = "group"
BREAK = "break"


@dataclass(frozen=True, slots=True)
class Item:
    """One item of the running order: a group (its id) or a break (its name), with its times on the timeline."""

    item: str
    kind: str
    length: int
    """Planned seconds."""
    planned_start: float | None
    expected_start: float | None
    """None for a break passed over (a group after it has started)."""
    expected_end: float | None
    actual_start: float | None = None
    actual_end: float | None = None

    @property
    def started(self) -> bool:
        return self.actual_start is not None


@dataclass(frozen=True)
class Schedule:
    """The day's items with their planned and expected times, how late the day runs and when it ends."""

    items: list[Item]
    offset: float
    """Wall-clock time minus timeline time, now: add it to a moment to read it as a time of day."""
    delay: float | None
    """Expected minus planned start of the item under way or next (seconds; negative when early); None without a plan."""
    planned_end: float | None
    expected_end: float | None
    deadline: float | None
    """``[event] end`` on the timeline, if the event has one."""

    @property
    def late_end(self) -> bool:
        """Whether the expected end passes ``[event] end``."""
        return self.deadline is not None and self.expected_end is not None and self.expected_end > self.deadline + 0.5

    def wall(self, moment: float | None) -> float | None:
        """A timeline moment as wall-clock seconds (None stays None)."""
        return None if moment is None else moment + self.offset

    def local(self, moment: float | None) -> dt.datetime | None:
        """A timeline moment as a local date and time, to the second."""
        wall = self.wall(moment)
        return None if wall is None else dt.datetime.fromtimestamp(round(wall))


def running_items(event: Event, order: list[str]) -> list[tuple[str, str, int]]:
    """The running order's items as (kind, id or name, planned seconds): each group, then its breaks."""
    items = []
    for group in order:
        items.append((GROUP, group, event.slot_of(group)))
        items += [(BREAK, item.name, item.length) for item in event.breaks_after(group)]
    return items


def day_items(event: Event, state: DayState) -> list[tuple[str, str, int]]:
    """The items of the day being run (its groups, moves included, each followed by its breaks).

    A break stays on the day the plan gives it (the day of the group it follows): when that group
    has moved to another day, the break follows the group before it in the plan that is still on the
    day (else the day's first group). Without a day opened, every group and break in one order.
    """
    order = running_order(state)
    if state.day is None or not event.days:
        return running_items(event, order)
    here = set(order)
    anchored: dict[str | None, list[tuple[str, str, int]]] = {}
    anchor = None
    for group in event_days(event)[state.day - 1].groups:  # the plan of the day
        anchor = group if group in here else anchor
        anchored.setdefault(anchor, []).extend((BREAK, item.name, item.length) for item in event.breaks_after(group))
    orphans = anchored.get(None, [])  # no group before them is left on the day: after its first group
    items = [] if order else list(orphans)
    for index, group in enumerate(order):
        items.append((GROUP, group, event.slot_of(group)))
        items += (orphans if index == 0 else []) + anchored.get(group, [])
    return items


def planned_offsets(event: Event, items: list[tuple[str, str, int]]) -> list[int]:
    """Each item's planned start, in seconds after the day's start (changeover between two groups)."""
    offsets, at, before = [], 0, None
    for kind, _, length in items:
        if before == GROUP and kind == GROUP:
            at += event.timing.changeover
        offsets.append(at)
        at += length
        before = kind
    return offsets


def planned_length(event: Event, items: list[tuple[str, str, int]]) -> int:
    """Seconds from the planned start of the first item to the planned end of the last."""
    offsets = planned_offsets(event, items)
    return offsets[-1] + items[-1][2] if items else 0


def build_schedule(event: Event, state: DayState, now: float, wall_now: float) -> Schedule:
    """The schedule at *now* (timeline), with *wall_now* the wall clock at the same moment."""
    offset = wall_now - now
    items = day_items(event, state)
    actual = [_actual(event, state, kind, name) for kind, name, _ in items]
    first = min((start for start, _ in actual if start is not None), default=None)
    planned: list[float | None] = [None] * len(items)
    deadline = None
    start, end = day_hours(event, state)  # the day being run's
    if start is not None:
        day = dt.datetime.fromtimestamp((first if first is not None else now) + offset).date()
        origin = dt.datetime.combine(day, start).timestamp() - offset
        planned = [origin + seconds for seconds in planned_offsets(event, items)]
        if end is not None:
            deadline = dt.datetime.combine(day, end).timestamp() - offset
    # Nothing is expected before the day's planned start; after it, as soon as what comes before ends.
    expected = _expected(event, state, items, actual, max(now, planned[0]) if items and planned[0] is not None else now, now)
    built = [
        Item(name, kind, length, planned[i], expected[i][0], expected[i][1], actual[i][0], actual[i][1])
        for i, (kind, name, length) in enumerate(items)
    ]
    planned_end = planned[-1] + items[-1][2] if items and planned[-1] is not None else None
    expected_end = max((item.expected_end for item in built if item.expected_end is not None), default=None)
    return Schedule(built, offset, _delay(state, built, planned_end, expected_end), planned_end, expected_end, deadline)


def _actual(event: Event, state: DayState, kind: str, name: str) -> tuple[float | None, float | None]:
    if kind == GROUP:
        slot = state.slots[name]
        return slot.started_at, slot.finished_at
    run = state.breaks[name]
    return run.started_at, run.finished_at


def _expected(
    event: Event,
    state: DayState,
    items: list[tuple[str, str, int]],
    actual: list[tuple[float | None, float | None]],
    opening: float,
    now: float,
) -> list[tuple[float | None, float | None]]:
    """Each item's expected (start, end): skipped groups come back after every waiting item; withdrawn ones take no time."""
    later_started = [False] * len(items)
    seen = False
    for i in range(len(items) - 1, -1, -1):
        later_started[i] = seen
        seen = seen or (items[i][0] == GROUP and actual[i][0] is not None)
    sequence = [i for i, (kind, name, _) in enumerate(items) if not _set_aside(state, kind, name)]
    sequence += [i for i, (kind, name, _) in enumerate(items) if _set_aside(state, kind, name)]
    result: list[tuple[float | None, float | None]] = [(None, None)] * len(items)
    cursor, before = opening, None
    for i in sequence:
        kind, name, length = items[i]
        start, end = actual[i]
        if kind == BREAK and start is None and later_started[i]:
            continue  # passed over: the day went on without it
        if kind == GROUP and start is None and state.status(name) == GroupStatus.WITHDRAWN:
            continue  # withdrawn: takes no time of the day
        if before is not None and before[0] == GROUP and kind == GROUP:
            cursor += event.timing.changeover
        if start is None:
            start = max(cursor, now)
            end = start + length
        elif end is None:
            if kind == GROUP:
                end = now + max(0.0, view_slot(event, state, name, now).slot_remaining)
            else:
                end = max(now, start + length)
        result[i] = (start, end)
        cursor, before = end, items[i]
    return result


def _set_aside(state: DayState, kind: str, name: str) -> bool:
    return kind == GROUP and state.status(name) == GroupStatus.SKIPPED


def _delay(state: DayState, items: list[Item], planned_end: float | None, expected_end: float | None) -> float | None:
    """Expected minus planned start of the item under way, else of the next one; at the day's end, of the end."""
    def under_way(item: Item) -> bool:
        if item.kind == BREAK:
            return item.item == state.on_break
        return item.item == state.current and item.started and state.status(item.item) == GroupStatus.PRESENTING

    chosen = next((item for item in items if under_way(item)), None)
    if chosen is None:
        waiting = [item for item in items if not item.started and item.expected_start is not None]
        chosen = min(waiting, key=lambda item: item.expected_start, default=None)
    if chosen is None:
        if planned_end is None or expected_end is None:
            return None
        return expected_end - planned_end
    if chosen.planned_start is None or chosen.expected_start is None:
        return None
    return chosen.expected_start - chosen.planned_start

"""The slot clock's decisions: start, pause, resume, extend, restart, and calling groups in the running order.

Plain functions of the event, the day's state and the moment (see :mod:`gelar_tui.day.decide`):
each returns the records to write or raises the refusal; none touches the journal.
"""

from __future__ import annotations

from typing import Any

from ..errors import GelarError
from ..event.model import Event
from .days import day_of, running_order
from .decide import Decided, Records, check_ids, current_group
from .state import DayState, GroupStatus, Kind
from .timing import Phase, view_slot

MINUTE = 60


def following(state: DayState, current: str | None, skipping: str | None = None) -> str | None:
    """The next waiting group of the day being run after *current* (wrapping round), else a skipped one, else None."""
    order = running_order(state)
    start = order.index(current) + 1 if current in order else 0
    rotated = order[start:] + order[:start]
    for wanted in (GroupStatus.WAITING, GroupStatus.SKIPPED):
        for group in rotated:
            if group in (current, skipping):
                continue
            if state.status(group) == wanted:
                return group
    return None


def close_break(state: DayState) -> Records:
    """The break under way ends (the hall is back); nothing when none is."""
    return [] if state.on_break is None else [(Kind.BREAK_FINISHED, {"break": state.on_break})]


def finish_current(event: Event, state: DayState, now: float) -> Records:
    """The current slot's end, when it is under way (at the moment its clock stopped at zero, if it did)."""
    current = state.current
    if current is None:
        return []
    slot = state.slots[current]
    if not slot.started or slot.finished:
        return []
    data: dict[str, Any] = {"group": current}
    if view_slot(event, state, current, now).phase == Phase.DONE:  # the clock stopped at zero by itself
        data["at"] = slot.running_since + (slot.length - slot.run_before) if slot.running_since else now
    return [(Kind.SLOT_FINISHED, data)]


def start(event: Event, state: DayState, now: float) -> Records:
    group = current_group(state)
    if state.slots[group].started:
        raise GelarError("action.already_started")
    return [*close_break(state), (Kind.SLOT_STARTED, {"group": group})]


def pause(event: Event, state: DayState, now: float) -> Records:
    group = current_group(state)
    if view_slot(event, state, group, now).phase not in (Phase.RUNNING, Phase.OVERTIME):
        raise GelarError("action.not_running")
    return [(Kind.SLOT_PAUSED, {"group": group})]


def resume(event: Event, state: DayState, now: float) -> Records:
    group = current_group(state)
    view = view_slot(event, state, group, now)
    if view.phase not in (Phase.PAUSED, Phase.DONE):
        raise GelarError("action.not_paused")
    if event.timing.overtime == "stop" and view.remaining <= 0:
        raise GelarError("action.slot_ended")
    return [(Kind.SLOT_RESUMED, {"group": group})]


def extend(event: Event, state: DayState, now: float, seconds: int) -> Records:
    group = current_group(state)
    slot = state.slots[group]
    if slot.finished:
        raise GelarError("action.slot_finished")
    view = view_slot(event, state, group, now)
    if view.phase == Phase.DONE:  # overtime = "stop": it ended at zero
        raise GelarError("action.slot_ended")
    data: dict[str, Any] = {"group": group, "seconds": int(seconds)}
    if event.segmented(group):  # the segment on stage gets the time
        if view.length + seconds < min(MINUTE, view.planned):
            raise GelarError("action.too_short")
        data["segment"] = view.segment
    elif slot.length + seconds < MINUTE:
        raise GelarError("action.too_short")
    return [(Kind.SLOT_EXTENDED, data)]


def restart(state: DayState) -> Records:
    return [(Kind.SLOT_RESTARTED, {"group": current_group(state)})]


def next_group(event: Event, state: DayState, now: float) -> Decided[str | None]:
    target = following(state, state.current)
    return Decided([*finish_current(event, state, now), (Kind.CURRENT_CHANGED, {"group": target})], target)


def previous_group(event: Event, state: DayState, now: float) -> Decided[str]:
    order, current = running_order(state), state.current
    if not order:
        raise GelarError("action.first_group")
    if current is None or current not in order:
        target = order[-1]
    else:
        index = order.index(current)
        if index == 0:
            raise GelarError("action.first_group")
        target = order[index - 1]
    return Decided([*finish_current(event, state, now), (Kind.CURRENT_CHANGED, {"group": target})], target)


def call(event: Event, state: DayState, now: float, group: str) -> Records:
    check_ids(event, state, group)
    if state.day is not None and day_of(state, group) != state.day:  # Next never calls another day's group: nor does this
        raise GelarError("today.call_other_day", group=event.group(group).name, day=day_of(state, group), today=state.day)
    if group == state.current:
        return []
    return [*finish_current(event, state, now), (Kind.CURRENT_CHANGED, {"group": group})]


def skip(state: DayState) -> Decided[str | None]:
    group = current_group(state)
    slot = state.slots[group]
    if slot.finished:
        raise GelarError("action.slot_finished")
    out: Records = [(Kind.SLOT_RESTARTED, {"group": group})] if slot.started else []
    out.append((Kind.GROUP_SKIPPED, {"group": group}))
    target = following(state, group, skipping=group)
    out.append((Kind.CURRENT_CHANGED, {"group": target}))
    return Decided(out, target)


def move(event: Event, state: DayState, group: str, position: int) -> Records:
    check_ids(event, state, group)
    if state.slots[group].started:
        raise GelarError("action.already_presented", group=event.group(group).name)
    order = [g for g in state.order if g != group]
    position = max(0, min(position, len(order)))
    order.insert(position, group)
    if order == state.order:
        return []
    out: Records = [(Kind.ORDER_CHANGED, {"order": order})]
    # Nobody on stage yet: the group called is the first still waiting in the new order.
    current = state.current
    if current is not None and not state.slots[current].started:
        waiting = [g for g in order if state.status(g) == GroupStatus.WAITING]
        if waiting and waiting[0] != current:
            out.append((Kind.CURRENT_CHANGED, {"group": waiting[0]}))
    return out

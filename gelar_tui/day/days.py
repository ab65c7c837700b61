"""The day being run of an event over several days: which it is, its running order, a group moved, a day closed.

The console opens on one day (``day_opened``); every view replays that record, so the
display, the stations and ``gelar status`` agree on the day the room is on. Its running
order is the day's groups in ``DayState.order`` (Next calls no other day's group); a group
moved to another day (``group_moved``) goes last of that day; a day closed (``day_closed``)
locks its groups' scores unless ``[scoring] scores_open_across_days``. A journal without
``day_opened`` (an event of one day, or a console not yet opened) runs every group in one order.

Reading functions, then decisions: plain functions of (event, state, now) returning the
records to write or raising the refusal (see :mod:`gelar_tui.day.decide`).
"""

from __future__ import annotations

import datetime as dt

from ..errors import GelarError
from ..event.days import day_for_date, event_days
from ..event.model import Event
from .decide import Decided, Records, check_ids
from .state import DayState, GroupStatus, Kind

# -- reading -------------------------------------------------------------------


def running_order(state: DayState) -> list[str]:
    """The running order of the day being run (every group when no day is opened)."""
    if state.day is None:
        return state.order
    return [group for group in state.order if state.group_day.get(group, 1) == state.day]


def day_of(state: DayState, group: str) -> int:
    """The day *group* presents on: the plan, or the day it was moved to."""
    return state.group_day.get(group, 1)


def groups_on(state: DayState, number: int) -> list[str]:
    """The groups of day *number* in running order, moves included (what its times table lists)."""
    return [group for group in state.order if state.group_day.get(group, 1) == number]


def other_days(state: DayState) -> tuple[list[str], list[str]]:
    """The groups of the days before the day being run and of the days after it, in running order."""
    if state.day is None:
        return [], []
    before = [g for g in state.order if day_of(state, g) < state.day]
    after = [g for g in state.order if day_of(state, g) > state.day]
    return before, after


def day_hours(event: Event, state: DayState) -> tuple[dt.time | None, dt.time | None]:
    """The planned start and end of the day being run: its ``[[days]]`` entry's, else ``[event]``'s."""
    if state.day is None or not event.days:
        return event.event.start, event.event.end
    planned = event_days(event)[state.day - 1]
    return planned.start, planned.end


def days_listing(event: Event) -> str:
    """The event's days as a user reads them: "1 (2026-08-11), 2 (2026-08-12)"."""
    return ", ".join(f"{day.number} ({day.date.isoformat()})" for day in event_days(event))


def scores_locked(event: Event, state: DayState, group: str) -> int | None:
    """The closed day whose close locked *group*'s scores, or None when they may change."""
    if event.scoring.scores_open_across_days:
        return None
    day = day_of(state, group)
    return day if day in state.closed_days else None


def refuse_locked_day(event: Event, state: DayState, group: str) -> None:
    """Refuse a change to *group*'s scores once its day is closed (naming the day)."""
    day = scores_locked(event, state, group)
    if day is not None:
        raise GelarError("today.scores_locked", group=event.group(group).name, day=day, date=_date(event, day))


def check_day(event: Event, number: int) -> None:
    """Refuse a day the event does not have, naming the days it has."""
    count = len(event_days(event))
    if not 1 <= number <= count:
        raise GelarError("today.no_such_day", day=number, count=count, days=days_listing(event))


def day_to_open(event: Event, requested: int | None, today: dt.date) -> int | None:
    """The day a console opens on: *requested* (``--day N``), else the day held *today*; None for an event
    without ``[[days]]`` (nothing to open: it runs as one day). Refused for a day the event does not have, and
    when today is none of several days and none is asked for."""
    if requested is not None:
        check_day(event, requested)
        return requested if event.days else None
    if not event.days:
        return None
    found = day_for_date(event, today)
    if found is None:
        raise GelarError("today.not_today", date=today.isoformat(), days=days_listing(event))
    return found


# -- decisions -------------------------------------------------------------------


def open_day(event: Event, state: DayState, number: int) -> Decided[list[int]]:
    """Run day *number*: its first waiting group is called, and the days before it that are open are closed.

    Answers the days it closed. Refused for a day the event does not have, or while a group of
    another day is on stage.
    """
    check_day(event, number)
    for group in state.order:
        if state.slots[group].running and day_of(state, group) != number:
            raise GelarError("today.other_day_on_stage", group=event.group(group).name, day=day_of(state, group))
    closing = [day for day in range(1, number) if day not in state.closed_days]
    out: Records = [(Kind.DAY_CLOSED, {"day": day}) for day in closing]
    if state.day != number:
        out.append((Kind.DAY_OPENED, {"day": number}))
    if state.current is None or day_of(state, state.current) != number:
        order = [g for g in state.order if day_of(state, g) == number]
        target = _first_waiting(state, order)
        if target != state.current:
            out.append((Kind.CURRENT_CHANGED, {"group": target}))
    return Decided(out, closing)


def move_to_day(event: Event, state: DayState, group: str, number: int) -> Records:
    """Move *group* to day *number* (last of its running order): refused once it has started presenting,
    for a day closed, and for a group whose scores its day's close has locked."""
    check_ids(event, state, group)
    check_day(event, number)
    name = event.group(group).name
    if day_of(state, group) == number:
        raise GelarError("today.already_on_day", group=name, day=number)
    if state.slots[group].started or state.slots[group].finished:
        raise GelarError("today.move_presented", group=name)
    if number in state.closed_days:
        raise GelarError("today.move_to_closed", group=name, day=number)
    locked = scores_locked(event, state, group)
    if locked is not None and any(key[0] == group and sheet for key, sheet in state.sheets.items()):
        raise GelarError("today.move_locked_scores", group=name, day=locked)
    out: Records = [(Kind.GROUP_MOVED, {"group": group, "day": number})]
    if state.current == group and state.day is not None and number != state.day:
        rest = [g for g in running_order(state) if g != group]
        out.append((Kind.CURRENT_CHANGED, {"group": _first_waiting(state, rest)}))
    return out


def close_day(event: Event, state: DayState, number: int) -> Decided[bool]:
    """Close day *number* (answers False when it was closed already): refused while one of its groups presents."""
    check_day(event, number)
    if number in state.closed_days:
        return Decided([], False)
    for group in state.order:
        if day_of(state, group) == number and state.slots[group].running:
            raise GelarError("today.close_while_running", group=event.group(group).name, day=number)
    return Decided([(Kind.DAY_CLOSED, {"day": number})], True)


def _first_waiting(state: DayState, order: list[str]) -> str | None:
    """The first group of *order* still waiting, else the first set aside, else None."""
    for wanted in (GroupStatus.WAITING, GroupStatus.SKIPPED):
        found = next((g for g in order if state.status(g) == wanted), None)
        if found is not None:
            return found
    return None


def _date(event: Event, number: int) -> str:
    return event_days(event)[number - 1].date.isoformat()

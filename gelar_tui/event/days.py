"""An event over several days, in categories, with a letterhead: the pure helpers and the file's rules.

An event without ``[[days]]`` is one day: ``[event] date``, ``start`` and ``end`` and every
group in the ``[[groups]]`` order. With ``[[days]]``, a day names its groups (ids in
running order) or gives a number: the next that many groups of the ``[[groups]]`` order
that no day names. A break belongs to the day of the group it follows.

Nothing here opens a journal: the console, the rundown and the commands ask these
functions which day a group is on, a day's running order and which day is today.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from .model import Awards, Event

Rule = tuple[tuple[str | int, ...], str, dict[str, Any]]

IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".svg")
"""The logo files the letterhead takes: what WeasyPrint and every browser draw."""
LOGO_MAX_BYTES = 2_000_000


@dataclass(frozen=True, slots=True)
class PlannedDay:
    """One day of the event as it is planned: its number (from 1), date, times and running order."""

    number: int
    date: dt.date
    start: dt.time | None
    end: dt.time | None
    groups: tuple[str, ...]
    """The ids of the day's groups, in running order."""


def event_days(event: Event) -> tuple[PlannedDay, ...]:
    """The event's days with their running orders (one day for an event without ``[[days]]``)."""
    return _event_days(event)


@lru_cache(maxsize=32)
def _event_days(event: Event) -> tuple[PlannedDay, ...]:
    info = event.event
    if not event.days:
        return (PlannedDay(1, info.date, info.start, info.end, tuple(event.group_ids)),)
    named = {group for day in event.days for group in day.groups}
    rest = iter([group for group in event.group_ids if group not in named])
    days = []
    for number, day in enumerate(event.days, start=1):
        groups = day.groups if day.count is None else tuple(group for _, group in zip(range(day.count), rest))
        days.append(PlannedDay(number, day.date, day.start, day.end, tuple(groups)))
    return tuple(days)


def day_of_group(event: Event, group_id: str) -> int:
    """The number of the day a group presents on (KeyError for a group on no day)."""
    for day in event_days(event):
        if group_id in day.groups:
            return day.number
    raise KeyError(group_id)


def day_order(event: Event, number: int) -> list[str]:
    """The running order of day *number* (from 1; KeyError for a day the event does not have)."""
    days = event_days(event)
    if not 1 <= number <= len(days):
        raise KeyError(number)
    return list(days[number - 1].groups)


def day_for_date(event: Event, date: dt.date) -> int | None:
    """The number of the day held on *date*: "today's day"; None when no day is on that date.

    A one-day event is held on its date, and also on any other (a rehearsal the day before works alike).
    """
    days = event_days(event)
    if len(days) == 1:
        return 1
    return next((day.number for day in days if day.date == date), None)


def category_of(event: Event, group_id: str) -> str | None:
    """The id of a group's category (None for an event without categories)."""
    return event.group(group_id).category if event.categories else None


def category_name(event: Event, category_id: str | None) -> str:
    """A category's name; "" for none, the id itself for a category the event does not know."""
    if category_id is None:
        return ""
    return next((c.name for c in event.categories if c.id == category_id), category_id)


def category_groups(event: Event, category_id: str) -> list[str]:
    """The ids of a category's groups, in the ``[[groups]]`` order."""
    return [group.id for group in event.groups if group.category == category_id]


def category_awards(event: Event, category_id: str) -> Awards:
    """A category's awards: its own, else the event's."""
    found = next((c for c in event.categories if c.id == category_id), None)
    return found.awards if found is not None and found.awards is not None else event.awards


def category_finalists(event: Event, category_id: str) -> int | None:
    """How many of a category go on: its own ``finalists``, else ``[scoring] finalists``; None: no cut."""
    found = next((c for c in event.categories if c.id == category_id), None)
    own = found.finalists if found is not None else None
    return own if own is not None else event.scoring.finalists


def days_rules(event: Event) -> Iterator[Rule]:
    """Every mistake in ``[[days]]``, ``[[categories]]`` and ``[document]`` that ties fields together."""
    yield from _day_rules(event)
    yield from _category_rules(event)
    chair = event.document.chair
    if chair is not None and chair not in event.juror_ids:
        yield ("document", "chair"), "provincial.check.chair_not_juror", {"id": chair, "known": ", ".join(event.juror_ids)}


def _day_rules(event: Event) -> Iterator[Rule]:
    if not event.days:
        return
    known = set(event.group_ids)
    first = event.days[0].date
    if first != event.event.date:
        yield ("days", 0, "date"), "provincial.check.first_day_not_event_date", {"date": first.isoformat(), "event": event.event.date.isoformat()}
    placed: dict[str, int] = {}
    for index, day in enumerate(event.days):
        if index and day.date <= event.days[index - 1].date:
            yield ("days", index, "date"), "provincial.check.day_out_of_order", {
                "date": day.date.isoformat(),
                "before": event.days[index - 1].date.isoformat(),
            }
        if day.end is not None and day.end <= day.start:
            yield ("days", index, "end"), "check.end_not_after_start", {"end": day.end.strftime("%H:%M"), "start": day.start.strftime("%H:%M")}
        for number, group in enumerate(day.groups):
            if group not in known:
                yield ("days", index, "groups", number), "provincial.check.day_unknown_group", {"id": group, "known": ", ".join(event.group_ids)}
            elif group in placed:
                yield ("days", index, "groups", number), "provincial.check.group_on_two_days", {"id": group, "day": index + 1, "other": placed[group] + 1}
            else:
                placed[group] = index
    named = {group for day in event.days for group in day.groups}
    free = [group for group in event.group_ids if group not in named]
    asked = sum(day.count or 0 for day in event.days)
    if asked > len(free):
        index = max(i for i, day in enumerate(event.days) if day.count)
        yield ("days", index, "groups"), "provincial.check.too_few_groups", {"asked": asked, "left": len(free)}
    elif asked < len(free):
        rest = free[asked:]
        yield ("days",), "provincial.check.group_on_no_day", {"ids": ", ".join(rest), "count": len(rest)}
    for index, day in enumerate(event_days(event)):
        if not day.groups:
            yield ("days", index, "groups"), "provincial.check.day_without_groups", {"day": index + 1}


def _category_rules(event: Event) -> Iterator[Rule]:
    ids: dict[str, int] = {}
    for index, category in enumerate(event.categories):
        if category.id in ids:
            yield ("categories", index, "id"), "check.duplicate_id", {"id": category.id, "other": f"categories[{ids[category.id]}]"}
        else:
            ids[category.id] = index
    for index, group in enumerate(event.groups):
        if not event.categories:
            if group.category is not None:
                yield ("groups", index, "category"), "provincial.check.category_without_categories", {"id": group.category}
        elif group.category is None:
            yield ("groups", index, "category"), "provincial.check.group_without_category", {"known": ", ".join(ids)}
        elif group.category not in ids:
            yield ("groups", index, "category"), "provincial.check.unknown_category", {"id": group.category, "known": ", ".join(ids)}
    if event.scoring.overall and not event.categories:
        yield ("scoring", "overall"), "provincial.check.overall_without_categories", {}
    if event.scoring.finalists is not None and not event.categories:  # the cut is made in each category only
        yield ("scoring", "finalists"), "provfix.check.finalists_without_categories", {}
    for index, category in enumerate(event.categories):
        size = len(category_groups(event, category.id))
        if not size:
            yield ("categories", index, "id"), "provfix.check.category_without_groups", {"id": category.id}
            continue
        cut = category_finalists(event, category.id)
        if cut is not None and cut > size:  # everyone would go on: a cut that cuts nothing is a typo
            where = ("categories", index, "finalists") if category.finalists is not None else ("scoring", "finalists")
            yield where, "provfix.check.finalists_above_size", {"finalists": cut, "id": category.id, "size": size}


def logo_problems(event: Event, folder) -> Iterator[Rule]:
    """The letterhead's logo must be an image file beside the event file (checked on every start, like sounds)."""
    from pathlib import Path

    logo = event.document.logo
    if logo is None:
        return
    path = Path(folder) / logo
    where = ("document", "logo")
    if path.suffix.lower() not in IMAGE_SUFFIXES:
        yield where, "provincial.check.logo_not_image", {"path": logo, "kinds": ", ".join(IMAGE_SUFFIXES)}
        return
    try:
        head = path.read_bytes()[:4096] if path.stat().st_size <= LOGO_MAX_BYTES else None
    except FileNotFoundError:
        yield where, "provincial.check.logo_missing", {"path": logo}
        return
    except OSError as exc:
        yield where, "provincial.check.logo_unreadable", {"path": logo, "reason": exc.strerror or type(exc).__name__}
        return
    if head is None:
        yield where, "provincial.check.logo_too_big", {"path": logo, "max": LOGO_MAX_BYTES // 1_000_000}
    elif image_type(head) is None:
        yield where, "provincial.check.logo_not_image", {"path": logo, "kinds": ", ".join(IMAGE_SUFFIXES)}


def image_type(head: bytes) -> str | None:
    """The MIME type of an image from its first bytes (PNG, JPEG, GIF, SVG), or None."""
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head.startswith((b"GIF87a", b"GIF89a")):
        return "image/gif"
    if b"<svg" in head[:4096]:
        return "image/svg+xml"
    return None

"""The printed rundown for the master of ceremonies: one A4 page per day, in Markdown or printable HTML (PDF from it).

Each day lists its items in running order with their planned start: each group's
name, agency, category and members (the MC reads them out), its slot and segments,
the breaks, and the changeover between two groups; the planned end and the day's
deadline close it. Planned times come from the day's schedule functions
(``day.schedule.running_items`` and ``planned_offsets``), the page's look from the
berita acara's print CSS.
"""

from __future__ import annotations

import datetime as dt
import html
from dataclasses import dataclass

from ..day.schedule import BREAK, planned_length, planned_offsets, running_items
from ..event.days import PlannedDay, category_name, event_days
from ..event.durations import format_clock, format_duration
from ..event.model import Event
from ..i18n import Messages, long_date
from ..printable import printable


@dataclass(frozen=True)
class RundownItem:
    """One line of a day's rundown: its planned start (as read), and what the MC says."""

    time: str
    kind: str
    """"group" or "break"."""
    name: str
    agency: str
    category: str
    members: tuple[str, ...]
    length: str
    segments: str


@dataclass(frozen=True)
class DayRundown:
    """A day's rundown: the day, its items, its planned end and deadline."""

    day: PlannedDay
    items: list[RundownItem]
    end: str
    deadline: str


@dataclass(frozen=True)
class PlannedItem:
    """One item of a day's running order with its planned start: seconds after the day's start, and
    the time of day when the day has a start."""

    kind: str
    item: str
    """A group's id, or a break's name."""
    length: int
    offset: int
    start: dt.datetime | None


def planned_items(event: Event, day: PlannedDay) -> list[PlannedItem]:
    """The planned start of each item of *day* (its groups, each followed by its breaks), from the
    schedule's own functions: changeover between two groups, none around a break."""
    items = running_items(event, list(day.groups))
    origin = dt.datetime.combine(day.date, day.start) if day.start is not None else None
    return [
        PlannedItem(kind, name, length, offset, None if origin is None else origin + dt.timedelta(seconds=offset))
        for (kind, name, length), offset in zip(items, planned_offsets(event, items))
    ]


def day_rundown(event: Event, day: PlannedDay) -> DayRundown:
    """The items of *day* with their planned starts (times of day with a start, else offsets like +01:30:00);
    a group's segments when it has its own."""
    items = running_items(event, list(day.groups))
    offsets = [planned.offset for planned in planned_items(event, day)]
    if day.start is not None:
        origin = dt.datetime.combine(day.date, day.start)

        def when(seconds: int) -> str:
            return (origin + dt.timedelta(seconds=seconds)).strftime("%H:%M")

    else:

        def when(seconds: int) -> str:
            return "+" + format_clock(seconds)

    lines = []
    for (kind, name, length), offset in zip(items, offsets):
        if kind == BREAK:
            lines.append(RundownItem(when(offset), kind, name, "", "", (), format_duration(length), ""))
            continue
        group = event.group(name)
        own = group.segments  # the event's segments are said once, under the day (the segment plan)
        segments = ", ".join(f"{s.name} {format_duration(s.length)}" for s in own) if own else ""
        category = category_name(event, group.category) if event.categories else ""
        lines.append(RundownItem(when(offset), kind, group.name, group.agency, category, group.members, format_duration(length), segments))
    end = when(planned_length(event, items)) if items else ""
    deadline = day.end.strftime("%H:%M") if day.end is not None else ""
    return DayRundown(day, lines, end, deadline)


def rundowns(event: Event, number: int | None = None) -> list[DayRundown]:
    """Every day's rundown, or day *number*'s alone (KeyError for a day the event does not have)."""
    days = event_days(event)
    if number is not None:
        if not 1 <= number <= len(days):
            raise KeyError(number)
        days = (days[number - 1],)
    return [day_rundown(event, day) for day in days]


def _day_title(event: Event, rundown: DayRundown, t: Messages) -> str:
    count = len(event_days(event))
    date = long_date(rundown.day.date, t)
    return t("provincial.rundown.day_title", number=rundown.day.number, count=count, date=date) if count > 1 else date


def _notes(event: Event, rundown: DayRundown, t: Messages) -> list[str]:
    notes = [t("provincial.rundown.end", time=rundown.end)] if rundown.end else []
    if rundown.deadline:
        notes.append(t("provincial.rundown.deadline", time=rundown.deadline))
    if event.timing.changeover:
        notes.append(t("rundown.changeover", length=format_duration(event.timing.changeover)))
    if event.timing.segments:
        plan = ", ".join(f"{s.name} {format_duration(s.length)}" for s in event.timing.segments)
        notes.append(t("provincial.rundown.segment_plan", plan=plan))
    return notes


def to_markdown(event: Event, days: list[DayRundown], t: Messages) -> str:
    """The rundown in Markdown: a heading per day, a numbered line per item."""
    out = [f"# {t('provincial.rundown.title')}", "", f"## {event.event.title}", "", f"{event.event.venue}", ""]
    for rundown in days:
        out += [f"### {_day_title(event, rundown, t)}", ""]
        number = 0
        for item in rundown.items:
            if item.kind == BREAK:
                out += [f"- **{item.time}** — _{item.name}_ ({item.length})"]
                continue
            number += 1
            category = f" · {item.category}" if item.category else ""
            out += [f"- **{item.time}** — {number}. **{item.name}** · {item.agency}{category} ({item.length})"]
            if item.segments:
                out += [f"  - {item.segments}"]
            if item.members:
                out += [f"  - {t('provincial.rundown.members')}: {' · '.join(item.members)}"]
        out += ["", *(f"{note}  " for note in _notes(event, rundown, t)), ""]
    return printable("\n".join(out))


_CSS = """
@page { @top-center { content: string(dayline); font-family: "DejaVu Sans", Arial, sans-serif; font-size: 8pt; color: #444; } }
.venue { string-set: dayline content(); }
.day { page-break-before: always; break-before: page; }
.day:first-of-type { page-break-before: auto; break-before: auto; }
.venue { text-align: center; margin: 0 0 6pt; }
table.rundown td.time { white-space: nowrap; font-weight: bold; width: 14mm; }
table.rundown td.number { width: 8mm; text-align: right; }
table.rundown td.length { white-space: nowrap; width: 16mm; text-align: right; }
table.rundown tr.break td { background: #f0f0f0; font-style: italic; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
table.rundown .name { font-weight: bold; font-size: 11pt; }
table.rundown .members { font-size: 9.5pt; margin-top: 2pt; }
table.rundown .segments { font-size: 9pt; color: #333; }
.notes { margin-top: 6pt; }
"""


def to_html(event: Event, days: list[DayRundown], t: Messages) -> str:
    """The rundown as one printable A4 page per day (the berita acara's CSS), for a browser or the PDF."""
    from .document import _CSS as DOCUMENT_CSS
    from .document_layout import PRINT_CSS

    esc = html.escape
    title = t("provincial.rundown.title")
    parts = [
        f'<!DOCTYPE html><html lang="{t.language}"><head><meta charset="utf-8">',
        f"<title>{esc(title)} - {esc(event.event.title)}</title><style>{DOCUMENT_CSS}{PRINT_CSS}{_CSS}</style></head><body>",
    ]
    heads = [t("provincial.rundown.time"), "#", t("provincial.rundown.item"), t("provincial.rundown.length")]
    for rundown in days:
        parts.append(f'<section class="day"><h1>{esc(title)}</h1><h2>{esc(event.event.title)}</h2>')
        parts.append(f'<p class="venue">{esc(event.event.venue)} · {esc(_day_title(event, rundown, t))}</p>')
        rows, number = [], 0
        for item in rundown.items:
            if item.kind == BREAK:
                rows.append(
                    f'<tr class="break"><td class="time">{esc(item.time)}</td><td class="number"></td>'
                    f'<td>{esc(item.name)}</td><td class="length">{esc(item.length)}</td></tr>'
                )
                continue
            number += 1
            who = f'<div class="name">{esc(item.name)}</div><div>{esc(item.agency)}'
            who += f" · {esc(t('provincial.rundown.category'))}: {esc(item.category)}" if item.category else ""
            who += "</div>"
            if item.segments:
                who += f'<div class="segments">{esc(item.segments)}</div>'
            if item.members:
                who += f'<div class="members">{esc(t("provincial.rundown.members"))}: {esc(" · ".join(item.members))}</div>'
            rows.append(
                f'<tr class="group"><td class="time">{esc(item.time)}</td><td class="number">{number}</td>'
                f'<td>{who}</td><td class="length">{esc(item.length)}</td></tr>'
            )
        head = "".join(f"<th>{esc(h)}</th>" for h in heads)
        parts.append(f'<table class="rundown"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>')
        notes = "".join(f"<div>{esc(note)}</div>" for note in _notes(event, rundown, t))
        parts.append(f'<div class="notes">{notes}</div></section>')
    parts.append("</body></html>")
    return printable("\n".join(parts) + "\n")

"""`gelar results --day N`: one day's times table, in every format the command has.

The same table as the berita acara's "presentation times" of that day (its rows come from
:mod:`.document`), headed by the day's number and date: what the office prints at the day's close.
"""

from __future__ import annotations

import csv
import html
import io
from typing import Any

from ..day.days import groups_on
from ..day.facade import Day
from ..event.days import event_days
from ..i18n import Messages
from ..printable import csv_cell, printable
from . import document, letterhead
from .document_categories import day_heading, days_times

BASE_KEYS = ("name", "planned", "extension", "used", "overtime", "state")
"""The data keys of the table's columns (then planned/actual start with a planned schedule, then segments)."""


def times_of_day(day: Day, t: Messages, number: int) -> tuple[list[str], list[tuple[str, list[str]]], set[int]]:
    """Day *number*'s table: headers, (group id, row) per group, numeric columns (KeyError: no such day)."""
    days = event_days(day.event)
    if not 1 <= number <= len(days):
        raise KeyError(number)
    headers, split, numeric = days_times(day, t, document._kit(), number)
    planned, rows = split[0]
    ids = [g for g in (groups_on(day.state, number) if day.event.days else planned.groups) if g in day.state.order]
    return headers, list(zip(ids, rows)), numeric


def _keys(day: Day, headers: list[str]) -> list[str]:
    keys = list(BASE_KEYS)
    if day.event.event.start is not None:
        keys += ["planned_start", "actual_start"]
    return keys + ["segments"] * (len(headers) - len(keys))


def times_data(day: Day, t: Messages, number: int) -> dict[str, Any]:
    """The day's times as plain data (json, toml, csv)."""
    headers, rows, _ = times_of_day(day, t, number)
    planned = event_days(day.event)[number - 1]
    keys = _keys(day, headers)
    return {
        "event": day.event.event.title,
        "day": number,
        "date": planned.date.isoformat(),
        "times": [{"group": group, **dict(zip(keys, row))} for group, row in rows],
    }


def render_day_times(day: Day, t: Messages, number: int, fmt: str) -> str | bytes:
    """Day *number*'s times table as *fmt* (text, toml, json, csv, md, html, xlsx, pdf)."""
    from .export import to_json, to_toml

    if fmt == "json":
        return to_json(times_data(day, t, number))
    if fmt == "toml":
        return to_toml(times_data(day, t, number))
    if fmt == "csv":
        return _csv(times_data(day, t, number), day)
    headers, pairs, numeric = times_of_day(day, t, number)
    rows = [row for _, row in pairs]
    heading = day_heading(day, event_days(day.event)[number - 1], t)
    title = f"{t('document.times')} · {day.event.event.title}"
    if fmt == "md":
        return printable("\n".join([f"# {title}", "", f"### {heading}", "", *document._md_table(headers, rows, numeric), ""]))
    if fmt in ("html", "pdf"):
        page = _html(day, t, title, heading, document._html_table(headers, rows, numeric, "times"))
        if fmt == "html":
            return page
        from .pdf import html_to_pdf

        return html_to_pdf(page)
    if fmt == "xlsx":
        return _xlsx(t, title, heading, headers, rows)
    return _text(day, t, heading, headers, rows, numeric)


def _text(day: Day, t: Messages, heading: str, headers: list[str], rows: list[list[str]], numeric: set[int]) -> str:
    info = day.event.event
    widths = [max(len(str(cell)) for cell in column) for column in zip(headers, *rows)]
    lines = [f"{info.title} - {info.venue}", heading, ""]
    for row in [headers, *rows]:
        cells = [c.rjust(w) if i in numeric else c.ljust(w) for i, (c, w) in enumerate(zip(row, widths))]
        lines.append("  ".join(cells).rstrip())
    return printable("\n".join(lines) + "\n")


def _csv(data: dict[str, Any], day: Day) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    keys = list(data["times"][0]) if data["times"] else ["group", *BASE_KEYS]
    writer.writerow(["day", "date", *keys])
    for row in data["times"]:
        writer.writerow(csv_cell(v) for v in [data["day"], data["date"], *(row[k] for k in keys)])
    return printable(out.getvalue())


def _html(day: Day, t: Messages, title: str, heading: str, table: str) -> str:
    esc = html.escape
    return printable(
        f'<!DOCTYPE html><html lang="{t.language}"><head><meta charset="utf-8"><title>{esc(title)}</title>'
        f"<style>{document._CSS}{letterhead.CSS}@page {{ size: A4 landscape; margin: 15mm; }}</style></head><body>"
        f"{letterhead.letterhead_html(day.event, document._folder(day), t)}"  # the office's paper, as the berita acara's
        f"<h2>{esc(title)}</h2><h3>{esc(heading)}</h3>{table}</body></html>\n"
    )


def _xlsx(t: Messages, title: str, heading: str, headers: list[str], rows: list[list[str]]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    from ..paper.workbook import put_text

    book = Workbook()
    sheet = book.active
    sheet.title = t("paper.book.times")[:31]
    put_text(sheet, 1, 1, title).font = Font(bold=True, size=12)
    put_text(sheet, 2, 1, heading)
    for column, text in enumerate(headers, start=1):
        put_text(sheet, 4, column, text).font = Font(bold=True)
    for number, row in enumerate(rows, start=5):
        for column, text in enumerate(row, start=1):
            put_text(sheet, number, column, text)
    book.properties.creator = "gelar"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()

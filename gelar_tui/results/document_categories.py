"""The parts of the results that a bigger event adds: a ranking per category with its finalists and
the tie at the cut, and each day's times table (the berita acara's blocks, ``gelar results --day N``,
the ``categories`` of the JSON).

An event without categories or days never reaches this module: its documents stay as they were.
The berita acara (:mod:`.document`) hands in its own row, note and table helpers (``kit``), so
its tables look alike and this module does not import it back.
"""

from __future__ import annotations

import dataclasses
import html
from collections.abc import Callable
from typing import Any, NamedTuple

from ..day.days import groups_on
from ..day.facade import Day
from ..event.days import event_days, PlannedDay
from ..i18n import Messages, long_date
from ..scoring.awards import award_for
from ..scoring.categories import CategoryRanking, CutTie, category_rankings
from .document_layout import juror_headers, legend, ranking_layout, ranking_table_html
from .export import _float, tie_break_name
from ..scoring.rules import scale_of


class Kit(NamedTuple):
    """The berita acara's helpers: ``rows(day, results, t)``, ``tie_notes(day, results, t)``,
    ``md_table(headers, rows, numeric)``, ``html_table(headers, rows, numeric, css_class)``, ``times_table(day, t)``."""

    rows: Callable
    tie_notes: Callable
    md_table: Callable
    html_table: Callable
    times_table: Callable


WRAP = "overflow-wrap: anywhere"
"""A category's name may be one long word: it wraps rather than run off the page."""


def rankings(day: Day) -> list[CategoryRanking]:
    """Each category's ranking as of the day's state."""
    return category_rankings(day.event, day.state, day.overtimes(), scale_of(day.event))


def categories_data(day: Day, found: list[CategoryRanking] | None = None) -> dict[str, Any]:
    """Per category id: its name, ``ranking`` of {rank, group, score}, ``finalists`` and ``tie_at_cut``."""
    found = rankings(day) if found is None else found
    return {
        c.category: {
            "name": c.name,
            "ranking": [{"rank": e.rank, "group": e.group, "score": _float(e.score)} for e in c.results.entries],
            "finalists": list(c.finalists),
            "tie_at_cut": None if c.tie_at_cut is None else _tie_data(c.tie_at_cut),
        }
        for c in found
    }


def _tie_data(tie: CutTie) -> dict[str, Any]:
    return {"groups": list(tie.groups), "places": tie.places, "decided": tie.decided, "decided_by": tie.decided_by}


def finalist_lines(day: Day, ranking: CategoryRanking, t: Messages) -> list[str]:
    """"Finalists (5): A, B, …" and, with a tie at the cut, who tied and how it was settled (or that it was not)."""
    if ranking.cut is None:
        return []
    name = day.event.group
    lines = [t("provincial.categories.finalists", count=ranking.cut, names=", ".join(name(g).name for g in ranking.finalists) or "-")]
    tie = ranking.tie_at_cut
    if tie is not None:
        names = ", ".join(name(g).name for g in tie.groups)
        if tie.decided:
            lines.append(t("provincial.categories.tie_decided", names=names, places=tie.places, key=tie_break_name(day, tie.decided_by, t)))
        else:
            lines.append(t("provincial.categories.tie_undecided", names=names, places=tie.places))
    return lines


def _category_rows(day: Day, ranking: CategoryRanking, t: Messages, kit: Kit):
    rows = kit.rows(day, ranking.results, t)  # the berita acara's own rows; only the award is the category's
    return [
        dataclasses.replace(row, award=(award.label(t) if (award := award_for(entry.rank, ranking.event)) else ""))
        for row, entry in zip(rows, ranking.results.entries)
    ]


def categories_markdown(day: Day, t: Messages, kit: Kit) -> list[str]:
    """One ranking table per category, each with its tie-break notes and finalists."""
    event = day.event
    out: list[str] = []
    for ranking in rankings(day):
        rows = _category_rows(day, ranking, t, kit)
        layout = ranking_layout(event, rows, t)
        headers = [t("results.rank"), t("results.group"), t("results.agency"), *juror_headers(event, layout), t("results.penalty"), t("results.score"), t("document.award")]
        out += [f"### {t('provincial.categories.ranking', name=ranking.name)}", ""]
        out += kit.md_table(headers, [[r.rank, r.name, r.agency, *r.totals, r.penalty, r.score, r.award] for r in rows], set(range(3, 5 + len(event.jurors))))
        if layout.compact:
            out += [""] + [f"- **{juror_id}**: {text}" for juror_id, text in legend(event, layout)]
        notes = kit.tie_notes(day, ranking.results, t) + finalist_lines(day, ranking, t)
        out += [""] + [f"- {note}" for note in notes] + ([""] if notes else [])
    return out


def categories_html(day: Day, t: Messages, kit: Kit) -> str:
    """One ranking section per category, each with its tie-break notes and finalists."""
    esc = html.escape
    event = day.event
    parts = []
    for ranking in rankings(day):
        rows = _category_rows(day, ranking, t, kit)
        layout = ranking_layout(event, rows, t)
        parts.append(f'<section class="results category{" wide" if layout.landscape else ""}"><h3 style="{WRAP}">{esc(t("provincial.categories.ranking", name=ranking.name))}</h3>')
        parts.append(ranking_table_html(event, rows, layout, t))
        notes = kit.tie_notes(day, ranking.results, t)
        finalists = finalist_lines(day, ranking, t)
        if notes:
            parts.append('<ul class="ties">' + "".join(f"<li>{esc(n)}</li>" for n in notes) + "</ul>")
        if finalists:
            parts.append(f'<ul class="finalists" style="{WRAP}">' + "".join(f"<li>{esc(n)}</li>" for n in finalists) + "</ul>")
        parts.append("</section>")
    return "\n".join(parts)


def categories_text(day: Day, t: Messages) -> str:
    """Each category's ranking as plain text (rank, group, agency, score, award), its finalists and tie at the cut."""
    from ..printable import printable
    from .export import rank_label

    out: list[str] = []
    for ranking in rankings(day):
        lower = ranking.results.lower_is_better
        headers = [t("results.rank"), t("results.group"), t("results.agency"), t("results.score"), t("document.award")]
        rows = []
        for entry in ranking.results.entries:
            group = day.event.group(entry.group)
            award = award_for(entry.rank, ranking.event)
            rows.append([rank_label(entry.rank, entry.tied), group.name, group.agency, t.number(entry.score, 3 if lower else 2), award.label(t) if award else ""])
        widths = [max(len(c) for c in column) for column in zip(headers, *rows)]
        title = t("provincial.categories.ranking", name=ranking.name)
        out += ["", title, "-" * min(len(title), 80)]
        out += ["  ".join(c.rjust(w) if i == 3 else c.ljust(w) for i, (c, w) in enumerate(zip(row, widths))).rstrip() for row in [headers, *rows]]
        out += finalist_lines(day, ranking, t)
    return printable("\n".join(out) + "\n")


# -- each day's times ------------------------------------------------------------------


def day_heading(day: Day, planned: PlannedDay, t: Messages) -> str:
    """"Day 2 of 3 · Wednesday, 12 August 2026"."""
    return t("provincial.rundown.day_title", number=planned.number, count=len(event_days(day.event)), date=long_date(planned.date, t))


def days_times(
    day: Day, t: Messages, kit: Kit, number: int | None = None
) -> tuple[list[str], list[tuple[PlannedDay, list[list[str]]]], set[int]]:
    """The times table split by day (only day *number* when given): headers, (day, rows) per day, numeric columns."""
    headers, rows, numeric = kit.times_table(day, t)
    by_group = dict(zip(day.state.order, rows))
    split = []
    for planned in event_days(day.event):
        if number is None or planned.number == number:
            on_day = groups_on(day.state, planned.number) if day.event.days else planned.groups  # a group moved follows
            split.append((planned, [by_group[g] for g in on_day if g in by_group]))  # the day's running order
    return headers, split, numeric


def days_times_markdown(day: Day, t: Messages, kit: Kit) -> list[str]:
    headers, split, numeric = days_times(day, t, kit)
    out: list[str] = []
    for planned, rows in split:
        out += [f"#### {day_heading(day, planned, t)}", "", *kit.md_table(headers, rows, numeric), ""]
    return out


def days_times_html(day: Day, t: Messages, kit: Kit) -> str:
    headers, split, numeric = days_times(day, t, kit)
    return "\n".join(
        f'<h4 class="day">{html.escape(day_heading(day, planned, t))}</h4>' + kit.html_table(headers, rows, numeric, "times")
        for planned, rows in split
    )

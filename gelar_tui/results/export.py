"""The results as `gelar results` writes them: text, toml, json and csv (md and html: document.py)."""

from __future__ import annotations

import csv
import io
import json
from fractions import Fraction
from typing import Any

import tomli_w

from ..day.facade import Day
from ..event.model import Event
from ..scoring.finality import missing, status_text, withdrawn_lines
from ..i18n import Messages, long_date, rounded
from ..printable import csv_cell, escaped, printable
from ..scoring.day_results import results_of
from ..scoring.rules import Results

DATA_PLACES = 4
"""The decimals of a figure in json, toml and csv: more than any document shows."""


def _float(value: Fraction | None, places: int = DATA_PLACES) -> float | None:
    """*value* as the data formats hold it: rounded as every output rounds (:func:`rounded`)."""
    return None if value is None else float(rounded(value, places))


def ranking_data(day: Day, results: Results | None = None, t: Messages | None = None) -> dict[str, Any]:
    """The results as plain data: what toml and json hold (with *t*, what is missing also in words)."""
    results = results or results_of(day)
    event = day.event
    ranking = []
    for entry in results.entries:
        group = event.group(entry.group)
        ranking.append(
            {
                "rank": entry.rank,
                "group": entry.group,
                "name": group.name,
                "agency": group.agency,
                "score": _float(entry.score),
                "jurors": {juror: _float(total) for juror, total in entry.totals.items()},
                "penalty": _float(entry.penalty),
                "overtime_s": entry.overtime,
                "tied": entry.tied,
                "decided_by": entry.decided_by,
            }
        )
    data = {
        "event": event.event.title,
        "venue": event.event.venue,
        "date": event.event.date.isoformat(),
        "method": results.method,
        "provisional": results.provisional,
        **({"status": status_text(results, event, t)} if t is not None else {}),
        "missing": missing_data(results),
        "withdrawn": [{"group": g, "name": event.group(g).name, "reason": reason} for g, reason in results.withdrawn],
        "scores_in": results.scores_in,
        "scores_expected": results.scores_expected,
        "sheets_locked": results.sheets_locked,
        "sheets_expected": results.sheets_expected,
        "ranking": ranking,
    }
    if event.stages:  # the final ranking over the stages, and each stage's ranking and finalists
        from .stage_results import staged_data

        return staged_data(day, data)
    return data


def missing_data(results: Results) -> dict[str, Any]:
    """What keeps the results provisional, as data (every list empty and both flags false: final)."""
    return {
        "scores": results.scores_in < results.scores_expected,
        "sheets_unlocked": results.sheets_locked < results.sheets_expected,
        "on_stage": list(results.on_stage),
        "waiting": list(results.waiting),
    }


def _without_none(value: Any) -> Any:
    """TOML has no null: leave out what is not known yet."""
    if isinstance(value, dict):
        return {k: _without_none(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_without_none(v) for v in value]
    return value


def to_json(data: dict[str, Any]) -> str:
    return escaped(json.dumps(data, ensure_ascii=False, indent=2)) + "\n"


def to_toml(data: dict[str, Any]) -> str:
    return escaped(tomli_w.dumps(_without_none(data)))


def to_csv(data: dict[str, Any], jurors: list[str]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["rank", "group", "name", "agency", *jurors, "penalty", "score", "provisional"])
    for row in data["ranking"]:
        writer.writerow(
            csv_cell(value)
            for value in [
                "" if row["rank"] is None else row["rank"],
                row["group"],
                row["name"],
                row["agency"],
                *("" if row.get("jurors", {}).get(j) is None else row["jurors"][j] for j in jurors),
                row.get("penalty", ""),
                "" if row["score"] is None else row["score"],
                "yes" if data["provisional"] else "no",
            ]
        )
    return out.getvalue()


def status_line(results: Results, t: Messages, event: Event) -> str:
    """"PROVISIONAL: 12 of 48 scores in, 0 of 8 sheets locked; still to present: …." or "Final: …"."""
    return status_text(results, event, t)


def rank_label(entry_rank: int | None, tied: bool) -> str:
    if entry_rank is None:
        return "-"
    return f"{entry_rank}=" if tied else str(entry_rank)


def to_text(day: Day, results: Results, t: Messages) -> str:
    event = day.event
    headers = [t("results.rank"), t("results.group"), t("results.agency"), *event.juror_ids, t("results.penalty"), t("results.score")]
    rows = []
    for entry in results.entries:
        group = event.group(entry.group)
        rows.append(
            [
                rank_label(entry.rank, entry.tied),
                group.name,
                group.agency,
                *(t.number(total) for total in entry.totals.values()),
                t.number(entry.penalty),
                t.number(entry.score, 3 if results.lower_is_better else 2),
            ]
        )
    widths = [max(len(str(cell)) for cell in column) for column in zip(headers, *rows)]
    numeric = set(range(3, len(headers)))
    from .letterhead import text_lines

    lines = [
        *text_lines(event, t),  # the office's letterhead and letter number, when the event has them
        f"{event.event.title} - {event.event.venue}, {long_date(event.event.date, t)}",
        status_line(results, t, event),
        t("results.method_line", method=t(f"method.{results.method}")),
        "",
    ]
    if event.stages:  # each stage's table and its cut, then the final ranking (in place of the one-stage table)
        from .stage_results import stages_text

        withdrawn = withdrawn_lines(results, event, t)
        tail = ["", t("final.withdrawn_title") + ":", *(f"  {line}" for line in withdrawn)] if withdrawn else []
        return printable("\n".join(lines)) + stages_text(day, t) + printable("\n".join(tail) + ("\n" if tail else ""))
    for row in [headers, *rows]:
        cells = [str(c).rjust(w) if i in numeric else str(c).ljust(w) for i, (c, w) in enumerate(zip(row, widths))]
        lines.append("  ".join(cells).rstrip())
    notes = [
        t("results.decided_by", group=event.group(e.group).name, key=tie_break_name(day, e.decided_by, t))
        for e in results.entries
        if e.decided_by
    ]
    if notes:
        lines += ["", *notes]
    withdrawn = withdrawn_lines(results, event, t)
    if withdrawn:
        lines += ["", t("final.withdrawn_title") + ":", *(f"  {line}" for line in withdrawn)]
    return printable("\n".join(lines) + "\n")


def tie_break_name(day: Day, key: str | None, t: Messages) -> str:
    """The name of a tie-break key as the reader knows it: the criterion's name, or "less overtime"."""
    if key is None:
        return ""
    if key == "overtime":
        return t("results.overtime_key")
    return next(c.name for c in day.event.criteria if c.id == key)

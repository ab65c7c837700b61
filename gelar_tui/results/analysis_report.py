"""The analysis as `gelar analysis` writes it (json, text, md) and as the results document's appendix."""

from __future__ import annotations

import html
from fractions import Fraction
from typing import Any

from ..scoring.analysis import METHODS, Analysis
from ..event.model import Event
from ..i18n import Messages


def _float(value: Fraction | None, places: int = 4) -> float | None:
    return None if value is None else round(float(value), places)


def analysis_data(analysis: Analysis, t: Messages) -> dict[str, Any]:
    """The analysis as plain data: the keys of the JSON contract (None where a figure is undefined)."""
    return {
        "method": analysis.method,
        "provisional": analysis.provisional,
        "groups_used": analysis.groups_used,
        "methods": {
            name: (None if results is None else [{"rank": e.rank, "group": e.group} for e in results.entries])
            for name, results in analysis.methods.items()
        },
        "differs": analysis.differs,
        "winner_stable": analysis.winner_stable,
        "leave_one_out": analysis.leave_one_out,
        "severity": {juror: _float(value) for juror, value in analysis.severity.items()},
        "kendall_w": _float(analysis.kendall_w),
        "alpha": _float(analysis.alpha),
        "readings": {
            "kendall_w": None if analysis.w_reading is None else t(f"analysis.w.{analysis.w_reading}"),
            "alpha": None if analysis.alpha_reading is None else t(f"analysis.alpha.{analysis.alpha_reading}"),
        },
        "outlier_gap": _float(analysis.gap),
        "outliers": [
            {"group": o.group, "juror": o.juror, "total": _float(o.total, 2), "others_median": _float(o.others_median, 2)}
            for o in analysis.outliers
        ],
        "short_groups": [{"group": group, "jurors": count} for group, count in analysis.short_groups],
        "notes": notes(analysis, t),
    }


def notes(analysis: Analysis, t: Messages) -> list[str]:
    return [t(key, **params) for key, params in analysis.notes]


def figure(value: Fraction | None, reading: str | None, kind: str, t: Messages) -> str:
    """"0.81 (strong)", or a dash where the figure is undefined."""
    if value is None:
        return t("analysis.undefined")
    return f"{t.number(float(value), 2)} ({t(f'analysis.{kind}.{reading}')})"


def sections(analysis: Analysis, event: Event, t: Messages) -> list[tuple[str, list[str], list[list[str]] | None, list[str]]]:
    """The report as (title, table headers, table rows or None, lines below): what text, md, html and the console show."""
    name = {g.id: g.name for g in event.groups}
    out = []
    # Methods side by side
    places = max((len(r.entries) for r in analysis.methods.values() if r is not None), default=0)
    rows = []
    for index in range(places):
        row = [str(index + 1)]
        for method in METHODS:
            results = analysis.methods[method]
            if results is None:
                row.append(t("analysis.undefined"))
                continue
            entry = results.entries[index]
            row.append(name[entry.group] if entry.rank is not None else "-")
        rows.append(row)
    if not analysis.winners:
        below = [t("analysis.no_winner")]
    elif analysis.winner_stable:
        below = [t("analysis.stable")]
    else:
        below = [t("analysis.unstable", winners=_names(analysis.winners, name, t))]
    below += [
        t("analysis.differs_line", method=t(f"analysis.short.{d['method']}"), rank=d["rank"] or "-", group=name[d["group"]], instead_of=name[d["instead_of"]])
        for d in analysis.differs
    ]
    out.append((t("analysis.methods_title"), [t("analysis.place"), *(t(f"analysis.short.{m}") + (" *" if m == analysis.method else "") for m in METHODS)], rows, below))
    # Leave one out and severity, juror by juror
    rows = []
    for j in event.juror_ids:
        loo = analysis.leave_one_out[j]
        first = t("analysis.undefined") if loo is None else _names(loo, name, t)
        changed = loo is not None and set(loo) != set(analysis.winners)
        severity = analysis.severity[j]
        rows.append([event.juror_name(j), first + (" !" if changed else ""), "-" if severity is None else _signed(severity, t)])
    out.append((t("analysis.jurors_title"), [t("analysis.juror"), t("analysis.without"), t("analysis.severity")], rows, [t("analysis.severity_hint")]))
    # Agreement
    lines = [
        t("analysis.w_line", value=figure(analysis.kendall_w, analysis.w_reading, "w", t), groups=analysis.groups_used),
        t("analysis.alpha_line", value=figure(analysis.alpha, analysis.alpha_reading, "alpha", t)),
    ]
    out.append((t("analysis.agreement_title"), [], None, lines))
    # Outlying sheets
    gap = t("analysis.gap", gap=t.number(float(analysis.gap)))
    if analysis.outliers:
        rows = [
            [name[o.group], event.juror_name(o.juror), t.number(float(o.total)), t.number(float(o.others_median))]
            for o in analysis.outliers
        ]
        out.append((t("analysis.outliers_title"), [t("results.group"), t("analysis.juror"), t("analysis.total"), t("analysis.others_median")], rows, [gap]))
    else:
        out.append((t("analysis.outliers_title"), [], None, [t("analysis.no_outliers"), gap]))
    lines = [t("analysis.short_line", group=name[g], jurors=count) for g, count in analysis.short_groups]
    lines += notes(analysis, t)
    if lines:
        out.append((t("analysis.notes_title"), [], None, lines))
    return out


def _names(groups: list[str], name: dict[str, str], t: Messages) -> str:
    return ", ".join(name[g] for g in groups) if groups else t("analysis.nobody")


def _signed(value: Fraction, t: Messages) -> str:
    return ("+" if value > 0 else "") + t.number(float(value))


def header(analysis: Analysis, t: Messages) -> str:
    line = t("analysis.header", method=t(f"method.{analysis.method}"))
    return line + (" " + t("analysis.provisional") if analysis.provisional else "")


def to_text(analysis: Analysis, event: Event, t: Messages) -> str:
    out = [header(analysis, t), ""]
    for title, headers, rows, below in sections(analysis, event, t):
        out += [title, "-" * len(title)]
        if rows is not None:
            widths = [max(len(str(c)) for c in column) for column in zip(headers, *rows)]
            out += ["  ".join(str(c).ljust(w) for c, w in zip(line, widths)).rstrip() for line in (headers, *rows)]
        out += below + [""]
    return "\n".join(out)


def to_markdown(analysis: Analysis, event: Event, t: Messages, level: int = 2) -> str:
    out = [header(analysis, t), ""]
    for title, headers, rows, below in sections(analysis, event, t):
        out += [f"{'#' * level} {title}", ""]
        if rows is not None:
            cell = lambda text: str(text).replace("|", "\\|")  # noqa: E731
            out += ["| " + " | ".join(cell(h) for h in headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
            out += ["| " + " | ".join(cell(c) for c in row) + " |" for row in rows]
            out.append("")
        out += [f"- {line}" for line in below] + [""]
    return "\n".join(out)


def to_html(analysis: Analysis, event: Event, t: Messages) -> str:
    esc = html.escape
    parts = [f"<p>{esc(header(analysis, t))}</p>"]
    for title, headers, rows, below in sections(analysis, event, t):
        parts.append(f"<h4>{esc(title)}</h4>")
        if rows is not None:
            head = "".join(f"<th>{esc(h)}</th>" for h in headers)
            body = "".join("<tr>" + "".join(f"<td>{esc(str(c))}</td>" for c in row) + "</tr>" for row in rows)
            parts.append(f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>")
        if below:
            parts.append("<ul>" + "".join(f"<li>{esc(line)}</li>" for line in below) + "</ul>")
    return "\n".join(parts)

"""The official results document (berita acara penilaian), in Markdown or printable HTML.

It holds what a jury signs: the event, the criteria and weights, every group's
juror totals, penalty, final score and award in rank order, the method and the
tie-breaks applied, each slot's planned and actual time, a closing statement,
signature blocks, and a SHA-256 fingerprint of the journal so a printed sheet
can be checked against the data.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from fractions import Fraction

from ..scoring.awards import award_for
from ..day.facade import Day
from . import document_categories as bigger
from .document_analysis import appendix_html, appendix_markdown, recusals_html, recusals_markdown
from .document_layout import PRINT_CSS, juror_headers, legend, ranking_layout, ranking_table_html
from ..event.durations import format_clock, format_duration
from .export import tie_break_name
from . import letterhead
from ..scoring.finality import status_text, withdrawn_lines
from ..i18n import Messages, long_date
from ..printable import printable
from ..day.schedule import GROUP
from ..scoring.rules import Results
from ..day.timing import segment_runs


@dataclass(frozen=True)
class Row:
    """One group's line in the results table, already formatted."""

    rank: str
    name: str
    agency: str
    totals: list[str]
    penalty: str
    score: str
    award: str
    fraction: float
    """The final score as a share of the best (for the bar chart), 0..1."""


def _score(value: Fraction | None, t: Messages, lower_is_better: bool) -> str:
    return t.number(value, 3 if lower_is_better else 2)


def _rows(day: Day, results: Results, t: Messages) -> list[Row]:
    event = day.event
    scores = [float(e.score) for e in results.entries if e.score is not None]
    best = (min(scores) if results.lower_is_better else max(scores)) if scores else 0.0
    rows = []
    for entry in results.entries:
        group = event.group(entry.group)
        award = award_for(entry.rank, event)
        if entry.score is None or not best:
            fraction = 0.0
        elif results.lower_is_better:
            fraction = best / float(entry.score)
        else:
            fraction = max(0.0, float(entry.score) / best)
        rank = "-" if entry.rank is None else (f"{entry.rank}=" if entry.tied else str(entry.rank))
        rows.append(
            Row(
                rank=rank,
                name=group.name,
                agency=group.agency,
                totals=[t("recusal.mark") if j in entry.absent else t.number(v) for j, v in entry.totals.items()],
                penalty=t.number(entry.penalty),
                score=_score(entry.score, t, results.lower_is_better),
                award=award.label(t) if award else "",
                fraction=fraction,
            )
        )
    return rows


def _slot_rows(day: Day, t: Messages) -> list[list[str]]:
    """Each group's times: planned and used length, extension, overtime, state; with a planned
    schedule, planned and actual start; with segments, each segment's time used."""
    rows = []
    now = day.now()
    schedule = day.schedule(now)
    starts = {item.item: item for item in schedule.items if item.kind == GROUP}
    segmented = any(day.event.segmented(group) for group in day.state.order)
    planned = day.event.event.start is not None

    def clock(moment: float | None) -> str:
        local = schedule.local(moment)
        return "-" if local is None else local.strftime("%H:%M")

    for group_id in day.state.stage_order():  # with stages: the groups that went on
        view = day.slot(group_id, now)
        status = day.state.status(group_id)
        extension = ("+" if view.slot_extension > 0 else "-") + format_duration(abs(view.slot_extension)) if view.slot_extension else "-"
        row = [
            day.event.group(group_id).name,
            format_clock(view.slot_planned),
            extension,
            format_clock(int(view.slot_time_run)) if view.slot_time_run else "-",
            ("+" + format_clock(view.slot_overtime)) if view.slot_overtime else "-",
            t(f"status.{status.value}"),
        ]
        if planned:
            row += [clock(starts[group_id].planned_start), clock(starts[group_id].actual_start)]
        if segmented:
            row.append(_segments_used(day, group_id, now))
        rows.append(row)
    return rows


def _times_table(day: Day, t: Messages) -> tuple[list[str], list[list[str]], set[int]]:
    """The times table: headers, rows, numeric columns."""
    headers, numeric = _times_headers(day, t)
    return headers, _slot_rows(day, t), numeric


def _times_headers(day: Day, t: Messages) -> tuple[list[str], set[int]]:
    headers = [t("results.group"), t("document.planned"), t("document.extension"), t("document.used"), t("document.overtime"), t("order.state")]
    numeric = {1, 2, 3, 4}
    if day.event.event.start is not None:  # the day has a planned schedule
        headers += [t("rundown.planned_start"), t("rundown.actual_start")]
        numeric |= {6, 7}
    if any(day.event.segmented(group) for group in day.state.order):
        headers.append(t("rundown.segments_used"))
    return headers, numeric


def _segments_used(day: Day, group: str, now: float) -> str:
    """"Paparan 20:15 (+00:15), Tanya jawab 09:40": the time each segment used, and its overtime."""
    slot = day.state.slots[group]
    if not slot.started:
        return "-"
    runs = segment_runs(day.event, group, slot, day.slot(group, now).slot_time_run)
    return ", ".join(
        f"{run.segment.name} {format_clock(int(run.used))}" + (f" (+{format_clock(run.overtime)})" if run.overtime else "") for run in runs
    )


def _tie_notes(day: Day, results: Results, t: Messages) -> list[str]:
    notes = []
    for entry in results.entries:
        if entry.decided_by:
            notes.append(t("results.decided_by", group=day.event.group(entry.group).name, key=tie_break_name(day, entry.decided_by, t)))
        elif entry.tied:
            notes.append(t("document.still_tied", group=day.event.group(entry.group).name))
    return notes


def render(day: Day, results: Results, t: Messages, fmt: str) -> str:
    """The document as "md" or "html", made :func:`printable` (no control or bidi characters from the event file)."""
    return printable(to_html(day, results, t) if fmt == "html" else to_markdown(day, results, t))


def _context(day: Day, results: Results, t: Messages) -> dict:
    event = day.event
    info = event.event
    return {
        "title": t("document.title"),
        "event": info.title,
        "opening": t(
            "document.opening",
            date=_event_dates(event, t),
            venue=info.venue,
            event=info.title,
            organizer=info.organizer,
            groups=len(event.groups) - len(day.state.withdrawn()),  # a withdrawn group was not assessed
            jurors=len(event.jurors),
        ),
        "method": t("document.method", method=t(f"method.{results.method}"))
        + (" " + t("document.trim", trim=event.scoring.trim) if results.method == "trimmed" else ""),
        "penalty": t("document.penalty", points=t.number(event.timing.penalty_per_minute), slot=format_duration(event.timing.slot)),
        "tie_break": t("document.tie_break", keys=", ".join(tie_break_name(day, k, t) for k in event.scoring.tie_break) or "-"),
        "status": _status(day, results, t),
        "closing": t("document.closing", organizer=info.organizer, place=letterhead.signing_place(event), date=long_date(event.days[-1].date if event.days else info.date, t)),  # signed on the last day
        "note": event.awards.note,
        **_fingerprint(day),
    }


def _event_dates(event, t: Messages) -> str:
    """The event's date, or its first and last days' when it runs over several."""
    if len(event.days) < 2:
        return long_date(event.event.date, t)
    return t("provfix.document.dates", first=long_date(event.days[0].date, t), last=long_date(event.days[-1].date, t))


def _fingerprint(day: Day) -> dict[str, object]:
    """The journal's fingerprint and the record it stands at (records keep coming after printing)."""
    records, fingerprint = day.journal.fingerprint()
    return {"fingerprint": fingerprint, "records": records}


def _status(day: Day, results: Results, t: Messages) -> str:
    return status_text(results, day.event, t, document=True)


def _md_table(headers: list[str], rows: list[list[str]], right: set[int] = frozenset()) -> list[str]:
    def cell(text: str) -> str:
        return text.replace("|", "\\|")

    lines = ["| " + " | ".join(cell(h) for h in headers) + " |"]
    lines.append("|" + "|".join("---:" if i in right else "---" for i in range(len(headers))) + "|")
    lines += ["| " + " | ".join(cell(c) for c in row) + " |" for row in rows]
    return lines


def to_markdown(day: Day, results: Results, t: Messages) -> str:
    event = day.event
    c = _context(day, results, t)
    rows = _rows(day, results, t)
    jurors = [j.name for j in event.jurors]
    out = [*letterhead.text_lines(event, t), f"# {c['title']}", "", f"## {c['event']}", "", c["opening"], ""]
    if results.provisional:
        out += [f"> **{c['status']}**", ""]
    out += [f"### {t('document.criteria')}", ""]
    out += _md_table(
        [t("document.criterion"), t("document.weight")],
        [[cr.name, t.number(cr.weight, 0 if cr.weight == int(cr.weight) else 2)] for cr in event.criteria],
        {1},
    )
    if event.stages:  # each stage, then the final ranking, in place of the one-stage ranking
        from .document_stages import stages_markdown

        out += ["", *stages_markdown(day, t, _md_table)]
    elif event.categories:  # a ranking per category, then the overall one only when asked
        out += ["", *bigger.categories_markdown(day, t, _kit())]
    if not event.stages and (not event.categories or event.scoring.overall):
        out += ["", f"### {t('provincial.categories.overall') if event.categories else t('document.ranking')}", ""]
        layout = ranking_layout(event, rows, t)
        headers = [t("results.rank"), t("results.group"), t("results.agency"), *juror_headers(event, layout), t("results.penalty"), t("results.score"), t("document.award")]
        table = [[r.rank, r.name, r.agency, *r.totals, r.penalty, r.score, r.award] for r in rows]
        out += _md_table(headers, table, set(range(3, 5 + len(jurors))))
        if layout.compact:
            out += [""] + [f"- **{juror_id}**: {text}" for juror_id, text in legend(event, layout)]
    out += ["", c["method"], "", c["penalty"], "", c["tie_break"], ""]
    if not event.stages and (not event.categories or event.scoring.overall):
        out += [f"- {note}" for note in _tie_notes(day, results, t)]
    withdrawn = withdrawn_lines(results, event, t)
    if withdrawn:
        out += ["", f"### {t('final.withdrawn_title')}", "", *(f"- {line}" for line in withdrawn)]
    out += ["", *recusals_markdown(day, t)]
    out += ["", f"### {t('document.times')}", ""]
    out += bigger.days_times_markdown(day, t, _kit()) if event.days else _md_table(*_times_table(day, t))
    out += ["", c["status"], "", c["closing"]]
    if c["note"]:
        out += ["", c["note"]]
    out += ["", f"### {t('document.signatures')}", ""]
    for juror in letterhead.signing_jurors(event):  # the chair first
        out += [f"**{letterhead.juror_role(event, juror, t)}**: {juror.name}" + (f" ({juror.affiliation})" if juror.affiliation else ""), "", "_______________________________", ""]
    out += [f"**{t('document.organizer')}**: {event.event.organizer}", "", "_______________________________", ""]
    out += appendix_markdown(day, t)
    out += ["---", "", t("document.fingerprint", records=c["records"]), "", f"`{c['fingerprint']}`", ""]
    out += [t("document.verify_how"), ""]
    return "\n".join(out)


_CSS = """
body { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 10.5pt; color: #000; background: #fff; }
h1 { text-align: center; font-size: 16pt; margin-bottom: 0; letter-spacing: .05em; }
h2 { text-align: center; font-size: 13pt; margin-top: 2pt; }
h3 { font-size: 11pt; margin: 14pt 0 4pt; border-bottom: 1px solid #000; }
table { border-collapse: collapse; width: 100%; margin: 4pt 0; }
th, td { border: 1px solid #444; padding: 3pt 5pt; text-align: left; vertical-align: top; }
th { background: #e8e8e8; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.provisional { border: 2px solid #000; padding: 6pt; font-weight: bold; text-align: center; }
.chart { margin: 6pt 0; }
.chart .bar-row { display: flex; align-items: center; margin: 2pt 0; }
.chart .label { width: 45mm; }
.chart .track { flex: 1; background: #eee; height: 10pt; }
.chart .bar { background: #333; height: 10pt; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
.chart .value { width: 18mm; text-align: right; }
.signatures { display: flex; flex-wrap: wrap; gap: 10mm; margin-top: 8pt; }
.signature { width: 55mm; }
.signature .line { border-bottom: 1px solid #000; height: 22mm; }
.appendix { page-break-before: always; }
.appendix h4 { font-size: 10.5pt; margin: 10pt 0 3pt; }
.fingerprint { font-family: "DejaVu Sans Mono", monospace; font-size: 8pt; word-break: break-all; margin-top: 14pt; }
@media print { .noprint { display: none; } }
"""


def _html_table(headers: list[str], rows: list[list[str]], numeric: set[int] = frozenset(), css_class: str = "") -> str:
    esc = html.escape
    head = "".join(f'<th{" class=num" if i in numeric else ""}>{esc(h)}</th>' for i, h in enumerate(headers))
    body = "".join(
        "<tr>" + "".join(f'<td{" class=num" if i in numeric else ""}>{esc(c)}</td>' for i, c in enumerate(row)) + "</tr>"
        for row in rows
    )
    klass = f' class="{css_class}"' if css_class else ""
    return f"<table{klass}><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _kit() -> bigger.Kit:
    """This document's helpers, for the blocks of a bigger event (days, categories)."""
    return bigger.Kit(_rows, _tie_notes, _md_table, _html_table, _times_table)


def _folder(day: Day):
    """The event file's folder, where the letterhead's logo is (None when the day was opened without a file)."""
    path = getattr(day, "event_path", None)
    return None if path is None else path.parent


def to_html(day: Day, results: Results, t: Messages) -> str:
    esc = html.escape
    event = day.event
    c = _context(day, results, t)
    rows = _rows(day, results, t)
    parts = [
        f'<!DOCTYPE html><html lang="{t.language}"><head><meta charset="utf-8">',
        f"<title>{esc(c['title'])} - {esc(c['event'])}</title><style>{_CSS}{PRINT_CSS}{letterhead.CSS}</style></head><body>",
        letterhead.letterhead_html(event, _folder(day), t),
        f"<h1>{esc(c['title'])}</h1>",
        f'<p class="letter-number">{esc(letterhead.number_line(event, t))}</p>' if event.document.number else "",
        f"<h2>{esc(c['event'])}</h2>",
        f'<p class="opening">{esc(c["opening"])}</p>',
    ]
    if results.provisional:
        parts.append(f'<p class="provisional">{esc(c["status"])}</p>')
    parts.append(f'<h3>{esc(t("document.criteria"))}</h3>')
    parts.append(
        _html_table(
            [t("document.criterion"), t("document.weight")],
            [[cr.name, t.number(cr.weight, 0 if cr.weight == int(cr.weight) else 2)] for cr in event.criteria],
            {1},
            "criteria",
        )
    )
    if event.stages:  # each stage, then the final ranking, in place of the one-stage ranking
        from .document_stages import stages_html

        parts.append(stages_html(day, t, _html_table))
    elif event.categories:  # a ranking per category, then the overall one only when asked
        parts.append(bigger.categories_html(day, t, _kit()))
    if not event.stages and (not event.categories or event.scoring.overall):
        layout = ranking_layout(event, rows, t)
        heading = t("provincial.categories.overall") if event.categories else t("document.ranking")
        parts.append(f'<section class="results{" wide" if layout.landscape else ""}"><h3>{esc(heading)}</h3>')
        parts.append(ranking_table_html(event, rows, layout, t))
        chart = "".join(
            f'<div class="bar-row"><span class="label">{esc(r.name)}</span><div class="track">'
            f'<div class="bar" style="width:{r.fraction * 100:.1f}%"></div></div><span class="value">{esc(r.score)}</span></div>'
            for r in rows
        )
        parts.append(f'<div class="chart" role="img" aria-label="{esc(t("document.chart"))}">{chart}</div></section>')
    parts.append(f'<p class="method">{esc(c["method"])}</p><p class="penalty">{esc(c["penalty"])}</p><p class="tie-break">{esc(c["tie_break"])}</p>')
    notes = _tie_notes(day, results, t) if not event.stages and (not event.categories or event.scoring.overall) else []
    if notes:
        parts.append('<ul class="ties">' + "".join(f"<li>{esc(n)}</li>" for n in notes) + "</ul>")
    withdrawn = withdrawn_lines(results, event, t)
    if withdrawn:
        parts.append(f'<h3>{esc(t("final.withdrawn_title"))}</h3><ul class="withdrawn">')
        parts.append("".join(f"<li>{esc(line)}</li>" for line in withdrawn) + "</ul>")
    parts.append(recusals_html(day, t))
    parts.append(f'<h3>{esc(t("document.times"))}</h3>')
    parts.append(
        bigger.days_times_html(day, t, _kit()) if event.days else _html_table(*_times_table(day, t), "times")
    )
    parts.append(f'<p class="status">{esc(c["status"])}</p><p class="closing">{esc(c["closing"])}</p>')
    if c["note"]:
        parts.append(f'<p class="note">{esc(c["note"])}</p>')
    parts.append(f'<div class="keep"><h3>{esc(t("document.signatures"))}</h3><div class="signatures">')
    for juror in letterhead.signing_jurors(event):  # the chair first
        chair = " chair" if juror.id == event.document.chair else ""
        parts.append(
            f'<div class="signature juror{chair}"><div class="role">{esc(letterhead.juror_role(event, juror, t))}</div><div class="line"></div>'
            f"<div><b>{esc(juror.name)}</b></div><div>{esc(juror.affiliation)}</div></div>"
        )
    parts.append(
        f'<div class="signature organizer"><div>{esc(t("document.organizer"))}</div><div class="line"></div>'
        f"<div><b>{esc(event.event.organizer)}</b></div></div></div></div>"
    )
    parts.append(appendix_html(day, t))
    parts.append(
        f'<p class="fingerprint">{esc(t("document.fingerprint", records=c["records"]))}<br>'
        f'<code id="fingerprint">{c["fingerprint"]}</code><br>{esc(t("document.verify_how"))}</p></body></html>'
    )
    return "\n".join(parts) + "\n"

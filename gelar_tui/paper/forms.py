"""Printed score forms (lembar penilaian) for the jury, as A4 HTML pages with print CSS.

A juror's form holds the event, the juror's name and affiliation, and one table per
group: the criteria with their weights and descriptions, a box for each score, the
scale, and lines for the weighted total, the date and a signature. A panel's form
(``group_form``) is one page for one group, with a column of boxes for every juror.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from decimal import Decimal

from ..event.model import Event, Group, Juror
from ..i18n import Messages, long_date
from ..printable import printable

_CSS = """
@page { size: A4; margin: 14mm 14mm 16mm; }
* { box-sizing: border-box; }
body { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 10pt; color: #000; background: #fff; margin: 0; }
@media screen { body { max-width: 182mm; margin: 8mm auto; } }
header { border-bottom: 2px solid #000; margin-bottom: 4mm; }
h1 { font-size: 14pt; text-align: center; letter-spacing: .05em; margin: 0 0 1mm; }
h2 { font-size: 11pt; text-align: center; margin: 0 0 2mm; font-weight: normal; }
.who { display: flex; gap: 8mm; margin: 2mm 0; font-size: 10.5pt; }
.who b { font-weight: bold; }
.howto { font-size: 9pt; margin: 0 0 2mm; }
section.group { break-inside: avoid; page-break-inside: avoid; margin: 0 0 6mm; }
section.group h3 { font-size: 11pt; margin: 0 0 1mm; break-after: avoid; }
section.group .agency { font-weight: normal; }
section.group .topic { font-size: 9pt; margin: 0 0 1mm; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #444; padding: 1.5mm 2mm; vertical-align: top; text-align: left; }
th { background: #e8e8e8; font-size: 9pt; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
td.no, th.no { width: 9mm; text-align: center; }
td.weight, th.weight { width: 15mm; text-align: center; }
td.box, th.box { width: 24mm; }
td.box { height: 10mm; }
.description { display: block; font-size: 8.5pt; color: #333; margin-top: .5mm; }
.lines { display: flex; gap: 6mm; margin-top: 2.5mm; font-size: 9.5pt; }
.lines > div { flex: 1; border-bottom: 1px solid #000; height: 9mm; }
.lines > div.sign { flex: 1.4; height: 14mm; }
.panel td.box, .panel th.box { width: auto; }
.panel td.criterion { width: 42mm; }
.panel .signatures { display: flex; flex-wrap: wrap; gap: 6mm; margin-top: 6mm; break-inside: avoid; }
.panel .signature { width: 52mm; font-size: 9pt; }
.panel .signature .line { border-bottom: 1px solid #000; height: 16mm; }
.noprint { text-align: right; }
@media print { .noprint { display: none; } }
"""


def _number(value: Decimal, t: Messages) -> str:
    return t.number(value, 0 if value == int(value) else 2)


def scale_text(event: Event, t: Messages) -> str:
    """"scores 0 to 100" in the event's language."""
    return t("paper.scale", min=_number(event.scoring.min, t), max=_number(event.scoring.max, t))


def _page(title: str, body: str, t: Messages) -> str:
    esc = html.escape
    return printable(
        f'<!DOCTYPE html><html lang="{t.language}"><head><meta charset="utf-8"><title>{esc(title)}</title>'
        f"<style>{_CSS}</style></head><body>"
        f'<p class="noprint"><button onclick="window.print()">{esc(t("paper.form.print"))}</button></p>'
        f"{body}</body></html>\n"
    )


def _header(event: Event, t: Messages, who: str) -> str:
    esc = html.escape
    info = event.event
    return (
        f'<header><h1>{esc(t("paper.form.title"))}</h1>'
        f"<h2>{esc(info.title)} &middot; {esc(info.venue)}, {esc(long_date(info.date, t))}</h2>{who}</header>"
        f'<p class="howto">{esc(t("paper.form.howto", scale=scale_text(event, t)))}</p>'
    )


def _group_heading(group: Group, number: int, t: Messages) -> str:
    esc = html.escape
    topic = f'<p class="topic">{esc(t("paper.form.topic"))}: {esc(group.topic)}</p>' if group.topic else ""
    return f'<h3>{number}. {esc(group.name)} <span class="agency">({esc(group.agency)})</span></h3>{topic}'


def _criterion_cells(event: Event, t: Messages) -> list[str]:
    esc = html.escape
    cells = []
    for number, criterion in enumerate(event.criteria, start=1):
        description = f'<span class="description">{esc(criterion.description)}</span>' if criterion.description else ""
        cells.append(
            f'<td class="no">{number}</td><td class="criterion">{esc(criterion.name)}{description}</td>'
            f'<td class="weight">{esc(_number(criterion.weight, t))}</td>'
        )
    return cells


def _criterion_heads(t: Messages) -> str:
    esc = html.escape
    return (
        f'<th class="no">{esc(t("paper.form.number"))}</th><th>{esc(t("paper.form.criterion"))}</th>'
        f'<th class="weight">{esc(t("paper.form.weight"))}</th>'
    )


def juror_form(event: Event, order: Sequence[str], juror: Juror, t: Messages) -> str:
    """One juror's form: a table per group, in running order."""
    esc = html.escape
    affiliation = f'<span>{esc(t("paper.form.affiliation"))}: <b>{esc(juror.affiliation)}</b></span>' if juror.affiliation else ""
    who = f'<div class="who"><span>{esc(t("paper.form.juror"))}: <b class="juror">{esc(juror.name)}</b></span>{affiliation}</div>'
    weights = _number(sum((c.weight for c in event.criteria), Decimal(0)), t)
    scale = f"{_number(event.scoring.min, t)}\u2013{_number(event.scoring.max, t)}"
    score_head = f'<th class="box">{esc(t("paper.form.score"))}<br><small>({esc(scale)})</small></th>'
    rows = "".join(f'<tr>{cells}<td class="box"></td></tr>' for cells in _criterion_cells(event, t))
    sections = []
    for number, group_id in enumerate(order, start=1):
        group = event.group(group_id)
        sections.append(
            f'<section class="group" data-group="{esc(group.id)}">{_group_heading(group, number, t)}'
            f"<table><thead><tr>{_criterion_heads(t)}{score_head}</tr></thead><tbody>{rows}</tbody></table>"
            f'<div class="lines"><div>{esc(t("paper.form.total_line", weights=weights))}</div>'
            f'<div>{esc(t("paper.form.date_line"))}</div><div class="sign">{esc(t("paper.form.signature"))}:</div></div></section>'
        )
    title = f"{t('paper.form.title')} - {juror.name}"
    return _page(title, _header(event, t, who) + "".join(sections), t)


def group_form(event: Event, group_id: str, number: int, t: Messages) -> str:
    """A panel's form for one group: a column of score boxes for every juror, a signature for each."""
    esc = html.escape
    group = event.group(group_id)
    jurors = event.jurors
    heads = "".join(f'<th class="box juror">{esc(j.name)}</th>' for j in jurors)
    boxes = '<td class="box"></td>' * len(jurors)
    rows = "".join(f"<tr>{cells}{boxes}</tr>" for cells in _criterion_cells(event, t))
    weights = _number(sum((c.weight for c in event.criteria), Decimal(0)), t)
    total = f'<tr class="total"><td colspan="3">{esc(t("paper.form.total_line", weights=weights))}</td>{boxes}</tr>'
    signatures = "".join(
        f'<div class="signature"><div class="line"></div><b>{esc(j.name)}</b><br>{esc(j.affiliation)}</div>' for j in jurors
    )
    body = (
        f'{_header(event, t, "")}<section class="group panel" data-group="{esc(group.id)}">{_group_heading(group, number, t)}'
        f"<table><thead><tr>{_criterion_heads(t)}{heads}</tr></thead><tbody>{rows}{total}</tbody></table>"
        f'<div class="lines"><div>{esc(t("paper.form.date_line"))}</div></div>'
        f'<div class="signatures">{signatures}</div></section>'
    )
    return _page(f"{t('paper.form.title')} - {group.name}", body, t)

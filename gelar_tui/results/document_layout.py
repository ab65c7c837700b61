"""How the results table of the berita acara fits the printed page, and the print CSS of the document.

Headed by full juror names, a table of five jurors with academic titles runs off the
right edge of an A4 page and the final score is cut. So the table is laid out for
the page: with more than three jurors, or a juror name too long for a narrow
column, the headers carry the juror ids and a legend under the table names them; the
group's agency goes under its name; numbers never wrap, and each numeric column is
as wide as its widest figure at the table's font size; names take what is left and
wrap. More than seven jurors put the table on a landscape page of its own.

No heading is ever broken inside a word ("pemp/rov", "Penghargaa/n"): every column is
at least as wide as the longest word of its heading, measured with the widths of
DejaVu Sans Bold (the document's font); where the jurors' ids would leave the group's
name too little room, the headers carry short labels (J1, J2, …) and the legend
gives each its juror.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..event.model import Event
from ..i18n import Messages

if TYPE_CHECKING:
    from .document import Row

PORTRAIT_JURORS = 7
"""The most jurors whose totals fit an A4 portrait page beside the group's name."""
COMPACT_ABOVE = 3
"""More jurors than this, and the headers carry ids instead of names."""
NAME_IN_HEADER = 24
"""The longest juror name that still heads a column."""
PAGE_WIDTH_MM = {False: 210 - 2 * 15, True: 297 - 2 * 15}
GROUP_MIN_MM = 45.0
"""The least room left for the group's name and agency beside the other columns."""
_PT_MM = 0.3528
_CELL_MM = 2.6  # a cell's padding (3pt each side) and borders
_DIGIT_EM = 0.64  # the width of a digit of DejaVu Sans, in em (0.636)
_WORD_EM = 0.62  # the mean width of a letter of DejaVu Sans, in em (bold: about 8 % more)
_HEADER_SIZE = 0.9  # headers are set at 90 % of the table's font
_BOLD_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,-()/*&:'"
_BOLD_WIDTHS = (
    "675 716 593 716 678 435 716 712 343 343 665 343 1042 712 687 716 716 493 595 478 712 652 924 645 652 582 "
    "774 762 734 830 683 683 821 837 372 372 775 637 995 837 850 733 850 770 720 682 812 774 1103 771 724 725 "
    "696 696 696 696 696 696 696 696 696 696 348 380 380 415 457 457 365 523 872 400 306"
)
_BOLD_EM = {c: int(w) / 1000 for c, w in zip(_BOLD_CHARS, _BOLD_WIDTHS.split())}
"""The advance width of each character of DejaVu Sans Bold, in em (from the font's hmtx table)."""
_OTHER_EM = 0.9  # any other character: wider than most letters


def heading_mm(text: str, font_pt: float) -> float:
    """How wide a column must be for the longest word of the heading *text* to fit whole (bold, at 90 %)."""
    widest = max((sum(_BOLD_EM.get(c, _OTHER_EM) for c in word) for word in text.split()), default=0.0)
    return round(widest * font_pt * _HEADER_SIZE * _PT_MM + _CELL_MM + 0.4, 1)  # + a little for rounding in the renderer


@dataclass(frozen=True)
class RankingLayout:
    """The shape of the results table on paper."""

    compact: bool
    """Juror ids (or short labels) in the headers with a legend, and the agency under the group's name."""
    landscape: bool
    font_pt: float
    number_mm: float
    """The width of a column of juror totals; the others are named after their column."""
    penalty_mm: float
    score_mm: float
    rank_mm: float
    award_mm: float
    juror_labels: tuple[str, ...] = ()
    """What heads each juror's column: the juror's name, id or short label (J1, J2, …)."""


def ranking_layout(event: Event, rows: Sequence[Row] = (), t: Messages | None = None) -> RankingLayout:
    """The layout of *event*'s results table: its columns as wide as the widest figure in *rows*, and
    as the longest word of their heading; the first of names, ids and short labels that leaves the
    group's name room heads the jurors' columns."""
    t = t or Messages()
    count = len(event.jurors)
    landscape = count > PORTRAIT_JURORS
    choices = [(True, [j.id for j in event.jurors]), (True, [t("paper.juror_label", number=n) for n in range(1, count + 1)])]
    if count <= COMPACT_ABOVE and all(len(j.name) <= NAME_IN_HEADER for j in event.jurors):
        choices.insert(0, (False, [j.name for j in event.jurors]))
    for compact, labels in choices:
        layout = _layout(compact, landscape, labels, rows, t)
        fixed = layout.rank_mm + layout.penalty_mm + layout.score_mm + layout.award_mm + count * layout.number_mm
        if fixed + GROUP_MIN_MM <= PAGE_WIDTH_MM[landscape]:
            break
    return layout


def _layout(compact: bool, landscape: bool, labels: list[str], rows: Sequence[Row], t: Messages) -> RankingLayout:
    count = len(labels)
    font = (9.0 if not compact else 8.5 if count <= 5 else 8.0) if count <= PORTRAIT_JURORS else (8.0 if count <= 12 else 7.0)

    def width(chars: int, em: float = _DIGIT_EM) -> float:
        return round(chars * em * font * _PT_MM + _CELL_MM, 1)

    numbers = width(max((len(v) for r in rows for v in r.totals), default=6))
    penalties = max((len(r.penalty) for r in rows), default=6)
    scores = max((len(r.score) for r in rows), default=6)
    awards = max((len(r.award) for r in rows), default=0)
    return RankingLayout(
        compact,
        landscape,
        font,
        number_mm=max([numbers, *(heading_mm(label, font) for label in labels)]),
        penalty_mm=max(width(penalties), heading_mm(t("results.penalty"), font)),
        score_mm=max(width(scores, _DIGIT_EM * 1.08), heading_mm(t("results.score"), font)),
        rank_mm=heading_mm(t("results.rank"), font),
        award_mm=max(min(width(awards, _WORD_EM), 40.0), heading_mm(t("document.award"), font)),
        juror_labels=tuple(labels),
    )


def juror_headers(event: Event, layout: RankingLayout) -> list[str]:
    """What heads each juror's column."""
    return list(layout.juror_labels) or [j.id if layout.compact else j.name for j in event.jurors]


def legend(event: Event, layout: RankingLayout | None = None) -> list[tuple[str, str]]:
    """(label, "name (affiliation)") of each juror, for the legend under a compact table."""
    labels = juror_headers(event, layout) if layout else [j.id for j in event.jurors]
    return [(label, j.name + (f" ({j.affiliation})" if j.affiliation else "")) for label, j in zip(labels, event.jurors)]


def ranking_table_html(event: Event, rows: list[Row], layout: RankingLayout, t: Messages) -> str:
    """The results table with its column widths, and the legend when the headers carry ids."""
    esc = html.escape
    jurors = juror_headers(event, layout)
    widths = [f"{layout.rank_mm}mm", ""] + ([] if layout.compact else [""])
    widths += [f"{layout.number_mm}mm"] * len(jurors) + [f"{layout.penalty_mm}mm", f"{layout.score_mm}mm", f"{layout.award_mm}mm"]
    cols = "".join(f'<col style="width:{w}">' if w else "<col>" for w in widths)
    names = [t("results.group") + (" / " + t("results.agency") if layout.compact else "")]
    if not layout.compact:
        names.append(t("results.agency"))
    heads = [f'<th class="rank">{esc(t("results.rank"))}</th>'] + [f"<th>{esc(n)}</th>" for n in names]
    heads += [f'<th class="num juror">{esc(j)}</th>' for j in jurors]
    heads += [f'<th class="num">{esc(t("results.penalty"))}</th>', f'<th class="num score">{esc(t("results.score"))}</th>']
    heads.append(f'<th class="award">{esc(t("document.award"))}</th>')
    body = []
    for r in rows:
        if layout.compact:
            who = [f'<td class="group"><b>{esc(r.name)}</b><br><span class="agency">{esc(r.agency)}</span></td>']
        else:
            who = [f'<td class="group">{esc(r.name)}</td>', f'<td class="agency">{esc(r.agency)}</td>']
        numbers = [f'<td class="num">{esc(v)}</td>' for v in (*r.totals, r.penalty)]
        body.append(
            f'<tr><td class="rank">{esc(r.rank)}</td>{"".join(who)}{"".join(numbers)}'
            f'<td class="num score">{esc(r.score)}</td><td class="award">{esc(r.award)}</td></tr>'
        )
    classes = "ranking compact" if layout.compact else "ranking"
    table = (
        f'<table class="{classes}" style="font-size:{layout.font_pt}pt"><colgroup>{cols}</colgroup>'
        f'<thead><tr>{"".join(heads)}</tr></thead><tbody>{"".join(body)}</tbody></table>'
    )
    if layout.compact:
        items = "".join(f"<li><b>{esc(i)}</b>: {esc(text)}</li>" for i, text in legend(event, layout))
        table += f'<ul class="legend">{items}</ul>'
    return table


PRINT_CSS = """
@page { size: A4; margin: 15mm 15mm 16mm; @bottom-right { content: counter(page) " / " counter(pages); font-size: 8pt; } }
@page wide { size: A4 landscape; }
@media screen { body { max-width: 180mm; margin: 8mm auto; } .wide { max-width: 267mm; } }
h1, h2, h3 { break-after: avoid; page-break-after: avoid; }
h3 + * { break-before: avoid; page-break-before: avoid; }
table { page-break-inside: auto; break-inside: auto; }
table.criteria, table.times { break-before: avoid; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
table.ranking { table-layout: fixed; width: 100%; }
table.ranking td, table.ranking th { overflow-wrap: anywhere; padding: 2pt 3pt; }
table.ranking th { overflow-wrap: normal; word-break: normal; hyphens: manual; }
table.ranking td.num, table.ranking th.num { overflow-wrap: normal; white-space: nowrap; }
table.ranking th.juror { white-space: normal; }
table.ranking .agency { font-size: .9em; }
table.ranking td.score { font-weight: bold; }
table.ranking th { font-size: .9em; }
ul.legend { font-size: 8.5pt; margin: 2pt 0 6pt; padding-left: 4mm; columns: 1; }
section.results.wide { page: wide; }
.chart { break-inside: avoid; page-break-inside: avoid; }
.chart .label { width: 70mm; overflow-wrap: anywhere; font-size: 9pt; }
.keep { break-inside: avoid; page-break-inside: avoid; }
"""

"""How the results table of the berita acara fits the printed page, and the print CSS of the document.

Headed by full juror names, a table of five jurors with academic titles runs off the
right edge of an A4 page and the final score is cut. So the table is laid out for
the page: with more than three jurors, or a juror name too long for a narrow
column, the headers carry the juror ids and a legend under the table names them; the
group's agency goes under its name; numbers never wrap, and each numeric column is
as wide as its widest figure at the table's font size; names take what is left and
wrap. More than seven jurors put the table on a landscape page of its own.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .event import Event
from .i18n import Messages

if TYPE_CHECKING:
    from .document import Row

PORTRAIT_JURORS = 7
"""The most jurors whose totals fit an A4 portrait page beside the group's name."""
COMPACT_ABOVE = 3
"""More jurors than this, and the headers carry ids instead of names."""
NAME_IN_HEADER = 24
"""The longest juror name that still heads a column."""
PAGE_WIDTH_MM = {False: 210 - 2 * 15, True: 297 - 2 * 15}
_PT_MM = 0.3528
_DIGIT_EM = 0.64  # the width of a digit of DejaVu Sans, in em (0.636)
_WORD_EM = 0.62  # the mean width of a letter of DejaVu Sans, in em (bold: about 8 % more)


@dataclass(frozen=True)
class RankingLayout:
    """The shape of the results table on paper."""

    compact: bool
    """Juror ids in the headers with a legend, and the agency under the group's name."""
    landscape: bool
    font_pt: float
    number_mm: float
    """The width of a column of juror totals; the others are named after their column."""
    penalty_mm: float
    score_mm: float
    rank_mm: float
    award_mm: float


def ranking_layout(event: Event, rows: Sequence[Row] = (), t: Messages | None = None) -> RankingLayout:
    """The layout of *event*'s results table: its columns as wide as the widest figure in *rows*."""
    count = len(event.jurors)
    compact = count > COMPACT_ABOVE or any(len(j.name) > NAME_IN_HEADER for j in event.jurors)
    landscape = count > PORTRAIT_JURORS
    font = (9.0 if not compact else 8.5 if count <= 5 else 8.0) if count <= PORTRAIT_JURORS else (8.0 if count <= 12 else 7.0)

    def width(chars: int, em: float = _DIGIT_EM) -> float:
        return round(chars * em * font * _PT_MM + 2.6, 1)  # + the cell's padding and borders

    def longest_word(key: str) -> int:
        return max((len(word) for word in t(key).split()), default=0) if t else 8

    bold = _WORD_EM * 1.08 * 0.9  # headers are bold, at 90 %
    numbers = max((len(v) for r in rows for v in r.totals), default=6)
    penalties = max((len(r.penalty) for r in rows), default=6)
    scores = max((len(r.score) for r in rows), default=6)
    awards = max((len(r.award) for r in rows), default=0)
    return RankingLayout(
        compact,
        landscape,
        font,
        number_mm=width(numbers),
        penalty_mm=max(width(penalties), width(longest_word("results.penalty"), bold)),
        score_mm=max(width(scores, _DIGIT_EM * 1.08), width(longest_word("results.score"), bold)),
        rank_mm=width(longest_word("results.rank"), bold),
        award_mm=min(max(width(awards, _WORD_EM), width(longest_word("document.award"), bold)), 40.0),
    )


def juror_headers(event: Event, layout: RankingLayout) -> list[str]:
    return [j.id if layout.compact else j.name for j in event.jurors]


def legend(event: Event) -> list[tuple[str, str]]:
    """(id, "name (affiliation)") of each juror, for the legend under a compact table."""
    return [(j.id, j.name + (f" ({j.affiliation})" if j.affiliation else "")) for j in event.jurors]


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
        items = "".join(f"<li><b>{esc(i)}</b>: {esc(text)}</li>" for i, text in legend(event))
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
table.ranking td.num, table.ranking th.num { overflow-wrap: normal; white-space: nowrap; }
table.ranking th.juror { white-space: normal; overflow-wrap: anywhere; }
table.ranking .agency { font-size: .9em; }
table.ranking td.score { font-weight: bold; }
table.ranking th { font-size: .9em; }
ul.legend { font-size: 8.5pt; margin: 2pt 0 6pt; padding-left: 4mm; columns: 1; }
section.results.wide { page: wide; }
.chart { break-inside: avoid; page-break-inside: avoid; }
.chart .label { width: 70mm; overflow-wrap: anywhere; font-size: 9pt; }
.keep { break-inside: avoid; page-break-inside: avoid; }
"""

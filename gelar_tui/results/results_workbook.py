"""The results as an .xlsx workbook for the organiser (`gelar results --format xlsx`).

Three sheets: the ranking in rank order; every score by group, juror and criterion;
and each group's planned and actual time. Numbers are stored as numbers (times as
fractions of a day, as spreadsheets keep them), shown with two decimals; a shared
rank is the number with "=" in its format, so it still sorts as a number.
"""

from __future__ import annotations

import io
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from ..scoring.awards import award_for
from ..day.facade import Day
from ..event.model import Event
from .export import status_line
from ..i18n import Messages, long_date
from ..printable import printable
from ..scoring.rules import Results
from ..paper.workbook import put_text

HEADER_ROW = 4
"""Rows 1-2 hold the event and whether the results are final; the table's header is row 4."""
TWO_DECIMALS = "0.00"
DURATION = "[h]:mm:ss"
MINUTES = '+0.##" min";-0.##" min";0'
"""An extension may be negative, which a spreadsheet cannot show as a time: it is kept in minutes."""
_HEAD = PatternFill("solid", fgColor="E8E8E8")
SECONDS_PER_DAY = 86400


def results_workbook(day: Day, results: Results, t: Messages) -> bytes:
    """The organiser's workbook, as bytes."""
    book = Workbook()
    ranking = book.active
    ranking.title = t("paper.book.ranking")
    _ranking(ranking, day, results, t)
    if day.event.categories:
        _category_sheets(book, day, results, t)
    if day.event.stages:
        _stage_sheets(book, day, results, t)
    _detail(book.create_sheet(t("paper.book.detail")), day, results, t)
    _times(book.create_sheet(t("paper.book.times")), day, results, t)
    book.properties.title = printable(f"{t('document.title')} - {day.event.event.title}")
    book.properties.creator = "gelar"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _heading(sheet: Worksheet, day: Day, results: Results, t: Messages, headers: list[str], widths: list[int]) -> None:
    info = day.event.event
    put_text(sheet, 1, 1, f"{info.title} - {info.venue}, {long_date(info.date, t)}").font = Font(bold=True, size=12)
    put_text(sheet, 2, 1, status_line(results, t, day.event))
    for column, (text, width) in enumerate(zip(headers, widths), start=1):
        cell = put_text(sheet, HEADER_ROW, column, text)
        cell.font, cell.fill = Font(bold=True), _HEAD
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.freeze_panes = sheet.cell(HEADER_ROW + 1, 1)


def _put(sheet: Worksheet, row: int, values: list, formats: dict[int, str]) -> None:
    for column, value in enumerate(values, start=1):
        cell = put_text(sheet, row, column, value)
        if column in formats and value is not None:
            cell.number_format = formats[column]


def _float(value) -> float | None:
    return None if value is None else float(value)


def _category_sheets(book, day: Day, results: Results, t: Messages) -> None:
    """A ranking sheet per category, after the overall one, each with the category's awards and finalists."""
    from .document_categories import finalist_lines, rankings

    for number, found in enumerate(rankings(day), start=1):
        sheet = book.create_sheet(sheet_title(number, found.name))
        _ranking(sheet, day, found.results, t, found.event)
        put_text(sheet, 3, 1, found.name).font = Font(bold=True)
        below = HEADER_ROW + 2 + len(found.results.entries)
        for offset, line in enumerate(finalist_lines(day, found, t)):
            put_text(sheet, below + offset, 1, line)


def _stage_sheets(book, day: Day, results: Results, t: Messages) -> None:
    """A sheet per stage (its ranking, panels and who went on), then the final ranking over the stages."""
    from ..event.stages import stages_of
    from ..scoring.stages import final_ranking
    from .stage_results import stage_results

    found = stage_results(day)
    event = day.event
    stages = stages_of(event)
    for number, stage in enumerate(stages, start=1):
        sheet = book.create_sheet(sheet_title(number, stage.name))
        headers = [t("results.rank"), t("results.group"), t("results.agency"), t("results.score"), t("stageday.doc_panel"), t("stageday.doc_went_on")]
        _heading(sheet, day, results, t, headers, [8, 36, 28, 10, 40, 10])
        put_text(sheet, 3, 1, stage.name).font = Font(bold=True)
        result = found.get(stage.id)
        if result is None:
            put_text(sheet, HEADER_ROW + 1, 1, t("stageday.entries_unknown"))
            continue
        panels = day.state.panels.get(stage.id, {})
        going = set(day.state.closed.get(stage.id, {}).get("finalists", ()))
        for row, placed in enumerate(result.ranking, start=HEADER_ROW + 1):
            group = event.group(placed.group)
            panel = ", ".join(event.juror_name(j) for j in panels.get(placed.group, ()))
            went = "✓" if placed.group in going else None
            _put(sheet, row, [placed.rank, group.name, group.agency, _float(placed.score), panel or None, went], {4: "0.000" if result.lower_is_better else TWO_DECIMALS})
    if not found:
        return
    sheet = book.create_sheet(sheet_title(len(stages) + 1, t("stageday.final_title")))
    headers = [t("results.rank"), t("results.group"), t("results.agency"), t("stageday.final_score"), t("stageday.reached"), t("document.award")]
    _heading(sheet, day, results, t, headers, [8, 36, 28, 12, 30, 18])
    names = {s.id: s.name for s in stages}
    for row, line in enumerate(final_ranking(event, found, withdrawn=day.state.withdrawn()), start=HEADER_ROW + 1):
        group = event.group(line.group)
        award = award_for(line.place, event)
        reached = f"{names[line.stage]}: {'-' if line.stage_rank is None else line.stage_rank}"
        _put(sheet, row, [line.place, group.name, group.agency, _float(line.final), reached, award.label(t) if award else None], {4: TWO_DECIMALS})


def sheet_title(number: int, name: str) -> str:
    """"2 Kabupaten-Kota": a sheet's name from a category's, without the characters a sheet name refuses, at most 31."""
    clean = "".join("-" if c in "[]:*?/\\" or not c.isprintable() else c for c in printable(name)).strip("' ")
    return f"{number} {clean}"[:31].rstrip()


def _ranking(sheet: Worksheet, day: Day, results: Results, t: Messages, awards_of: Event | None = None) -> None:
    """The ranking table; *awards_of*: the (sub-)event whose awards apply (a category's), else the day's."""
    event = day.event
    jurors = event.jurors
    headers = [t("results.rank"), t("results.group"), t("results.agency"), *(j.name for j in jurors)]
    headers += [t("results.penalty"), t("results.score"), t("document.award")]
    _heading(sheet, day, results, t, headers, [8, 36, 28, *([14] * len(jurors)), 10, 10, 18])
    numbers = {column: TWO_DECIMALS for column in range(4, 6 + len(jurors))}
    for row, entry in enumerate(results.entries, start=HEADER_ROW + 1):
        group = event.group(entry.group)
        award = award_for(entry.rank, awards_of or event)
        totals = [_float(entry.totals[j.id]) for j in jurors]
        values = [entry.rank, group.name, group.agency, *totals, float(entry.penalty), _float(entry.score), award.label(t) if award else None]
        _put(sheet, row, values, {**numbers, 1: '0"="' if entry.tied else "0"})
    if results.lower_is_better:  # mean ranks: a third decimal tells them apart
        for row in range(HEADER_ROW + 1, HEADER_ROW + 1 + len(results.entries)):
            sheet.cell(row, 5 + len(jurors)).number_format = "0.000"


def _detail(sheet: Worksheet, day: Day, results: Results, t: Messages) -> None:
    event = day.event
    headers = [t("paper.book.group_id"), t("results.group"), t("paper.book.juror_id"), t("paper.book.juror_name")]
    headers += [t("paper.book.criterion_id"), t("paper.book.criterion"), t("document.weight"), t("paper.form.score")]
    _heading(sheet, day, results, t, headers, [14, 36, 14, 30, 14, 30, 8, 10])
    row = HEADER_ROW + 1
    for entry in results.entries:
        group = event.group(entry.group)
        for juror in event.jurors:
            sheet_scores = day.state.sheets.get((group.id, juror.id), {})
            for criterion in event.criteria:
                value = sheet_scores.get(criterion.id)  # in hundredths
                score = None if value is None else float(Decimal(value) / 100)
                values = [group.id, group.name, juror.id, juror.name, criterion.id, criterion.name, float(criterion.weight), score]
                _put(sheet, row, values, {7: "0.##", 8: TWO_DECIMALS})
                row += 1


def _times(sheet: Worksheet, day: Day, results: Results, t: Messages) -> None:
    headers = [t("paper.book.group_id"), t("results.group"), t("paper.book.planned"), t("paper.book.extension")]
    headers += [t("paper.book.used"), t("paper.book.overtime"), t("paper.book.state")]
    _heading(sheet, day, results, t, headers, [14, 36, 11, 11, 11, 11, 14])
    now = day.now()
    for row, group_id in enumerate(day.state.order, start=HEADER_ROW + 1):
        view = day.slot(group_id, now)
        status = day.state.status(group_id)
        planned, used, overtime = (s / SECONDS_PER_DAY for s in (view.planned, round(view.time_run), view.overtime))
        values = [group_id, day.event.group(group_id).name, planned, view.extension / 60, used, overtime, t(f"status.{status.value}")]
        _put(sheet, row, values, {3: DURATION, 4: MINUTES, 5: DURATION, 6: DURATION})

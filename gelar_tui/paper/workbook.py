"""Score workbooks for the jury (`gelar forms`): one sheet per juror, in a fixed layout gelar reads back.

The layout, which :mod:`gelar_tui.paper.workbook_read` relies on:

- the sheet's title is the juror's id (cut to Excel's 31 characters); row 1 holds the
  juror's full name and the event;
- row 2 names the criteria, row 3 holds their weights, row 4 their ids (locked, and
  frozen with the rows above so that they stay visible);
- from row 5, one row per group in the running order: the group's id in column A, its
  name in column B, a score cell per criterion from column C, then the weighted total
  (a formula, which gelar ignores when reading);
- the workbook's defined name ``gelar_event`` holds the event's identity, so that a
  workbook of another event is recognised; a workbook of a stage (``gelar forms --stage``)
  also names its stage in ``gelar_stage``, and its sheets have that stage's criteria and
  each juror's own entries.

Score cells are validated to the event's min..max and are the only unlocked cells;
the sheets are protected without a password (the protection keeps hands off the
layout, it is not a secret).
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from ..errors import GelarError
from ..event.model import Event, Juror
from ..i18n import Messages, long_date
from ..printable import formula_like, printable

EVENT_NAME = "gelar_event"
"""The defined name that holds the event's identity."""
STAGE_NAME = "gelar_stage"
"""The defined name that holds the id of the stage a workbook is for (none: the presentation stage)."""
TITLE_ROW, NAME_ROW, WEIGHT_ROW, ID_ROW, FIRST_GROUP_ROW = 1, 2, 3, 4, 5
ID_COLUMN, GROUP_COLUMN, FIRST_SCORE_COLUMN = 1, 2, 3
TOTAL_ID = "total"
"""What the id row holds above the weighted-total column."""
SHEET_TITLE_MAX = 31
GROUP_CHARS = 42
"""About how many characters of a group's name fit one line of its column."""

_THIN = Side(style="thin", color="808080")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEAD = PatternFill("solid", fgColor="E8E8E8")
_SCORE = PatternFill("solid", fgColor="FFF9DB")
_WRAP = Alignment(wrap_text=True, vertical="top")


def sheet_title(juror_id: str) -> str:
    """The title of a juror's sheet: the id, cut to what Excel allows."""
    return juror_id[:SHEET_TITLE_MAX]


def written_identity(event: Event) -> str:
    """The event's identity as a workbook holds it (made :func:`printable`: XML refuses control characters)."""
    return printable(event.identity)


def quoted_identity(event: Event) -> str:
    """The event's identity as the text formula of a defined name."""
    return '"' + written_identity(event).replace('"', '""') + '"'


def put_text(sheet: Worksheet, row: int, column: int, value: object):
    """Put *value* in a cell: text made :func:`printable` and kept as text, never run as a formula.

    openpyxl stores a string that starts with "=" as a formula; a group named
    ``=HYPERLINK(...)`` would become a live link. Text that looks like a formula is
    stored as a string with a quote prefix, as a spreadsheet stores what is typed
    after an apostrophe, so that editing the cell does not turn it into one either.
    """
    if not isinstance(value, str):
        return sheet.cell(row, column, value)
    text = printable(value)
    cell = sheet.cell(row, column, text)
    cell.data_type = "s"
    if formula_like(text):
        cell.quotePrefix = True
    return cell


def forms_workbook(
    event: Event, order: Sequence[str] | Mapping[str, Sequence[str]], jurors: Sequence[Juror], t: Messages, stage: str | None = None
) -> bytes:
    """An .xlsx workbook with a score sheet for each of *jurors*, groups in *order* (or each juror's own: a mapping
    juror id -> order); for a *stage* (its id), *event* carries that stage's criteria and the workbook names it."""
    titles = [sheet_title(j.id) for j in jurors]
    clash = next((j.id for j, title in zip(jurors, titles) if titles.count(title) > 1), None)
    if clash is not None:
        raise GelarError("paper.error.sheet_titles_clash", juror=clash, limit=SHEET_TITLE_MAX)
    book = Workbook()
    book.remove(book.active)
    for juror in jurors:
        own = order[juror.id] if isinstance(order, Mapping) else order
        _juror_sheet(book.create_sheet(sheet_title(juror.id)), event, own, juror, t)
    book.defined_names[EVENT_NAME] = DefinedName(EVENT_NAME, attr_text=quoted_identity(event))
    if stage is not None:
        book.defined_names[STAGE_NAME] = DefinedName(STAGE_NAME, attr_text='"' + stage.replace('"', '""') + '"')
    book.properties.title = printable(f"{t('paper.book.title')} - {event.event.title}")
    book.properties.creator = "gelar"
    book.properties.language = t.language
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _juror_sheet(sheet: Worksheet, event: Event, order: Sequence[str], juror: Juror, t: Messages) -> None:
    criteria = event.criteria
    last_score = FIRST_SCORE_COLUMN + len(criteria) - 1
    total_column = last_score + 1
    low, high = event.scoring.min, event.scoring.max
    scale = t("paper.scale", min=t.number(low, _places(low)), max=t.number(high, _places(high)))

    who = juror.name + (f" ({juror.affiliation})" if juror.affiliation else "")
    put_text(sheet, TITLE_ROW, ID_COLUMN, f"{t('paper.book.juror')}: {who}").font = Font(bold=True, size=12)
    sheet.merge_cells(start_row=TITLE_ROW, start_column=ID_COLUMN, end_row=TITLE_ROW, end_column=GROUP_COLUMN)
    info = event.event
    put_text(sheet, TITLE_ROW, FIRST_SCORE_COLUMN, f"{info.title} - {info.venue}, {long_date(info.date, t)} - {scale}")
    sheet.merge_cells(start_row=TITLE_ROW, start_column=FIRST_SCORE_COLUMN, end_row=TITLE_ROW, end_column=total_column)
    sheet.row_dimensions[TITLE_ROW].height = 30
    for cell in (sheet.cell(TITLE_ROW, ID_COLUMN), sheet.cell(TITLE_ROW, FIRST_SCORE_COLUMN)):
        cell.alignment = _WRAP

    heads = {NAME_ROW: (t("paper.book.id"), t("results.group")), WEIGHT_ROW: ("", t("document.weight")), ID_ROW: ("", t("paper.book.ids"))}
    for row, (first, second) in heads.items():
        put_text(sheet, row, ID_COLUMN, first or None)
        put_text(sheet, row, GROUP_COLUMN, second)
    for column, criterion in enumerate(criteria, start=FIRST_SCORE_COLUMN):
        put_text(sheet, NAME_ROW, column, criterion.name)
        sheet.cell(WEIGHT_ROW, column, _number(criterion.weight))
        sheet.cell(ID_ROW, column, criterion.id)
    sheet.cell(NAME_ROW, total_column, t("paper.weighted_total"))
    sheet.cell(ID_ROW, total_column, TOTAL_ID)
    for row in (NAME_ROW, WEIGHT_ROW, ID_ROW):
        for column in range(ID_COLUMN, total_column + 1):
            cell = sheet.cell(row, column)
            cell.fill, cell.border, cell.alignment = _HEAD, _BOX, _WRAP
            cell.font = Font(bold=row == NAME_ROW, italic=row == ID_ROW, color="555555" if row == ID_ROW else None)
    sheet.row_dimensions[NAME_ROW].height = 45

    first, last = get_column_letter(FIRST_SCORE_COLUMN), get_column_letter(last_score)
    weights = f"${first}${WEIGHT_ROW}:${last}${WEIGHT_ROW}"
    for row, group_id in enumerate(order, start=FIRST_GROUP_ROW):
        group = event.group(group_id)
        sheet.cell(row, ID_COLUMN, group.id)
        shown = put_text(sheet, row, GROUP_COLUMN, f"{group.name} ({group.agency})").value
        sheet.row_dimensions[row].height = 15 * -(-len(shown) // GROUP_CHARS)  # spreadsheets do not grow a row to its wrapped text
        for column in range(ID_COLUMN, total_column + 1):
            cell = sheet.cell(row, column)
            cell.border, cell.alignment = _BOX, _WRAP
        for column in range(FIRST_SCORE_COLUMN, last_score + 1):
            cell = sheet.cell(row, column)
            cell.protection = Protection(locked=False)
            cell.fill = _SCORE
            cell.number_format = "0.00"
        scores = f"{first}{row}:{last}{row}"
        total = sheet.cell(row, total_column, f'=IF(COUNT({scores})={len(criteria)},SUMPRODUCT({scores},{weights})/SUM({weights}),"")')
        total.number_format = "0.00"
        total.font = Font(bold=True)
    last_row = FIRST_GROUP_ROW + len(order) - 1

    check = DataValidation(
        type="decimal", operator="between", formula1=str(_number(low)), formula2=str(_number(high)), allow_blank=True,
        showErrorMessage=True, showInputMessage=True,
        errorTitle=t("paper.book.invalid_title"), error=t("paper.book.invalid", scale=scale),
        promptTitle=t("paper.book.prompt_title"), prompt=scale,
    )  # fmt: skip
    check.add(f"{first}{FIRST_GROUP_ROW}:{last}{last_row}")
    sheet.add_data_validation(check)

    sheet.column_dimensions[get_column_letter(ID_COLUMN)].width = 14
    sheet.column_dimensions[get_column_letter(GROUP_COLUMN)].width = GROUP_CHARS + 4
    for column in range(FIRST_SCORE_COLUMN, total_column + 1):
        sheet.column_dimensions[get_column_letter(column)].width = 14
    sheet.freeze_panes = sheet.cell(FIRST_GROUP_ROW, FIRST_SCORE_COLUMN)
    sheet.protection.sheet = True
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = f"{NAME_ROW}:{ID_ROW}"


def _places(number) -> int:
    return 0 if number == int(number) else 2


def _number(value) -> int | float:
    """A Decimal as the plainest number a cell can hold."""
    return int(value) if value == int(value) else float(value)

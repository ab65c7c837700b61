"""Score files as `gelar scores import` reads them: CSV, the workbooks `gelar forms` wrote, long-layout .xlsx.

A workbook with the defined name ``gelar_event`` is read in the layout of
:mod:`gelar_tui.paper.workbook`; any other .xlsx must hold the columns juror, group,
criterion, score on its first sheet, like a CSV sheet. Every problem is named by
file, sheet and cell (``[nilai-j2.xlsx]j2!D7``). Files Excel cannot give us as
.xlsx (encrypted, .xls, .ods) are refused with what to do instead.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from ..errors import GelarError, Problem
from ..event.model import Event
from ..day.scorebook import ScoreRow
from .sheets import COLUMNS, RowCollector, read_sheet, sheet_bytes
from .workbook import EVENT_NAME, FIRST_GROUP_ROW, STAGE_NAME, FIRST_SCORE_COLUMN, ID_COLUMN, ID_ROW, sheet_title, written_identity

OLE2_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")
"""The first bytes of an OLE2 compound file: an encrypted Office file, or an old .xls."""
ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"


def read_score_files(paths: Sequence[Path], event: Event) -> tuple[list[ScoreRow], list[Problem]]:
    """The rows and problems of every file, together: a score given in two files is a problem too."""
    together = RowCollector(twice="paper.error.twice_elsewhere")
    for path in paths:
        rows, problems = read_score_file(path, event)
        together.problems.extend(problems)
        for row in rows:
            together.add(row.juror, row.group, row.criterion, row.value, row.where, stage=row.stage)
    return together.rows, together.problems


def read_score_file(path: Path, event: Event) -> tuple[list[ScoreRow], list[Problem]]:
    """The rows of one file, whichever of the readable kinds it is."""
    raw = sheet_bytes(path)
    suffix = path.suffix.lower()
    if raw.startswith(OLE2_MAGIC):
        encrypted = "EncryptionInfo".encode("utf-16-le") in raw
        raise GelarError("paper.error.encrypted" if encrypted else "paper.error.xls", path=path.name)
    if raw.startswith(b"PK"):
        return read_workbook(raw, path.name, event)
    if suffix in (".xls", ".ods"):
        raise GelarError("paper.error.xls" if suffix == ".xls" else "paper.error.ods", path=path.name)
    if suffix in (".xlsx", ".xlsm"):
        raise GelarError("paper.error.not_xlsx", path=path.name)
    return read_sheet(path)


def open_workbook(raw: bytes, name: str) -> tuple[Any, Any]:
    """An .xlsx file's bytes opened twice: with its formulas as typed, and with the values they last showed.
    An OpenDocument file or a file that is no workbook is refused, naming *name*."""
    from openpyxl import load_workbook

    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            if "mimetype" in archive.namelist() and archive.read("mimetype").strip() == ODS_MIMETYPE:
                raise GelarError("paper.error.ods", path=name)
        return load_workbook(io.BytesIO(raw), data_only=False), load_workbook(io.BytesIO(raw), data_only=True)
    except GelarError:
        raise
    except Exception as exc:  # a broken zip or workbook: openpyxl raises many kinds
        raise GelarError("paper.error.not_xlsx_reason", path=name, reason=str(exc) or type(exc).__name__) from None


def read_workbook(raw: bytes, name: str, event: Event) -> tuple[list[ScoreRow], list[Problem]]:
    """The rows of an .xlsx file's bytes, in the forms layout or the long layout."""
    formulas, values = open_workbook(raw, name)
    identity = formulas.defined_names.get(EVENT_NAME)
    if identity is None:
        return _long_layout(formulas, values, name, event)
    found = _unquote(identity.attr_text)
    if found not in (written_identity(event), event.identity):  # the raw one: a workbook written before printable()
        title, _, date = found.rpartition("|")
        raise GelarError("paper.error.other_event", path=name, title=title or found, date=date, expected=event.event.title)
    stage = formulas.defined_names.get(STAGE_NAME)
    if stage is None:
        return _forms_layout(formulas, values, name, event)
    from ..day.stages import find_stage, stage_event

    try:
        found_stage = find_stage(event, _unquote(stage.attr_text))
    except GelarError as exc:  # a workbook of a stage the event no longer has
        raise GelarError("error.import_rejected", [Problem(name, exc.key, exc.params)], count=1) from None
    return _forms_layout(formulas, values, name, stage_event(event, found_stage), found_stage.id)


def _unquote(text: str) -> str:
    text = text.strip()
    if len(text) >= 2 and text[0] == text[-1] == '"':
        return text[1:-1].replace('""', '"')
    return text


def place(book: str, sheet: str, row: int, column: int) -> str:
    """A cell as Excel names it from outside its workbook: [file.xlsx]sheet!D7 ('my sheet'!D7 when quoted)."""
    from openpyxl.utils import get_column_letter

    title = sheet if re.fullmatch(r"[A-Za-z0-9_.]+", sheet) else "'" + sheet.replace("'", "''") + "'"
    return f"[{book}]{title}!{get_column_letter(column)}{row}"


class _Cells:
    """The cells of one sheet, read as the user sees them: a formula's saved value, not its text."""

    def __init__(self, formulas, values, book: str) -> None:
        self.formulas, self.values, self.book = formulas, values, book

    def where(self, row: int, column: int) -> str:
        return place(self.book, self.formulas.title, row, column)

    def text(self, row: int, column: int) -> str:
        value = self.values.cell(row, column).value
        return "" if value is None else str(value).strip()

    def score(self, row: int, column: int) -> tuple[str | None, Problem | None]:
        """A score cell's value as text for parse_score (None when empty), or what is wrong with it."""
        written = self.formulas.cell(row, column).value
        value = self.values.cell(row, column).value
        if isinstance(written, str) and written.startswith("=") and value is None:
            return None, Problem(self.where(row, column), "paper.error.formula_no_value", {"formula": written})
        return _score_text(value), None


def _score_text(value: Any) -> str | None:
    if value is None or isinstance(value, bool):
        return None if value is None else str(value).upper()
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):  # a number Excel computed may carry binary noise past 15 digits
        return format(Decimal(f"{value:.15g}"), "f")
    text = str(value).strip()
    return text or None


def _forms_layout(formulas, values, name: str, event: Event, stage: str | None = None) -> tuple[list[ScoreRow], list[Problem]]:
    collect = RowCollector(twice="paper.error.cell_twice")
    jurors = {sheet_title(j): j for j in event.juror_ids}
    criteria = event.criterion_ids
    for sheet in formulas.worksheets:
        cells = _Cells(sheet, values[sheet.title], name)
        juror = jurors.get(sheet.title)
        if juror is None:
            known = ", ".join(event.juror_ids)
            collect.problems.append(Problem(cells.where(1, 1), "paper.error.unknown_sheet", {"sheet": sheet.title, "known": known}))
            continue
        changed = False
        for column, criterion in enumerate(criteria, start=FIRST_SCORE_COLUMN):
            found = cells.text(ID_ROW, column)
            if found != criterion:
                changed = True
                params = {"found": found or "-", "expected": criterion}
                collect.problems.append(Problem(cells.where(ID_ROW, column), "paper.error.header_changed", params))
        if changed:
            continue
        for row in range(FIRST_GROUP_ROW, sheet.max_row + 1):
            group = cells.text(row, ID_COLUMN)
            scores = [(column, *cells.score(row, column)) for column in range(FIRST_SCORE_COLUMN, FIRST_SCORE_COLUMN + len(criteria))]
            if not group:
                if any(value is not None or problem for _, value, problem in scores):
                    collect.problems.append(Problem(cells.where(row, ID_COLUMN), "paper.error.no_group", {}))
                continue
            if group not in event.group_ids:
                known = ", ".join(event.group_ids)
                collect.problems.append(Problem(cells.where(row, ID_COLUMN), "action.unknown_group", {"group": group, "known": known}))
                continue
            for (column, value, problem), criterion in zip(scores, criteria):
                if problem:
                    collect.problems.append(problem)
                elif value is not None:
                    where = cells.where(row, column)
                    collect.add(juror, group, criterion, value, where, where.rpartition("!")[2], stage)
    return collect.result(name)


_UNKNOWN = {"juror": "action.unknown_juror", "group": "action.unknown_group", "criterion": "action.unknown_criterion"}


def _long_layout(formulas, values, name: str, event: Event) -> tuple[list[ScoreRow], list[Problem]]:
    sheet = formulas.worksheets[0]
    cells = _Cells(sheet, values[sheet.title], name)
    header_row = next((r for r in range(1, sheet.max_row + 1) if any(cells.text(r, c) for c in range(1, sheet.max_column + 1))), None)
    if header_row is None:
        raise GelarError("error.sheet_empty", path=name)
    header = {cells.text(header_row, c).lower(): c for c in range(1, sheet.max_column + 1)}
    if not set(COLUMNS) <= header.keys():
        missing = ", ".join(c for c in COLUMNS if c not in header)
        raise GelarError("paper.error.not_a_form", path=name, missing=missing, expected=",".join(COLUMNS))
    known = {"juror": event.juror_ids, "group": event.group_ids, "criterion": event.criterion_ids}
    collect = RowCollector(twice="paper.error.cell_twice")
    for row in range(header_row + 1, sheet.max_row + 1):
        ids = {column: cells.text(row, header[column]) for column in ("juror", "group", "criterion")}
        stage = (cells.text(row, header["stage"]) or None) if "stage" in header else None
        value, problem = cells.score(row, header["score"])
        if not any(ids.values()) and value is None and problem is None:
            continue
        # a stage's own criteria are checked with the stage, when the scores are imported
        bad = [column for column in ids if ids[column] not in known[column] and not (stage and column == "criterion")]
        for column in bad:
            key = _UNKNOWN[column]
            collect.problems.append(Problem(cells.where(row, header[column]), key, {column: ids[column], "known": ", ".join(known[column])}))
        if problem:
            collect.problems.append(problem)
        if bad or problem:
            continue
        where = cells.where(row, header["score"])
        collect.add(ids["juror"], ids["group"], ids["criterion"], "" if value is None else value, where, where.rpartition("!")[2], stage)
    return collect.result(name)


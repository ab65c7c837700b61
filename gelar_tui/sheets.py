"""Paper score sheets typed into a spreadsheet: CSV with columns juror, group, criterion, score.

Indonesian spreadsheets often write "85,5" and separate columns with ';':
both separators and the decimal comma are accepted.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from .day import ScoreRow
from .errors import GelarError, Problem

COLUMNS = ("juror", "group", "criterion", "score")


def read_sheet(path: Path) -> tuple[list[ScoreRow], list[Problem]]:
    """The score rows of a CSV sheet, and a problem for each malformed line."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise GelarError("error.sheet_missing", path=str(path)) from None
    except OSError as exc:
        raise GelarError("error.sheet_unreadable", path=str(path), reason=exc.strerror or str(exc)) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
    return parse_sheet(text, path.name)


def parse_sheet(text: str, name: str) -> tuple[list[ScoreRow], list[Problem]]:
    lines = text.splitlines()
    first = next((line for line in lines if line.strip()), "")
    if not first:
        raise GelarError("error.sheet_empty", path=name)
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header: list[str] | None = None
    rows: list[ScoreRow] = []
    problems: list[Problem] = []
    seen: dict[tuple[str, str, str], int] = {}
    for fields in reader:
        line = reader.line_num
        if not any(field.strip() for field in fields):
            continue
        if header is None:
            header = [field.strip().lower() for field in fields]
            missing = [column for column in COLUMNS if column not in header]
            if missing:
                raise GelarError("error.sheet_header", path=name, missing=", ".join(missing), expected=",".join(COLUMNS))
            continue
        where = f"{name}:{line}"
        if len(fields) != len(header):
            problems.append(Problem(where, "error.sheet_fields", {"found": len(fields), "expected": len(header)}))
            continue
        row = dict(zip(header, (field.strip() for field in fields)))
        key = (row["juror"], row["group"], row["criterion"])
        if key in seen:
            problems.append(Problem(where, "error.sheet_twice", {"line": seen[key]}))
            continue
        seen[key] = line
        rows.append(ScoreRow(row["group"], row["juror"], row["criterion"], row["score"], where))
    if header is None:
        raise GelarError("error.sheet_empty", path=name)
    if not rows and not problems:
        raise GelarError("error.sheet_no_rows", path=name)
    return rows, problems

"""Paper score sheets typed into a spreadsheet: CSV with columns juror, group, criterion, score
(and stage, for an event with stages: left out or empty, the presentation stage).

Indonesian spreadsheets often write "85,5" and separate columns with ';':
both separators and the decimal comma are accepted.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from ..day.facade import ScoreRow
from ..errors import GelarError, Problem
from ..printable import unguarded

COLUMNS = ("juror", "group", "criterion", "score")


def read_sheet(path: Path) -> tuple[list[ScoreRow], list[Problem]]:
    """The score rows of a CSV sheet, and a problem for each malformed line."""
    raw = sheet_bytes(path)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
    return parse_sheet(text, path.name)


def sheet_bytes(path: Path) -> bytes:
    """The bytes of a score file; a missing or unreadable one is a clear error."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise GelarError("error.sheet_missing", path=str(path)) from None
    except OSError as exc:
        raise GelarError("error.sheet_unreadable", path=str(path), reason=exc.strerror or str(exc)) from None


def parse_sheet(text: str, name: str) -> tuple[list[ScoreRow], list[Problem]]:
    lines = text.splitlines()
    first = next((line for line in lines if line.strip()), "")
    if not first:
        raise GelarError("error.sheet_empty", path=name)
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header: list[str] | None = None
    rows = RowCollector()
    for fields in reader:
        line = reader.line_num
        if not any(field.strip() for field in fields):
            continue
        if header is None:
            header = [field.strip().lower() for field in fields]
            check_header(header, name)
            continue
        where = f"{name}:{line}"
        if len(fields) != len(header):
            rows.problems.append(Problem(where, "error.sheet_fields", {"found": len(fields), "expected": len(header)}))
            continue
        row = dict(zip(header, (unguarded(field.strip()) for field in fields)))  # a cell guarded by export.to_csv
        rows.add(row["juror"], row["group"], row["criterion"], row["score"], where, str(line), stage=row.get("stage") or None)
    if header is None:
        raise GelarError("error.sheet_empty", path=name)
    return rows.result(name)


def check_header(header: list[str], name: str) -> None:
    """Refuse a long-layout header that lacks one of the columns juror, group, criterion, score."""
    missing = [column for column in COLUMNS if column not in header]
    if missing:
        raise GelarError("error.sheet_header", path=name, missing=", ".join(missing), expected=",".join(COLUMNS))


class RowCollector:
    """The rows of one file as they are read, and what is wrong with them: shared by the CSV and xlsx readers.

    A juror, group and criterion given twice is a problem that names where it came first.
    """

    def __init__(self, twice: str = "error.sheet_twice") -> None:
        self.twice = twice
        self.rows: list[ScoreRow] = []
        self.problems: list[Problem] = []
        self._seen: dict[tuple[str, str, str], str] = {}

    def add(self, juror: str, group: str, criterion: str, value: str, where: str, short: str | None = None, stage: str | None = None) -> None:
        """One score found at *where* (for *stage*; None: the presentation stage); *short* is how a later duplicate
        names this place ("7", "D7")."""
        key = (juror, group, criterion, stage)
        if key in self._seen:
            self.problems.append(Problem(where, self.twice, {"line": self._seen[key]}))
            return
        self._seen[key] = short or where
        self.rows.append(ScoreRow(group, juror, criterion, value, where, stage))

    def result(self, name: str) -> tuple[list[ScoreRow], list[Problem]]:
        """The rows and problems; a file with neither holds no scores at all, which is an error."""
        if not self.rows and not self.problems:
            raise GelarError("error.sheet_no_rows", path=name)
        return self.rows, self.problems

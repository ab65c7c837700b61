"""The organiser's participant list, read from an .xlsx workbook or a .csv file.

One row per group: name, agency, category, day (a number 1, 2, 3… or a date) and members
(in one cell, separated by new lines or commas); the jurors come from a second sheet, or
from a file of their own: name, affiliation and an optional short id. Headings may be in
Indonesian or English (Nama Kelompok / Instansi / Kategori / Hari / Anggota; Nama Juri /
Asal / Kode; Group / Agency / Category / Day / Members; Juror / Affiliation / Id).

Every problem names its cell (``Peserta!B7``, or ``peserta.csv:7 (Anggota)``); a list with
any problem gives nothing. A formula is refused (names are typed, not computed), and so
are control characters and overlong texts. A merged cell counts for every row it covers;
empty rows are passed over. `participants_toml` turns the list into
the event file's TOML.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import GelarError, Problem
from ..printable import unguarded
from .workbook_read import OLE2_MAGIC, open_workbook

LONGEST = 150
"""The most characters of a name, agency or member."""



def _headings() -> dict[str, dict[str, tuple[str, ...]]]:
    import tomllib

    data = tomllib.loads((Path(__file__).parents[1] / "data" / "participant_headings.toml").read_text("utf-8"))
    return {table: {key: tuple(names) for key, names in keys.items()} for table, keys in data.items()}


_HEADINGS = _headings()
GROUP_HEADINGS = _HEADINGS["groups"]
"""The headings of the groups' columns, in both languages (``data/participant_headings.toml``)."""
JUROR_HEADINGS = _HEADINGS["jurors"]
ID_DROP = _HEADINGS["ids"]["drop"]
"""Words left off the front of a name when an id is made of it."""
_TITLE = re.compile(r"^(?:[A-Z][A-Za-z]{0,4}\.)+[A-Za-z]*\.?$|^[A-Z]{1,4}$")
"""An academic title after a name ("S.Kom.", "M.Si", "SE"): a comma before it does not part two members."""


@dataclass(frozen=True)
class GroupRow:
    """One group of the list, as written."""

    name: str
    agency: str
    category: str
    day: int | dt.date | None
    members: tuple[str, ...]
    topic: str
    where: str
    """The row's first cell, e.g. Peserta!A7."""
    day_where: str = ""
    """The cell of the row's day, e.g. Peserta!E7."""


@dataclass(frozen=True)
class JurorRow:
    """One juror of the list, as written."""

    name: str
    affiliation: str
    id: str
    where: str


@dataclass
class ParticipantList:
    """The groups and jurors of a participant list."""

    groups: list[GroupRow] = field(default_factory=list)
    jurors: list[JurorRow] = field(default_factory=list)
    source: str = ""
    """The list's file name, as its mistakes are headed."""
    jurors_source: str = ""
    """The file name of the jurors' list (the list's own when they are its second sheet)."""


@dataclass
class _Table:
    """A sheet's rows: each a list of (value, written formula or None, where)."""

    name: str
    rows: list[tuple[int, list[tuple[Any, str | None, str]]]]


def read_participants(path: Path, jurors: Path | None = None) -> ParticipantList:
    """The list in *path* (and the jurors in *jurors*); GelarError naming every bad cell."""
    tables = _tables(path)
    problems: list[Problem] = []
    found = ParticipantList(source=path.name, jurors_source=(jurors or path).name)
    if not tables or not tables[0].rows:
        raise GelarError("provincial.participants.empty", path=path.name)
    found.groups = _groups(tables[0], problems)
    juror_tables = _tables(jurors) if jurors is not None else [t for t in tables[1:] if _is_juror_sheet(t)]
    for table in juror_tables[:1]:
        found.jurors = _jurors(table, problems)
    named: dict[str, str] = {}
    for group in found.groups:
        key = " ".join(group.name.split()).casefold()  # "KBK  Satu" and "kbk satu" are one name
        if key and key in named:
            problems.append(Problem(group.where, "provincial.participants.name_twice", {"name": group.name, "other": named[key]}))
        named.setdefault(key, group.where)
    if not found.groups and not problems:
        problems.append(Problem(tables[0].name, "provincial.participants.no_groups", {}))
    if problems:
        raise GelarError("provincial.participants.invalid", problems, path=path.name)
    return found


def _tables(path: Path) -> list[_Table]:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise GelarError("provincial.participants.missing", path=str(path)) from None
    except OSError as exc:
        raise GelarError("error.sheet_unreadable", path=str(path), reason=exc.strerror or str(exc)) from None
    suffix = path.suffix.lower()
    if raw.startswith(OLE2_MAGIC):
        encrypted = "EncryptionInfo".encode("utf-16-le") in raw
        raise GelarError("paper.error.encrypted" if encrypted else "paper.error.xls", path=path.name)
    if raw.startswith(b"PK"):
        return _workbook_tables(raw, path.name)
    if suffix in (".xls", ".ods"):
        raise GelarError("paper.error.xls" if suffix == ".xls" else "paper.error.ods", path=path.name)
    if suffix in (".xlsx", ".xlsm"):
        raise GelarError("paper.error.not_xlsx", path=path.name)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
    return [_csv_table(text, path.name)]


def _csv_table(text: str, name: str) -> _Table:
    first = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows = []
    for fields in reader:
        line = reader.line_num
        rows.append((line, [(unguarded(value), None, f"{name}:{line}") for value in fields]))
    return _Table(name, rows)


def _workbook_tables(raw: bytes, name: str) -> list[_Table]:
    from openpyxl.utils import get_column_letter

    formulas, values = open_workbook(raw, name)
    tables = []
    for sheet in formulas.worksheets:
        shown = values[sheet.title]
        merged = {}
        for span in sheet.merged_cells.ranges:  # a merged cell counts for every row it covers
            for row in range(span.min_row, span.max_row + 1):
                for column in range(span.min_col, span.max_col + 1):
                    merged[row, column] = (span.min_row, span.min_col)
        title = sheet.title if re.fullmatch(r"[A-Za-z0-9_.]+", sheet.title) else "'" + sheet.title.replace("'", "''") + "'"
        rows = []
        for row in range(1, sheet.max_row + 1):
            cells = []
            for column in range(1, sheet.max_column + 1):
                source = merged.get((row, column), (row, column))
                written = sheet.cell(*source).value
                formula = written if isinstance(written, str) and written.startswith("=") else None
                cells.append((shown.cell(*source).value, formula, f"{title}!{get_column_letter(column)}{row}"))
            rows.append((row, cells))
        tables.append(_Table(title, rows))
    return tables


def _heading(value: Any) -> str:
    return " ".join(str(value or "").lower().replace("*", " ").replace(":", " ").replace("-", " ").split()).rstrip(".")


HEADER_SEARCH = 10
"""How many non-empty rows may stand above the headings (a title such as "DAFTAR PESERTA", a date)."""


def _columns(table: _Table, headings: dict[str, tuple[str, ...]]) -> tuple[int, dict[str, int]]:
    """The header row's index in table.rows and the column of each known heading: the first of the
    first few non-empty rows with a heading for the names, else the first non-empty row."""
    first: tuple[int, dict[str, int]] | None = None
    seen = 0
    for index, (_, cells) in enumerate(table.rows):
        if not any(value not in (None, "") for value, _, _ in cells):
            continue
        found: dict[str, int] = {}
        for column, (value, _, _) in enumerate(cells):
            heading = _heading(value)
            for key, names in headings.items():
                if heading in names and key not in found:
                    found[key] = column
                    break
        if "name" in found:
            return index, found
        first = first or (index, found)
        seen += 1
        if seen >= HEADER_SEARCH:
            break
    return first or (len(table.rows), {})


def _is_juror_sheet(table: _Table) -> bool:
    _, columns = _columns(table, JUROR_HEADINGS)
    return "name" in columns


def _body(table: _Table, headings: dict[str, tuple[str, ...]], problems: list[Problem]):
    """Each non-empty row below the header as {key: (value, formula, where)}."""
    index, columns = _columns(table, headings)
    if "name" not in columns:
        where = table.rows[index][1][0][2] if index < len(table.rows) and table.rows[index][1] else table.name
        known = " / ".join(headings["name"][:2] + headings["name"][4:6])
        problems.append(Problem(where, "provincial.participants.no_name_column", {"expected": known}))
        return
    header = table.rows[index][1]
    for _, cells in table.rows[index + 1 :]:
        if not any(value not in (None, "") and str(value).strip() for value, _, _ in cells):
            continue
        missing = (None, None, cells[0][2] if cells else table.name)
        row = {key: (cells[column] if column < len(cells) else missing) for key, column in columns.items()}
        if "!" not in missing[2]:  # a CSV line: the column named by its heading, "peserta.csv:7 (Anggota)"
            row = {key: (value, formula, f"{where} ({str(header[columns[key]][0]).strip()})") for key, (value, formula, where) in row.items()}
        yield row


def _text(cell: tuple[Any, str | None, str], problems: list[Problem], *, longest: int = LONGEST, lines: bool = False) -> str:
    """A cell as text: numbers as written, a formula, a control character or an overlong text refused;
    tabs and line breaks become single spaces (kept, with *lines*, where they part members)."""
    from ..terminal import escape_char, unsafe_characters

    value, formula, where = cell
    if formula is not None or (isinstance(value, str) and value.strip().startswith("=")):
        problems.append(Problem(where, "provincial.participants.formula", {"formula": formula or str(value).strip()}))
        return ""
    if value is None:
        return ""
    if isinstance(value, bool):
        text = "TRUE" if value else "FALSE"
    elif isinstance(value, float) and value.is_integer():
        text = str(int(value))
    elif isinstance(value, dt.datetime):
        text = value.date().isoformat()
    else:
        text = str(value)
    text = text.strip()
    unsafe = unsafe_characters(text.replace("\n", " ").replace("\t", " "))
    if unsafe:
        problems.append(Problem(where, "provincial.participants.unsafe", {"found": " ".join(escape_char(c) for c in unsafe)}))
        return ""
    if len(text) > longest:
        problems.append(Problem(where, "provincial.participants.too_long", {"length": len(text), "max": longest}))
        return ""
    if lines:
        return "\n".join(" ".join(line.split()) for line in text.splitlines())
    return " ".join(text.split())  # a line break typed in a cell (Alt+Enter) or a tab is a space in a name


def split_members(text: str) -> tuple[str, ...]:
    """Members written in one cell: one per line, separated by commas, or both (a title after a comma stays with its name)."""
    parts: list[str] = []
    for line in text.splitlines():
        start = len(parts)  # a title never joins the name on the line before
        for piece in (piece.strip() for piece in line.split(",")):
            if len(parts) > start and piece and _TITLE.match(piece):
                parts[-1] += ", " + piece  # "Rina Wulandari, S.Kom."
            else:
                parts.append(piece)
    return tuple(re.sub(r"^\d+[.)]\s*", "", part) for part in parts if part.strip())


_MONTHS = {
    **{name: number for number, name in enumerate("januari februari maret april mei juni juli agustus september oktober november desember".split(), 1)},
    **{name: number for number, name in enumerate("january february march april may june july august september october november december".split(), 1)},
    **{name: number for number, name in enumerate("jan feb mar apr mei jun jul agu sep okt nov des".split(), 1)},
    "agt": 8, "ags": 8, "aug": 8, "oct": 10, "dec": 12, "sept": 9,
}
_WEEKDAYS = (
    "senin selasa rabu kamis jumat sabtu minggu".split(),
    "monday tuesday wednesday thursday friday saturday sunday".split(),
)


def _written_date(text: str) -> dt.date | str | None:
    """A date written out ("18 Agustus 2026", "Selasa, 18 Agt 2026"); the weekday it falls on when the one written is another; None when not a date."""
    found = re.fullmatch(r"(?:([a-z']+),?\s+)?(\d{1,2})\s+([a-z]+)\.?\s+(\d{4})", text.replace("jum'at", "jumat"))
    if not found or found.group(3) not in _MONTHS:
        return None
    try:
        date = dt.date(int(found.group(4)), _MONTHS[found.group(3)], int(found.group(2)))
    except ValueError:
        return None
    weekday = found.group(1)
    for names in _WEEKDAYS:
        if weekday in names and names.index(weekday) != date.weekday():
            return names[date.weekday()].capitalize()
    if weekday is not None and not any(weekday in names for names in _WEEKDAYS):
        return None
    return date


def _day(cell: tuple[Any, str | None, str], problems: list[Problem]) -> int | dt.date | None:
    value, formula, where = cell
    if formula is not None:
        problems.append(Problem(where, "provincial.participants.formula", {"formula": formula}))
        return None
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool) and float(value).is_integer() and 1 <= value <= 60:
        return int(value)
    text = str(value).strip().lower()
    number = re.fullmatch(r"(?:hari|day)?\s*(?:ke)?[\s-]*(\d{1,2})", text)
    if number and 1 <= int(number.group(1)) <= 60:
        return int(number.group(1))
    for pattern in ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y"):
        try:
            return dt.datetime.strptime(text, pattern).date()
        except ValueError:
            pass
    written = _written_date(text)
    if isinstance(written, dt.date):
        return written
    if written is not None:  # "Rabu, 18 Agustus 2026": the 18th is a Tuesday
        problems.append(Problem(where, "provtrial.participants.wrong_weekday", {"value": str(value).strip()[:40], "weekday": written}))
        return None
    problems.append(Problem(where, "provincial.participants.bad_day", {"value": str(value).strip()[:40]}))
    return None


def _groups(table: _Table, problems: list[Problem]) -> list[GroupRow]:
    groups = []
    empty = (None, None, "")
    for row in _body(table, GROUP_HEADINGS, problems):
        name = _text(row["name"], problems)
        where = row["name"][2]
        if not name and not any(p.where == where for p in problems):
            problems.append(Problem(where, "provincial.participants.no_name", {}))
        members = _text(row.get("members", empty), problems, longest=LONGEST * 20, lines=True)
        split = split_members(members)
        for member in split:
            if len(member) > LONGEST:
                problems.append(Problem(row["members"][2], "provincial.participants.too_long", {"length": len(member), "max": LONGEST}))
        groups.append(
            GroupRow(
                name=name,
                agency=_text(row.get("agency", empty), problems),
                category=_text(row.get("category", empty), problems),
                day=_day(row["day"], problems) if "day" in row else None,
                members=split,
                topic=_text(row.get("topic", empty), problems),
                where=where,
                day_where=row["day"][2] if "day" in row else where,
            )
        )
    return groups


def _jurors(table: _Table, problems: list[Problem]) -> list[JurorRow]:
    jurors = []
    empty = (None, None, "")
    for row in _body(table, JUROR_HEADINGS, problems):
        name = _text(row["name"], problems)
        if not name and not any(p.where == row["name"][2] for p in problems):
            problems.append(Problem(row["name"][2], "provincial.participants.no_name", {}))
        code = _text(row.get("id", empty), problems, longest=40)
        if code and not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_.-]*", code):
            problems.append(Problem(row["id"][2], "provincial.participants.bad_id", {"value": code}))
        jurors.append(JurorRow(name, _text(row.get("affiliation", empty), problems), code, row["name"][2]))
    return jurors

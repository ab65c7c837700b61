"""Hypothesis strategies for broken input: event files mutated from valid ones, and score sheets.

Shared by the tests (a small sample, derandomized) and ``bench/torture.py`` (a thousand and more).

- :func:`event_files` starts from a valid event file (the bundled demo, or the template
  `gelar new` writes, in either language) and applies one to four mutations: a line
  deleted, a value of the wrong type, a value cut short, a table (with its keys) written twice,
  the file cut short.
- :func:`score_sheets` writes CSV sheets as people type them: either separator, a BOM
  or a Windows code page, right and wrong headers, known and unknown ids, scores valid and not,
  quoted fields, short and long lines, repeated cells; some then get the same line mutations.
"""

from __future__ import annotations

import re
from functools import cache

from hypothesis import strategies as st

from gelar_tui.event.eventfile import bundled_event_path

VALUE_LINE = re.compile(r"^(\s*[\w.\"-]+\s*=\s*)(.+)$")
TABLE_LINE = re.compile(r"^\s*\[\[?[^\]]+\]\]?\s*$")

WRONG_VALUES = [
    "42", "-1", "0", "3.5", "-0.0", "1e400", "nan", "inf", "10" * 20, "true", "false",
    '"text"', '""', '"  "', '"10x"', '"-5m"', '"99h"', '"\\u0000"', '"' + "é" * 300 + '"',
    "[]", '[1, "a"]', '["10m", "10m"]', "[[]]", "{}", '{ id = "x" }', "1979-05-27", "07:32:00",
    "1979-05-27T07:32:00Z", "'literal'", '"""multi\nline"""',
]
"""Values of every TOML type, and strings a field could misread."""


@cache
def valid_event_sources() -> tuple[str, ...]:
    """The valid event files mutations start from: the bundled demo and both templates."""
    data = bundled_event_path().parent
    return (
        bundled_event_path().read_text(encoding="utf-8"),
        (data / "template.en.toml").read_text(encoding="utf-8"),
        (data / "template.id.toml").read_text(encoding="utf-8"),
    )


# -- mutations of a file's lines ---------------------------------------------------------


def _delete_line(draw, lines: list[str]) -> list[str]:
    if not lines:
        return lines
    index = draw(st.integers(0, len(lines) - 1))
    return lines[:index] + lines[index + 1 :]


def _value_lines(lines: list[str]) -> list[int]:
    return [i for i, line in enumerate(lines) if VALUE_LINE.match(line)]


def _wrong_type(draw, lines: list[str]) -> list[str]:
    candidates = _value_lines(lines)
    if not candidates:
        return lines
    index = draw(st.sampled_from(candidates))
    key = VALUE_LINE.match(lines[index]).group(1)
    value = draw(st.sampled_from(WRONG_VALUES))
    return lines[:index] + [key + value] + lines[index + 1 :]


def _truncate_value(draw, lines: list[str]) -> list[str]:
    candidates = _value_lines(lines)
    if not candidates:
        return lines
    index = draw(st.sampled_from(candidates))
    key, value = VALUE_LINE.match(lines[index]).groups()
    cut = draw(st.integers(0, max(0, len(value) - 1)))
    return lines[:index] + [key + value[:cut]] + lines[index + 1 :]


def _duplicate_table(draw, lines: list[str]) -> list[str]:
    headers = [i for i, line in enumerate(lines) if TABLE_LINE.match(line)]
    if not headers:
        return lines
    start = draw(st.sampled_from(headers))
    end = next((i for i in headers if i > start), len(lines))
    block = lines[start:end]
    where = draw(st.sampled_from([end, len(lines)]))
    return lines[:where] + block + lines[where:]


def _truncate_file(draw, lines: list[str]) -> list[str]:
    text = "\n".join(lines)
    cut = draw(st.integers(0, len(text)))
    return text[:cut].split("\n")


LINE_MUTATIONS = {
    "delete_line": _delete_line,
    "wrong_type": _wrong_type,
    "truncate_value": _truncate_value,
    "duplicate_table": _duplicate_table,
    "truncate_file": _truncate_file,
}


@st.composite
def mutated(draw, source: str, *, most: int = 4, names: tuple[str, ...] = tuple(LINE_MUTATIONS)) -> str:
    """*source* after one to *most* mutations drawn from *names*."""
    lines = source.split("\n")
    for name in draw(st.lists(st.sampled_from(names), min_size=1, max_size=most)):
        lines = LINE_MUTATIONS[name](draw, lines)
    return "\n".join(lines)


@st.composite
def event_files(draw) -> str:
    """A valid event file, mutated."""
    source = draw(st.sampled_from(valid_event_sources()))
    return draw(mutated(source))


# -- score sheets ----------------------------------------------------------------------------

DEMO_GROUPS = ("ceria", "berlian", "cp-joss", "melati")
DEMO_JURORS = ("pemprov", "swasta")
DEMO_CRITERIA = ("analisis", "solusi", "inovasi", "manfaat", "presentasi", "kerjasama")
SCORES = [
    "85", "85,5", "85.5", "0", "100", "99.99", "100.001", "-1", "101", "1e2", "1e309", "NaN", "Infinity",
    "-0", "", " ", "abc", "８５", "85%", "8 5", "0x50", "1_0", "85,5,5", "'85", '"85"', "9" * 400,
]
HEADERS = [
    ["juror", "group", "criterion", "score"],
    ["Group", "Juror", "Criterion", "Score"],
    ["juror", "group", "criterion", "score", "note"],
    ["juror", "group", "score"],
    ["juri", "kelompok", "kriteria", "nilai"],
    [],
]


def _field(value: str, delimiter: str) -> str:
    if any(ch in value for ch in (delimiter, '"', "\n")):
        return '"' + value.replace('"', '""') + '"'
    return value


_VALID_ROW = st.fixed_dictionaries({
    "juror": st.sampled_from(DEMO_JURORS), "group": st.sampled_from(DEMO_GROUPS),
    "criterion": st.sampled_from(DEMO_CRITERIA), "score": st.sampled_from(["70", "85,5", "90.25", "100", "0"]),
    "note": st.just(""),
})


@st.composite
def _rows(draw) -> list[dict[str, str]]:
    ident = st.sampled_from
    row = st.fixed_dictionaries({
        "juror": st.one_of(ident(DEMO_JURORS), ident(["PEMPROV", "juri-9", "", "pemprov "]), st.text(max_size=12)),
        "group": st.one_of(ident(DEMO_GROUPS), ident(["Ceria", "kbk-x", ""]), st.text(max_size=12)),
        "criterion": st.one_of(ident(DEMO_CRITERIA), ident(["Analisis", "c99", ""])),
        "score": st.one_of(ident(SCORES), st.text(max_size=8)),
        "note": st.text(max_size=20),
    })
    return draw(st.lists(st.one_of(_VALID_ROW, _VALID_ROW, row), min_size=0, max_size=40))


def _cell(row: dict[str, str]) -> tuple[str, str, str]:
    return row["juror"], row["group"], row["criterion"]


@st.composite
def clean_sheets(draw) -> bytes:
    """A sheet with nothing wrong in it: right header, known ids, each cell once, scores in range."""
    rows = draw(st.lists(_VALID_ROW, min_size=1, max_size=12, unique_by=_cell))
    delimiter = draw(st.sampled_from([",", ";"]))
    lines = [delimiter.join(HEADERS[0])] + [delimiter.join(_field(row[c], delimiter) for c in HEADERS[0]) for row in rows]
    return "\n".join(lines).encode(draw(st.sampled_from(["utf-8", "utf-8-sig"])))


@st.composite
def messy_sheets(draw) -> bytes:
    """A sheet with whatever can go wrong in one (bytes: the encoding is part of what can go wrong)."""
    delimiter = draw(st.sampled_from([",", ";", "\t"]))
    header = draw(st.sampled_from(HEADERS))
    rows = draw(_rows())
    lines = [delimiter.join(header)] if header else []
    for row in rows:
        fields = [row.get(column.lower(), row["note"]) for column in header or HEADERS[0]]
        if draw(st.integers(0, 9)) == 0:  # a line with a field too many or too few
            fields = fields[:-1] if draw(st.booleans()) else fields + ["x"]
        lines.append(delimiter.join(_field(f, delimiter) for f in fields))
    if rows and draw(st.integers(0, 4)) == 0:  # a line typed twice
        lines.append(lines[-1])
    if draw(st.booleans()):
        lines.insert(draw(st.integers(0, len(lines))), "")
    text = "\r\n".join(lines) if draw(st.booleans()) else "\n".join(lines)
    if draw(st.integers(0, 3)) == 0:
        text = draw(mutated(text, most=2, names=("delete_line", "truncate_file")))
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "latin-1"]))
    return text.encode(encoding, errors="replace")


def score_sheets() -> st.SearchStrategy[bytes]:
    """Score sheets as spreadsheets save them: a third clean, the rest messy."""
    return st.one_of(clean_sheets(), messy_sheets(), messy_sheets())

"""Text a user typed, made safe for the documents, workbooks and CSV files gelar writes.

The event file may hold anything: an ESC or BEL in a title, a bidi override that shows
a name reversed, a group named ``=HYPERLINK(...)``. ``check`` refuses such characters,
but a writer never relies on it:

- :func:`printable` replaces control characters (all but tab and line breaks), the
  non-characters U+FFFE/U+FFFF (which XML, and so a workbook, refuses) and the bidi
  embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) with U+FFFD "�",
  so that a reader sees that something was there and nothing changes how the text
  around it is shown;
- :func:`escaped` writes them as ``\\uXXXX`` escapes in JSON and TOML, which keep the data
  exact but show no raw control or bidi character on a terminal;
- :func:`csv_cell` also puts ``'`` before text that a spreadsheet would run as a
  formula (starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return, as
  OWASP advises); :func:`unguarded` takes it off again when gelar reads a CSV.
"""

from __future__ import annotations

import re

REPLACEMENT = "\ufffd"
BIDI_CONTROLS = frozenset(chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A)))
"""Embeddings, overrides and isolates: they reorder what a reader sees."""
CONTROL_OR_BIDI_CODES = (*range(0x20), *range(0x7F, 0xA0), *sorted(ord(c) for c in BIDI_CONTROLS))
"""Every character that drives a terminal or reorders text: C0, DEL, C1 and the bidi controls.
The one definition: the terminal (:mod:`gelar_tui.terminal`), the screens (``ui/plain.py``) and
the documents (here) each show them in their own way."""


def is_control_or_bidi(char: str) -> bool:
    """A control character (C0, DEL, C1) or a bidi embedding, override or isolate."""
    code = ord(char)
    return code < 0x20 or 0x7F <= code <= 0x9F or char in BIDI_CONTROLS


UNSAFE = re.compile(
    "["
    + "".join(re.escape(chr(code)) for code in CONTROL_OR_BIDI_CODES if chr(code) not in "\t\n\r")
    + "\ufffe\uffff]"
)
"""What :func:`printable` replaces: the characters above but tab, LF and CR; and the non-characters XML refuses."""
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""How a cell a spreadsheet reads as a formula starts."""
GUARD = "'"


def printable(text: str) -> str:
    """*text* with every character of :data:`UNSAFE` replaced by U+FFFD."""
    return UNSAFE.sub(REPLACEMENT, text)


def escaped(text: str) -> str:
    """JSON or TOML text with every character of :data:`UNSAFE` (only ever inside a string) as a \\uXXXX escape."""
    return UNSAFE.sub(lambda found: f"\\u{ord(found.group()):04x}", text)


def formula_like(text: str) -> bool:
    """Whether a spreadsheet would read *text* typed in a cell as a formula."""
    return text.startswith(FORMULA_STARTS)


def csv_cell(value: object) -> object:
    """A CSV cell's value: text made :func:`printable` and guarded with ``'`` when formula-like; numbers as they are."""
    if not isinstance(value, str):
        return value
    text = printable(value)
    return GUARD + text if formula_like(text) else text


def unguarded(text: str) -> str:
    """A CSV cell as it was before :func:`csv_cell` guarded it."""
    return text[1:] if text.startswith(GUARD) and formula_like(text[1:]) else text

"""User text on screen as text: control characters in a name are shown, never sent to the terminal.

An event file may hold an ESC in a group's name (pasted from somewhere, or on purpose);
written to the terminal as it is, ``ESC [ 4 1 m`` would colour the screen and other
sequences could move the cursor or retitle the window. Textual's ``Content`` drops a few
control characters (bell, backspace, vertical tab, form feed, carriage return) and lets
the others through: here every other one is shown as its Unicode control picture
(``␛`` for ESC), and C1 controls as ``�``. Tab and newline keep their meaning. So are the
bidi overrides, embeddings and isolates (U+202A–202E, U+2066–2069): a terminal that
reorders right-to-left text would otherwise turn the rest of the line around them
(Arabic or Hebrew letters themselves, and the RLM/LRM marks, are left as they are).

:func:`visible` does it for text drawn without ``Content`` (the tables' own lines);
importing this module extends ``Content``'s own table the same way, for every widget.
"""

from __future__ import annotations

from textual import content as _content

from ..printable import CONTROL_OR_BIDI_CODES

_KEPT = {0x09, 0x0A}
"""Tab and newline: layout, not control."""

CONTROL_PICTURES: dict[int, str] = {
    code: chr(0x2400 + code) if code < 0x20 else "\u2421" if code == 0x7F else "\ufffd"
    for code in CONTROL_OR_BIDI_CODES
    if code not in _KEPT
}
"""Each control character and what is shown in its place."""


def visible(text: str) -> str:
    """*text* with every control character (but tab and newline) replaced by its picture."""
    return text.translate(CONTROL_PICTURES)


# Content's own table: the characters it already drops stay dropped; every other one is shown.
for _code, _picture in CONTROL_PICTURES.items():
    _content._CONTROL_STRIP_TRANSLATE.setdefault(_code, _picture)

"""What the command line prints: text made safe for a terminal, columns by display width, suggested commands.

- :func:`safe_text` shows control characters and bidi overrides visibly (``\\x1b``,
  ``\\u202e``) instead of letting a name from the event file or the journal drive the
  terminal. Every command's output passes through it (:class:`SafeStream`).
- :func:`display_width` and :func:`pad` align columns by the cells a text takes on screen.
- :func:`command_line` builds a command the program suggests: it names the event file (and
  the journal when it is not the event's default) and runs as printed, on the same event.
"""

from __future__ import annotations

import os
import shlex
import unicodedata
from collections.abc import Iterable
from pathlib import Path
from typing import Any, TextIO

from .printable import is_control_or_bidi as is_unsafe  # the one definition of what drives a terminal


def unsafe_characters(text: str) -> list[str]:
    """The unsafe characters of *text*, each once, in order."""
    return list(dict.fromkeys(c for c in text if is_unsafe(c)))


def escape_char(char: str) -> str:
    """How an unsafe character is shown: ``\\x1b`` for C0, ``\\u009b`` for DEL, C1 and bidi (valid inside JSON too)."""
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x20 else f"\\u{code:04x}"


def safe_text(text: str, *, keep: str = "\n\t") -> str:
    """*text* with every unsafe character but those in *keep* shown visibly."""
    if not any(is_unsafe(c) and c not in keep for c in text):
        return text
    return "".join(escape_char(c) if is_unsafe(c) and c not in keep else c for c in text)


class SafeStream:
    """A text stream that writes everything through :func:`safe_text` (line ends and tabs pass)."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def write(self, text: str) -> int:
        self.stream.write(safe_text(text))
        return len(text)

    def __getattr__(self, name: str) -> Any:  # flush, buffer, isatty, fileno...
        return getattr(self.stream, name)


def display_width(text: str) -> int:
    """The terminal cells *text* takes once shown: wide East Asian characters two, combining marks none,
    an unsafe character its visible escape (see :func:`safe_text`)."""
    width = 0
    for char in text:
        if is_unsafe(char):
            width += len(escape_char(char))
            continue
        if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
            continue
        width += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return width


def pad(text: str, width: int) -> str:
    """*text* followed by spaces up to *width* display cells."""
    return text + " " * max(0, width - display_width(text))


def columns(rows: Iterable[Iterable[str]], indent: str = "  ", gap: str = "  ") -> list[str]:
    """Rows of cells as lines whose columns line up by display width (the last column is not padded)."""
    table = [list(row) for row in rows]
    if not table:
        return []
    count = max(len(row) for row in table)
    widths = [max((display_width(row[i]) for row in table if i < len(row)), default=0) for i in range(count)]
    lines = []
    for row in table:
        cells = [cell if i == len(row) - 1 else pad(cell, widths[i]) for i, cell in enumerate(row)]
        lines.append((indent + gap.join(cells)).rstrip())
    return lines


def shell_word(text: str) -> str:
    """*text* as one shell word: quoted when it needs it; with a control character, as ``$'…'`` (bash, zsh)."""
    if not any(is_unsafe(c) or c == "\n" for c in text):
        return shlex.quote(text)
    inner = "".join(escape_char(c) if is_unsafe(c) else "\\" + c if c in "\\'" else c for c in text)
    return f"$'{inner}'"


def shell_path(path: Path | str) -> str:
    """A path as a shell word (see :func:`shell_word`), never read as an option."""
    text = os.fspath(path)
    if text.startswith("-"):
        text = os.path.join(".", text)
    return shell_word(text)


def command_line(command: str, event_path: Path, *rest: str, journal: Path | None = None) -> str:
    """``gelar COMMAND EVENT REST... [--journal JOURNAL]``, every word quoted for the shell.

    *command* may hold several words (``scores import``); *rest* holds the options as
    the user types them; *journal* is given only when it is not the event's default.
    """
    words = ["gelar", *command.split(), shell_path(event_path)]
    words += [shell_word(word) for word in rest]
    if journal is not None:
        words += ["--journal", shell_path(journal)]
    return " ".join(words)

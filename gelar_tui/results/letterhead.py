"""The office's letterhead on the berita acara: `[document]` letterhead lines, logo, letter number, place, chair.

The logo is read from beside the event file and put into the page as a data URI,
so the HTML stands alone and the PDF renderer fetches nothing.
"""

from __future__ import annotations

import base64
import html
from pathlib import Path

from ..event.days import LOGO_MAX_BYTES, image_type
from ..event.model import Event, Juror
from ..i18n import Messages

CSS = """
.letterhead { display: flex; align-items: center; gap: 5mm; border-bottom: 3px double #000; padding-bottom: 3mm; margin-bottom: 5mm; }
.letterhead img { height: 24mm; width: auto; }
.letterhead .lines { flex: 1; text-align: center; }
.letterhead .lines div:first-child { font-size: 13pt; font-weight: bold; }
.letterhead .lines div { font-size: 11pt; }
.letterhead .lines div.first { font-weight: bold; }
.letterhead.with-logo .lines { margin-right: 24mm; }
.letter-number { text-align: center; margin-top: 0; }
.signature.chair .role { font-weight: bold; }
"""


def signing_jurors(event: Event) -> list[Juror]:
    """The jurors in the order they sign: the chair first."""
    chair = event.document.chair
    return sorted(event.jurors, key=lambda juror: juror.id != chair)


def juror_role(event: Event, juror: Juror, t: Messages) -> str:
    """"Chair of the jury" for the chair, "Juror" for the others."""
    return t("provincial.document.chair") if juror.id == event.document.chair else t("document.juror")


def number_line(event: Event, t: Messages) -> str:
    """"Number: 800/123/419.34/2026", or "" without a letter number."""
    return t("provincial.document.number", number=event.document.number) if event.document.number else ""


def signing_place(event: Event) -> str:
    """Where the berita acara is signed: `[document] place`, else the venue."""
    return event.document.place or event.event.venue


def text_lines(event: Event, t: Messages) -> list[str]:
    """The letterhead and letter number as plain lines (text and Markdown formats), ending with a blank line."""
    lines = [*event.document.letterhead]
    number = number_line(event, t)
    if number:
        lines.append(number)
    return [*lines, ""] if lines else []


def logo_uri(event: Event, folder: Path | None) -> str | None:
    """The logo as a data URI, or None without a logo (or when it cannot be read now)."""
    logo = event.document.logo
    if logo is None or folder is None:
        return None
    try:
        path = Path(folder) / logo
        if path.stat().st_size > LOGO_MAX_BYTES:
            return None
        data = path.read_bytes()
    except OSError:
        return None
    kind = image_type(data[:4096])
    return None if kind is None else f"data:{kind};base64,{base64.b64encode(data).decode('ascii')}"


def letterhead_html(event: Event, folder: Path | None, t: Messages) -> str:
    """The letterhead block (logo at the left, the lines centred, a double rule under them); "" without one."""
    esc = html.escape
    lines = event.document.letterhead
    uri = logo_uri(event, folder)
    if not lines and uri is None:
        return ""
    image = f'<img src="{uri}" alt="">' if uri else ""
    body = "".join(f"<div>{esc(line)}</div>" for line in lines)
    klass = "letterhead with-logo" if uri else "letterhead"
    return f'<header class="{klass}">{image}<div class="lines">{body}</div></header>'

"""Documents check the journal's hash chain before printing (see :mod:`gelar_tui.journal.verify`).

On a broken chain a document is refused and names the first bad record; asked to print
anyway, every format carries a banner saying that it was not verified.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass

from .store import Journal
from ..i18n import Messages


@dataclass(frozen=True)
class BrokenChain:
    """Where the chain first fails: the record's number and kind (None when records are missing before it)."""

    seq: int
    kind: str | None
    missing_before: bool

    def refusal(self, t: Messages) -> str:
        if self.missing_before or self.kind is None:
            return t("final.chain_broken_missing", seq=self.seq)
        return t("final.chain_broken", seq=self.seq, kind=self.kind)

    def banner(self, t: Messages) -> str:
        return t("final.unverified", seq=self.seq)


def broken_chain(journal: Journal) -> BrokenChain | None:
    """The first record at which the journal's hash chain fails, or None when it holds (or has no chain)."""
    from .verify import check_chain

    if journal.version < 2:  # a format-1 journal has no chain to check
        return None
    report = check_chain(journal)
    if report.broken_at is None:
        return None
    kind = next((row[2] for row in journal.raw_rows() if row[0] == report.broken_at), None)
    return BrokenChain(report.broken_at, kind, report.missing_before)


def _css_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def mark_unverified(content: str | bytes, fmt: str, banner: str) -> str | bytes:
    """*content* of format *fmt* with *banner* where every reader meets it (every printed page for html/pdf/xlsx)."""
    import html

    if fmt == "text":
        return f"*** {banner} ***\n\n{content}\n*** {banner} ***\n"
    if fmt == "md":
        return f"> **{banner}**\n\n{content}\n> **{banner}**\n"
    if fmt == "html":
        style = (
            "<style>@page { @top-center { content: " + _css_string(banner) + "; font-weight: bold; font-size: 9pt; } }"
            " .unverified { border: 3px double #000; padding: 6pt; font-weight: bold; text-align: center; }</style>"
        )
        notice = f'<p class="unverified">{html.escape(banner)}</p>'
        text = str(content).replace("</head>", style + "</head>", 1)
        text = text.replace("<body>", "<body>" + notice, 1)
        return text.replace("</body>", notice + "</body>", 1)
    if fmt == "json":
        return json.dumps({"unverified": banner, **json.loads(content)}, ensure_ascii=False, indent=2) + "\n"
    if fmt == "toml":
        return f"unverified = {json.dumps(banner, ensure_ascii=False)}\n{content}"
    if fmt == "csv":
        out = io.StringIO()
        csv.writer(out, lineterminator="\n").writerow([banner])
        return out.getvalue() + str(content)
    if fmt == "xlsx":
        return _mark_workbook(bytes(content), banner)
    raise ValueError(fmt)


def _mark_workbook(content: bytes, banner: str) -> bytes:
    """Row 3 of every sheet, and the header of every printed page, carry the banner."""
    from openpyxl import load_workbook
    from openpyxl.styles import Font

    book = load_workbook(io.BytesIO(content))
    for sheet in book.worksheets:
        cell = sheet.cell(3, 1, banner)
        cell.font = Font(bold=True, color="C00000")
        sheet.oddHeader.center.text = banner.replace("&", "&&")
        sheet.evenHeader.center.text = banner.replace("&", "&&")
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()

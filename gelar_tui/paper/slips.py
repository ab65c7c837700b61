"""The jurors' PIN slips: an A4 HTML page to print and cut, one slip per juror.

Each slip holds the juror's name, their PIN, the station address and its QR code
(drawn inline by segno: the page loads nothing from anywhere).
"""

from __future__ import annotations

import html

from ..event.model import Event
from ..i18n import Messages
from ..printable import printable

_STYLE = """
@page { size: A4; margin: 12mm; }
body { font-family: "DejaVu Sans", Arial, sans-serif; color: #000; margin: 0; }
h1 { font-size: 13pt; margin: 0 0 6mm 0; }
.slips { display: grid; grid-template-columns: 1fr 1fr; gap: 0; }
.slip { border: 1px dashed #555; padding: 5mm; break-inside: avoid; page-break-inside: avoid;
        display: grid; grid-template-columns: 1fr auto; gap: 2mm 4mm; min-height: 52mm; box-sizing: border-box; }
.name { font-size: 13pt; font-weight: bold; }
.affiliation { font-size: 9pt; color: #333; }
.intro { font-size: 9pt; margin-top: 2mm; }
.pin { font-family: "DejaVu Sans Mono", "Courier New", monospace; font-size: 26pt; font-weight: bold;
       letter-spacing: 3mm; margin: 2mm 0; }
.address { font-size: 9pt; }
.address b { font-family: "DejaVu Sans Mono", monospace; font-size: 10pt; }
.terminal { font-size: 8pt; color: #333; margin-top: 1mm; }
.qr { grid-row: 1 / span 5; grid-column: 2; align-self: center; }
.qr svg { width: 28mm; height: 28mm; }
"""


def slips_html(event: Event, pins: dict[str, str], url: str, t: Messages, commands: dict[str, str]) -> str:
    """The page of slips for *pins* (juror id -> PIN), in the event's order of jurors.

    *commands* holds, for each juror, the command that opens their station in a terminal
    (naming the event file: see :meth:`gelar_tui.context.Context.command`).
    """
    import segno  # only when slips are written

    qr = segno.make(url, error="m").svg_inline(scale=4, border=2)
    title = t("pins.slips_title", event=event.event.title)
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{t.language}"><head><meta charset="utf-8"><title>{html.escape(title)}</title>',
        f"<style>{_STYLE}</style></head><body>",
        f"<h1>{html.escape(title)}</h1>",
        '<div class="slips">',
    ]
    for juror in event.jurors:
        if juror.id not in pins:
            continue
        parts += [
            '<div class="slip">',
            f'<div class="name">{html.escape(juror.name)}</div>',
            f'<div class="affiliation">{html.escape(juror.affiliation)}</div>',
            f'<div class="intro">{html.escape(t("pins.slip_intro"))}</div>',
            f'<div class="pin">{html.escape(pins[juror.id])}</div>',
            f'<div class="address">{html.escape(t("pins.slip_address"))} <b>{html.escape(url)}</b>'
            f'<div class="terminal">{html.escape(t("commands.slip_terminal", command=commands[juror.id]))}</div></div>',
            f'<div class="qr">{qr}</div>',
            "</div>",
        ]
    parts += ["</div></body></html>", ""]
    return printable("\n".join(parts))

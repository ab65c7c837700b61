"""`gelar jury`, `gelar pins` and `gelar serve`: the jurors' own stations.

- ``jury --juror ID``: one juror's station in a terminal, opened with their PIN.
- ``pins``: a PIN for each juror, printed once (``--reset ID``: a new one for one juror).
- ``serve``: every station in a browser, at one address.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from ..context import Context
from ..errors import GelarError, Msg
from ..terminal import columns
from . import event_argument, refuse_protected_output, write_output


def register(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    from ..web.address import DEFAULT_HOST, DEFAULT_PORT

    jury = commands.add_parser("jury", parents=[common], help="a juror's station: their score sheet, opened with their PIN")
    event_argument(jury)
    jury.add_argument("--juror", required=True, metavar="ID", help="the juror whose station this is")
    jury.add_argument("--theme", metavar="NAME", help="colour theme (default: the event's)")
    jury.set_defaults(handler=cmd_jury, console=True)  # starts as the console does: collector off until drawn

    pins = commands.add_parser("pins", parents=[common], help="give each juror a PIN for their station (printed once)")
    event_argument(pins)
    pins.add_argument("--json", action="store_true", help='print {"juror": "PIN", ...}')
    pins.add_argument("--reset", metavar="ID", help="give this juror a new PIN (the others keep theirs)")
    pins.add_argument("-o", "--output", type=Path, metavar="FILE", help="also write an A4 HTML page of slips to cut out")
    pins.add_argument("--url", metavar="URL", help="the station address on the slips (default: what gelar serve --host 0.0.0.0 would print)")
    pins.set_defaults(handler=cmd_pins)


    serve = commands.add_parser("serve", parents=[common], help="serve every station to browsers on the hall's network")
    event_argument(serve)
    serve.add_argument("--host", default=DEFAULT_HOST, help=f"the address to listen on (default {DEFAULT_HOST}: this computer only)")
    serve.add_argument("--port", type=int, default=DEFAULT_PORT, help=f"the port (default {DEFAULT_PORT})")
    serve.add_argument("--public-url", metavar="URL", help="the address browsers use, when it is not this computer's own")
    serve.add_argument("--certfile", type=Path, metavar="FILE", help="serve HTTPS and WSS with this certificate (PEM)")
    serve.add_argument("--keyfile", type=Path, metavar="FILE", help="the certificate's private key (PEM), when not in --certfile")
    serve.add_argument("--allow-origin", action="append", default=[], metavar="URL", help="also accept connections from pages of this origin (http://host:port); repeatable")
    serve.add_argument("--max-tabs-per-address", type=int, default=None, metavar="N", help="tabs one device may have open (default 4)")
    serve.add_argument("--max-tabs", type=int, default=None, metavar="N", help="tabs open in all (default: 2 x (jurors + 2))")
    serve.add_argument("--idle-minutes", type=float, default=None, metavar="N", help="close a juror's tab with no key or click for this long (default 30)")
    serve.set_defaults(handler=cmd_serve)


def _juror(context: Context, juror: str) -> str:
    if juror not in context.event.juror_ids:
        raise GelarError("action.unknown_juror", juror=juror, known=", ".join(context.event.juror_ids))
    return juror


def cmd_jury(args: argparse.Namespace, context: Context) -> int:
    from ..ui.launch import run_station

    return run_station(args, context, _juror(context, args.juror))


def cmd_pins(args: argparse.Namespace, context: Context) -> int:
    t, event = context.t, context.event
    if not event.jurors:
        raise GelarError("pins.none")
    if args.reset is not None:
        _juror(context, args.reset)
    url = None
    if args.output is not None:
        from ..web.address import DEFAULT_PORT, public_url

        url = public_url("0.0.0.0", DEFAULT_PORT, args.url)
        refuse_protected_output(args.output, context)
    try:
        with context.writing_day() as day:
            pins = day.issue_pins(reset=args.reset)
    except GelarError as exc:
        if exc.key != "pins.exist":
            raise
        example = event.jurors[0].id
        command = context.command("pins", "--reset", example)
        other = Msg("commands.pins_exist_example", {"juror": example})
        raise GelarError("commands.pins_exist", jurors=exc.params["jurors"], command=command, example=other) from None
    if args.json:
        print(json.dumps(pins, ensure_ascii=False))
    else:
        names = {j.id: j.name for j in event.jurors}
        print(t("pins.heading"))
        for line in columns([names[juror], juror, pin] for juror, pin in pins.items()):
            print(line)
    if args.output is not None and url is not None:
        from ..paper.slips import slips_html

        commands = {juror: context.command("jury", "--juror", juror) for juror in pins}
        write_output(slips_html(event, pins, url, t, commands), args.output, context, private=True)
        print(t("pins.slips_note"), file=sys.stderr)
    return 0


def _positive(option: str, value: float | None, default: float, *, whole: bool = True) -> float:
    if value is None:
        return default
    if not value > 0 or value == float("inf") or (whole and value < 1):
        raise GelarError("serve.bad_limit", option=option, value=value)
    return value


def cmd_serve(args: argparse.Namespace, context: Context) -> int:
    from ..web import tabs
    from ..web.address import public_url
    from ..web.server import ServeOptions, serve, tls_context

    limits = tabs.TabLimits(
        per_address=int(_positive("--max-tabs-per-address", args.max_tabs_per_address, tabs.PER_ADDRESS)),
        total=int(_positive("--max-tabs", args.max_tabs, tabs.default_total(len(context.event.jurors)))),
        idle_seconds=60.0 * _positive("--idle-minutes", args.idle_minutes, tabs.IDLE_MINUTES, whole=False),
    )
    tls = tls_context(args.certfile, args.keyfile)
    url = public_url(args.host, args.port, args.public_url, secure=tls is not None)
    from urllib.parse import urlsplit

    own = urlsplit(url)  # pages served under --public-url (a proxy, a name) are this server's own
    origins = frozenset(origin.rstrip("/").lower() for origin in [*args.allow_origin, f"{own.scheme}://{own.netloc}"])
    options = ServeOptions(args.host, args.port, url, limits, origins, tls, args.lang)
    return serve(context, options)

"""`gelar rundown`: the running order for the master of ceremonies, one page per day."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..context import Context
from ..errors import GelarError
from . import event_argument, write_output

FORMATS = ("html", "pdf", "md")


def register(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    rundown = commands.add_parser("rundown", parents=[common], help="the running order for the master of ceremonies, one page per day (the plan of the event file: a group moved in the journal is not)")
    event_argument(rundown)
    rundown.add_argument("--format", choices=FORMATS, default="html")
    rundown.add_argument("--day", type=int, metavar="N", help="only day N (from 1)")
    rundown.add_argument("-o", "--output", type=Path, metavar="FILE", help="write to FILE instead of the screen")
    rundown.set_defaults(handler=cmd_rundown)


def cmd_rundown(args: argparse.Namespace, context: Context) -> int:
    from ..event.days import event_days
    from ..results.rundown import rundowns, to_html, to_markdown

    event, t = context.event, context.t
    if args.output is not None:
        from . import refuse_protected_output

        refuse_protected_output(args.output, context)
    if args.format == "pdf" and args.output is None:
        raise GelarError("paper.cli.needs_output", format="pdf")
    try:
        days = rundowns(event, args.day)
    except KeyError:
        raise GelarError("provincial.rundown.no_such_day", day=args.day, count=len(event_days(event))) from None
    if args.format == "md":
        return write_output(to_markdown(event, days, t), args.output, context)
    page = to_html(event, days, t)
    if args.format == "pdf":
        from ..results.pdf import html_to_pdf

        return write_output(html_to_pdf(page), args.output, context)
    return write_output(page, args.output, context)

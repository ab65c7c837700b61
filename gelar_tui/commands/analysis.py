"""`gelar analysis`: methods side by side, each juror left out, severity, agreement, outlying sheets."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..context import Context
from . import event_argument, hub_options, write_output

ANALYSIS_FORMATS = ("text", "json", "md")


def register(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    analysis = commands.add_parser("analysis", parents=[common], help="is the result robust, does the jury agree")
    event_argument(analysis)
    hub_options(analysis)
    analysis.add_argument("--format", choices=ANALYSIS_FORMATS, default="text")
    analysis.add_argument("-o", "--output", type=Path, metavar="FILE", help="write to FILE instead of the screen")
    analysis.set_defaults(handler=cmd_analysis)


def cmd_analysis(args: argparse.Namespace, context: Context) -> int:
    from ..results import analysis_report as report
    from ..scoring.analysis import analyse_day
    from ..results.export import to_json

    day = context.look_at_day()
    try:
        found = analyse_day(day)
    finally:
        day.close()
    t, event = context.t, context.event
    if args.format == "json":
        text = to_json(report.analysis_data(found, t))
    elif args.format == "md":
        text = f"# {t('analysis.title', event=event.event.title)}\n\n" + report.to_markdown(found, event, t)
    else:
        text = report.to_text(found, event, t)
    return write_output(text, args.output, context)

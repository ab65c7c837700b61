"""`gelar analysis`: methods side by side, each juror left out, severity, agreement, outlying sheets."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..context import Context
from ..printable import printable
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

    t, event = context.t, context.event
    day = context.look_at_day()
    try:
        if event.categories:
            from ..scoring.categories import category_analyses
            from ..scoring.rules import scale_of

            per_category = category_analyses(day.event, day.state, day.overtimes(), scale_of(day.event))
        else:
            found = analyse_day(day)
    finally:
        day.close()
    if event.categories:  # each category analysed on its own, in the [[categories]] order
        if args.format == "json":
            text = to_json({"categories": {c.category: {"name": c.name, **report.analysis_data(c.analysis, t)} for c in per_category}})
        elif args.format == "md":
            text = f"# {t('analysis.title', event=event.event.title)}\n\n" + "".join(
                f"## {c.name}\n\n" + report.to_markdown(c.analysis, c.event, t, level=3) for c in per_category
            )
        else:
            text = "".join(f"{c.name}\n{'=' * len(c.name)}\n\n" + report.to_text(c.analysis, c.event, t) + "\n" for c in per_category)
        return write_output(printable(text), args.output, context)
    if args.format == "json":
        text = to_json(report.analysis_data(found, t))
    elif args.format == "md":
        text = f"# {t('analysis.title', event=event.event.title)}\n\n" + report.to_markdown(found, event, t)
    else:
        text = report.to_text(found, event, t)
    return write_output(text, args.output, context)

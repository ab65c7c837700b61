"""`gelar results`: the ranking in every format, and the results document."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..context import Context
from ..errors import GelarError
from . import event_argument, write_output

RESULT_FORMATS = ("text", "toml", "json", "csv", "md", "html", "xlsx", "pdf")
BINARY_FORMATS = ("xlsx", "pdf")


def register(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    results = commands.add_parser("results", parents=[common], help="the ranking, or the results document")
    event_argument(results)
    results.add_argument("--format", choices=RESULT_FORMATS, default="text")
    results.add_argument("-o", "--output", type=Path, metavar="FILE", help="write to FILE instead of the screen")
    results.set_defaults(handler=cmd_results)


def cmd_results(args: argparse.Namespace, context: Context) -> int:
    from .. import export

    fmt = args.format
    if fmt in BINARY_FORMATS and args.output is None:
        raise GelarError("paper.cli.needs_output", format=fmt)
    if fmt == "pdf":
        from ..pdf import require_weasyprint

        require_weasyprint()
    day = context.look_at_day()
    try:
        results = day.results()
        if fmt == "text":
            text = export.to_text(day, results, context.t)
        elif fmt == "xlsx":
            from ..results_workbook import results_workbook

            text = results_workbook(day, results, context.t)
        elif fmt == "pdf":
            from .. import document
            from ..pdf import html_to_pdf

            text = html_to_pdf(document.render(day, results, context.t, "html"))
        elif fmt in ("md", "html"):
            from .. import document

            text = document.render(day, results, context.t, fmt)
        else:
            data = export.ranking_data(day, results)
            if fmt == "json":
                text = export.to_json(data)
            elif fmt == "toml":
                text = export.to_toml(data)
            else:
                text = export.to_csv(data, context.event.juror_ids)
    finally:
        day.close()
    return write_output(text, args.output, context.t)

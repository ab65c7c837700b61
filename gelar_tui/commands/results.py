"""`gelar results`: the ranking in every format, and the results document."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..context import Context
from ..errors import GelarError
from . import event_argument, hub_options, write_output

RESULT_FORMATS = ("text", "toml", "json", "csv", "md", "html", "xlsx", "pdf")
BINARY_FORMATS = ("xlsx", "pdf")
EXIT_UNVERIFIED = 1
"""The journal's hash chain is broken: nothing printed (as `gelar verify` exits)."""


def register(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    results = commands.add_parser("results", parents=[common], help="the ranking, or the results document")
    event_argument(results)
    hub_options(results)
    results.add_argument("--format", choices=RESULT_FORMATS, default="text")
    results.add_argument("-o", "--output", type=Path, metavar="FILE", help="write to FILE instead of the screen")
    results.add_argument("--day", type=int, metavar="N", help="only day N's times table (from 1): what the office prints at the day's close")
    results.add_argument(
        "--unverified", action="store_true", help="print even when the journal's hash chain is broken, marked as not verified on every page"
    )
    results.set_defaults(handler=cmd_results)

    withdraw = commands.add_parser("withdraw", parents=[common], help="withdraw a group that will not present (or, with --undo, bring it back)")
    event_argument(withdraw, required=True)
    withdraw.add_argument("group", metavar="GROUP", help="the group's id")
    withdraw.add_argument("--reason", required=True, help="why (journaled, and printed in the documents)")
    withdraw.add_argument("--undo", action="store_true", help="bring a withdrawn group back into the running order")
    withdraw.set_defaults(handler=cmd_withdraw)


def cmd_results(args: argparse.Namespace, context: Context) -> int:
    from ..results import export

    fmt = args.format
    if args.output is not None:
        from . import refuse_protected_output

        refuse_protected_output(args.output, context)
    if fmt in BINARY_FORMATS and args.output is None:
        raise GelarError("paper.cli.needs_output", format=fmt)
    if fmt == "pdf":
        from ..results.pdf import require_weasyprint

        require_weasyprint()
    if args.day is not None:
        from ..event.days import event_days

        count = len(event_days(context.event))
        if not 1 <= args.day <= count:
            raise GelarError("provincial.rundown.no_such_day", day=args.day, count=count)
    day = context.look_at_day()
    try:
        from ..journal.chain_guard import broken_chain, mark_unverified
        from ..scoring.day_results import results_of

        broken = broken_chain(day.journal)
        if broken is not None and not args.unverified:
            print(broken.refusal(context.t), file=sys.stderr)
            return EXIT_UNVERIFIED
        banner = None if broken is None else broken.banner(context.t)
        if args.day is not None:
            from ..results.day_times import render_day_times

            text = render_day_times(day, context.t, args.day, "html" if fmt == "pdf" else fmt)
            if banner is not None:
                text = mark_unverified(text, "html" if fmt == "pdf" else fmt, banner)
            if fmt == "pdf":
                from ..results.pdf import html_to_pdf

                text = html_to_pdf(text)
            return write_output(text, args.output, context)
        results = results_of(day)
        if fmt == "text":
            text = export.to_text(day, results, context.t)
            if context.event.categories:  # then each category's ranking, finalists and tie at the cut
                from ..results.document_categories import categories_text

                text += categories_text(day, context.t)
        elif fmt == "xlsx":
            from ..results.results_workbook import results_workbook

            text = results_workbook(day, results, context.t)
        elif fmt == "pdf":
            from ..results import document
            from ..results.pdf import html_to_pdf

            page = document.render(day, results, context.t, "html")
            text = html_to_pdf(page if banner is None else mark_unverified(page, "html", banner))
        elif fmt in ("md", "html"):
            from ..results import document

            text = document.render(day, results, context.t, fmt)
        else:
            data = export.ranking_data(day, results, context.t)
            if context.event.categories:  # each category's ranking, finalists and tie at the cut
                from ..results.document_categories import categories_data

                data["categories"] = categories_data(day)
            if fmt == "json":
                text = export.to_json(data)
            elif fmt == "toml":
                text = export.to_toml(data)
            else:
                text = export.to_csv(data, context.event.juror_ids)
        if banner is not None and fmt != "pdf":
            text = mark_unverified(text, fmt, banner)
    finally:
        day.close()
    return write_output(text, args.output, context)


def cmd_withdraw(args: argparse.Namespace, context: Context) -> int:
    """Withdraw a group (or bring it back), with a reason; "saved" only once the journal took it."""
    with context.writing_day() as day:
        if args.undo:
            day.reinstate(args.group, args.reason)
        else:
            day.withdraw(args.group, args.reason)
        name = context.event.group(args.group).name
        reason = day.state.slots[args.group].withdrawn if not args.undo else args.reason.strip()
    print(context.t("withdraw.undone" if args.undo else "withdraw.done", group=name, reason=reason))
    return 0

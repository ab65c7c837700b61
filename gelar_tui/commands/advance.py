"""`gelar advance`: close a stage and journal who goes on (the cut, and the organiser's choice at a tie)."""

from __future__ import annotations

import argparse

from ..context import Context
from . import event_argument


def register(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    advance = commands.add_parser("advance", parents=[common], help="close a stage: its finalists go on to the next stage")
    event_argument(advance, required=True)
    advance.add_argument("--stage", required=True, metavar="ID", help="the stage to close (its id in [[stages]])")
    advance.add_argument("--decide", nargs="+", default=[], metavar="GROUP", help="at a tie at the cut: the tied entries (ids) that go on")
    advance.add_argument("--let-through", action="store_true", help="at a tie at the cut: every tied entry goes on")
    advance.add_argument("--reason", default="", help="why (needed with --decide or --let-through; journaled and printed)")
    advance.set_defaults(handler=cmd_advance)


def cmd_advance(args: argparse.Namespace, context: Context) -> int:
    from ..day.stages import find_stage
    from ..printable import printable
    from ..scoring.stages import day_stage_results

    event, t = context.event, context.t
    stage = find_stage(event, args.stage)

    def result_of(state):
        return day_stage_results(event, state)[stage.id]

    with context.writing_day() as day:
        finalists = day.close_stage(stage.id, result_of, args.decide, args.reason, args.let_through)
    names = ", ".join(f"{event.group(g).name} ({g})" for g in finalists)
    print(printable(t("stageday.advanced", stage=stage.name, count=len(finalists), finalists=names, path=str(context.journal_path))))
    return 0

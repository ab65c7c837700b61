"""`gelar scores import`: paper sheets typed into a file."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..context import Context
from ..errors import GelarError
from . import event_argument


def register(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    scores = commands.add_parser("scores", help="score sheets")
    actions = scores.add_subparsers(dest="scores_command", metavar="ACTION", required=True)
    imp = actions.add_parser("import", parents=[common], help="import score sheets: CSV files or Excel workbooks, all or nothing together")
    event_argument(imp, required=True)
    imp.add_argument("sheets", type=Path, nargs="+", metavar="SHEET", help="a .csv file or an .xlsx workbook (several: all or nothing together)")
    imp.set_defaults(handler=cmd_import)


def cmd_import(args: argparse.Namespace, context: Context) -> int:
    from ..day.unsaved import is_spill
    from ..paper.workbook_read import read_score_files

    spills = [path for path in args.sheets if is_spill(path)]
    if spills:  # records a journal fault left in a spill file
        if len(spills) != len(args.sheets):
            raise GelarError("commands.spill_alone", command=context.command("scores import", *map(str, spills)))
        with context.writing_day() as day:
            for path in spills:
                count = day.take_back_spill(path)
                print(context.t("trust.imported_spill", count=count, path=str(path), journal=str(context.journal_path)))
        return 0

    rows, problems = read_score_files(args.sheets, context.event)
    with context.writing_day() as day:
        count, locked = day.import_scores(rows, problems)
    if count == 0 and locked == 0:
        print(context.t("paper.cli.nothing_new", path=str(context.journal_path)))
    else:
        print(context.t("cli.imported", count=count, sheets=locked, path=str(context.journal_path)))
    return 0

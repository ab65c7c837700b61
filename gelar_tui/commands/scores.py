"""`gelar scores import`: paper sheets typed into a file."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..context import Context
from . import event_argument


def register(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    scores = commands.add_parser("scores", help="score sheets")
    actions = scores.add_subparsers(dest="scores_command", metavar="ACTION", required=True)
    imp = actions.add_parser("import", parents=[common], help="import paper sheets typed into a CSV file")
    event_argument(imp, required=True)
    imp.add_argument("sheet", type=Path, metavar="SHEET.csv")
    imp.set_defaults(handler=cmd_import)


def cmd_import(args: argparse.Namespace, context: Context) -> int:
    from ..sheets import read_sheet
    from ..unsaved import is_spill

    if is_spill(args.sheet):  # records a journal fault left in a spill file
        day = context.open_day(create=True)
        try:
            count = day.take_back_spill(args.sheet)
        finally:
            day.close()
        print(context.t("trust.imported_spill", count=count, path=str(args.sheet), journal=str(context.journal_path)))
        return 0

    rows, problems = read_sheet(args.sheet)
    day = context.open_day(create=True)
    try:
        count, locked = day.import_scores(rows, problems)
    finally:
        day.close()
    print(context.t("cli.imported", count=count, sheets=locked, path=str(context.journal_path)))
    return 0

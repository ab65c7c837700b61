"""`gelar move` and `gelar close-day`: a group moved to another day, a day's close (an event over several days)."""

from __future__ import annotations

import argparse

from ..context import Context
from . import event_argument


def register(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    move = commands.add_parser("move", parents=[common], help="move a group that has not presented to another day (its bus broke down)")
    event_argument(move, required=True)
    move.add_argument("group", metavar="GROUP", help="the group's id")
    move.add_argument("--day", type=int, required=True, metavar="N", help="the day it presents on now (from 1): last of that day's order")
    move.set_defaults(handler=cmd_move)

    close = commands.add_parser("close-day", parents=[common], help="close a day: its groups' scores are locked (unless the event keeps them open)")
    event_argument(close, required=True)
    close.add_argument("--day", type=int, required=True, metavar="N", help="the day to close (from 1)")
    close.set_defaults(handler=cmd_close_day)


def cmd_move(args: argparse.Namespace, context: Context) -> int:
    from ..day.days import check_day
    from ..event.days import event_days

    check_day(context.event, args.day)  # before the journal is opened: a typo writes nothing
    with context.writing_day() as day:
        day.move_to_day(args.group, args.day)
        name = day.event.group(args.group).name
    date = event_days(context.event)[args.day - 1].date.isoformat()
    print(context.t("today.cli.moved", group=name, day=args.day, date=date))
    return 0


def cmd_close_day(args: argparse.Namespace, context: Context) -> int:
    from ..day.days import check_day
    from ..event.days import event_days

    check_day(context.event, args.day)
    with context.writing_day() as day:
        closed = day.close_day(args.day)
    date = event_days(context.event)[args.day - 1].date.isoformat()
    if not closed:
        key = "today.cli.already_closed"
    elif context.event.scoring.scores_open_across_days:
        key = "today.cli.closed_open_scores"
    else:
        key = "today.cli.closed"
    print(context.t(key, day=args.day, date=date))
    return 0

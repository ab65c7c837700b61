"""`gelar run`: the moderator's console (also what `gelar` alone opens)."""

from __future__ import annotations

import argparse

from ..context import Context
from . import event_argument


def register(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    run = commands.add_parser("run", parents=[common], help="open the moderator's console")
    event_argument(run)
    console_options(run)
    run.add_argument("--hub", metavar="URL", help="ship the journal to this PostgreSQL hub (default: GELAR_HUB, else [hub] url)")
    run.set_defaults(handler=cmd_run, console=True)


def console_options(parser: argparse.ArgumentParser) -> None:
    """The options of the console, which `gelar` alone takes too."""
    parser.add_argument("--theme", metavar="NAME", help="colour theme (default: the event's)")
    parser.add_argument("--day", type=int, metavar="N", help="run day N of the event's days (from 1; default: the day whose date is today)")
    parser.add_argument("--rehearsal", type=speed, metavar="SPEED", help="practise: run the day SPEED times faster on a throwaway journal")
    parser.add_argument("--no-bell", action="store_true", help="do not ring the terminal bell at alerts")
    parser.add_argument("--no-sound", action="store_true", help="play no sounds at alerts (they are still recorded)")
    parser.add_argument(
        "--sound-player", type=player_command, metavar="COMMAND",
        help="the command that plays a sound file, e.g. \"paplay {file}\" (default: the event's [sound] player, else the first found)",
    )


def speed(text: str) -> float:
    try:
        value = float(text.replace(",", "."))
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not 0 < value <= 1000:
        raise argparse.ArgumentTypeError(f"must be more than 0 and at most 1000: {text!r}")
    return value


def player_command(text: str) -> str:
    import shlex

    try:
        words = shlex.split(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"not a command: {text!r} ({exc})") from None
    if not words:
        raise argparse.ArgumentTypeError("not a command: it is empty")
    return text


def cmd_run(args: argparse.Namespace, context: Context) -> int:
    from ..ui.launch import launch

    return launch(args, context)

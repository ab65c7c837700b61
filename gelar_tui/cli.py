"""The `gelar` command line: the parser, and dispatch to the command modules (``commands/``)."""

from __future__ import annotations

import argparse
import gc
import sys
from collections.abc import Sequence
from pathlib import Path

from . import __version__
from .commands import console as console_commands
from .commands import modules
from .commands.console import console_options
from .context import hub_request, make_context
from .errors import GelarError
from .i18n import LANGUAGES, Messages, environment_language
from .terminal import SafeStream

EXIT_USAGE = 2


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The parser of the command line; with *argv*, of that command line alone when it runs the console.

    ``gelar run ...`` (and ``gelar`` alone) then gets a parser with the console's command only:
    the other seventeen families' modules are not imported and their parsers not built, a
    tenth of what the console did before its first frame besides Textual. Anything else, or a
    line this cannot read with certainty, gets the whole parser.
    """
    common = argparse.ArgumentParser(add_help=False)
    # SUPPRESS: an option given before the command must survive the command's own parser
    common.add_argument("--journal", type=Path, metavar="FILE", default=argparse.SUPPRESS, help="the journal file (default: beside the event file)")
    common.add_argument("--lang", choices=LANGUAGES, default=argparse.SUPPRESS, help="language of messages and documents (default: the event's)")

    parser = argparse.ArgumentParser(
        prog="gelar",
        description="Live presentation timer, jury score sheets and scoreboard. With no command: the console on the bundled demo event.",
        parents=[common],
    )
    parser.add_argument("--version", action="version", version=f"gelar {__version__}")
    console_options(parser)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in [console_commands] if argv is not None and runs_console(parser, argv) else modules():
        module.register(commands, common)
    return parser


def runs_console(parser: argparse.ArgumentParser, argv: Sequence[str]) -> bool:
    """Whether *argv* surely runs the console: ``run`` as its first word that is neither an option
    nor an option's value (read by *parser*'s own options), or no such word at all."""
    if not argv:
        return True
    words = iter(argv)
    for word in words:
        if not word.startswith("-") or word == "-":
            return word == "run"
        action = parser._option_string_actions.get(word.split("=", 1)[0])
        if action is None or isinstance(action, (argparse._HelpAction, argparse._VersionAction)):
            return False  # help, the version, an abbreviation, an unknown option, "--": the whole parser answers
        if action.nargs != 0 and "=" not in word:
            next(words, None)  # the option's value
    return True  # options alone: the console on the bundled demo


def main(argv: Sequence[str] | None = None) -> int:
    streams = sys.stdout, sys.stderr
    sys.stderr = SafeStream(sys.stderr)  # argparse repeats what was typed
    try:
        args = build_parser(sys.argv[1:] if argv is None else argv).parse_args(argv)
    finally:
        sys.stderr = streams[1]
    args.lang = getattr(args, "lang", None)
    args.journal = getattr(args, "journal", None)
    speaker = _Speaker(Messages(args.lang or environment_language()))
    console = getattr(args, "console", False) or getattr(args, "handler", None) is None
    if not console:  # what a command prints is made safe; a console draws its own screen
        sys.stdout, sys.stderr = SafeStream(sys.stdout), SafeStream(sys.stderr)
    try:
        return _dispatch(args, speaker)
    except GelarError as exc:
        if args.lang is None and (language := file_language(getattr(args, "event", None))):
            speaker.t = Messages(language)  # even when the rest of the file is invalid
        print(exc.render(speaker.t), file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    finally:
        sys.stdout, sys.stderr = streams


def file_language(event_path: Path | None) -> str | None:
    """The ``language`` an event file names, read from its TOML alone: errors about a file speak its language."""
    if event_path is None:
        return None
    try:
        import tomllib

        language = tomllib.loads(event_path.read_bytes().decode("utf-8-sig")).get("event", {}).get("language")
    except (OSError, ValueError, AttributeError):
        return None
    return language if language in LANGUAGES else None


class _Speaker:
    """The language messages are in: --lang, else the event's once it is read, else the environment's."""

    def __init__(self, t: Messages) -> None:
        self.t = t


def _dispatch(args: argparse.Namespace, speaker: _Speaker) -> int:
    handler = getattr(args, "handler", None)
    if handler is None:  # `gelar` alone: the console on the bundled demo
        from .commands.console import cmd_run as handler
    elif not getattr(args, "console", False):
        gc.enable()  # off only while the console starts (see gelar_tui.start)
    if not getattr(args, "needs_event", True):
        return handler(args, speaker.t)
    context = make_context(
        getattr(args, "event", None), args.journal, args.lang, use_cache=not getattr(args, "full_check", False), hub=hub_request(args)
    )
    speaker.t = context.t
    return handler(args, context)


if __name__ == "__main__":
    sys.exit(main())

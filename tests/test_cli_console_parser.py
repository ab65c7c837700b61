"""`gelar run` (and `gelar` alone) is read by a parser with the console's command only: it must read
every such line as the whole parser does, and hand every other line to the whole parser."""

from __future__ import annotations

import contextlib
import io

import pytest

from gelar_tui.cli import build_parser, runs_console

CONSOLE_LINES = [
    [],
    ["run"],
    ["run", "lomba.toml"],
    ["run", "lomba.toml", "--journal", "j.gelar-journal", "--no-bell", "--day", "2", "--theme", "terang"],
    ["--lang", "en", "run", "lomba.toml", "--rehearsal", "60"],
    ["--journal=j.gelar-journal", "run"],
    ["--journal", "j.gelar-journal", "--no-bell", "run", "--no-sound", "--sound-player", "aplay {file}", "--hub", "postgresql://h/d"],
    ["--no-bell"],
    ["--theme", "terang", "--day", "1"],
    ["--theme", "run"],  # a theme named "run", on the bundled demo
    ["run", "--help"],  # the console's own help (exit status 0), the same from both
    ["run", "[bold]lomba.toml\x1b[2J", "--theme", "=HYPERLINK(\"x\")"],  # hostile words are only words
]
BAD_CONSOLE_LINES = [
    ["run", "--day", "two"],
    ["run", "--rehearsal", "0"],
    ["run", "--bogus"],
    ["run", "a.toml", "b.toml"],
    ["--lang", "xx", "run"],
    ["run", "--sound-player", ""],
    ["run", "--lang"],  # a value missing
    ["--lang"],
]
OTHER_LINES = [
    ["status"],
    ["--journal", "run", "status"],  # "run" is the journal's name here
    ["-h", "run"],
    ["--help"],
    ["--version"],
    ["--jour", "j", "run"],  # an abbreviation: the whole parser reads it
    ["--", "run"],
    ["scores", "import", "run"],
]


def parsed(argv: list[str], *, whole: bool) -> tuple[object, str]:
    """What the parser makes of *argv* (its namespace, or the exit status), and what it printed."""
    parser = build_parser() if whole else build_parser(argv)
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        try:
            result: object = vars(parser.parse_args(argv))
        except SystemExit as exit:
            result = exit.code
    return result, out.getvalue()


@pytest.mark.parametrize("argv", CONSOLE_LINES + BAD_CONSOLE_LINES, ids=" ".join)
def test_a_console_line_reads_the_same_with_the_console_parser_alone(argv):
    assert runs_console(build_parser(), argv)
    alone, whole = parsed(argv, whole=False), parsed(argv, whole=True)
    assert alone == whole
    if argv in BAD_CONSOLE_LINES:
        assert alone[0] == 2 and "error:" in alone[1]


@pytest.mark.parametrize("argv", OTHER_LINES, ids=" ".join)
def test_every_other_line_gets_the_whole_parser(argv):
    assert not runs_console(build_parser(), argv)
    parser = build_parser(argv)
    assert {"status", "scores", "run", "check"} <= set(parser._subparsers._group_actions[0].choices)

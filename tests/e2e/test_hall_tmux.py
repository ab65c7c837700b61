"""A console and an audience display as separate processes on one journal, in a real terminal (tmux).

The moderator starts a slot and shows the scoreboard; the display follows.
"""

from __future__ import annotations

import shlex
import shutil
import sys

import pytest

from tests.e2e.test_console_tmux import TITLE, Terminal, terminal  # noqa: F401 (the fixture)

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")


def start(terminal: Terminal, name: str, *args: str, size: tuple[int, int] = (100, 30)) -> str:
    command = [sys.executable, "-m", "gelar_tui", *args, str(terminal.event), "--journal", str(terminal.journal), "--lang", "en"]
    shell = f"exec env HOME={shlex.quote(str(terminal.home))} " + " ".join(shlex.quote(part) for part in command)
    terminal.tmux("new-session", "-d", "-s", name, "-x", str(size[0]), "-y", str(size[1]), shell)
    return name


def test_the_display_follows_the_console(terminal: Terminal) -> None:
    console = start(terminal, "console", "run", "--no-bell")
    terminal.wait_for(console, "READY · press space to start")
    display = start(terminal, "display", "display", size=(80, 24))
    screen = terminal.wait_for(display, "Getting ready", TITLE)
    assert "press space" not in screen and "Start/pause" not in screen  # no key bar, no controls

    terminal.tmux("send-keys", "-t", console, "Space")
    terminal.wait_for(display, "00:01 / 30:00")  # the slot runs on the display too
    terminal.tmux("send-keys", "-t", console, "d")  # the display shows the scoreboard
    screen = terminal.wait_for(display, "Rank", "Score", "KBK Ceria")
    assert "sheets locked" in screen.lower()

    terminal.tmux("send-keys", "-t", display, "C-q")  # quits without asking
    terminal.tmux("send-keys", "-t", console, "d", "d", "d")  # winner, title, clock: nothing breaks without a display
    terminal.wait_for(console, "The display now shows: the clock")

"""End to end in a real terminal (tmux): start a slot, kill -9 the console, start it again.

The console must come back with the clock still running and the right time
left, and `gelar status` must agree with it. Skipped only where tmux is missing
(`.ci/run` installs it).
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from gelar_tui.event.eventfile import bundled_event_path

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")

SLOT = 30 * 60
TITLE = "Gelar Budaya Kerja 2016"


class Terminal:
    """A private tmux server (its own socket) running one console per session."""

    def __init__(self, folder: Path) -> None:
        self.socket = f"gelar-e2e-{os.getpid()}-{uuid.uuid4().hex[:8]}"
        self.folder = folder
        self.home = folder / "home"
        self.home.mkdir()
        self.event = folder / "event.toml"
        shutil.copy(bundled_event_path(), self.event)
        self.journal = folder / "day.gelar-journal"
        self.env = {**os.environ, "HOME": str(self.home), "LANG": "C.UTF-8", "TZ": "UTC"}
        self.sessions = 0

    def tmux(self, *args: str) -> str:
        result = subprocess.run(
            ["tmux", "-L", self.socket, "-f", "/dev/null", *args], capture_output=True, text=True, env=self.env, timeout=10
        )
        return result.stdout

    def start_console(self) -> str:
        self.sessions += 1
        name = f"console{self.sessions}"
        command = [sys.executable, "-m", "gelar_tui", "run", str(self.event), "--journal", str(self.journal), "--no-bell", "--lang", "en"]
        shell = f"exec env HOME={shlex.quote(str(self.home))} " + " ".join(shlex.quote(part) for part in command)
        self.tmux("new-session", "-d", "-s", name, "-x", "100", "-y", "30", shell)
        return name

    def screen(self, name: str) -> str:
        return self.tmux("capture-pane", "-p", "-t", name)

    def wait_for(self, name: str, *texts: str, timeout: float = 20.0) -> str:
        """The first screen that shows every one of *texts* (a frame may show the title before the rest)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            screen = self.screen(name)
            flat = " ".join(screen.split())  # a long line may wrap where the terminal ends
            if all(text in screen or " ".join(text.split()) in flat for text in texts):
                return screen
            time.sleep(0.1)
        raise AssertionError(f"{texts!r} never appeared together on the screen:\n{self.screen(name)}")

    def wait_gone(self, name: str, timeout: float = 20.0) -> None:
        """Until the tmux session *name* has ended (its program exited)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if name not in self.tmux("list-sessions", "-F", "#{session_name}").split():
                return
            time.sleep(0.1)
        raise AssertionError(f"the session {name!r} never ended")

    def pane_pid(self, name: str) -> int:
        return int(self.tmux("list-panes", "-t", name, "-F", "#{pane_pid}").split()[0])

    def status(self) -> dict:
        command = [sys.executable, "-m", "gelar_tui", "status", str(self.event), "--journal", str(self.journal), "--json"]
        result = subprocess.run(command, capture_output=True, text=True, env=self.env, timeout=20, check=True)
        return json.loads(result.stdout)

    def close(self) -> None:
        self.tmux("kill-server")
        folder = Path(os.environ.get("TMUX_TMPDIR") or "/tmp") / f"tmux-{os.getuid()}"
        (folder / self.socket).unlink(missing_ok=True)  # tmux leaves its socket file behind


@pytest.fixture
def terminal(tmp_path: Path) -> Iterator[Terminal]:
    terminal = Terminal(tmp_path)
    try:
        yield terminal
    finally:
        terminal.close()


def bar_time_run(screen: str) -> int:
    """The time run, from the slot bar's label ("00:01 / 30:00")."""
    found = re.search(r"(\d\d):(\d\d) / 30:00", screen)
    assert found, screen
    return int(found.group(1)) * 60 + int(found.group(2))


def test_the_clock_survives_kill_9(terminal: Terminal) -> None:
    first = terminal.start_console()
    terminal.wait_for(first, TITLE, "READY · press space to start")
    pid = terminal.pane_pid(first)
    assert Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")[1:3] == [b"-m", b"gelar_tui"]  # the app itself

    pressed = time.time()
    terminal.tmux("send-keys", "-t", first, "Space")
    terminal.wait_for(first, "1▶ KBK Ceria")  # the compact running order: presenting
    time.sleep(1.5)  # let the slot run a while: what is measured is time passing
    status, run_at_least, run_at_most = timed_status(terminal, pressed)
    assert status["phase"] == "running" and status["current"] == "ceria"
    assert SLOT - run_at_most - 1 <= status["remaining_s"] <= SLOT - run_at_least + 1
    screen = terminal.screen(first)
    assert "READY" not in screen and abs(bar_time_run(screen) - (SLOT - status["remaining_s"])) <= 2

    os.kill(pid, 9)  # no chance to clean up
    terminal.wait_gone(first)

    second = terminal.start_console()
    terminal.wait_for(second, TITLE)
    status, run_at_least, run_at_most = timed_status(terminal, pressed)
    assert status["phase"] == "running" and status["current"] == "ceria"
    assert status["groups"][0]["status"] == "presenting"
    assert SLOT - run_at_most - 2 <= status["remaining_s"] <= SLOT - run_at_least + 2  # about 30*60 - elapsed
    screen = terminal.wait_for(second, "1▶ KBK Ceria", " / 30:00")
    assert "READY" not in screen and "PAUSED" not in screen
    shown = bar_time_run(screen)
    assert run_at_least - 2 <= shown <= time.time() - pressed + 1
    deadline = time.monotonic() + 10
    while bar_time_run(terminal.screen(second)) <= shown and time.monotonic() < deadline:  # still running on the screen
        time.sleep(0.1)
    assert bar_time_run(terminal.screen(second)) > shown


def timed_status(terminal: Terminal, since: float) -> tuple[dict, float, float]:
    """`gelar status --json`, with the least and most time that can have passed since *since*."""
    before = time.time()
    status = terminal.status()
    return status, before - since - 0.5, time.time() - since  # 0.5: the key's way to the app

"""End to end in real terminals (tmux): the moderator's console and two jury stations,
three processes on one journal. Each juror opens their station with their PIN and scores;
the console's scoreboard shows both jurors' totals. Skipped only where tmux is missing.
"""

from __future__ import annotations

import shlex
import shutil
import sys
import time

import pytest

from gelar_tui.day.facade import Day
from gelar_tui.event.eventfile import load_event
from tests.e2e.test_console_tmux import TITLE, Terminal, terminal  # noqa: F401 (the fixture)

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")


def start_station(hall: Terminal, juror: str) -> str:
    """A jury station in its own tmux session, named after the juror."""
    command = [sys.executable, "-m", "gelar_tui", "jury", str(hall.event), "--journal", str(hall.journal), "--juror", juror, "--lang", "en"]
    shell = f"exec env HOME={shlex.quote(str(hall.home))} " + " ".join(shlex.quote(part) for part in command)
    hall.tmux("new-session", "-d", "-s", juror, "-x", "110", "-y", "30", shell)
    return juror


def keys(hall: Terminal, name: str, *pressed: str, pause: float = 0.25) -> None:
    """Keys one at a time, as a person types."""
    for key in pressed:
        hall.tmux("send-keys", "-t", name, key)
        time.sleep(pause)


def wait_journal(hall: Terminal, wanted, count: int, station: str, timeout: float = 15.0) -> None:
    """Until the journal holds *count* records that are *wanted*, as a juror watches the cell
    they left take its value before typing on (on a busy machine the keys queue up)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        day = Day.open(load_event(hall.event), hall.journal, origin="cli", create=False)
        try:
            if sum(1 for r in day.journal.records() if wanted(r)) >= count:
                return
        finally:
            day.close()
        time.sleep(0.1)
    raise AssertionError(f"the journal never held {count} such records:\n{hall.screen(station)}")


def test_two_stations_score_and_the_console_scoreboard_shows_both(terminal: Terminal) -> None:
    hall = terminal
    day = Day.open(load_event(hall.event), hall.journal, origin="cli")
    pins = day.issue_pins()
    criteria = len(day.event.criteria)
    day.close()

    console = hall.start_console()
    hall.wait_for(console, TITLE)
    stations = {juror: start_station(hall, juror) for juror in ("pemprov", "swasta")}
    for juror, score in (("pemprov", "90"), ("swasta", "80")):
        name = stations[juror]
        hall.wait_for(name, "type your six-digit PIN")
        keys(hall, name, *pins[juror], "Enter")
        hall.wait_for(name, "Weighted total")
        time.sleep(1.0)  # the sheet puts the focus in the juror's first cell
        for done in range(1, criteria + 1):
            keys(hall, name, *score, "Tab")
            wait_journal(hall, lambda r: r.kind == "score_set" and r.data["juror"] == juror, done, juror)
        keys(hall, name, "C-s")
        wait_journal(hall, lambda r: r.kind == "sheet_locked" and r.data["juror"] == juror, 1, juror)

    keys(hall, console, "s")
    # KBK Ceria: both jurors' totals and their mean (on a busy machine a frame may come before the board has fitted its columns)
    screen = hall.wait_for(console, "90.00", "80.00", "85.00")
    row = next(line for line in screen.splitlines() if "KBK Ceria" in line)
    assert "90.00" in row and "80.00" in row and "85.00" in row

    keys(hall, console, "Escape", "j")
    hall.wait_for(console, "Stations:", "Juri Swasta: PIN, station open")

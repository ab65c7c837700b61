"""Helpers of the sound tests: a fake player that writes down what it was given, and waiting for it."""

from __future__ import annotations

import stat
import threading
from pathlib import Path


def fake_player(folder: Path, *, fails: bool = False) -> str:
    """A player command that writes the file it was given (and the time) to a log; or fails like a player without a device."""
    script = folder / "fake-player"
    log = folder / "played.log"
    body = 'echo "$(date +%s.%N) $1" >> "' + str(log) + '"\n'
    if fails:
        body += 'echo "Connection failure: Connection refused" >&2\nexit 1\n'
    script.write_text("#!/bin/sh\n" + body, encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    return f"{script} {{file}}"


def played(folder: Path) -> list[str]:
    log = folder / "played.log"
    return [line.split(" ", 1)[1] for line in log.read_text().splitlines()] if log.exists() else []


def wait_until(condition, seconds: float = 10.0) -> None:
    pause = threading.Event()
    for _ in range(int(seconds / 0.02)):
        if condition():
            return
        pause.wait(0.02)

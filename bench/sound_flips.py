"""Flip latency with sound on and off, side by side; and how soon each sound starts after its alert.

Part of ``bench/console.py`` (run that). Two consoles run at once in the private tmux
server, on a copy of the demo event with a 40 s slot, alerts at 30, 20 and 10 s left
and the soft tick on, so a slot holds three alerts, ten ticks and zero:

- "sound": ``--sound-player`` is a small shell script that writes the moment it
  starts (``date +%s.%N``) and the file it was given to a log: a child process per
  sound, as with a real player, without an audio device;
- "silent": ``--no-sound``.

Both slots are started with one space each; their panes are then captured in turn,
back to back, and each change of a bar label is compared with its true second
boundary (the journal's slot_started time plus whole seconds). The sound's latency is
the script's start against the alert's true moment (slot_started + slot − alert).
"""

from __future__ import annotations

import re
import sqlite3
import statistics
import time
from dataclasses import dataclass
from pathlib import Path

SLOT = 40
ALERTS = (30, 20, 10)
LABEL = re.compile(r"(\d\d):(\d\d) / 00:40")


def short_event(source: Path, target: Path) -> Path:
    text = source.read_text(encoding="utf-8")
    text = text.replace('slot = "30m"', f'slot = "{SLOT}s"').replace(
        'alerts = ["10m", "5m", "1m"]', "alerts = [" + ", ".join(f'"{a}s"' for a in ALERTS) + "]"
    )
    target.write_text(text + "\n[sound]\ntick = true\n", encoding="utf-8")
    return target


def player_script(folder: Path) -> tuple[str, Path]:
    script, log = folder / "bench-player", folder / "bench-player.log"
    script.write_text(f'#!/bin/sh\necho "$(date +%s.%N) $1" >> "{log}"\n', encoding="utf-8")
    script.chmod(0o755)
    return f"{script} {{file}}", log


def _started(journal: Path) -> float | None:
    try:
        db = sqlite3.connect(f"file:{journal}?mode=ro", uri=True)
    except sqlite3.Error:
        return None
    try:
        row = db.execute("SELECT ts FROM records WHERE kind = 'slot_started' ORDER BY seq DESC LIMIT 1").fetchone()
    except sqlite3.Error:
        row = None
    finally:
        db.close()
    return None if row is None else float(row[0])


@dataclass
class SoundFlips:
    late_ms: dict[str, list[float]]
    skipped: dict[str, int]
    sound_ms: list[float]
    """How long after each alert's true moment its sound's player started."""
    sounds: int
    poll_ms: float


def measure(tmux, launcher: list[str], event: Path, folder: Path, start, wait_for, title: str) -> SoundFlips:
    """Run both consoles at once, start both slots, watch both panes until both slots are over."""
    event = short_event(event, folder / "sound-bench.toml")
    command, log = player_script(folder)
    journals = {name: folder / f"{name}.gelar-journal" for name in ("sound", "silent")}
    extra = {"sound": ["--sound-player", command], "silent": ["--no-sound"]}
    pids = {}
    for name in journals:
        argv = [*launcher, "run", str(event), "--journal", str(journals[name]), "--no-bell", *extra[name]]
        pids[name], since = start(tmux, f"flips-{name}", argv, folder)
        wait_for(tmux, f"flips-{name}", title, since)
    time.sleep(2)  # the sounds are made after the first frame
    for name in journals:
        tmux.keys(f"flips-{name}", "Space")
    starts: dict[str, float] = {}
    deadline = time.monotonic() + 10
    while len(starts) < 2:
        for name, journal in journals.items():
            if name not in starts and (ts := _started(journal)) is not None:
                starts[name] = ts
        if time.monotonic() > deadline:
            raise RuntimeError("space did not start both slots")
        time.sleep(0.02)
    late = {name: [] for name in journals}
    skipped = {name: 0 for name in journals}
    shown: dict[str, int | None] = {name: None for name in journals}
    polls, first = 0, time.time()
    end = max(starts.values()) + SLOT + 1.5
    while time.time() < end:
        for name in journals:
            screen, at = tmux.capture(f"flips-{name}")
            polls += 1
            found = LABEL.search(screen)
            if found is None:
                continue
            value = int(found.group(1)) * 60 + int(found.group(2))
            if value != shown[name] and shown[name] is not None:
                skipped[name] += max(0, value - shown[name] - 1)
                late[name].append((at - (starts[name] + value)) * 1000)
            shown[name] = value
    poll_ms = (time.time() - first) / max(1, polls) * 1000
    for name, pid in pids.items():
        tmux.kill_session(f"flips-{name}", pid)
    moments = [starts["sound"] + SLOT - alert for alert in (*ALERTS, 0)]
    heard = [float(line.split()[0]) for line in log.read_text().splitlines()] if log.exists() else []
    sound_ms = []
    for moment in moments:  # the first sound started at or after each alert (ticks come between)
        after = [t for t in heard if t >= moment - 0.05]
        if after:
            sound_ms.append((min(after) - moment) * 1000)
    return SoundFlips(late, skipped, sound_ms, len(heard), poll_ms)


def report(figures: SoundFlips) -> list[str]:
    lines = [f"\nflips with sound on and off, side by side ({SLOT} s slots, alerts at {ALERTS} s, ticks on; "
             f"captures every {figures.poll_ms:.1f} ms, alternating panes):"]
    for name, late in figures.late_ms.items():
        if late:
            lines.append(f"  {name:<7} {len(late)} flips, {figures.skipped[name]} never shown: median {statistics.median(late):.0f}, "
                         f"max {max(late):.0f} ms   " + " ".join(f"{v:.0f}" for v in late))
        else:
            lines.append(f"  {name:<7} no flips seen")
    on, off = figures.late_ms["sound"], figures.late_ms["silent"]
    if on and off:
        lines.append(f"  median with sound / without: {statistics.median(on):.0f} / {statistics.median(off):.0f} ms")
    lines.append(f"  {figures.sounds} sounds played; each alert's sound started after its true moment by (ms): "
                 + " ".join(f"{v:.0f}" for v in figures.sound_ms))
    return lines

"""The console's first frame pays only for what it draws: `gelar run`, in a fresh interpreter,
has imported none of the modules the first frame does not need when that frame is out.

A later import at the top of a module (a command family, a dialog, the scoreboard, the hub,
the sound, the schema) would otherwise slow the console's start without anyone noticing:
the benchmark (``python -m bench.console --first-frame-only``) measures the time, this
test names the module.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from gelar_tui.event.eventfile import bundled_event_path

ROOT = Path(__file__).resolve().parents[2]

# `gelar run` as the `gelar` script runs it, headless, stopped at the first frame (when the
# first screen tells the app it is drawn, before anything the app starts after it).
SCRIPT = """
import json, sys
import textual.app
from gelar_tui.ui import day_app

run = textual.app.App.run
textual.app.App.run = lambda self, **options: run(self, headless=True, size=(160, 48))

def first_frame(app):
    title = str(app.screen.query_one("#topbar").render())
    print(json.dumps({"modules": sorted(sys.modules), "title": title, "screen": type(app.screen).__name__}))
    app.exit(0)

day_app.DayApp.console_drawn = first_frame
sys.argv = ["gelar", "run", sys.argv[1], "--journal", sys.argv[2], "--no-bell", "--no-sound"]
from gelar_tui.start import main
sys.exit(main())
"""

NOT_BEFORE_THE_FIRST_FRAME = [
    # the other command families: `gelar run` is read by the console's parser alone
    *(f"gelar_tui.commands.{name}" for name in ("status", "scores", "results", "forms", "hub", "stations", "analysis", "eventfile")),
    # screens and dialogs the console opens on a key
    "gelar_tui.ui.screens.confirm",
    "gelar_tui.ui.screens.scoreboard",
    "gelar_tui.ui.screens.jury",
    "gelar_tui.ui.screens.help",
    "gelar_tui.ui.screens.winner",
    "gelar_tui.ui.screens.analysis",
    # what starts once the frame is out: the journal's watcher, the sound
    "gelar_tui.journal.watch",
    "gelar_tui.hall.sound",
    "wave",
    # what only other commands use: the ranking, documents, the hub's client, the event file's schema
    "gelar_tui.scoring.rules",
    "gelar_tui.results.document",
    "gelar_tui.hub.ship",
    "gelar_tui.event.schema",
    "pydantic",
    "tomllib",
]


def start_console(folder: Path) -> dict:
    event = folder / "demo.toml"
    if not event.exists():
        shutil.copyfile(bundled_event_path(), event)
    env = {**os.environ, "HOME": str(folder / "home"), "XDG_CACHE_HOME": str(folder / "cache"), "XDG_CONFIG_HOME": str(folder / "config")}
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(event), str(folder / "demo.gelar-journal")],
        capture_output=True, text=True, cwd=ROOT, env=env, timeout=120,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_the_first_frame_is_the_console_and_imports_nothing_it_does_not_draw(tmp_path):
    start_console(tmp_path)  # the first start checks the event file in full (pydantic) and keeps its verdict
    first = start_console(tmp_path)
    assert first["screen"] == "ConsoleScreen" and "Gelar Budaya Kerja 2016" in first["title"]
    loaded = set(first["modules"])
    assert {"gelar_tui.commands.console", "gelar_tui.ui.screens.console", "gelar_tui.day.facade"} <= loaded  # the test sees imports at all
    assert sorted(loaded.intersection(NOT_BEFORE_THE_FIRST_FRAME)) == []

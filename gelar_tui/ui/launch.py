"""Starting the console from the command line: the day, its clock and journal, the themes."""

from __future__ import annotations

import argparse
import gc
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from ..clock import ScaledClock, SystemClock
from ..day import Day

if TYPE_CHECKING:
    from ..context import Context


def launch(args: argparse.Namespace, context: Context) -> int:
    """Open the day and run the console until the moderator quits."""
    from .app import GelarApp
    from .themes import load_themes

    rehearsal: float | None = getattr(args, "rehearsal", None)
    if rehearsal:
        folder = Path(tempfile.mkdtemp(prefix="gelar-rehearsal-"))
        day = Day.open(context.event, folder / "rehearsal.gelar-journal", ScaledClock(rehearsal, rehearsal_start(context.event)), origin="rehearsal")
    else:
        day = Day.open(context.event, context.journal_path, SystemClock(), origin="console")
    themes, problems = load_themes()
    app = GelarApp(
        day,
        context.t,
        themes=themes,
        theme=getattr(args, "theme", None) or context.event.event.theme,
        bell=not getattr(args, "no_bell", False),
        rehearsal=rehearsal,
        theme_problems=[str(p) for p in problems],
    )
    gc.freeze()  # what is loaded now lives all day: keep the collector (off until the console is drawn) from walking it
    try:
        app.run()
    finally:
        day.close()
    return int(app.return_code or 0)


def rehearsal_start(event) -> float | None:
    """Where a rehearsal's clock starts: today at the planned start, so the whole rundown plays at its times."""
    import datetime as dt

    if event.event.start is None:
        return None
    return dt.datetime.combine(dt.date.today(), event.event.start).timestamp()

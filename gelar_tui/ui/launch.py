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


def themed_app(app_class, day: Day, args: argparse.Namespace, context: Context, **options):
    """An app of *app_class* on *day*, with the themes and the one the command line or the event names."""
    from .themes import load_themes

    themes, problems = load_themes()
    theme = getattr(args, "theme", None) or context.event.event.theme
    return app_class(day, context.t, themes=themes, theme=theme, theme_problems=[str(p) for p in problems], **options)


def launch(args: argparse.Namespace, context: Context) -> int:
    """Open the day and run the console until the moderator quits."""
    from .app import GelarApp

    rehearsal: float | None = getattr(args, "rehearsal", None)
    if rehearsal:
        folder = Path(tempfile.mkdtemp(prefix="gelar-rehearsal-"))
        day = Day.open(context.event, folder / "rehearsal.gelar-journal", ScaledClock(rehearsal), origin="rehearsal")
    else:
        day = Day.open(context.event, context.journal_path, SystemClock(), origin="console")
    app = themed_app(GelarApp, day, args, context, bell=not getattr(args, "no_bell", False), rehearsal=rehearsal)
    gc.freeze()  # what is loaded now lives all day: keep the collector (off until the console is drawn) from walking it
    try:
        app.run()
    finally:
        day.close()
    return int(app.return_code or 0)

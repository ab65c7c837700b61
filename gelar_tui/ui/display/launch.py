"""Starting the audience display (or the presenter monitor) from the command line."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from ...clock import SystemClock
from ...day import Day

if TYPE_CHECKING:
    from ...context import Context


def launch_display(args: argparse.Namespace, context: Context) -> int:
    """Open the day read-only and show it until ctrl+q."""
    from ..themes import load_themes
    from .app import DisplayApp

    day = Day.open(context.event, context.journal_path, SystemClock(), origin="display")
    themes, problems = load_themes()
    app = DisplayApp(
        day,
        context.t,
        themes=themes,
        theme=getattr(args, "theme", None) or context.event.event.theme,
        bell=bool(getattr(args, "bell", False)),
        theme_problems=[str(p) for p in problems],
        presenter=bool(getattr(args, "presenter", False)),
    )
    try:
        app.run()
    finally:
        day.close()
    return int(app.return_code or 0)

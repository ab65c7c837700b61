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
    from ..launch import themed_app
    from .app import DisplayApp

    day = Day.open(context.event, context.journal_path, SystemClock(), origin="display")
    app = themed_app(DisplayApp, day, args, context, bell=bool(getattr(args, "bell", False)), presenter=bool(getattr(args, "presenter", False)))
    try:
        app.run()
    finally:
        day.close()
    return int(app.return_code or 0)

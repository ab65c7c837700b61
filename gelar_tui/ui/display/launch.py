"""Starting the audience display (or the presenter monitor) from the command line."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from ...journal.clock import SystemClock

if TYPE_CHECKING:
    from ...context import Context


def launch_display(args: argparse.Namespace, context: Context, *, second_console: bool = False) -> int:
    """Open the day read-only and show it until ctrl+q.

    *second_console*: a console was asked for, but another one holds the journal; the
    display says so when it opens.
    """
    from ..launch import run_on_day, sound_options, themed_app
    from .app import DisplayApp

    day = context.look_at_day("display", SystemClock())  # it never creates a journal
    options = sound_options(args, context)
    options["sound"] = bool(getattr(args, "sound", False))
    app = themed_app(
        DisplayApp,
        day,
        args,
        context,
        bell=bool(getattr(args, "bell", False)),
        presenter=bool(getattr(args, "presenter", False)),
        second_console=second_console,
        **options,
    )
    return run_on_day(app, day)

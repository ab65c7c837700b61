"""Starting an app on the day from the command line: the console, the audience display (or
presenter monitor) and a juror's station; each opens the day, its clock and journal, and the themes."""

from __future__ import annotations

import argparse
import gc
import os
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from ..journal.clock import ScaledClock, SystemClock
from ..day.facade import Day

if TYPE_CHECKING:
    from ..context import Context
    from .day_app import DayApp


def themed_app(app_class: type[DayApp], day: Day, args: argparse.Namespace, context: Context, **options) -> DayApp:
    """An app of *app_class* on *day*, with the themes and the one the command line or the event names."""
    from .themes import load_themes

    themes, problems = load_themes()
    theme = getattr(args, "theme", None) or context.event.event.theme
    return app_class(day, context.t, themes=themes, theme=theme, theme_problems=[str(p) for p in problems], **options)


def run_on_day(app: DayApp, day: Day) -> int:
    """Run *app* until it quits, then let go of its sounds and the day's journal; its exit status."""
    try:
        app.run()
    finally:
        if app.hall is not None:
            app.hall.close()
        day.close()
    return int(app.return_code or 0)


def sound_options(args: argparse.Namespace, context: Context) -> dict:
    """The sound as the command line and the event ask for it."""
    return {
        "sound": not getattr(args, "no_sound", False),
        "sound_player": getattr(args, "sound_player", None),
        "event_folder": context.event_path.parent,
    }


def launch(args: argparse.Namespace, context: Context) -> int:
    """Open the day and run the console until the moderator quits.

    A second console on the same journal (another console holds its lock) opens
    read-only, as the audience display, and says so.
    """
    from ..journal.consolelock import ConsoleLock
    from .app import GelarApp

    import datetime as dt

    from ..day.days import day_to_open

    rehearsal: float | None = getattr(args, "rehearsal", None)
    number = day_to_open(context.event, getattr(args, "day", None), dt.date.today())  # refused before anything opens
    lock = None
    if rehearsal:
        folder = Path(tempfile.mkdtemp(prefix="gelar-rehearsal-"))
        day = Day.open(context.event, folder / "rehearsal.gelar-journal", ScaledClock(rehearsal, rehearsal_start(context.event, number)), origin="rehearsal")
    else:
        lock = ConsoleLock(context.journal_path)
        if not lock.held:
            return launch_display(args, context, second_console=True)
        day = Day.open(context.event, context.journal_path, SystemClock(), origin="console")
        day.taken_back = day.take_back_spill()  # records a journal fault left in a spill file beside it
    day.records_event, day.event_path = True, context.event_path
    day.record_event()  # the rules the day runs on, into the journal (eventrecord)
    closed_before = [] if number is None else open_console_day(day, number, lock)
    app = themed_app(
        GelarApp, day, args, context, bell=not getattr(args, "no_bell", False), rehearsal=rehearsal, **sound_options(args, context)
    )
    app.hub_shipper = None if lock is None else start_shipper(args, context)
    app.days_closed_on_open = closed_before
    gc.freeze()  # what is loaded now lives all day: keep the collector (off until the console is drawn) from walking it
    try:
        return run_on_day(app, day)
    finally:
        if app.hub_shipper is not None:
            app.hub_shipper.stop()
        if lock is not None:
            lock.release()


def open_console_day(day: Day, number: int, lock) -> list[int]:
    """Journal the day the console runs (every view follows it); the earlier days this closed.
    A refusal (a group of another day still on stage) lets go of what was opened, then ends the command."""
    try:
        return day.open_day(number)
    except Exception:
        day.close()
        if lock is not None:
            lock.release()
        raise


def start_shipper(args: argparse.Namespace, context: Context):
    """The journal's shipper to the hub (--hub, GELAR_HUB or [hub] url), started; None without a hub.

    It runs on a thread of its own: the console never waits for the hub, which may well be down.
    """
    from ..hub.address import resolve

    url = resolve(getattr(args, "hub", None), context.event)
    if url is None:
        return None
    from ..hub.ship import Shipper

    return Shipper(url, context.journal_path, context.event).start()


def rehearsal_start(event, number: int | None = None) -> float | None:
    """Where a rehearsal's clock starts: today at the planned start (of day *number*, of several), so the whole
    rundown plays at its times."""
    import datetime as dt

    from ..event.days import event_days

    start = event.event.start if number is None else event_days(event)[number - 1].start
    if start is None:
        return None
    return dt.datetime.combine(dt.date.today(), start).timestamp()


def launch_display(args: argparse.Namespace, context: Context, *, second_console: bool = False) -> int:
    """Open the day read-only and show it (the audience display, or the presenter monitor) until ctrl+q.

    *second_console*: a console was asked for, but another one holds the journal; the
    display says so when it opens.
    """
    from .display.app import DisplayApp

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


def run_station(args: argparse.Namespace, context: Context, juror: str) -> int:
    """Open *juror*'s station on the day and run it until it quits."""
    from ..day.stations import CLIENT_ENV, station_origin
    from .station_app import StationApp

    day = Day.open(context.event, context.journal_path, SystemClock(), origin=station_origin(juror))
    day.station_client = os.environ.get(CLIENT_ENV, "")  # the browser's address, under gelar serve
    app = themed_app(StationApp, day, args, context)
    status = run_on_day(app, day)
    if app.spilled:  # in gelar serve's output for a browser's station
        print(app.spilled, file=sys.stderr, flush=True)
    return status

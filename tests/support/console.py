"""Helpers shared by the console's pilot, snapshot and tmux tests.

- :func:`make_app` builds the console the way ``gelar run`` does, on a given day.
- :func:`put_in_stage` drives a day (through its own actions, so the journal
  holds real records) into one of the stages the hall can see, before the app starts.
- :func:`screen_text` / :func:`screen_lines` read what the terminal shows,
  modal dialogs and their dimmed background included.
"""

from __future__ import annotations

import io
import itertools
import os
import textwrap
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from rich.console import Console

from gelar_tui.journal.clock import FakeClock
from gelar_tui.day.facade import Day
from gelar_tui.event.model import Event
from gelar_tui.event.eventfile import bundled_event_path, parse_event
from gelar_tui.i18n import Messages
from gelar_tui.ui.app import GelarApp
from gelar_tui.ui.themes import load_themes

SLOT = 30 * 60
"""The demo event's slot."""

INK = set("█▀▄")
"""The characters the big clock is drawn with."""

# Seconds the clock has run when a day is put in each stage (the demo's alerts are 10m, 5m, 1m).
STAGE_RUN = {
    "ready": None,
    "running": 4 * 60 + 13,  # 25:47 left
    "alert": 21 * 60 + 30,  # 08:30 left: past the first alert (10m)
    "alert5": 25 * 60 + 20,  # 04:40 left: past the 5m alert
    "last": 29 * 60 + 25,  # 00:35 left: past the last alert (1m)
    "over": 31 * 60 + 15,  # +01:15
    "paused": 12 * 60 + 4,  # paused with 17:56 left
}

# What the clock shows in each stage (right after put_in_stage).
STAGE_FACE = {
    "ready": "30:00",
    "running": "25:47",
    "alert": "08:30",
    "alert5": "04:40",
    "last": "00:35",
    "over": "+01:15",
    "paused": "17:56",
}


def demo_event(overtime: str = "count") -> Event:
    """The bundled demo event, optionally with another ``[timing] overtime`` rule."""
    source = bundled_event_path().read_text(encoding="utf-8")
    if overtime != "count":
        source = source.replace('overtime = "count"', f'overtime = "{overtime}"')
        assert f'overtime = "{overtime}"' in source
    return parse_event(source, "demo.toml")


def open_day(event: Event, journal: Path, clock: FakeClock | None = None, origin: str = "console") -> Day:
    return Day.open(event, journal, clock=clock or FakeClock(), origin=origin)


def make_app(
    day: Day, lang: str = "id", *, bell: bool = True, rehearsal: float | None = None, sound: bool = False, sound_player: str | None = None
) -> GelarApp:
    """The console as ``gelar run`` builds it, on the projector theme (without sound unless asked: see test_sound_console)."""
    themes, problems = load_themes()
    assert not problems, problems
    return GelarApp(
        day, Messages(lang), themes=themes, theme="projector", bell=bell, rehearsal=rehearsal, sound=sound, sound_player=sound_player
    )


def put_in_stage(day: Day, clock: FakeClock, stage: str) -> None:
    """Start the current slot and run its clock into *stage* (see STAGE_RUN)."""
    run = STAGE_RUN[stage]
    if run is None:
        return
    day.start()
    if stage == "paused":
        clock.advance(run)
        day.pause()
        clock.advance(95)  # time passes while paused: the face must not move
        return
    clock.advance(run)


def cross(app: GelarApp, clock: FakeClock, seconds: float) -> bool:
    """Move the clock and redraw at once; True when the stage is flashing right after."""
    clock.advance(seconds)
    app.screen.refresh_view()
    return app.screen.query_one("#stage").has_class("-flash")


def seconds(face: str) -> int:
    minutes, secs = face.lstrip("+").split(":")
    return int(minutes) * 60 + int(secs)


HELP_KEYS = [
    ("space", "key_toggle"), ("n", "key_next"), ("b", "key_back"), ("+", "key_plus"), ("-", "key_minus"),
    ("r", "key_restart"), ("x", "key_skip"), ("o", "key_order"), ("s", "key_scoreboard"), ("j", "key_jury"),
    ("w", "key_winner"), ("m", "sound.key_mute"), ("?", "key_help"), ("ctrl+p", "key_palette"), ("ctrl+q", "key_quit"),
]


def status(day: Day) -> dict:
    """What `gelar status --json` says, from a second connection to the same journal."""
    from gelar_tui.commands.status import status_data

    other = Day.open(day.event, day.journal.path, clock=day.clock, origin="cli")
    try:
        return status_data(other)
    finally:
        other.close()


def record_kinds(day: Day) -> list[str]:
    return [str(record.kind) for record in day.journal.records()]


# -- what the terminal shows --------------------------------------------------------


def screen_text(app: GelarApp) -> str:
    """The whole terminal as plain text, exactly as composed (dialogs over their background)."""
    width, height = app.size
    console = Console(
        width=width,
        height=height,
        file=io.StringIO(),
        force_terminal=True,
        color_system="truecolor",
        record=True,
        legacy_windows=False,
        safe_box=False,
    )
    update = app.screen._compositor.render_update(full=True, screen_stack=app._background_screens)
    console.print(update)
    text = console.export_text(styles=False)
    lines = text.split("\n")[:height]
    return "\n".join(line.rstrip() for line in lines)


def screen_lines(app: GelarApp) -> list[str]:
    return screen_text(app).split("\n")


def ink_rows(lines: list[str]) -> list[int]:
    """Rows of the screen with big-clock ink on them."""
    return [y for y, line in enumerate(lines) if INK & set(line)]


def widget_text(app: GelarApp, selector: str) -> str:
    """What one widget of the screen on top shows inside its border and padding:
    its visible lines, right-stripped, common indent and blank edges removed."""
    widget = app.screen.query_one(selector)
    region = widget.content_region
    lines = screen_lines(app)
    rows = [row[region.x : region.right].rstrip() for row in lines[region.y : region.bottom]]
    return textwrap.dedent("\n".join(rows)).strip("\n")


async def settled(pilot, condition, tries: int = 100, timeout: float = 30.0) -> bool:
    """Let the app run until *condition* holds (True), or give up (False) after *tries* short pauses
    and *timeout* seconds both: a count of pauses alone ran out on a machine busy with other workers."""
    deadline = time.monotonic() + timeout
    for attempt in itertools.count():
        if condition():
            return True
        if attempt >= tries and time.monotonic() >= deadline:
            return bool(condition())
        await pilot.pause(0.05)


async def move_clock(app: GelarApp, pilot, clock: FakeClock, seconds: float) -> None:
    """Let *seconds* of slot time pass and let the console see it."""
    clock.advance(seconds)
    app.screen.refresh_view()
    await pilot.pause()


@contextmanager
def fixed_timezone(zone: str = "Asia/Jakarta") -> Iterator[None]:
    """Pin the local time zone (the wall clock in the top bar), restored afterwards."""
    before = os.environ.get("TZ")
    os.environ["TZ"] = zone
    time.tzset()
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("TZ", None)
        else:
            os.environ["TZ"] = before
        time.tzset()


def clock_face(app: GelarApp) -> list[str]:
    """The big clock as the terminal shows it: its non-blank rows, common indent removed."""
    return _block(widget_text(app, "#clock").split("\n"))


def drawn(text: str, width: int, height: int) -> list[str]:
    """How the big clock draws *text* in a width × height box (its non-blank rows)."""
    from gelar_tui.ui.bigfont import layout, supports

    lines = layout(text, width, height) if supports(text) else None
    return _block(lines if lines is not None else [text[:width]])


def clock_shows(app: GelarApp, text: str) -> bool:
    """Whether the big clock on screen reads *text* (drawn at the size it has now)."""
    region = app.screen.query_one("#clock").content_region
    return clock_face(app) == drawn(text, region.width, region.height)


def _block(lines: list[str]) -> list[str]:
    rows = [line.rstrip() for line in lines]
    while rows and not rows[0]:
        rows.pop(0)
    while rows and not rows[-1]:
        rows.pop()
    indent = min((len(r) - len(r.lstrip()) for r in rows if r), default=0)
    return [r[indent:] for r in rows]

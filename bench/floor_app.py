"""The floor for bench/console.py: a bare Textual app drawing the console's first frame.

    python -m bench.floor_app FRAME.json      # ctrl+q quits

It composes the console's widgets (the same number, the same nesting, the same type
names, ids and classes, so the console's own stylesheets and DEFAULT_CSS apply as they
do in the console), each showing the text its widget showed in the console's first
frame, drawn line by line (the two one-line labels are ``Static``s, as in the console). What it leaves out is gelar: its imports, the event and the
journal, the day's state, the themes and every computation behind the text. It is what
Textual itself costs for the console's screen, beside ``hello_app.py``'s one word.

*FRAME.json* is written by :func:`floor_frame` from a headless console (bench/console.py does, before its runs):
{"css": [stylesheet paths], "default_css": {type name: css}, "theme": {Theme's fields},
"stage_classes": "...", "texts": {widget key: text}}. It is kinder than the console: its texts carry no styles
of their own (the console's bold title, coloured keys and bar) and take no measuring:
a floor, what no console of these widgets can go below.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from rich.cells import cell_len
from rich.segment import Segment
from textual.app import App, ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.geometry import Size
from textual.screen import Screen
from textual.strip import Strip
from textual.theme import Theme
from textual.widget import Widget
from textual.widgets import Static


class Lines(Widget):
    """Text drawn line by line (the line API): the cheapest way Textual paints a widget."""

    def __init__(self, text: str, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.lines = text.split("\n")

    def get_content_width(self, container: Size, viewport: Size) -> int:
        return max((cell_len(line) for line in self.lines), default=0)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self.lines)

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        line = self.lines[y] if y < len(self.lines) else ""
        return Strip([Segment(line, self.rich_style)]).adjust_cell_length(width, self.rich_style)


class TopBar(Lines):
    pass


class GroupCard(Lines):
    pass


class BigClock(Lines):
    pass


class SlotBar(Lines):
    pass


class CompactOrder(Lines):
    pass


class RunningOrder(Lines):
    pass


class KeyBar(Lines):
    pass


class SlotStage(Vertical):
    pass


KINDS = {kind.__name__: kind for kind in (TopBar, GroupCard, BigClock, SlotBar, CompactOrder, RunningOrder, KeyBar, SlotStage)}


class ConsoleScreen(Screen):
    """The console's screen, its widgets showing the first frame's texts."""

    def __init__(self, texts: dict[str, str], stage_classes: str) -> None:
        super().__init__()
        self.texts = texts
        self.stage_classes = stage_classes

    def text(self, key: str) -> str:
        return self.texts.get(key, "")

    def compose(self) -> ComposeResult:
        yield TopBar(self.text("topbar"), id="topbar", classes="topbar")
        with SlotStage(id="stage", classes=self.stage_classes):
            yield GroupCard(self.text("group"), id="group")
            with Vertical(id="clock-frame"):
                yield BigClock(self.text("clock"), id="clock")
            yield Static(Content(self.text("stage-label")), id="stage-label")
            yield SlotBar(self.text("bar"), id="bar")
            yield Static(Content(self.text("next")), id="next")
            yield CompactOrder(self.text("compact-order"), id="compact-order")
        yield RunningOrder(self.text("order"), id="order")
        yield KeyBar(self.text("keys"))


class FloorApp(App[None]):
    """The console's first frame, drawn by Textual alone."""

    def __init__(self, frame: dict) -> None:
        for name, css in frame["default_css"].items():
            KINDS[name].DEFAULT_CSS = css
        type(self).CSS_PATH = frame["css"]
        super().__init__()
        self.frame = frame
        theme = Theme(**frame["theme"])
        self.register_theme(theme)
        # As the console does (DayApp._start_with_theme): the theme set before the first parse, not queued after it.
        self.set_reactive(App.theme, theme.name)
        self.stylesheet.set_variables(self.get_css_variables())
        self.set_class(theme.dark, "-dark-mode", update=False)
        self.set_class(not theme.dark, "-light-mode", update=False)

    def on_mount(self) -> None:
        self.push_screen(ConsoleScreen(self.frame["texts"], self.frame["stage_classes"]))


def floor_frame(path: Path, event: Path, size: tuple[int, int]) -> None:
    """Write the console's first frame, as bench/floor_app.py draws it, to *path* (JSON): its
    stylesheets, its widgets' DEFAULT_CSS, its theme and the text each widget shows, taken from a
    headless console of *size* on a fresh journal of *event* (gelar is imported here, never by the app)."""
    import asyncio
    import dataclasses
    import io

    from rich.console import Console

    from gelar_tui.day.facade import Day
    from gelar_tui.event.eventfile import load_event
    from gelar_tui.i18n import Messages
    from gelar_tui.journal.clock import SystemClock
    from gelar_tui.ui.app import GelarApp
    from gelar_tui.ui.themes import load_themes

    async def capture() -> dict:
        loaded = load_event(event)
        day = Day.open(loaded, path.parent / "floor.gelar-journal", SystemClock(), origin="console")
        themes, _ = load_themes()
        app = GelarApp(day, Messages(loaded.event.language), themes=themes, theme=loaded.event.theme, bell=False, sound=False)
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            console = Console(width=size[0], height=size[1], file=io.StringIO(), force_terminal=True, record=True)
            console.print(app.screen._compositor.render_update(full=True))
            lines = console.export_text(styles=False).split("\n")
            texts, kinds = {}, {}
            for widget in app.screen.walk_children():
                key = widget.id or type(widget).__name__.lower().replace("keybar", "keys")
                region = widget.content_region
                texts[key] = "\n".join(row[region.x : region.right].rstrip() for row in lines[region.y : region.bottom])
                if type(widget).__module__.startswith("gelar_tui") and "DEFAULT_CSS" in vars(type(widget)):
                    kinds[type(widget).__name__] = type(widget).DEFAULT_CSS
            frame = {
                "css": [str(p) for p in GelarApp.CSS_PATH], "default_css": kinds, "texts": texts,
                "theme": dataclasses.asdict(app.current_theme), "stage_classes": " ".join(sorted(app.screen.query_one("#stage").classes)),
            }
            await app.action_quit()
        day.close()
        return frame

    path.write_text(json.dumps(asyncio.run(capture()), ensure_ascii=False), encoding="utf-8")


if __name__ == "__main__":
    with open(sys.argv[1], encoding="utf-8") as file:
        FloorApp(json.load(file)).run()

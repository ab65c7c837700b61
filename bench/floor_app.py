"""The floor for bench/console.py: a bare Textual app drawing the console's first frame.

    python -m bench.floor_app FRAME.json      # ctrl+q quits

It composes the console's widgets (the same number, the same nesting, the same type
names, ids and classes, so the console's own stylesheets and DEFAULT_CSS apply as they
do in the console), each showing the text its widget showed in the console's first
frame, drawn line by line (the two one-line labels are ``Static``s, as in the console). What it leaves out is gelar: its imports, the event and the
journal, the day's state, the themes and every computation behind the text. It is what
Textual itself costs for the console's screen, beside ``hello_app.py``'s one word.

*FRAME.json* is written by :func:`bench.console.floor_frame` from a headless console:
{"css": [stylesheet paths], "default_css": {type name: css}, "theme": {Theme's fields},
"stage_classes": "...", "texts": {widget key: text}}. It is kinder than the console: its texts carry no styles
of their own (the console's bold title, coloured keys and bar) and take no measuring:
a floor, what no console of these widgets can go below.
"""

from __future__ import annotations

import json
import sys

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


if __name__ == "__main__":
    with open(sys.argv[1], encoding="utf-8") as file:
        FloorApp(json.load(file)).run()

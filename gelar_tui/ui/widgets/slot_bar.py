"""A thin progress bar of the slot, with the time run and the slot's length beside it."""

from __future__ import annotations

from rich.segment import Segment
from textual.geometry import Region
from textual.strip import Strip
from textual.widget import Widget

from .changes import changed_span

_EIGHTHS = " ▏▎▍▌▋▊▉"


def bar_text(fraction: float, width: int) -> str:
    """A bar *width* cells wide, filled to *fraction* with eighth-cell precision."""
    if width <= 0:
        return ""
    fraction = min(1.0, max(0.0, fraction))
    eighths = round(fraction * width * 8)
    full, rest = divmod(eighths, 8)
    text = "█" * full + (_EIGHTHS[rest] if rest and full < width else "")
    return text.ljust(width, "·")


class SlotBar(Widget):
    """How much of the slot has run, and a label such as ``04:13 / 30:00``.

    It is one line in the widget's CSS ``color`` and draws itself line by line:
    when the label ticks, only the cells that changed are repainted.
    """

    DEFAULT_CSS = """
    SlotBar {
        height: 1;
        width: 1fr;
    }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.fraction = 0.0
        self.label = ""

    def line(self, width: int | None = None) -> str:
        """What the bar shows, exactly *width* cells (default: the widget's width)."""
        width = self.size.width if width is None else width
        label = f" {self.label}" if self.label else ""
        return (bar_text(self.fraction, max(0, width - len(label))) + label)[:width]

    def set_progress(self, fraction: float, label: str) -> None:
        """Show *fraction* of the slot run and *label*, repainting only the cells that changed."""
        before = self.line()
        self.fraction, self.label = fraction, label
        span = changed_span(before, self.line())
        if span is not None:
            self.refresh(Region(span[0], 0, span[1] - span[0], 1))

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        if y != 0:
            return Strip.blank(width, self.rich_style)
        return Strip([Segment(self.line(width), self.rich_style)], width)

"""A thin progress bar of the slot, with the time run and the slot's length beside it."""

from __future__ import annotations

from textual.app import RenderResult
from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget

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
    """How much of the slot has run. Repaints only when the drawn bar changes."""

    DEFAULT_CSS = """
    SlotBar {
        height: 1;
        width: 1fr;
    }
    """

    fraction: reactive[float] = reactive(0.0, layout=False)
    label: reactive[str] = reactive("")

    def render(self) -> RenderResult:
        label = f" {self.label}" if self.label else ""
        width = max(0, self.size.width - len(label))
        return Content(bar_text(self.fraction, width) + label)

    def set_progress(self, fraction: float, label: str) -> None:
        """Update the bar, repainting only if what is drawn changes."""
        width = max(0, self.size.width - len(label) - 1)
        if not width or bar_text(fraction, width) != bar_text(self.fraction, width):
            self.fraction = fraction  # before the first layout the width is unknown: keep it exact
        self.label = label

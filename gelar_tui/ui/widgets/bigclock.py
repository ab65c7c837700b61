"""A countdown display that grows with the room it is given."""

from __future__ import annotations

from textual.app import RenderResult
from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget

from gelar_tui.ui.bigfont import layout, supports


class BigClock(Widget):
    """Shows a time such as ``29:59`` or ``+03:12`` as large as its region allows.

    The text is drawn with the half-block font of :mod:`gelar_tui.ui.bigfont`
    at the largest scale that fits, centred both ways, in the widget's CSS
    ``color`` (colour it with classes). When the widget is too small for the
    font, or the text has characters the font lacks, the plain text is shown
    on one centred line instead.
    """

    DEFAULT_CSS = """
    BigClock {
        width: 1fr;
        height: 1fr;
    }
    """

    text: reactive[str] = reactive("30:00")
    """What the clock shows. Assigning the current value does not repaint."""

    def __init__(
        self,
        text: str = "30:00",
        *,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.set_reactive(BigClock.text, text)

    def render(self) -> RenderResult:
        """The text at the largest scale that fits, centred in the widget."""
        return Content("\n".join(self.clock_lines()))

    def clock_lines(self) -> list[str]:
        """The lines :meth:`render` draws: exactly ``height`` lines of ``width`` cells.

        Empty when the widget has no area.
        """
        width, height = self.size
        if width <= 0 or height <= 0:
            return []
        text = self.text
        glyph_lines = layout(text, width, height) if supports(text) else None
        if glyph_lines is None:
            glyph_lines = [text[:width]]
        return _centre(glyph_lines, width, height)


def _centre(lines: list[str], width: int, height: int) -> list[str]:
    """``lines`` (at most ``width`` × ``height``) centred in a blank box."""
    block_width = max((len(line) for line in lines), default=0)
    left = (width - block_width) // 2
    top = (height - len(lines)) // 2
    blank = " " * width
    body = [(" " * left + line).ljust(width) for line in lines]
    return [blank] * top + body + [blank] * (height - top - len(body))

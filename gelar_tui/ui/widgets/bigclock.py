"""A countdown display that grows with the room it is given."""

from __future__ import annotations

from collections.abc import Callable

from rich.segment import Segment
from rich.style import Style
from textual.geometry import Region
from textual.reactive import reactive
from textual.strip import Strip
from textual.widget import Widget

from ..bigfont import layout, supports
from .changes import changed_span

STRIP_CACHE = 128
"""Distinct lines kept as strips; a face has about ten, so this holds a few seconds' worth."""


class BigClock(Widget):
    """Shows a time such as ``29:59`` or ``+03:12`` as large as its region allows.

    The text is drawn with the half-block font of :mod:`gelar_tui.ui.bigfont`
    at the largest scale that fits, centred both ways, in the widget's CSS
    ``color`` (colour it with classes). When the widget is too small for the
    font, or the text has characters the font lacks, the plain text is shown
    on one centred line instead.

    It renders line by line and, when the text changes, repaints only the
    columns whose cells changed: once a second that is usually one digit.
    """

    DEFAULT_CSS = """
    BigClock {
        width: 1fr;
        height: 1fr;
    }
    """

    text: reactive[str] = reactive("30:00", repaint=False)
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
        self._lines: list[str] = []
        self._drawn_for: tuple[str, int, int] | None = None
        self._strips: dict[str, Strip] = {}
        self._strips_style: Style | None = None

    def watch_text(self, old: str, new: str) -> None:
        before = self._lines if self._drawn_for == (old, *self.size) else None
        after = self.clock_lines()
        if before is None or len(before) != len(after):
            self.refresh()
            return
        spans = [(y, span) for y, (a, b) in enumerate(zip(before, after)) if (span := changed_span(a, b))]
        if not spans:
            return
        left = min(start for _, (start, _) in spans)
        right = max(end for _, (_, end) in spans)
        top, bottom = spans[0][0], spans[-1][0] + 1
        self.refresh(Region(left, top, right - left, bottom - top))

    def clock_lines(self) -> list[str]:
        """The lines drawn: exactly ``height`` lines of ``width`` cells (empty when the widget has no area)."""
        key = (self.text, *self.size)
        if key == self._drawn_for:
            return self._lines
        width, height = self.size
        if width <= 0 or height <= 0:
            lines: list[str] = []
        else:
            text = self.text
            glyph_lines = layout(text, width, height) if supports(text) else None
            if glyph_lines is None:
                glyph_lines = [text[:width]]
            lines = _centre(glyph_lines, width, height)
        self._lines, self._drawn_for = lines, key
        return lines

    def render_line(self, y: int) -> Strip:
        lines = self.clock_lines()
        return self._strips_for(self.rich_style)(lines[y] if 0 <= y < len(lines) else " " * self.size.width)

    def render_lines(self, crop: Region) -> list[Strip]:
        """The cropped lines, straight from the cache.

        The clock has no border, padding or tint of its own (its frame is its
        parent's), so Textual's general styles cache, which the partial repaint
        every second would otherwise go through, has nothing to add. Textual asks
        for every line on each repaint, but a face has only a few distinct lines
        (each pixel row is several lines tall, and blank lines are alike), so
        each distinct line becomes a strip once.
        """
        lines = self.clock_lines()
        left, right = crop.x, crop.right
        blank = " " * (right - left)
        strip = self._strips_for(self.rich_style)
        return [
            strip(lines[y][left:right] if 0 <= y < len(lines) else blank) for y in range(crop.y, crop.bottom)
        ]

    def _strips_for(self, style: Style) -> Callable[[str], Strip]:
        """A function from a line of text to its strip in *style*; lines with the same text share one strip."""
        if style != self._strips_style or len(self._strips) > STRIP_CACHE:
            self._strips.clear()
            self._strips_style = style
        strips = self._strips

        def strip(text: str) -> Strip:
            found = strips.get(text)
            if found is None:
                found = strips[text] = Strip([Segment(text, style)], len(text))
            return found

        return strip


def _centre(lines: list[str], width: int, height: int) -> list[str]:
    """``lines`` (at most ``width`` × ``height``) centred in a blank box."""
    block_width = max((len(line) for line in lines), default=0)
    left = (width - block_width) // 2
    top = (height - len(lines)) // 2
    blank = " " * width
    body = [(" " * left + line).ljust(width) for line in lines]
    return [blank] * top + body + [blank] * (height - top - len(body))

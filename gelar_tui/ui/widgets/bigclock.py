"""A countdown display that grows with the room it is given."""

from __future__ import annotations

from rich.segment import Segment
from textual.geometry import Region
from textual.reactive import reactive
from textual.strip import Strip
from textual.widget import Widget

from gelar_tui.ui.bigfont import layout, supports


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

    def watch_text(self, old: str, new: str) -> None:
        before = self._lines if self._drawn_for == (old, *self.size) else None
        after = self.clock_lines()
        if before is None or len(before) != len(after):
            self.refresh()
            return
        rows = [y for y, (a, b) in enumerate(zip(before, after)) if a != b]
        if not rows:
            return
        columns = [x for x in range(self.size.width) if any(before[y][x] != after[y][x] for y in rows)]
        self.refresh(Region(columns[0], rows[0], columns[-1] - columns[0] + 1, rows[-1] - rows[0] + 1))

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
        if not 0 <= y < len(lines):
            return Strip.blank(self.size.width, self.rich_style)
        return Strip([Segment(lines[y], self.rich_style)], len(lines[y]))

    def render_lines(self, crop: Region) -> list[Strip]:
        """The cropped lines, straight from the cache.

        The clock has no border, padding or tint of its own (its frame is its
        parent's), so Textual's general styles cache, which the partial repaint
        every second would otherwise go through, has nothing to add.
        """
        lines = self.clock_lines()
        style = self.rich_style
        left, right = crop.x, crop.right
        strips = []
        for y in range(crop.y, crop.bottom):
            text = lines[y][left:right] if 0 <= y < len(lines) else ""
            strips.append(Strip([Segment(text.ljust(right - left), style)], right - left))
        return strips


def _centre(lines: list[str], width: int, height: int) -> list[str]:
    """``lines`` (at most ``width`` × ``height``) centred in a blank box."""
    block_width = max((len(line) for line in lines), default=0)
    left = (width - block_width) // 2
    top = (height - len(lines)) // 2
    blank = " " * width
    body = [(" " * left + line).ljust(width) for line in lines]
    return [blank] * top + body + [blank] * (height - top - len(body))

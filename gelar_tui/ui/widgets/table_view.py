"""A read-only table that draws only the rows on screen: 200 groups cost what 20 do.

Textual's DataTable measures every cell of every row it is given; redrawing a
200-group scoreboard that way blocks the app for most of a second, and with it
the countdown. This view is told its column widths, keeps its rows as plain
text, and renders the visible lines on demand (the line API of ScrollView).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.segment import Segment
from rich.style import Style
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from ..plain import visible
from .board_layout import shorten

Cell = str | tuple[str, Style]
"""A cell's text, or its text and a style."""


@dataclass(frozen=True)
class Column:
    """A column: its title, width in cells, and whether its text is right-aligned (numbers)."""

    title: str
    width: int
    right: bool = False


def fit(columns: Sequence[Column], rows: Sequence[Sequence[Cell]]) -> list[Column]:
    """The columns, each widened to its longest cell."""
    widths = [max(len(c.title), c.width) for c in columns]
    for row in rows:
        for index, cell in enumerate(row):
            widths[index] = max(widths[index], len(cell if isinstance(cell, str) else cell[0]))
    return [Column(c.title, w, c.right) for c, w in zip(columns, widths)]


def fit_within(columns: Sequence[Column], rows: Sequence[Sequence[Cell]], width: int, gap: int = 2) -> list[Column]:
    """The columns widened to their longest cell (:func:`fit`), then, while they need more than *width*
    cells, the widest narrowed first (its texts are cut with "…"), none below what shows its title
    or ten cells, whichever is less: every column stays on screen, the long names give way."""
    fitted = fit(columns, rows)
    widths = [c.width for c in fitted]
    floors = [min(w, max(4, min(len(c.title), 10))) for c, w in zip(fitted, widths)]
    excess = sum(widths) + gap * max(0, len(widths) - 1) - width
    while excess > 0:
        room = [w - f for w, f in zip(widths, floors)]
        widest = max(range(len(widths)), key=lambda i: (room[i], widths[i]), default=None)
        if widest is None or room[widest] <= 0:
            break
        widths[widest] -= 1
        excess -= 1
    return [Column(c.title, w, c.right) for c, w in zip(fitted, widths)]


class TableView(ScrollView, can_focus=True):
    """Columns with a fixed header line, rows below it, scrolled with the keys or the mouse."""

    DEFAULT_CSS = """
    TableView {
        height: 1fr;
        background: $surface;
    }
    """

    GAP = 2
    """Blank cells between two columns."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._columns: list[Column] = []
        self._rows: list[Sequence[Cell]] = []

    def show(self, columns: Sequence[Column], rows: Sequence[Sequence[Cell]]) -> None:
        """Replace what the table shows; only the lines on screen are drawn again."""
        if list(columns) == self._columns and list(rows) == self._rows:
            return
        self._columns, self._rows = list(columns), list(rows)
        width = sum(c.width for c in self._columns) + self.GAP * max(0, len(self._columns) - 1)
        self.virtual_size = Size(width, len(self._rows) + 1)
        self.refresh()

    @property
    def row_count(self) -> int:
        return len(self._rows)

    def cell_texts(self, index: int) -> list[str]:
        """The plain text of each cell of one row."""
        return [cell if isinstance(cell, str) else cell[0] for cell in self._rows[index]]

    def _cells(self, row: Sequence[Cell]) -> list[tuple[str, Style | None]]:
        parts: list[tuple[str, Style | None]] = []
        for index, (column, cell) in enumerate(zip(self._columns, row)):
            text, style = (cell, None) if isinstance(cell, str) else cell
            text = shorten(visible(text), column.width)
            text = text.rjust(column.width) if column.right else text.ljust(column.width)
            parts.append((text + (" " * self.GAP if index < len(self._columns) - 1 else ""), style))
        return parts

    def render_line(self, y: int) -> Strip:
        base = self.rich_style
        width = self.scrollable_content_region.width
        scroll_x, scroll_y = self.scroll_offset
        if y == 0:
            header = Style(bold=True, bgcolor=self.app.theme_variables.get("panel"))
            titles = [
                (shorten(visible(c.title), c.width).rjust(c.width) if c.right else shorten(visible(c.title), c.width).ljust(c.width))
                for c in self._columns
            ]
            segments = [Segment((" " * self.GAP).join(titles), base + header)]
        else:
            index = scroll_y + y - 1
            if not 0 <= index < len(self._rows):
                return Strip.blank(width, base)
            segments = [Segment(text, base + style if style else base) for text, style in self._cells(self._rows[index])]
        strip = Strip(segments).crop(scroll_x, scroll_x + width)
        return strip.extend_cell_length(width, base)

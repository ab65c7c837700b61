"""A scalable bitmap font for the countdown, drawn with Unicode half blocks.

Pure Python, no Textual: the font is data, :func:`layout` turns a string into
lines of ``█ ▀ ▄`` and spaces at the largest whole scale that fits a box.

One terminal cell holds one pixel across and two pixels down (a cell is about
twice as tall as it is wide), so pixels come out roughly square and a glyph of
``w × 7`` pixels at scale ``s`` takes ``w·s`` columns and ``⌈7·s / 2⌉`` rows.
"""

from __future__ import annotations

from functools import lru_cache

GLYPH_HEIGHT = 7
"""Height of every glyph, in font pixels."""

GAP = 1
"""Blank font pixels between two glyphs (scaled like the glyphs)."""

_ROWS: dict[str, tuple[str, ...]] = {
    "0": (
        ".###.",
        "#...#",
        "#...#",
        "#...#",
        "#...#",
        "#...#",
        ".###.",
    ),
    "1": (
        "..#..",
        ".##..",
        "#.#..",
        "..#..",
        "..#..",
        "..#..",
        "#####",
    ),
    "2": (
        ".###.",
        "#...#",
        "....#",
        "...#.",
        "..#..",
        ".#...",
        "#####",
    ),
    "3": (
        ".###.",
        "#...#",
        "....#",
        "..##.",
        "....#",
        "#...#",
        ".###.",
    ),
    "4": (
        "...#.",
        "..##.",
        ".#.#.",
        "#..#.",
        "#####",
        "...#.",
        "...#.",
    ),
    "5": (
        "#####",
        "#....",
        "####.",
        "....#",
        "....#",
        "#...#",
        ".###.",
    ),
    "6": (
        ".###.",
        "#....",
        "#....",
        "####.",
        "#...#",
        "#...#",
        ".###.",
    ),
    "7": (
        "#####",
        "....#",
        "...#.",
        "..#..",
        "..#..",
        "..#..",
        "..#..",
    ),
    "8": (
        ".###.",
        "#...#",
        "#...#",
        ".###.",
        "#...#",
        "#...#",
        ".###.",
    ),
    "9": (
        ".###.",
        "#...#",
        "#...#",
        ".####",
        "....#",
        "....#",
        ".###.",
    ),
    ":": (
        "..",
        "##",
        "##",
        "..",
        "##",
        "##",
        "..",
    ),
    "+": (
        ".....",
        "..#..",
        "..#..",
        "#####",
        "..#..",
        "..#..",
        ".....",
    ),
    "-": (
        "....",
        "....",
        "....",
        "####",
        "....",
        "....",
        "....",
    ),
    ".": (
        "..",
        "..",
        "..",
        "..",
        "..",
        "##",
        "##",
    ),
    ",": (
        "..",
        "..",
        "..",
        "..",
        "##",
        ".#",
        "#.",
    ),
    " ": (
        "...",
        "...",
        "...",
        "...",
        "...",
        "...",
        "...",
    ),
}

_MISSING: tuple[str, ...] = (
    "#####",
    "#...#",
    "#...#",
    "#...#",
    "#...#",
    "#...#",
    "#####",
)
"""Drawn for a character the font lacks, so the gap is visible, not silent."""

GLYPHS: dict[str, tuple[tuple[bool, ...], ...]] = {
    char: tuple(tuple(pixel == "#" for pixel in row) for row in rows)
    for char, rows in _ROWS.items()
}
"""Every supported character as rows of pixels (``True`` = ink), top row first."""

_MISSING_GLYPH = tuple(tuple(pixel == "#" for pixel in row) for row in _MISSING)

# Cell character for a (top pixel, bottom pixel) pair.
_CELL = {(True, True): "█", (True, False): "▀", (False, True): "▄", (False, False): " "}


def supports(text: str) -> bool:
    """Whether every character of ``text`` has a glyph in the font."""
    return all(char in GLYPHS for char in text)


def text_width(text: str) -> int:
    """Width of ``text`` at scale 1, in font pixels (gaps included)."""
    if not text:
        return 0
    widths = (len(GLYPHS.get(char, _MISSING_GLYPH)[0]) for char in text)
    return sum(widths) + GAP * (len(text) - 1)


def fit_scale(text: str, width: int, height: int) -> int:
    """Largest scale at which ``text`` fits ``width`` columns × ``height`` rows.

    0 when it does not fit even at scale 1.
    """
    unscaled = text_width(text)
    if unscaled == 0 or width <= 0 or height <= 0:
        return 0
    # Columns: unscaled·s ≤ width.  Rows: ⌈7·s / 2⌉ ≤ height ⇔ 7·s ≤ 2·height.
    return min(width // unscaled, 2 * height // GLYPH_HEIGHT)


def render(text: str, scale: int, tall: int | None = None) -> list[str]:
    """``text`` drawn at ``scale`` with half blocks, without any size limit.

    *tall* (default: ``scale``) is the vertical scale: each font pixel
    becomes ``scale`` columns × ``tall`` pixel rows. Every line has the same
    length. When ``7·tall`` is odd the last row of cells holds one blank
    pixel row at the bottom.
    """
    tall = scale if tall is None else tall
    if scale < 1 or tall < 1:
        raise ValueError(f"scale must be at least 1, got {scale}×{tall}")
    if not text:
        return []
    glyphs = [GLYPHS.get(char, _MISSING_GLYPH) for char in text]
    pixel_rows = GLYPH_HEIGHT * tall
    blank_row = GLYPH_HEIGHT  # index of a virtual all-blank glyph row

    @lru_cache(maxsize=None)
    def cell_line(top: int, bottom: int) -> str:
        # One line of cells from two glyph rows, built at scale 1 across and
        # then widened: each font pixel column becomes `scale` columns.
        parts: list[str] = []
        gap = " " * (GAP * scale)
        for index, glyph in enumerate(glyphs):
            if index:
                parts.append(gap)
            width = len(glyph[0])
            top_row = glyph[top] if top < GLYPH_HEIGHT else (False,) * width
            bottom_row = glyph[bottom] if bottom < GLYPH_HEIGHT else (False,) * width
            for top_pixel, bottom_pixel in zip(top_row, bottom_row):
                parts.append(_CELL[top_pixel, bottom_pixel] * scale)
        return "".join(parts)

    lines: list[str] = []
    for y in range(0, pixel_rows, 2):
        top = y // tall
        bottom = (y + 1) // tall if y + 1 < pixel_rows else blank_row
        lines.append(cell_line(top, bottom))
    return lines


MAX_STRETCH = 1.5
"""The most a digit's height may grow beyond its width's scale to fill a tall box."""


@lru_cache(maxsize=256)
def _layout(text: str, width: int, height: int) -> tuple[str, ...] | None:
    scale = fit_scale(text, width, height)
    if scale < 1:
        return None
    # Where the box is taller than the text needs, stretch the digits upwards
    # (up to MAX_STRETCH): height is what the back of the hall reads.
    tall = max(scale, min(2 * height // GLYPH_HEIGHT, int(scale * MAX_STRETCH)))
    return tuple(render(text, scale, tall))


def layout(text: str, width: int, height: int) -> list[str] | None:
    """``text`` at the largest whole scale that fits ``width`` × ``height`` cells.

    Each font pixel becomes ``s`` columns × ``t`` pixel rows (``t / 2`` cell
    rows), where ``t`` is ``s`` or, in a box taller than needed, up to
    ``MAX_STRETCH·s``; glyphs are ``s`` columns apart. The lines all have the same
    length, at most ``width``, and there are at most ``height`` of them; the
    block is not padded to the box. ``[]`` for empty text; ``None`` when the
    text does not fit even at scale 1. Characters the font lacks are drawn as
    a hollow box (see :func:`supports`).

    Results are cached: the countdown asks for the same size every second.
    """
    if not text:
        return []
    lines = _layout(text, width, height)
    return None if lines is None else list(lines)

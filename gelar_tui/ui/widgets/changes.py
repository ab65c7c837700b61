"""Finding the cells a redraw really changed, so a widget repaints only those."""

from __future__ import annotations


def changed_span(before: str, after: str) -> tuple[int, int] | None:
    """The columns ``[start, end)`` where two lines differ; ``None`` when they are equal.

    Lines of different lengths differ up to the end of the longer one. The
    search compares slices (a binary search on the common prefix and on the
    common suffix), so a 200-cell line costs a handful of comparisons, not a
    loop over its characters.
    """
    if before == after:
        return None
    longest = max(len(before), len(after))
    if len(before) != len(after):
        return _common_prefix(before, after), longest
    start = _common_prefix(before, after)
    end = longest - _common_prefix(before[::-1], after[::-1])
    return start, end


def _common_prefix(a: str, b: str) -> int:
    """Length of the longest common prefix of two strings (binary search on slices)."""
    low, high = 0, min(len(a), len(b))
    while low < high:
        middle = (low + high + 1) // 2
        if a[:middle] == b[:middle]:
            low = middle
        else:
            high = middle - 1
    return low

"""A line that says which of a scrolling row of columns are in view, and on which side the others are."""

from __future__ import annotations

from textual.containers import ScrollableContainer
from textual.widgets import Static


class ColumnsHint(Static):
    """Under a sideways-scrolling sheet: "jurors in view: 3–4 of 5 · more to the right →".

    *heads* are the selectors of the columns' head widgets, in order; hidden while all fit.
    The screen calls :meth:`show` again when the terminal is resized.
    """

    def __init__(self, scroller: str, heads: list[str], **kwargs) -> None:
        super().__init__("", **kwargs)
        self.scroller = scroller
        self.heads = heads

    def on_mount(self) -> None:
        self.display = False
        self.call_after_refresh(self._follow)  # the sheet beside it is mounted by then

    def _follow(self) -> None:
        scroller = self.screen.query_one(self.scroller, ScrollableContainer)
        self.watch(scroller, "scroll_x", lambda: self.call_after_refresh(self.show), init=False)
        self.call_after_refresh(self.show)

    def show(self) -> None:
        """Look again at which columns are wholly in view."""
        if not self.is_attached:
            return
        # from the scroll offset itself and each head's place in the sheet, not from the last frame's
        # regions: a frame drawn before the scroll came round would name the columns that were in view
        scroller = self.screen.query_one(self.scroller, ScrollableContainer)
        left = round(scroller.scroll_x)
        right = left + scroller.scrollable_content_region.width
        spans = [_span_in(scroller, self.screen.query_one(head)) for head in self.heads]
        inside = [n for n, (x, end) in enumerate(spans, 1) if left <= x and end <= right]
        inside = inside or [n for n, (x, end) in enumerate(spans, 1) if x < right and left < end]
        self.display = 0 < len(inside) < len(self.heads)
        if not self.display:
            return
        first, last, count = inside[0], inside[-1], len(self.heads)
        shown = str(first) if first == last else f"{first}–{last}"
        key = "jury.columns_both" if first > 1 and last < count else "jury.columns_left" if first > 1 else "jury.columns_right"
        self.update(self.app.t(key, shown=shown, count=count))


def _span_in(scroller, widget) -> tuple[int, int]:
    """Where *widget* lies across *scroller*'s whole width (not only the part in view): its first and past-last column."""
    x, node = widget.virtual_region.x, widget.parent
    while node is not None and node is not scroller:
        x += node.virtual_region.x
        node = node.parent
    return x, x + widget.virtual_region.width

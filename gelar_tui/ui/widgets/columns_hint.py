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
        view = self.screen.query_one(self.scroller).content_region
        regions = [self.screen.query_one(head).region for head in self.heads]
        inside = [n for n, r in enumerate(regions, 1) if view.x <= r.x and r.right <= view.right]
        inside = inside or [n for n, r in enumerate(regions, 1) if r.x < view.right and view.x < r.right]
        self.display = 0 < len(inside) < len(self.heads)
        if not self.display:
            return
        first, last, count = inside[0], inside[-1], len(self.heads)
        shown = str(first) if first == last else f"{first}–{last}"
        key = "jury.columns_both" if first > 1 and last < count else "jury.columns_left" if first > 1 else "jury.columns_right"
        self.update(self.app.t(key, shown=shown, count=count))

"""The console's top line: the event on the left; how late the day runs, a rehearsal badge and the time of day on the right."""

from __future__ import annotations

from textual.app import RenderResult
from textual.content import Content
from textual.widget import Widget


class TopBar(Widget):
    """One line: the event's title (cut short with an ellipsis when there is no room), then
    a rehearsal badge when practising and the wall-clock time, kept at the right edge.

    One widget rather than a row of three: the console starts sooner with fewer widgets.
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._shown: tuple[str, str, str, str, bool] = ("", "", "", "", False)

    def show(self, title: str, badge: str, time_of_day: str, schedule: str = "", late: bool = False) -> None:
        """Show *title*, *badge* (empty: none), *time_of_day* and *schedule* ("7 min late · ends 15:42",
        in the warning colour when *late*); repaint only if one changed."""
        shown = (title, badge, time_of_day, schedule, late)
        if shown != self._shown:
            self._shown = shown
            self.refresh()

    def render(self) -> RenderResult:
        title, badge, time_of_day, schedule, late = self._shown
        right = Content.from_markup("[b]$time[/]", time=time_of_day)
        if badge:
            right = Content.from_markup("[$background on $warning] $badge [/] ", badge=badge) + right
        if schedule:
            style = "[b $background on $warning]" if late else "[b]"
            right = Content.from_markup(f"{style} $schedule [/]  ", schedule=schedule) + right
        room = self.content_size.width - right.cell_length - 1
        left = Content.from_markup("[b]$title[/]", title=title).truncate(max(0, room), ellipsis=True)
        return left.pad_right(max(0, self.content_size.width - left.cell_length - right.cell_length)) + right

"""The console's top line: the event on the left; what the sound has to say, how late the day runs,
badges and the time of day on the right."""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import RenderResult
from textual.content import Content
from textual.widget import Widget


MIN_NOTICE = 8
"""Cells below which the sound's notice is left out of the top line (a stub says nothing)."""


class TopBar(Widget):
    """One line: the event's title (cut short with an ellipsis when there is no room), then
    a notice about the sound when there is one (no player, no device), badges (rehearsing,
    muted) and the wall-clock time, kept at the right edge. The title keeps its place: the
    notice takes only the room the title, the badges, the hub and the time leave, shortened with an
    ellipsis, and none at all when fewer than a few cells are left (the journal's alert
    records, `gelar log`, still say what the sound did).

    One widget rather than a row of three: the console starts sooner with fewer widgets.
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._shown: tuple[str, tuple[str, ...], str, str, str, bool] = ("", (), "", "", "", False)
        self._hub: tuple[str, bool] = ("", False)

    def show_hub(self, text: str, warn: bool) -> None:
        """Show where the hub stands ("hub ✓", "hub: 37 behind · 2 min" in the warning colour when *warn*); repaint only if it changed."""
        if (text, warn) != self._hub:
            self._hub = (text, warn)
            self.refresh()

    def show(
        self, title: str, badges: Sequence[str], time_of_day: str, notice: str = "", schedule: str = "", late: bool = False
    ) -> None:
        """Show *title*, *badges*, *time_of_day*, *notice* (empty: none) and *schedule* ("7 min late ·
        ends 15:42", in the warning colour when *late*); repaint only if one changed."""
        shown = (title, tuple(badges), time_of_day, notice, schedule, late)
        if shown != self._shown:
            self._shown = shown
            self.refresh()

    def render(self) -> RenderResult:
        title, badges, time_of_day, notice, schedule, late = self._shown
        width = self.content_size.width
        right = Content.from_markup("[b]$time[/]", time=time_of_day)
        for badge in reversed(badges):
            right = Content.from_markup("[$background on $warning] $badge [/] ", badge=badge) + right
        if schedule:
            style = "[b $background on $warning]" if late else "[b]"
            right = Content.from_markup(f"{style} $schedule [/]  ", schedule=schedule) + right
        hub, warn = self._hub
        if hub:
            style = "[b $background on $warning]" if warn else "[dim]"
            right = Content.from_markup(f"{style} $hub [/] ", hub=hub) + right
        room = width - right.cell_length - 1
        left = Content.from_markup("[b]$title[/]", title=title).truncate(max(0, room), ellipsis=True)
        if notice:
            room = width - left.cell_length - right.cell_length - 4  # a gap either side of it
            if room >= MIN_NOTICE:
                said = Content.from_markup("[$warning]$notice[/]", notice=notice).truncate(room, ellipsis=True)
                right = Content("  ") + said + Content("  ") + right
        return left.pad_right(max(0, width - left.cell_length - right.cell_length)) + right

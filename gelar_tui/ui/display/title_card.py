"""The title card of the audience display: the event, where and when, and who presents next."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static

from ...results.document import long_date
from ...day.state import GroupStatus


class TitleCard(Vertical):
    """The event's title, venue and date, and the next group (or thanks, once every group has presented)."""

    def compose(self) -> ComposeResult:
        yield Static(id="title-event")
        yield Static(id="title-place")
        yield Static(id="title-next")

    def show(self) -> None:
        day, t = self.app.day, self.app.t
        event = day.event.event
        self.query_one("#title-event", Static).update(Content(event.title))
        self.query_one("#title-place", Static).update(Content(f"{event.venue} · {long_date(event.date, t)}"))
        upcoming = day.state.current
        if upcoming is not None and day.state.status(upcoming) != GroupStatus.WAITING:
            upcoming = day.next_up()
        if upcoming is None:
            text = t("display.nobody_next")
        else:
            group = day.event.group(upcoming)
            text = t("display.next_up", name=group.name) + f"\n{group.agency}"
        self.query_one("#title-next", Static).update(Content(text))

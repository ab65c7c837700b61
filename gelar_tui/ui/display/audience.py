"""The audience display: the clock, the scoreboard, the winners or the title, as the moderator chose."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import ContentSwitcher

from ..messages import DayChanged
from ..widgets.award_reveal import AwardReveal
from ..widgets.score_board import ScoreBoard
from ..widgets.slot_stage import SlotStage, SlotTicker
from ..widgets.top_bar import TopBar
from .title_card import TitleCard


class AudienceScreen(Screen):
    """One of four views, switched by ``display_shown`` records; it starts on the last one chosen."""

    CSS_PATH = ["../screens/scoreboard.tcss", "../screens/winner.tcss"]

    def __init__(self) -> None:
        super().__init__()
        self._ticker = SlotTicker(self, self.tick)
        self.view = ""

    def compose(self) -> ComposeResult:
        yield TopBar(id="display-top", classes="topbar")
        with ContentSwitcher(id="views"):
            yield SlotStage(self.app.day.slot(), audience=True, id="clock-view")
            yield ScoreBoard(paged=True, id="scoreboard-view")
            yield AwardReveal(id="winner-view")
            yield TitleCard(id="title-view")

    def on_mount(self) -> None:
        self._stage = self.query_one(SlotStage)
        self.day_changed()
        self.call_after_refresh(self.app.console_drawn)

    @on(DayChanged)
    def day_changed(self) -> None:
        day = self.app.day
        wanted = day.display_view()
        switcher = self.query_one(ContentSwitcher)
        if wanted != self.view:
            self.view = wanted
            switcher.current = f"{wanted}-view"
            if wanted == "winner":  # the places as they stand now
                self.query_one(AwardReveal).on_mount()
        event = day.event.event
        self.query_one(TopBar).show(event.title, "", "")
        self._stage.show_group()
        if wanted == "scoreboard":
            self.query_one(ScoreBoard).changed()
        elif wanted == "winner":
            self.query_one(AwardReveal).show()
        elif wanted == "title":
            self.query_one(TitleCard).show()
        self.tick()

    def tick(self) -> None:
        """The clock moves (and alerts) even while another view shows: switching back shows it true."""
        view = self._ticker.view()
        self._stage.show(view)
        self._ticker.plan(view)

"""The audience display: the clock, the scoreboard, the winners or the title, as the moderator chose."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.widgets import ContentSwitcher

from ..messages import DayChanged
from ..widgets.award_reveal import AwardReveal
from ..widgets.score_board import ScoreBoard
from ..widgets.slot_stage import SlotStage
from ..widgets.top_bar import TopBar
from .slot_screen import SlotScreen
from .title_card import TitleCard


class AudienceScreen(SlotScreen):
    """One of four views, switched by ``display_shown`` records; it starts on the last one chosen."""

    CSS_PATH = ["../screens/scoreboard.tcss", "../screens/winner.tcss"]

    view = ""
    """The view shown ("clock", "scoreboard", "winner", "title")."""

    def compose(self) -> ComposeResult:
        yield TopBar(id="display-top", classes="topbar")
        with ContentSwitcher(id="views"):
            yield SlotStage(self.app.day.slot(), audience=True, id="clock-view")
            yield ScoreBoard(paged=True, id="scoreboard-view")
            yield AwardReveal(id="winner-view")
            yield TitleCard(id="title-view")

    @on(DayChanged)
    def day_changed(self) -> None:
        day = self.app.day
        wanted = day.display_view()
        switcher = self.query_one(ContentSwitcher)
        if wanted != self.view:
            self.view = wanted
            switcher.current = f"{wanted}-view"
            if wanted == "winner":  # the places as they stand now
                self.query_one(AwardReveal).take_results()
        event = day.event.event
        self.query_one(TopBar).show(event.title, "", "")
        if wanted == "scoreboard":
            self.query_one(ScoreBoard).changed()
        elif wanted == "winner":
            self.query_one(AwardReveal).show()
        elif wanted == "title":
            self.query_one(TitleCard).show()
        super().day_changed()

"""The live scoreboard: the ranking as it stands, and which sheets are still missing.

It redraws the moment a score is journaled, by this console or by any other
process writing to the same journal. With categories, ``c`` shows the next category (then
the overall ranking, when the event has one): a journaled choice the audience display follows. The board itself is the widget
:class:`~gelar_tui.ui.widgets.score_board.ScoreBoard`, which the audience display shows too.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Footer

from ...day.hall import board_choices, next_board_category
from ..bindings import translate_bindings
from ..messages import DayChanged
from ..widgets.score_board import ScoreBoard
from .base import SubScreen
from .confirm import ConfirmScreen


class ScoreboardScreen(SubScreen):
    """Rank, group, agency, each juror's total, penalty, final score and a bar (as the width allows)."""

    CSS_PATH = "scoreboard.tcss"
    BINDINGS = [
        Binding("c", "category", "catboard.key_category"),
        Binding("v", "reveal", "scoreboard.key_reveal"),
        Binding("w", "winner", "console.key_winner"),
        Binding("escape,s", "close", "scoreboard.key_close"),
    ]

    def compose(self) -> ComposeResult:
        t = self.app.t
        yield from self.compose_topbar(t("scoreboard.title", event=self.day.event.event.title))
        yield ScoreBoard(id="board")
        yield Footer()

    def on_mount(self) -> None:
        translate_bindings(self)

    @on(DayChanged)
    def day_changed(self) -> None:
        self.query_one(ScoreBoard).changed()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "category":  # only an event with categories has the key (and shows it)
            return bool(board_choices(self.day.event))
        return True

    def action_category(self) -> None:
        """The next category (after the last, the overall ranking when there is one, then the first again)."""
        day = self.day
        following = next_board_category(day.event, day.state)
        if following is None:
            self.app.notify(self.app.t("catboard.no_categories"))
            return
        if self.app.act(lambda: day.show_category(following)):
            self.query_one(ScoreBoard).redraw()

    def action_reveal(self) -> None:
        day, t = self.day, self.app.t
        if day.event.scoring.reveal != "end":
            self.app.notify(t("scoreboard.always_live"))
            return
        revealed = not day.state.revealed
        question = t("scoreboard.confirm_reveal" if revealed else "scoreboard.confirm_hide")

        def answered(yes: bool | None) -> None:
            if yes:
                self.app.act(lambda: day.reveal_results(revealed))

        self.app.push_screen(ConfirmScreen(question), answered)

    def action_winner(self) -> None:
        """From the scoreboard straight to the announcement (in place of the scoreboard)."""
        from .winner import open_winner

        self.dismiss()
        open_winner(self.app)

    def action_close(self) -> None:
        self.dismiss()

"""The winner announcement: each press of space reveals the next place, up to Juara I."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Footer

from ...awards import RevealStep
from ..bindings import translate_bindings
from ..widgets.award_reveal import AwardReveal
from .base import SubScreen
from .confirm import ConfirmScreen


class WinnerScreen(SubScreen):
    """A staged reveal for the hall, journaled so a restart resumes at the same place."""

    CSS_PATH = "winner.tcss"
    BINDINGS = [
        Binding("space,right", "step(1)", "winner.key_next"),
        Binding("backspace,left", "step(-1)", "winner.key_back"),
        Binding("escape,w", "close", "winner.key_close"),
    ]

    def compose(self) -> ComposeResult:
        yield from self.compose_topbar(self.app.t("winner.title", event=self.day.event.event.title))
        yield AwardReveal(id="awards")
        yield Footer()

    def on_mount(self) -> None:
        translate_bindings(self)
        self.show()

    @property
    def steps(self) -> list[RevealStep]:
        return self.query_one(AwardReveal).steps

    @property
    def shown(self) -> int:
        return self.query_one(AwardReveal).shown

    def show(self) -> None:
        """Draw the place reached so far (the title card before the first press)."""
        self.query_one(AwardReveal).show()

    def action_step(self, step: int) -> None:
        target = max(0, min(len(self.steps), self.shown + step))
        if target != self.shown and self.app.act(lambda: self.day.show_awards(target)):
            self.show()
            if target == len(self.steps) and step > 0:
                self.app.ring(1)

    def action_close(self) -> None:
        self.dismiss()


def open_winner(app) -> None:
    """Open the announcement; while results are provisional, only after the moderator confirms."""
    results = app.day.results()
    if not results.provisional:
        app.push_screen(WinnerScreen())
        return

    def answered(yes: bool | None) -> None:
        if yes:
            app.push_screen(WinnerScreen())

    question = app.t("winner.confirm_provisional", **results.progress())
    app.push_screen(ConfirmScreen(question), answered)

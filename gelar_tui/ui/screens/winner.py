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
    """Open the announcement; ask the moderator first, and say why, while results are provisional,
    the winner depends on the method, or a sheet lies far from the others."""
    from ...analysis import analyse_day

    results = app.day.results()
    reasons = analysis_reasons(analyse_day(app.day), app.day.event, app.t)
    if not reasons and not results.provisional:
        app.push_screen(WinnerScreen())
        return

    def answered(yes: bool | None) -> None:
        if yes:
            app.push_screen(WinnerScreen())

    if not reasons:
        question = app.t("winner.confirm_provisional", **results.progress())
    else:
        if results.provisional:
            reasons.insert(0, "- " + app.t("results.provisional", **results.progress()))
        question = app.t("analysis.confirm", reasons="\n".join(reasons))
    app.push_screen(ConfirmScreen(question), answered)


def analysis_reasons(analysis, event, t) -> list[str]:
    """Why the analysis wants the announcement confirmed, one line each (none when it looks sound)."""
    reasons = []
    if analysis.winners and not analysis.winner_stable:
        reasons.append(t("analysis.reason_unstable"))
    if analysis.outliers:
        groups = {g.id: g.name for g in event.groups}
        jurors = {j.id: j.name for j in event.jurors}
        sheets = ", ".join(f"{jurors[o.juror]} / {groups[o.group]}" for o in analysis.outliers[:3])
        reasons.append(t("analysis.reason_outliers", count=len(analysis.outliers), sheets=sheets + (", …" if len(analysis.outliers) > 3 else "")))
    return reasons

"""The winner announcement: each press of space reveals the next place, up to Juara I."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import Footer

from ...scoring.awards import RevealStep
from ...scoring.finality import missing_text, status_text
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
        Binding("r", "reset", "final.key_reset"),
    ]

    def __init__(self, preview: bool = False) -> None:
        super().__init__()
        self.preview = preview
        """Opened on provisional results: the steps stay on this screen, the hall sees none of them."""

    def compose(self) -> ComposeResult:
        yield from self.compose_topbar(self.app.t("winner.title", event=self.day.event.event.title))
        reveal = AwardReveal(id="awards")
        reveal.preview = self.preview
        yield reveal
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
        if target == self.shown:
            return
        if self.preview:
            self.query_one(AwardReveal).previewed = target
        elif not self.app.act(lambda: self.day.show_awards(target)):
            return
        self.show()
        if target == len(self.steps) and step > 0:
            self.app.ring(1)

    def action_reset(self) -> None:
        """Back to the title card: a preview's own count, or (asked first, journaled) the hall's."""
        if self.preview:
            self.query_one(AwardReveal).previewed = 0
            self.show()
            return

        def answered(yes: bool | None) -> None:
            if yes and self.app.act(self.day.reset_announcement):
                self.show()
                self.notify(self.app.t("final.reset_done"))

        self.app.push_screen(ConfirmScreen(self.app.t("final.confirm_reset")), answered)

    def action_close(self) -> None:
        self.dismiss()


def open_winner(app) -> None:
    """Open the announcement; ask the moderator first, and say why, while results are provisional,
    the winner depends on the method, or a sheet lies far from the others."""
    from ...scoring.analysis import analyse_day
    from ...scoring.day_results import results_of
    from ...journal.chain_guard import broken_chain

    broken = broken_chain(app.day.journal)
    if broken is not None:  # the journal was changed behind its back: announce nothing from it
        app.notify(broken.refusal(app.t), severity="error", markup=False)
        return
    results = results_of(app.day)
    preview = results.provisional
    reasons = category_reasons(app.day, app.t) if app.day.event.categories else analysis_reasons(analyse_day(app.day), app.day.event, app.t)
    if not reasons and not preview:
        app.push_screen(WinnerScreen())
        return

    def answered(yes: bool | None) -> None:
        if yes:
            app.push_screen(WinnerScreen(preview=preview))

    missing = missing_text(results, app.day.event, app.t)
    if not reasons:
        question = app.t("final.confirm_preview", missing=missing)
    else:
        if preview:
            reasons.insert(0, "- " + status_text(results, app.day.event, app.t))
        question = app.t("analysis.confirm", reasons="\n".join(reasons))
    app.push_screen(ConfirmScreen(Content(question)), answered)  # group names are plain text, never markup


def category_reasons(day, t) -> list[str]:
    """With categories, the reasons of each category's own analysis (and the overall one's, when
    the event has an overall ranking), each named by its category."""
    from ...scoring.analysis import analyse_day
    from ...scoring.categories import category_analyses

    found = [(c.name, c.analysis, c.event) for c in category_analyses(day.event, day.state, day.overtimes())]
    if day.event.scoring.overall:
        found.append((t("provincial.categories.overall"), analyse_day(day), day.event))
    return [
        t("catboard.reason_in", name=name, reason=reason.removeprefix("- "))
        for name, analysis, event in found
        for reason in analysis_reasons(analysis, event, t)
    ]


def analysis_reasons(analysis, event, t) -> list[str]:
    """Why the analysis wants the announcement confirmed, one line each (none when it looks sound)."""
    reasons = []
    if analysis.winners and not analysis.winner_stable:
        reasons.append(t("analysis.reason_unstable"))
    if analysis.outliers:
        groups = {g.id: g.name for g in event.groups}
        sheets = ", ".join(f"{event.juror_name(o.juror)} / {groups[o.group]}" for o in analysis.outliers[:3])
        reasons.append(t("analysis.reason_outliers", count=len(analysis.outliers), sheets=sheets + (", …" if len(analysis.outliers) > 3 else "")))
    return reasons

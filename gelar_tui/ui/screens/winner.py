"""The winner announcement: each press of space reveals the next place, up to Juara I."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Footer, Static

from ...awards import RevealStep, reveal_steps
from ..bindings import translate_bindings
from ..widgets.bigclock import BigClock
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
        with Vertical(id="reveal"):
            yield Static(id="place")
            yield Static(id="group-name")
            yield Static(id="agency")
            yield BigClock("", id="score")
            yield Static(id="note")
        yield Static(id="revealed")
        yield Footer()

    def on_mount(self) -> None:
        translate_bindings(self)
        self.steps: list[RevealStep] = reveal_steps(self.day.results(), self.day.event)
        self.show()

    @property
    def shown(self) -> int:
        return min(self.day.state.awards_shown, len(self.steps))

    def show(self) -> None:
        """Draw the place reached so far (the title card before the first press)."""
        t, event = self.app.t, self.day.event
        shown = self.shown
        reveal = self.query_one("#reveal")
        place, name, agency = (self.query_one(f"#{i}", Static) for i in ("place", "group-name", "agency"))
        score, note = self.query_one("#score", BigClock), self.query_one("#note", Static)
        if not self.steps:
            place.update(t("winner.nobody"))
            name.update(""), agency.update(""), note.update("")
            score.text = ""
            score.display = False
            return
        if shown == 0:  # the title card; the moderator's keys are in the footer
            place.update(t("winner.announcement"))
            name.update(event.event.title)
            agency.update(f"{event.event.venue} · {event.event.organizer}")
            score.text = ""
            note.update("")
        else:
            step = self.steps[shown - 1]
            place.update(step.award.label(t).upper())
            name.update(" · ".join(event.group(e.group).name for e in step.entries))
            agency.update(" · ".join(event.group(e.group).agency for e in step.entries))
            first = step.entries[0]
            places = 3 if event.scoring.method == "rank" else 2
            score.text = t.number(float(first.score), places) if first.score is not None else ""
            last = shown == len(self.steps)
            note.update(Content.from_markup("[b]$text[/]", text=t("winner.congratulations") + (f"\n{event.awards.note}" if event.awards.note else "")) if last else "")
        reveal.set_class(shown == len(self.steps) and shown > 0, "-winner")
        score.display = bool(score.text)
        lines = []
        for step in reversed(self.steps[: max(0, shown - 1)]):
            names = ", ".join(event.group(e.group).name for e in step.entries)
            lines.append(f"{step.award.label(t)}: {names}")
        self.query_one("#revealed", Static).update("\n".join(lines))

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

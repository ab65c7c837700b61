"""The announcement of the winners, place by place: the console's and the audience display's."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static

from ...scoring.awards import RevealStep, reveal_steps
from ...scoring.finality import status_text
from ...scoring.live_ranking import LiveRanking
from ...scoring.rules import Results
from .bigclock import BigClock


class AwardReveal(Vertical):
    """The place reached so far (the title card before the first), and the places revealed before it.

    The hall's announcement follows the journal (``awards_shown``); a *preview* keeps its own
    count and writes nothing, so the hall never sees it. Provisional results are marked.
    """

    preview = False
    """A preview: the place reached is ``previewed``, not the journal's."""
    previewed = 0

    def compose(self) -> ComposeResult:
        yield Static(id="mark", markup=False)
        with Vertical(id="reveal"):
            yield Static(id="place", markup=False)
            yield Static(id="group-name", markup=False)
            yield Static(id="agency", markup=False)
            yield BigClock("", id="score")
            yield Static(id="note", markup=False)
        yield Static(id="revealed", markup=False)

    _live: LiveRanking | None = None

    def _results(self) -> Results:
        """The ranking as it stands, from this announcement's own live ranking (see scoring.live_ranking)."""
        day = self.app.day
        live = self._live
        if live is None or live.event is not day.event:
            live = self._live = LiveRanking(day.event)
        return live.results(day.state, day.overtimes())

    def on_mount(self) -> None:
        self.take_results()

    def take_results(self) -> None:
        """The places to announce, from the results as they stand now."""
        self.steps: list[RevealStep] = reveal_steps(self._results(), self.app.day.event)

    @property
    def shown(self) -> int:
        reached = self.previewed if self.preview else self.app.day.state.awards_shown
        return min(reached, len(self.steps))

    def _mark(self) -> None:
        """"PREVIEW …" and/or "PROVISIONAL: what is missing" above the announcement; hidden when neither."""
        t, day = self.app.t, self.app.day
        results = self._results()
        lines = [t("final.preview")] if self.preview else []
        if results.provisional:
            lines.append(status_text(results, day.event, t))
        mark = self.query_one("#mark", Static)
        mark.update("\n".join(lines))
        mark.display = bool(lines)

    def show(self) -> None:
        """Draw the place reached so far, as the journal says."""
        t, event = self.app.t, self.app.day.event
        shown = self.shown
        self._mark()
        reveal = self.query_one("#reveal")
        place, name, agency = (self.query_one(f"#{i}", Static) for i in ("place", "group-name", "agency"))
        score, note = self.query_one("#score", BigClock), self.query_one("#note", Static)
        if not self.steps:
            place.update(t("winner.nobody"))
            name.update(""), agency.update(""), note.update("")
            score.text = ""
            score.display = False
            return
        if shown == 0:  # the title card
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

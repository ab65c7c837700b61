"""The announcement of the winners, place by place: the console's and the audience display's.

With categories it goes category by category (each from its last award up to its winner, by
its own awards; the overall ranking last when the event has one), the category's name above
each place, and each place marked provisional by its own category's results.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static

from ...day.hall import OVERALL, board_choices
from ...event.days import category_name
from ...scoring.awards import RevealStep, announcement_steps, reveal_steps
from ...scoring.finality import status_text
from ...scoring.live_categories import LiveCategories
from ...scoring.live_ranking import LiveRanking
from ...scoring.rules import Results
from .bigclock import BigClock
from .board_layout import shorten


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
            yield Static(id="reveal-category", markup=False)
            yield Static(id="place", markup=False)
            yield Static(id="group-name", markup=False)
            yield Static(id="agency", markup=False)
            yield BigClock("", id="score")
            yield Static(id="note", markup=False)
        yield Static(id="revealed", markup=False)

    _live: LiveRanking | None = None
    _categories: LiveCategories | None = None

    def _results(self) -> Results:
        """The ranking as it stands, from this announcement's own live ranking (see scoring.live_ranking)."""
        day = self.app.day
        live = self._live
        if live is None or live.event is not day.event:
            live = self._live = LiveRanking(day.event)
        return live.results(day.state, day.overtimes())

    def _live_categories(self) -> LiveCategories | None:
        """This announcement's own live rankings of each category (None: the event has no categories)."""
        event = self.app.day.event
        if not board_choices(event):
            return None
        live = self._categories
        if live is None or live.event is not event:
            live = self._categories = LiveCategories(event)
        return live

    def _step_results(self, step: RevealStep | None) -> Results:
        """The results a place belongs to: its category's (the whole event's before the first place, or without categories)."""
        live = self._live_categories()
        if step is None or step.category is None or live is None:
            return self._results()
        day = self.app.day
        return live.ranking(day.state, day.overtimes(), step.category).results

    def _category_name(self, category: str | None) -> str:
        if category is None:
            return ""
        if category == OVERALL:
            return self.app.t("provincial.categories.overall")
        return category_name(self.app.day.event, category)

    def on_mount(self) -> None:
        self.take_results()

    def take_results(self) -> None:
        """The places to announce, from the results as they stand now."""
        live, day = self._live_categories(), self.app.day
        if live is None:
            self.steps: list[RevealStep] = reveal_steps(self._results(), day.event)
        else:  # category by category, the overall ranking last
            self.steps = announcement_steps(live.rankings(day.state, day.overtimes()))

    @property
    def shown(self) -> int:
        reached = self.previewed if self.preview else self.app.day.state.awards_shown
        return min(reached, len(self.steps))

    def _mark(self, step: RevealStep | None) -> None:
        """"PREVIEW …" and/or "PROVISIONAL: what is missing" above the announcement (of the place's own
        category, with categories); hidden when neither."""
        t, day = self.app.t, self.app.day
        results = self._step_results(step)
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
        step = self.steps[shown - 1] if shown else None
        self._mark(step)
        category = self.query_one("#reveal-category", Static)
        width = self.query_one("#reveal").content_size.width
        category.update(shorten(self._category_name(step.category if step else None), width if width > 8 else 80))  # one line
        category.display = step is not None and step.category is not None
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
            place.update(step.award.label(t).upper())
            name.update(" · ".join(event.group(e.group).name for e in step.entries))
            agency.update(" · ".join(event.group(e.group).agency for e in step.entries))
            first = step.entries[0]
            places = 3 if event.scoring.method == "rank" else 2
            score.text = t.number(float(first.score), places) if first.score is not None else ""
            last = shown == len(self.steps)
            note.update(Content.from_markup("[b]$text[/]", text=t("winner.congratulations") + (f"\n{event.awards.note}" if event.awards.note else "")) if last else "")
        last_of_category = step is not None and (shown == len(self.steps) or self.steps[shown].category != step.category)
        reveal.set_class(last_of_category, "-winner")
        score.display = bool(score.text)
        lines = []
        for before in reversed(self.steps[: max(0, shown - 1)]):
            if before.category != step.category:  # earlier categories' places: announced, and off the screen
                break
            names = ", ".join(event.group(e.group).name for e in before.entries)
            lines.append(f"{before.award.label(t)}: {names}")
        self.query_one("#revealed", Static).update("\n".join(lines))

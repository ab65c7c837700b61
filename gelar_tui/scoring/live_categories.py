"""Each category's ranking kept up to date, and the overall one: what a scoreboard showing one category ranks.

A view that shows one category at a time (the scoreboard, the announcement) owns one
:class:`LiveCategories`, as a view without categories owns a
:class:`~gelar_tui.scoring.live_ranking.LiveRanking`: it keeps one live ranking per category,
on the category's sub-event (its groups, its awards: :func:`~gelar_tui.scoring.categories.sub_event`),
and one on the whole event for the overall ranking. The cut and its tie come from
:func:`~gelar_tui.scoring.categories.top_cut`, the order from the ranking rules: nothing is ranked
here that :func:`~gelar_tui.scoring.categories.category_rankings` would rank otherwise (a test
compares them). Pure: reads an event and a state, never writes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..day.hall import OVERALL, board_choices
from ..event.days import category_finalists, category_groups, category_name
from .categories import CategoryRanking, sub_event, top_cut
from .live_ranking import LiveRanking

if TYPE_CHECKING:
    from ..day.state import DayState
    from ..event.model import Event


class LiveCategories:
    """The live ranking of each category of one event, and of the whole event (``OVERALL``)."""

    def __init__(self, event: Event) -> None:
        self.event = event
        self._live: dict[str, LiveRanking] = {}

    def _live_of(self, category: str) -> LiveRanking:
        live = self._live.get(category)
        if live is None:
            if category == OVERALL:
                live = LiveRanking(self.event)
            else:
                live = LiveRanking(sub_event(self.event, category), category_groups(self.event, category))
            self._live[category] = live
        return live

    def ranking(self, state: DayState, overtime: dict[str, int], category: str) -> CategoryRanking:
        """*category*'s ranking, awards and cut as they stand (``OVERALL``: every group, the event's awards, no cut;
        its ``name`` is empty: the reader's language names it)."""
        live = self._live_of(category)
        results = live.results(state, overtime)
        if category == OVERALL:
            return CategoryRanking(OVERALL, "", self.event, results, None, (), None)
        cut = category_finalists(self.event, category)
        finalists, tie = top_cut(results, cut)
        return CategoryRanking(category, category_name(self.event, category), live.event, results, cut, finalists, tie)

    def rankings(self, state: DayState, overtime: dict[str, int]) -> list[CategoryRanking]:
        """Every ranking the scoreboard can show, in the order its key cycles them (see day.hall.board_choices)."""
        return [self.ranking(state, overtime, category) for category in board_choices(self.event)]

"""The ranking kept up to date as records arrive: only the groups that changed are tallied again.

A full ranking of 200 groups × 15 jurors × 12 criteria works out 3,000 weighted
totals; while the jury types, each new record changes one group's. The ranking
rules stay in :mod:`gelar_tui.scoring.rules`, split in two: :func:`~gelar_tui.scoring.rules.tally`
(one group's juror totals and counts) and :func:`~gelar_tui.scoring.rules.rank_tallies`
(the ordering). :class:`LiveRanking` keeps each group's tally until a record names
the group (``DayState.touched``) or the group's overtime moves, and orders again
only when something did; otherwise it returns the last ranking as it is.

Each view that shows a ranking (the scoreboard, the announcement) owns one and feeds
it the day's state and overtimes: nothing is kept on the day. Given ``groups``, it ranks
those groups alone (a category: see :mod:`gelar_tui.scoring.live_categories`).
"""

from __future__ import annotations

from collections.abc import Collection
from typing import TYPE_CHECKING

from .categories import sub_state
from .rules import Results, Tally, rank_tallies, scale_of, tally

if TYPE_CHECKING:
    from ..day.state import DayState
    from ..event.model import Event


class LiveRanking:
    """One event's ranking, recomputed only as far as the records since the last one require."""

    def __init__(self, event: Event, groups: Collection[str] | None = None) -> None:
        self.event = event
        self.groups = None if groups is None else frozenset(groups)
        """The groups ranked (None: every group of the state's running order)."""
        self.scale = scale_of(event)
        self._state: DayState | None = None
        self._tallies: dict[str, tuple[int, int, Tally]] = {}
        """Group -> (its ``touched`` mark, its overtime, its tally)."""
        self._last: Results | None = None
        self._last_key: tuple | None = None
        self.tallied = 0
        """Groups tallied (not taken from the cache) since the start: for tests and benchmarks."""

    def results(self, state: DayState, overtime: dict[str, int]) -> Results:
        """The ranking of *state* with each group's whole seconds of *overtime* (as ``Day.overtimes`` gives them).

        *state* is the day's own state object, changed in place as records arrive; another
        object (a day replayed afresh after a journal fault) starts the cache over.
        """
        if state is not self._state:
            self._state, self._tallies, self._last, self._last_key = state, {}, None, None
        key = (state.changes, tuple(overtime.items()), tuple(state.order))
        if key == self._last_key and self._last is not None:
            return self._last
        event, scale, touched, cached = self.event, self.scale, state.touched, self._tallies
        ranked = state
        if self.groups is not None:  # the state with only these groups in its running order (read only)
            ranked = sub_state(state, self.groups)
        tallies: dict[str, Tally] = {}
        for group in ranked.order:
            mark, over = touched.get(group, 0), overtime.get(group, 0)
            found = cached.get(group)
            if found is None or found[0] != mark or found[1] != over:
                found = cached[group] = (mark, over, tally(event, state, group, over, scale))
                self.tallied += 1
            tallies[group] = found[2]
        self._last = rank_tallies(event, ranked, overtime, scale, tallies)
        self._last_key = key
        return self._last

"""Rankings per category, the overall ranking when asked, and the top-N cut with its tie.

Each category is ranked on its own, by the event's method and tie-breaks: the same
ranking function (:func:`gelar_tui.scoring.rules.rank`) on a sub-event that holds only the
category's groups and gives the category's awards, and on the day's state with only those
groups in its running order. With the mean, median and trimmed methods a group's total and
its place among its category are what the whole event's ranking gives (a test proves it);
with the rank method each juror ranks the category's groups among themselves.

The cut (``finalists = N``): the first N groups go on. When groups share the final score
across the cut, :class:`CutTie` names them and says which tie-break key decided, or that
none could (then every group of the shared rank goes on, and the jury must decide).
Pure: reads an event and a state, never writes.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Collection
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..day.state import DayState
from ..event.days import category_awards, category_finalists, category_groups, category_name
from ..event.model import Event
from .rules import Entry, Results, Scale, rank

if TYPE_CHECKING:
    from .analysis import Analysis


@dataclass(frozen=True, slots=True)
class CutTie:
    """Groups sharing the final score across the top-N cut, and how the tie-break settled it."""

    groups: tuple[str, ...]
    """Every group with the score of the last place within the cut, in ranking order."""
    places: int
    """N: how many go on."""
    decided_by: str | None
    """The tie-break key that put the first group out below the last group in; None: nothing could."""

    @property
    def decided(self) -> bool:
        return self.decided_by is not None


@dataclass(frozen=True, slots=True)
class CategoryRanking:
    """One category's own ranking, awards and cut."""

    category: str
    name: str
    event: Event
    """The sub-event: the category's groups and awards (what :func:`~gelar_tui.scoring.awards.award_for` reads)."""
    results: Results
    cut: int | None
    """``finalists``: how many go on (None: no cut)."""
    finalists: tuple[str, ...]
    """The groups that go on, in ranking order (more than ``cut`` when the tie at the cut stands)."""
    tie_at_cut: CutTie | None


def sub_event(event: Event, category_id: str) -> Event:
    """The event as one category sees it: its groups alone, its awards (its own, else the event's)."""
    wanted = set(category_groups(event, category_id))
    return dataclasses.replace(
        event, groups=tuple(g for g in event.groups if g.id in wanted), awards=category_awards(event, category_id)
    )


def sub_state(state: DayState, groups: Collection[str]) -> DayState:
    """The state with only *groups* in its running order (sheets, slots and recusals are shared, read only)."""
    wanted = set(groups)
    return dataclasses.replace(state, order=[g for g in state.order if g in wanted])


def category_rankings(
    event: Event, state: DayState, overtime: dict[str, int], scale: Scale | None = None
) -> list[CategoryRanking]:
    """Each category's ranking, in the ``[[categories]]`` order (empty for an event without categories)."""
    scale = scale or Scale(event)
    found = []
    for category in event.categories:
        sub = sub_event(event, category.id)
        results = rank(sub, sub_state(state, sub.group_ids), overtime, scale)
        cut = category_finalists(event, category.id)
        finalists, tie = top_cut(results, cut)
        found.append(CategoryRanking(category.id, category_name(event, category.id), sub, results, cut, finalists, tie))
    return found


def top_cut(results: Results, cut: int | None) -> tuple[tuple[str, ...], CutTie | None]:
    """The groups that go on and the tie at the cut, if any (no cut: no finalists).

    Groups without a score never go on. Groups that still share a rank after every tie-break
    go on together when that rank is within the cut, and the tie says nothing decided it.
    """
    if cut is None:
        return (), None
    scored = [e for e in results.entries if e.rank is not None]
    finalists = tuple(e.group for e in scored if e.rank <= cut)  # type: ignore[operator]
    if len(scored) <= cut:
        return finalists, None
    last_in, first_out = scored[cut - 1], scored[cut]
    if last_in.score != first_out.score:
        return finalists, None
    tied = tuple(e.group for e in scored if e.score == last_in.score)
    decided = None if first_out.rank == last_in.rank else first_out.decided_by
    return finalists, CutTie(tied, cut, decided)


def entry_of(results: Results, group: str) -> Entry:
    """A group's entry in *results* (KeyError when it is not ranked there)."""
    for entry in results.entries:
        if entry.group == group:
            return entry
    raise KeyError(group)


@dataclass(frozen=True, slots=True)
class CategoryAnalysis:
    """One category's analysis: methods side by side, leave-one-out, agreement, outliers, among its own groups."""

    category: str
    name: str
    event: Event
    analysis: Analysis


def category_analyses(event: Event, state: DayState, overtime: dict[str, int], scale: Scale | None = None) -> list[CategoryAnalysis]:
    """The analysis of each category on its own (empty for an event without categories)."""
    from .analysis import analyse

    scale = scale or Scale(event)
    found = []
    for category in event.categories:
        sub = sub_event(event, category.id)
        found.append(CategoryAnalysis(category.id, category.name, sub, analyse(sub, sub_state(state, sub.group_ids), overtime, scale)))
    return found

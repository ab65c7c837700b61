"""One group's part of a ranking (:class:`Tally`): its jurors' totals and its counts, for one group or all at once.

:func:`tally` works out one group (the live ranking re-tallies only the groups a record names);
a :class:`Table` (:func:`table_of`) works out every group of a full ranking with the same rules, each step taken
over all the sheets in one pass (one lookup of every sheet, one comprehension of every total,
one penalty list), so the per-group work left is slicing.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass
from itertools import chain, repeat
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..day.state import DayState, Sheet
    from ..event.model import Event
    from .rules import Scale


@dataclass(frozen=True, slots=True)
class Tally:
    """One group's part of a ranking, before the ordering: its jurors' totals and its counts.

    It depends only on the group's own sheets, locks and recusals and on its overtime,
    so a live ranking keeps it until a record names the group (see :mod:`gelar_tui.scoring.live_ranking`).
    """

    units: dict[str, int | None]
    """Each juror's total after the penalty (every juror keeps a key; None: incomplete or recused)."""
    present: list[str]
    absent: tuple[str, ...]
    scores_in: int
    locked: int
    expected_sheets: int
    tie_sums: tuple[tuple[int, int], ...] = ()
    """For each criterion of the event's tie-break: (sum, count) of the present jurors' scores in hundredths."""


def tally(
    event: Event, state: DayState, group: str, overtime: int, scale: Scale, without: Collection[str] = ()
) -> Tally:
    """The totals and counts of *group*, with *overtime* whole seconds (the jurors in *without* count as recused)."""
    jurors = event.juror_ids
    recused = state.recused
    if recused or without:
        here = [j for j in jurors if j not in without and (group, j) not in recused]
        keys = [(group, j) for j in here]
    else:
        here, keys = jurors, scale.keys(group, jurors)
    found = list(map(state.sheets.get, keys))
    penalty = scale.penalty_units(overtime)
    try:
        totals = scale.totals_less(found, penalty)
    except KeyError:  # a sheet with a criterion the event lacks (a state not made by replay): one by one
        totals = [None if (total := scale.total(sheet)) is None else total - penalty for sheet in found]
    row = dict(zip(here, totals))
    scores_in = sum(map(len, filter(None, found)))  # replay stores only known criteria
    locked = sum(map(state.locked.__contains__, keys))
    absent: tuple[str, ...] = ()
    if len(here) < len(jurors):
        absent = tuple(j for j in jurors if j not in row)
        row = {j: row.get(j) for j in jurors}  # every juror keeps a column; the absent give no total
    sums = []
    for name in scale.tie_criteria:  # read now, while the sheets are at hand: a tie needs them later
        values = [sheet[name] for sheet in found if sheet and name in sheet]
        sums.append((sum(values), len(values)))
    return Tally(row, here, absent, scores_in, locked, len(here), tuple(sums))


class Table:
    """What the ordering reads of the tallies of every group ranked: their totals, who was absent,
    the counts summed, and each group's tie-break sums (asked only for groups whose final is shared)."""

    __slots__ = ("units", "absent", "scores_in", "locked", "expected_sheets", "tie_sums")

    def __init__(
        self,
        units: dict[str, dict[str, int | None]],
        absent: dict[str, tuple[str, ...]],
        scores_in: int,
        locked: int,
        expected_sheets: int,
        tie_sums: Callable[[str], tuple[tuple[int, int], ...]],
    ) -> None:
        self.units = units
        self.absent = absent
        self.scores_in = scores_in
        self.locked = locked
        self.expected_sheets = expected_sheets
        self.tie_sums = tie_sums

    @classmethod
    def of(cls, tallies: dict[str, Tally], groups: list[str]) -> Table:
        """The table of *groups* from their tallies (each worked out alone: the live ranking)."""
        kept = [tallies[g] for g in groups]
        return cls(
            {g: t.units for g, t in zip(groups, kept)},
            {g: t.absent for g, t in zip(groups, kept)},
            sum(t.scores_in for t in kept),
            sum(t.locked for t in kept),
            sum(t.expected_sheets for t in kept),
            lambda group: tallies[group].tie_sums,
        )


def table_of(
    event: Event, state: DayState, groups: list[str], overtime: dict[str, int], scale: Scale, without: Collection[str] = ()
) -> Table:
    """The :class:`Table` of *groups*, worked out together: what :func:`tally` gives group by group, each
    step taken over all the sheets in one pass (one lookup of each sheet, one comprehension of the totals).

    The sheets are laid out group after group, juror after juror; a recused juror's place holds
    no sheet, so it gives no total, no score and no lock, as :func:`tally` leaves it out.
    """
    jurors = event.juror_ids
    count = len(jurors)
    keys = scale.table_keys(groups, jurors)
    found: list[Sheet | None] = list(map(state.sheets.get, keys))
    locks = list(map(state.locked.__contains__, keys))
    out = _recused_places(state.recused, without, groups, jurors)
    for place in out:
        found[place] = None
        locks[place] = False
    penalties = [scale.penalty_units(overtime.get(group, 0)) for group in groups]
    each = list(chain.from_iterable(map(repeat, penalties, repeat(count))))
    try:
        totals = scale.totals_each(found, each)
    except KeyError:  # a sheet with a criterion the event lacks (a state not made by replay): one by one
        totals = [None if (total := scale.total(sheet)) is None else total - p for sheet, p in zip(found, each)]
    scores_in = sum(map(len, found)) if None not in found else sum(map(len, filter(None, found)))
    places = range(0, count * len(groups) + 1, count)
    units = {g: dict(zip(jurors, totals[start:end])) for g, start, end in zip(groups, places, places[1:])}
    absent: dict[str, tuple[str, ...]] = dict.fromkeys(groups, ())
    for place in sorted(out):
        group = groups[place // count]
        absent[group] = (*absent[group], jurors[place % count])
    start_of = dict(zip(groups, places))
    tie_criteria = scale.tie_criteria

    def tie_sums(group: str) -> tuple[tuple[int, int], ...]:
        start = start_of[group]
        mine = found[start : start + count]
        sums = []
        for name in tie_criteria:
            values = [sheet[name] for sheet in mine if sheet and name in sheet]
            sums.append((sum(values), len(values)))
        return tuple(sums)

    return Table(units, absent, scores_in, sum(locks), len(found) - len(out), tie_sums)


def _recused_places(
    recused: Collection[tuple[str, str]], without: Collection[str], groups: list[str], jurors: list[str]
) -> set[int]:
    """The places (group index × jurors + juror index) of every recused juror and of every juror in *without*."""
    if not recused and not without:
        return set()
    count = len(jurors)
    row_of = {group: index * count for index, group in enumerate(groups)}
    column_of = {juror: index for index, juror in enumerate(jurors)}
    places = {row_of[g] + column_of[j] for g, j in recused if g in row_of and j in column_of}
    for juror in without:
        if juror in column_of:
            places.update(range(column_of[juror], count * len(groups), count))
    return places

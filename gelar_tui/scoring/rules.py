"""From juror sheets to a ranking, in exact arithmetic.

A juror's total for a group is T = Σ(weight·score) / Σ(weight); it exists once
the juror has scored every criterion. The overtime penalty is taken off every
total. Totals are kept as integers over one common denominator for the whole
event, so combining them (mean, median, trimmed mean, mean rank) and comparing
them is exact and fast: no tie is ever decided on a rounded number.
"""

from __future__ import annotations

import math
import weakref
from itertools import chain
from collections.abc import Callable, Collection
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from ..event.model import Event
from .finality import missing, pending
from .ordering import OVERTIME_KEY, finals, sort_keys
from .tally import Table, Tally, table_of, tally
from ..day.state import DayState, Sheet

_ZERO = Fraction(0)


@dataclass(frozen=True, slots=True, eq=False)
class Entry:
    """One group's line in the ranking. Two entries are equal when they read the same."""

    group: str
    rank: int | None
    """1 for the best; equal for groups still tied after every tie-break; None without any total."""
    score: Fraction | None
    """The final score (mean rank with the rank method: lower is better)."""
    units: dict[str, int | None]
    """Each juror's total after the penalty, in units of 1/denominator; None where the sheet is incomplete."""
    denominator: int
    penalty: Fraction
    overtime: int
    """Whole seconds of overtime."""
    tied: bool
    """Shares its rank with another group."""
    decided_by: str | None
    """The tie-break key that placed this group below an equal-scored group above it."""
    absent: tuple[str, ...] = ()
    """The jurors recused from this group: their totals (None in ``units``) do not count."""

    def _reading(self) -> tuple:
        return (self.group, self.rank, self.score, self.totals, self.penalty, self.overtime, self.tied, self.decided_by, self.absent)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Entry) and self._reading() == other._reading()

    __hash__ = None  # type: ignore[assignment]

    @property
    def totals(self) -> dict[str, Fraction | None]:
        """Each juror's total after the penalty (exact); None where the juror's sheet is incomplete."""
        return {j: (None if u is None else Fraction(u, self.denominator)) for j, u in self.units.items()}


@dataclass(frozen=True, slots=True)
class Results:
    """The ranking and how complete the data behind it is."""

    method: str
    entries: list[Entry]
    scores_in: int
    scores_expected: int
    sheets_locked: int
    sheets_expected: int
    waiting: tuple[str, ...] = ()
    """Groups that have neither presented nor been withdrawn, on a day whose clock has run (see finality)."""
    on_stage: tuple[str, ...] = ()
    """Groups whose slot has started and not finished: their overtime can still change."""
    withdrawn: tuple[tuple[str, str], ...] = ()
    """(group, reason) of every withdrawn group: left out of the ranking."""

    @property
    def provisional(self) -> bool:
        """True while any number can still change: see :func:`gelar_tui.scoring.finality.missing`."""
        return bool(missing(self))

    @property
    def lower_is_better(self) -> bool:
        return self.method == "rank"

    def progress(self) -> dict[str, int]:
        """The counts every "provisional" message names: scores in of expected, sheets locked of all."""
        return {
            "scores": self.scores_in,
            "expected": self.scores_expected,
            "locked": self.sheets_locked,
            "sheets": self.sheets_expected,
        }


class Scale:
    """The event's common denominator: weights and penalties turned into integers."""

    def __init__(self, event: Event) -> None:
        weights = [Fraction(criterion.weight) for criterion in event.criteria]
        multiple = math.lcm(*(w.denominator for w in weights))
        self.criteria = event.criterion_ids
        self.weights = [int(w * multiple) for w in weights]
        penalty = Fraction(event.timing.penalty_per_minute)
        self.penalty_per_minute = penalty
        self._q = penalty.denominator
        self._weight_sum = sum(self.weights)
        self.denominator = self._weight_sum * 100 * self._q
        """Totals are integers in units of 1/denominator."""
        weights = [self._q * w for w in self.weights]
        terms = _weighted_terms(weights)
        self.weighted = _compiled(f"def weighted(s):\n    return {terms}\n", self.criteria)
        """A complete sheet's total in units (KeyError when a criterion is missing): Σ q·weight·score."""
        self.totals_less = _compiled(
            f"def totals_less(sheets, penalty):\n"
            f"    return [{terms} - penalty if s and len(s) >= {len(self.criteria)} else None for s in sheets]\n",
            self.criteria,
        )
        """Each sheet's total less *penalty* units, None where a sheet is missing or short; KeyError on a
        sheet holding a criterion the event lacks (replay stores none: see :func:`tally`)."""
        self.totals_each = _compiled(
            f"def totals_each(sheets, penalties):\n"
            f"    return [{terms} - p if s and len(s) >= {len(self.criteria)} else None"
            f" for s, p in zip(sheets, penalties)]\n",
            self.criteria,
        )
        """Each sheet's total less its own penalty in units (one penalty per sheet), as ``totals_less``."""
        self.spread = 2 * math.lcm(*range(1, len(event.juror_ids) + 1))
        """2 × a multiple of every count of jurors: means, half-sums and trimmed means of totals times it are whole."""
        self.tie_criteria = [name for name in event.scoring.tie_break if name != OVERTIME_KEY]
        """The criteria whose means break ties, in the event's order."""
        self._penalties: dict[int, tuple[int, Fraction]] = {}
        self._keys: dict[str, list[tuple[str, str]]] = {}

    def keys(self, group: str, jurors: list[str]) -> list[tuple[str, str]]:
        """The sheets' keys of *group* for every one of the event's *jurors*, made once."""
        found = self._keys.get(group)
        if found is None:
            found = self._keys[group] = [(group, juror) for juror in jurors]
        return found

    def table_keys(self, groups: list[str], jurors: list[str]) -> list[tuple[str, str]]:
        """The sheets' keys of every one of *groups*, group after group, each for every one of *jurors*."""
        keys = self.keys
        return list(chain.from_iterable([keys(group, jurors) for group in groups]))

    def total(self, sheet: Sheet | None) -> int | None:
        """A juror's weighted total in units, or None when a criterion is missing."""
        if sheet is None or len(sheet) < len(self.criteria):
            return None
        try:
            return self.weighted(sheet)
        except KeyError:
            return None

    def penalty_units(self, overtime: int) -> int:
        return self._penalty(overtime)[0]

    def penalty(self, overtime: int) -> Fraction:
        return self._penalty(overtime)[1]

    def _penalty(self, overtime: int) -> tuple[int, Fraction]:
        """The penalty for *overtime* whole seconds, in units and exact: each started minute costs the same."""
        found = self._penalties.get(overtime)
        if found is None:
            minutes = -(-overtime // 60)
            units = self.penalty_per_minute.numerator * minutes * self._weight_sum * 100
            found = self._penalties[overtime] = (units, self.penalty_per_minute * minutes if minutes else _ZERO)
        return found


_scales: dict[int, tuple[weakref.ref, Scale]] = {}


def scale_of(event: Event) -> Scale:
    """The :class:`Scale` of *event*, made once per event object (its sums are compiled, its keys kept)."""
    found = _scales.get(id(event))
    if found is None or found[0]() is not event:
        key = id(event)
        found = _scales[key] = (weakref.ref(event, lambda _, key=key: _scales.pop(key, None)), Scale(event))
    return found[1]


def _weighted_terms(weights: list[int]) -> str:
    """Σ weight·s[k] written out over the criteria k0, k1, …, those of one weight summed first: "6 * s[k0] + 4 * (s[k1] + s[k2])".

    A full ranking works out 3,000 totals; a sum written out (one product per weight) takes less
    than half the time of ``sum(map(mul, weights, values))``, and gives the same integer.
    """
    by_weight: dict[int, list[str]] = {}
    for index, weight in enumerate(weights):
        by_weight.setdefault(int(weight), []).append(f"k{index}")
    terms = []
    for weight, named in by_weight.items():
        summed = " + ".join(f"s[{name}]" for name in named)
        terms.append(f"{weight} * ({summed})" if len(named) > 1 else f"{weight} * {summed}")
    return " + ".join(terms)


def _compiled(source: str, criteria: list[str]) -> Callable:
    """The one function *source* defines (integers, and k0, k1, … for the criteria), each k bound to the
    event's own criterion id: the sheets are keyed by those very strings (see ``DayState.names``), so each
    lookup matches by identity."""
    names = [f"k{index}" for index in range(len(criteria))]
    body = "\n".join("    " + line for line in source.splitlines())
    namespace: dict[str, Any] = {}
    exec(f"def make({', '.join(names)}):\n{body}\n    return {source.split('(')[0][4:]}\n", namespace)  # noqa: S102
    return namespace["make"](*criteria)


def rank(
    event: Event,
    state: DayState,
    overtime: dict[str, int],
    scale: Scale | None = None,
    *,
    method: str | None = None,
    trim: int | None = None,
    without: Collection[str] = (),
) -> Results:
    """The ranking of every group; *overtime* gives each group's whole seconds of overtime.

    *method* and *trim* replace the event's own (to compare methods); the jurors in
    *without* count as recused from every group (to leave one juror out). A recused
    juror's sheet is neither expected nor counted, and gives no total.
    """
    scale = scale or scale_of(event)
    waiting, on_stage, withdrawn = pending(state)
    groups = _ranked(state, withdrawn)
    table = table_of(event, state, groups, overtime, scale, without)
    return _ordered(event, overtime, scale, groups, table, (waiting, on_stage, withdrawn), method, trim)


def rank_tallies(
    event: Event,
    state: DayState,
    overtime: dict[str, int],
    scale: Scale,
    tallies: dict[str, Tally],
    *,
    method: str | None = None,
    trim: int | None = None,
) -> Results:
    """The ranking from each group's :class:`Tally` (one for every group of ``state.order``): the ordering alone.

    Withdrawn groups are left out; what still keeps the results provisional comes from :func:`finality.pending`.
    """
    waiting, on_stage, withdrawn = pending(state)
    groups = _ranked(state, withdrawn)
    return _ordered(event, overtime, scale, groups, Table.of(tallies, groups), (waiting, on_stage, withdrawn), method, trim)


def _ranked(state: DayState, withdrawn: tuple[tuple[str, str], ...]) -> list[str]:
    """The groups a ranking covers: the presentation stage's running order less the withdrawn groups."""
    order = state.stage_order()  # with stages: the groups that went on to the presentation stage
    if not withdrawn:
        return order
    out = {group for group, _ in withdrawn}
    return [g for g in order if g not in out]


def _ordered(
    event: Event,
    overtime: dict[str, int],
    scale: Scale,
    groups: list[str],
    table: Table,
    pended: tuple[tuple[str, ...], tuple[str, ...], tuple[tuple[str, str], ...]],
    method: str | None,
    trim: int | None,
) -> Results:
    """The ranking of *groups* from their :class:`Table`: final scores, sort keys with the tie-breaks, ranks, entries."""
    jurors = event.juror_ids
    method = method or event.scoring.method
    trim = event.scoring.trim if trim is None else trim
    units, absent = table.units, table.absent
    # Final scores as integers over one common denominator: exact, and fast to sort and compare.
    spread = scale.spread
    scaled, ranks_over = finals(method, trim, units, jurors, spread)
    denominator = spread * ranks_over if method == "rank" else spread * scale.denominator
    keys = sort_keys(event, scaled, overtime, method, table.tie_sums, spread // 2)
    ordered = sorted(groups, key=keys.__getitem__)
    rank_of: dict[str, int | None] = {}
    sharing: dict[int, int] = {}
    previous: str | None = None
    for position, group in enumerate(ordered, start=1):
        if scaled[group] is None:
            rank_of[group] = None
            continue
        place = rank_of[previous] if previous is not None and keys[previous] == keys[group] else position
        rank_of[group] = place
        sharing[place] = sharing.get(place, 0) + 1  # equal keys sort side by side: a shared rank is a tie
        previous = group
    names = event.scoring.tie_break
    entries = []
    exact: dict[int, Fraction] = {}
    above: str | None = None
    for group in ordered:
        value, place, key = scaled[group], rank_of[group], keys[group]
        decided_by = None
        if value is not None and above is not None and keys[above][1] == key[1] and keys[above] != key:
            for name, mine, theirs in zip(names, key[2:], keys[above][2:]):
                if mine != theirs:
                    decided_by = name
                    break
        if value is None:
            score = None
        else:
            score = exact.get(value)
            if score is None:
                score = exact[value] = Fraction(value, denominator)
        seconds = overtime.get(group, 0)
        entries.append(
            Entry(  # positional: 200 entries a ranking, keywords cost a third more
                group,
                place,
                score,
                units[group],
                scale.denominator,
                scale.penalty(seconds),
                seconds,
                place is not None and sharing[place] > 1,
                decided_by,
                absent[group],
            )
        )
        above = group
    expected = table.expected_sheets
    return Results(method, entries, table.scores_in, expected * len(scale.criteria), table.locked, expected, *pended)

"""From juror sheets to a ranking, in exact arithmetic.

A juror's total for a group is T = Σ(weight·score) / Σ(weight); it exists once
the juror has scored every criterion. The overtime penalty is taken off every
total. Totals are kept as integers over one common denominator for the whole
event, so combining them (mean, median, trimmed mean, mean rank) and comparing
them is exact and fast: no tie is ever decided on a rounded number.
"""

from __future__ import annotations

import math
from collections.abc import Collection
from dataclasses import dataclass
from fractions import Fraction
from operator import itemgetter, mul

from ..event.model import Event
from ..event.recusal_rules import present_jurors, recusal_refusal  # noqa: F401 (recusal_refusal: re-exported for the day)
from .finality import missing, pending
from ..day.state import DayState, Sheet

OVERTIME_KEY = "overtime"
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
        self._values = itemgetter(*self.criteria) if len(self.criteria) > 1 else (lambda sheet: (sheet[self.criteria[0]],))

    def total(self, sheet: Sheet | None) -> int | None:
        """A juror's weighted total in units, or None when a criterion is missing."""
        if sheet is None or len(sheet) < len(self.criteria):
            return None
        try:
            values = self._values(sheet)
        except KeyError:
            return None
        total = sum(map(mul, self.weights, values))
        return total if self._q == 1 else self._q * total

    def penalty_units(self, overtime: int) -> int:
        minutes = -(-overtime // 60)
        return self.penalty_per_minute.numerator * minutes * self._weight_sum * 100

    def penalty(self, overtime: int) -> Fraction:
        minutes = -(-overtime // 60)
        return self.penalty_per_minute * minutes if minutes else _ZERO


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


def tally(
    event: Event, state: DayState, group: str, overtime: int, scale: Scale, without: Collection[str] = ()
) -> Tally:
    """The totals and counts of *group*, with *overtime* whole seconds (the jurors in *without* count as recused)."""
    jurors = event.juror_ids
    recused = state.recused
    penalty = scale.penalty_units(overtime)
    row: dict[str, int | None] = {}
    here = [j for j in jurors if j not in without and (group, j) not in recused] if recused or without else jurors
    scores_in = locked = 0
    for juror in here:
        sheet = state.sheets.get((group, juror))
        if sheet:
            scores_in += len(sheet)  # replay stores only known criteria
        if (group, juror) in state.locked:
            locked += 1
        total = scale.total(sheet)
        row[juror] = None if total is None else total - penalty
    absent: tuple[str, ...] = ()
    if len(here) < len(jurors):
        absent = tuple(j for j in jurors if j not in row)
        row = {j: row.get(j) for j in jurors}  # every juror keeps a column; the absent give no total
    return Tally(row, here, absent, scores_in, locked, len(here))


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
    scale = scale or Scale(event)
    tallies = {g: tally(event, state, g, overtime.get(g, 0), scale, without) for g in state.order}
    return rank_tallies(event, state, overtime, scale, tallies, method=method, trim=trim)


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
    out = {group for group, _ in withdrawn}
    groups = [g for g in state.order if g not in out] if out else state.order
    jurors = event.juror_ids
    method = method or event.scoring.method
    trim = event.scoring.trim if trim is None else trim
    units = {g: tallies[g].units for g in groups}
    present = {g: tallies[g].present for g in groups}
    scores_in = sum(tallies[g].scores_in for g in groups)
    locked = sum(tallies[g].locked for g in groups)
    expected_sheets = sum(tallies[g].expected_sheets for g in groups)
    # Final scores as integers over one common denominator: exact, and fast to sort and compare.
    spread = 2 * math.lcm(*range(1, len(jurors) + 1))
    scaled, ranks_over = _finals(method, trim, units, jurors, spread)
    denominator = spread * ranks_over if method == "rank" else spread * scale.denominator
    finals = {g: (None if v is None else Fraction(v, denominator)) for g, v in scaled.items()}
    keys = _sort_keys(event, state, scaled, overtime, method, present)
    ordered = sorted(groups, key=lambda g: (scaled[g] is None, keys[g]))
    entries = []
    previous: str | None = None
    rank_of: dict[str, int | None] = {}
    for position, group in enumerate(ordered, start=1):
        if scaled[group] is None:
            rank_of[group] = None
        elif previous is not None and keys[previous] == keys[group]:
            rank_of[group] = rank_of[previous]
        else:
            rank_of[group] = position
        previous = group
    names = event.scoring.tie_break
    for index, group in enumerate(ordered):
        above = ordered[index - 1] if index else None
        below = ordered[index + 1] if index + 1 < len(ordered) else None
        tied = rank_of[group] is not None and any(
            other is not None and rank_of[other] == rank_of[group] for other in (above, below)
        )
        decided_by = None
        if above is not None and scaled[group] is not None and keys[above][0] == keys[group][0] and keys[above] != keys[group]:
            for name, mine, theirs in zip(names, keys[group][1:], keys[above][1:]):
                if mine != theirs:
                    decided_by = name
                    break
        entries.append(
            Entry(
                group=group,
                rank=rank_of[group],
                score=finals[group],
                units=units[group],
                denominator=scale.denominator,
                penalty=scale.penalty(overtime.get(group, 0)),
                overtime=overtime.get(group, 0),
                tied=tied,
                decided_by=decided_by,
                absent=tallies[group].absent,
            )
        )
    return Results(
        method, entries, scores_in, expected_sheets * len(scale.criteria), locked, expected_sheets, waiting, on_stage, withdrawn
    )


def _finals(
    method: str, trim: int, units: dict[str, dict[str, int | None]], jurors: list[str], spread: int
) -> tuple[dict[str, int | None], int]:
    """Each group's final score times *spread* (a multiple of 2·every count of jurors), in total units.

    Multiplying by *spread* keeps means, half-sums and trimmed means whole numbers. With the
    rank method, the second value is a further multiple the mean ranks carry (see _mean_ranks).
    """
    if method == "rank":
        return _mean_ranks(units, jurors, spread)
    finals: dict[str, int | None] = {}
    for group, row in units.items():
        totals = sorted(u for u in row.values() if u is not None)
        count = len(totals)
        if not count:
            finals[group] = None
        elif method == "mean":
            finals[group] = sum(totals) * (spread // count)
        elif method == "median":
            middle = count // 2
            finals[group] = totals[middle] * spread if count % 2 else (totals[middle - 1] + totals[middle]) * (spread // 2)
        else:  # trimmed: with too few totals so far, trim as much as leaves at least one
            cut = min(trim, (count - 1) // 2)
            kept = totals[cut : count - cut]
            finals[group] = sum(kept) * (spread // len(kept))
    return finals, 1


def _mean_ranks(
    units: dict[str, dict[str, int | None]], jurors: list[str], spread: int
) -> tuple[dict[str, int | None], int]:
    """Each juror ranks the groups by total (ties share the average rank); final = mean rank × spread × multiple.

    A juror with totals for n < N groups (N: every group) has each rank r placed on the
    whole field as 1 + (r − 1)·(N − 1)/(n − 1), or (N + 1)/2 when n = 1. The returned
    multiple, the lcm of those n − 1, keeps the placed ranks whole numbers.
    """
    field = len(units)
    scored_by: dict[str, list[tuple[int, str]]] = {}
    for juror in jurors:
        scored_by[juror] = sorted(
            ((total, group) for group, row in units.items() if (total := row.get(juror)) is not None),
            key=lambda pair: -pair[0],
        )
    multiple = math.lcm(1, *(len(s) - 1 for s in scored_by.values() if 1 < len(s) < field))
    doubled: dict[str, list[int]] = {group: [] for group in units}
    for scored in scored_by.values():
        count = len(scored)
        step = multiple // (count - 1) if 1 < count < field else 0
        start = 0
        while start < count:
            end = start
            while end + 1 < count and scored[end + 1][0] == scored[start][0]:
                end += 1
            twice = start + 1 + end + 1  # twice the average of ranks start+1..end+1
            if count == field:
                placed = twice * multiple
            elif count == 1:
                placed = (field + 1) * multiple
            else:
                placed = 2 * multiple + (twice - 2) * (field - 1) * step
            for _, group in scored[start : end + 1]:
                doubled[group].append(placed)
            start = end + 1
    return {g: (sum(r) * (spread // (2 * len(r))) if r else None) for g, r in doubled.items()}, multiple


def criterion_mean(state: DayState, group: str, criterion: str, jurors: list[str]) -> Fraction | None:
    """The plain mean of one criterion's scores for a group, over the jurors who gave one."""
    values = [sheet[criterion] for j in jurors if (sheet := state.sheets.get((group, j))) and criterion in sheet]
    return Fraction(sum(values), 100 * len(values)) if values else None


def _sort_keys(
    event: Event,
    state: DayState,
    finals: dict[str, int | None],
    overtime: dict[str, int],
    method: str,
    present: dict[str, list[str]],
) -> dict[str, tuple]:
    """Smaller sorts first: the final score, then each tie-break key in turn.

    Tie-break keys are worked out only for groups whose final score another group shares.
    """
    keys: dict[str, tuple] = {}
    sharing: dict[int, int] = {}
    for final in finals.values():
        if final is not None:
            sharing[final] = sharing.get(final, 0) + 1
    for group, final in finals.items():
        if final is None:
            keys[group] = (0,)
            continue
        key: list = [final if method == "rank" else -final]
        if sharing[final] > 1:
            for name in event.scoring.tie_break:
                if name == OVERTIME_KEY:
                    key.append(overtime.get(group, 0))
                else:
                    mean = criterion_mean(state, group, name, present[group])
                    key.append((1, 0) if mean is None else (0, -mean))
        keys[group] = tuple(key)
    return keys

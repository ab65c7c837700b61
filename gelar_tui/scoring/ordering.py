"""The ordering half of a ranking: final scores from juror totals (per method), then sort keys with the tie-breaks.

Everything here is an integer over a common denominator (see :mod:`gelar_tui.scoring.rules`): sorting
and comparing never meets a Fraction, and no tie is decided on a rounded number.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from itertools import groupby, repeat
from operator import add, itemgetter, mul

from ..event.model import Event

OVERTIME_KEY = "overtime"
"""The tie-break that compares overtime (less is better) rather than a criterion's mean."""


def finals(
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
        totals = [u for u in row.values() if u is not None]
        count = len(totals)
        if not count:
            finals[group] = None
        elif method == "mean":
            finals[group] = sum(totals) * (spread // count)
        elif method == "median":
            totals.sort()
            middle = count // 2
            finals[group] = totals[middle] * spread if count % 2 else (totals[middle - 1] + totals[middle]) * (spread // 2)
        else:  # trimmed: with too few totals so far, trim as much as leaves at least one
            totals.sort()
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
    rows = list(units.values())
    columns = {juror: list(map(itemgetter(juror), rows)) for juror in jurors}  # each juror's totals, running order
    counts = {juror: field - column.count(None) for juror, column in columns.items()}
    multiple = math.lcm(1, *(count - 1 for count in counts.values() if 1 < count < field))
    placed_by = [
        _placed_full(column, field, multiple) if counts[juror] == field else _placed_some(column, field, multiple)
        for juror, column in columns.items()
        if counts[juror]
    ]
    if not placed_by:
        return dict.fromkeys(units), multiple
    if all(counts[juror] == field for juror in jurors):  # the usual full ranking: every juror placed every group
        sums = list(map(sum, zip(*placed_by)))
        share = spread // (2 * len(placed_by))
        return {g: total * share for g, total in zip(units, sums)}, multiple
    finals: dict[str, int | None] = {}
    for group, places in zip(units, zip(*placed_by)):
        kept = [p for p in places if p is not None]
        finals[group] = sum(kept) * (spread // (2 * len(kept))) if kept else None
    return finals, multiple


def _placed_full(column: list[int], field: int, multiple: int) -> list[int]:
    """Twice each group's (average) rank × *multiple*, for a juror with a total for every group.

    Ranks 1..N go to the totals from the highest; equal totals share the average of their
    ranks, so twice it is first + last position (from 0) + 2, read from two dictionaries.
    """
    ordered = sorted(column, reverse=True)
    last = dict(zip(ordered, range(2 * multiple, 2 * (field + 1) * multiple, 2 * multiple)))
    if len(last) == field:  # no two totals alike: twice the rank is 2·(position + 1)
        return list(map(last.__getitem__, column))
    last = dict(zip(ordered, range(2, field + 2)))  # the last position of each total (+ 2)
    first = dict(zip(reversed(ordered), range(field - 1, -1, -1)))  # the first position of each total
    doubled = map(add, map(first.__getitem__, column), map(last.__getitem__, column))
    return list(map(mul, doubled, repeat(multiple))) if multiple != 1 else list(doubled)


def _placed_some(column: list[int | None], field: int, multiple: int) -> list[int | None]:
    """Twice each group's rank placed on the whole field × *multiple* (None: no total), for a juror
    with totals for some groups only."""
    scored = sorted(((total, index) for index, total in enumerate(column) if total is not None), key=_first, reverse=True)
    count = len(scored)
    step = multiple // (count - 1) if count > 1 else 0
    placed: list[int | None] = [None] * field
    start = 0
    for _, same in groupby(scored, key=_first):
        members = [index for _, index in same]
        end = start + len(members) - 1
        twice = start + 1 + end + 1  # twice the average of ranks start+1..end+1
        value = (field + 1) * multiple if count == 1 else 2 * multiple + (twice - 2) * (field - 1) * step
        for index in members:
            placed[index] = value
        start = end + 1
    return placed


_first = itemgetter(0)


def sort_keys(
    event: Event,
    finals: dict[str, int | None],
    overtime: dict[str, int],
    method: str,
    tie_sums: Callable[[str], tuple[tuple[int, int], ...]],
    common: int,
) -> dict[str, tuple]:
    """Smaller sorts first: groups without a final last, then the final score, then each tie-break key in turn.

    Every key is a tuple of integers, so sorting never compares a Fraction. Tie-break keys are
    worked out only for groups whose final score another group shares. A criterion's mean over
    the present jurors, sum / (100·count), is kept as sum·(*common* / count), *common* being a multiple
    of every possible count: the same order and the same ties as the exact means.
    """
    keys: dict[str, tuple] = {}
    sharing: dict[int, int] = {}
    for final in finals.values():
        if final is not None:
            sharing[final] = sharing.get(final, 0) + 1
    names = event.scoring.tie_break
    lower = method == "rank"
    for group, final in finals.items():
        if final is None:
            keys[group] = (1, 0)
        elif sharing[final] == 1:
            keys[group] = (0, final if lower else -final)
        else:
            key: list = [0, final if lower else -final]
            sums = iter(tie_sums(group))
            for name in names:
                if name == OVERTIME_KEY:
                    key.append(overtime.get(group, 0))
                else:
                    total, count = next(sums)
                    key.append((0, -total * (common // count)) if count else (1, 0))
            keys[group] = tuple(key)
    return keys

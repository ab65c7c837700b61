"""Before the winner is announced: is the result robust, does the jury agree, is a sheet out of line?

Everything here is computed from the very juror totals the ranking uses
(:func:`gelar_tui.scoring.rules.rank`), in exact arithmetic, and turned into floats
only at the end:

- the ranking under each method (mean, median, trimmed, rank), and where it differs;
- the winner with each juror left out in turn;
- each juror's severity (how far, on average, their totals lie from the jury's mean);
- the jury's agreement: Kendall's W with the correction for ties, and
  Krippendorff's alpha (interval) with missing totals allowed;
- outlying sheets: a total far from the median of the other jurors' totals.

The result knows no language: notes are message keys with their values.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from ..event.model import Event
from ..event.recusal_rules import present_jurors
from .rules import Results, Scale, rank, scale_of
from ..day.state import DayState

METHODS = ("mean", "median", "trimmed", "rank")
W_READINGS = ((Fraction(3, 10), "weak"), (Fraction(1, 2), "moderate"), (Fraction(7, 10), "good"))
"""Kendall's W below each bound reads as its word; from 0.7 up, "strong"."""
ALPHA_READINGS = ((Fraction(4, 5), "reliable"), (Fraction(667, 1000), "tentative"))
"""Krippendorff's guidance: alpha at least 0.8 is reliable, at least 0.667 tentative, else unreliable."""


@dataclass(frozen=True, slots=True)
class Outlier:
    """A juror's total far from the median of the other present jurors' totals for that group (in points)."""

    group: str
    juror: str
    total: Fraction
    others_median: Fraction


@dataclass
class Analysis:
    """Everything `gelar analysis` reports (figures exact; None where undefined)."""

    method: str
    provisional: bool
    methods: dict[str, Results | None]
    """The ranking under each method; None where the method cannot apply."""
    differs: list[dict[str, Any]]
    winner_stable: bool
    leave_one_out: dict[str, list[str] | None]
    severity: dict[str, Fraction | None]
    kendall_w: Fraction | None
    groups_used: int
    alpha: Fraction | None
    gap: Fraction
    """The outlier gap, in points."""
    outliers: list[Outlier]
    short_groups: list[tuple[str, int]]
    """Groups with fewer present jurors than the jury has, and how many they had."""
    notes: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    """Message keys and their values, to be said in the reader's language."""

    @property
    def winners(self) -> list[str]:
        return winners(self.methods[self.method])

    @property
    def w_reading(self) -> str | None:
        """"weak", "moderate", "good" or "strong"; None without a W."""
        if self.kendall_w is None:
            return None
        return next((word for bound, word in W_READINGS if self.kendall_w < bound), "strong")

    @property
    def alpha_reading(self) -> str | None:
        """"reliable", "tentative" or "unreliable"; None without an alpha."""
        if self.alpha is None:
            return None
        return next((word for bound, word in ALPHA_READINGS if self.alpha >= bound), "unreliable")

    @property
    def needs_confirmation(self) -> bool:
        """The announcement asks first: the winner depends on the method, or a sheet is out of line."""
        return (bool(self.winners) and not self.winner_stable) or bool(self.outliers)


def winners(results: Results | None) -> list[str]:
    """The group(s) first in *results*."""
    return [] if results is None else [e.group for e in results.entries if e.rank == 1]


def analyse(event: Event, state: DayState, overtime: dict[str, int], scale: Scale | None = None) -> Analysis:
    """The whole analysis of the day as its state stands."""
    scale = scale or scale_of(event)
    method = event.scoring.method
    base = rank(event, state, overtime, scale)
    notes: list[tuple[str, dict[str, Any]]] = []
    present = {g: present_jurors(event, state.recused, g) for g in state.order}
    methods: dict[str, Results | None] = {}
    for name in METHODS:
        if name == method:
            methods[name] = base
            continue
        trim = event.scoring.trim if method == "trimmed" else 1
        if name == "trimmed" and (short := _too_few_for_trim(present, trim)):
            methods[name] = None
            notes.append(("analysis.note.trimmed", {"trim": trim, "needed": 2 * trim + 1, "group": event.group(short).name}))
            continue
        methods[name] = rank(event, state, overtime, scale, method=name, trim=trim)
    first = winners(base)
    stable = bool(first) and all(set(winners(r)) == set(first) for r in methods.values() if r is not None)
    return Analysis(
        method=method,
        provisional=base.provisional,
        methods=methods,
        differs=_differs(base, methods),
        winner_stable=stable,
        leave_one_out=_leave_one_out(event, state, overtime, scale, present, notes),
        severity=_severity(event, base, present),
        **_kendall(event, base, notes),
        alpha=_alpha(base, present),
        gap=Fraction(str(event.scoring.gap)),
        outliers=_outliers(event, base, present, scale, notes),
        short_groups=[(g, len(p)) for g, p in present.items() if len(p) < len(event.jurors)],
        notes=notes,
    )


def _too_few_for_trim(present: dict[str, list[str]], trim: int) -> str | None:
    """The first group with fewer than 2·trim+1 present jurors, or None."""
    return next((g for g, jurors in present.items() if len(jurors) < 2 * trim + 1), None)


def _differs(base: Results, methods: dict[str, Results | None]) -> list[dict[str, Any]]:
    """Each place where another method puts another group than the event's method does."""
    found = []
    for name, other in methods.items():
        if other is None or other is base:
            continue
        for mine, theirs in zip(base.entries, other.entries):
            if mine.group != theirs.group and (mine.rank is not None or theirs.rank is not None):
                found.append({"method": name, "rank": theirs.rank, "group": theirs.group, "instead_of": mine.group})
    return found


def _leave_one_out(
    event: Event, state: DayState, overtime: dict[str, int], scale: Scale, present: dict[str, list[str]], notes: list
) -> dict[str, list[str] | None]:
    """For each juror, the group(s) first under the event's method without that juror's totals."""
    out: dict[str, list[str] | None] = {}
    trimmed = event.scoring.method == "trimmed"
    for juror in event.juror_ids:
        if trimmed:
            rest = {g: [j for j in jurors if j != juror] for g, jurors in present.items()}
            if _too_few_for_trim(rest, event.scoring.trim):
                out[juror] = None
                notes.append(("analysis.note.leave_out", {"juror": event.juror_name(juror), "trim": event.scoring.trim}))
                continue
        out[juror] = winners(rank(event, state, overtime, scale, without=(juror,)))
    return out


def _present_totals(entry_units: dict[str, int | None], jurors: list[str]) -> list[int]:
    return [u for j in jurors if (u := entry_units.get(j)) is not None]


def _severity(event: Event, base: Results, present: dict[str, list[str]]) -> dict[str, Fraction | None]:
    """For each juror: the mean of (their total − the present jurors' mean total) over the groups they scored, in points."""
    sums = {j: Fraction(0) for j in event.juror_ids}
    counts = dict.fromkeys(event.juror_ids, 0)
    for entry in base.entries:
        totals = _present_totals(entry.units, present[entry.group])
        if not totals:
            continue
        mean = Fraction(sum(totals), len(totals))
        for juror in present[entry.group]:
            total = entry.units.get(juror)
            if total is not None:
                sums[juror] += total - mean
                counts[juror] += 1
    denominator = base.entries[0].denominator if base.entries else 1
    return {j: (sums[j] / counts[j] / denominator if counts[j] else None) for j in event.juror_ids}


def _kendall(event: Event, base: Results, notes: list) -> dict[str, Any]:
    """Kendall's W (corrected for ties) over the groups every juror with a total scored."""
    jurors = [j for j in event.juror_ids if any(e.units.get(j) is not None for e in base.entries)]
    rows = [e.units for e in base.entries if jurors and all(e.units.get(j) is not None for j in jurors)]
    if len(jurors) < 2 or len(rows) < 2:
        notes.append(("analysis.note.no_w", {"groups": len(rows), "jurors": len(jurors)}))
        return {"kendall_w": None, "groups_used": len(rows)}
    return {"kendall_w": kendall_w([[row[j] for row in rows] for j in jurors]), "groups_used": len(rows)}


def kendall_w(scores: list[list[int | Fraction]]) -> Fraction | None:
    """Kendall's W of m raters' scores for the same n items (higher is better), with the tie correction.

    W = 12·S / (m²(n³ − n) − m·ΣT), S the sum of squared deviations of the items' rank
    sums from their mean, T = Σ(t³ − t) over each rater's groups of t tied items.
    None when every rater ties every item (the denominator is zero).
    """
    m, n = len(scores), len(scores[0])
    sums = [0] * n  # twice each item's rank sum: averaged ranks of ties stay whole
    ties = 0
    for values in scores:
        order = sorted(range(n), key=lambda i: -values[i])
        start = 0
        while start < n:
            end = start
            while end + 1 < n and values[order[end + 1]] == values[order[start]]:
                end += 1
            size = end - start + 1
            ties += size**3 - size
            for i in order[start : end + 1]:
                sums[i] += start + end + 2
            start = end + 1
    s = Fraction(sum((twice - m * (n + 1)) ** 2 for twice in sums), 4)
    denominator = m * m * (n**3 - n) - m * ties
    return None if denominator == 0 else 12 * s / denominator


def krippendorff_alpha_interval(units: list[list[int | Fraction]]) -> Fraction | None:
    """Krippendorff's alpha, interval metric: each unit lists the values it was given (any number, missing left out).

    Works pair by pair from sums and sums of squares, so its cost grows with the number of
    values, not with the square of the number of distinct values. None when no unit has two
    values or every value is the same.
    """
    pairable = [values for values in units if len(values) >= 2]
    n = sum(len(values) for values in pairable)
    if n < 2:
        return None
    observed = Fraction(0)
    for values in pairable:
        count, total, squares = len(values), sum(values), sum(v * v for v in values)
        observed += Fraction(2 * (count * squares - total * total), count - 1)
    total = sum(sum(values) for values in pairable)
    squares = sum(v * v for values in pairable for v in values)
    expected = Fraction(2 * (n * squares - total * total), n - 1)
    return None if expected == 0 else 1 - observed / expected


def _alpha(base: Results, present: dict[str, list[str]]) -> Fraction | None:
    return krippendorff_alpha_interval([_present_totals(e.units, present[e.group]) for e in base.entries])


def _median(values: list[int]) -> Fraction:
    values = sorted(values)
    middle = len(values) // 2
    return Fraction(values[middle]) if len(values) % 2 else Fraction(values[middle - 1] + values[middle], 2)


def _outliers(event: Event, base: Results, present: dict[str, list[str]], scale: Scale, notes: list) -> list[Outlier]:
    gap = Fraction(str(event.scoring.gap)) * scale.denominator
    found = []
    few = []
    for entry in base.entries:
        jurors = present[entry.group]
        if len(jurors) < 3:
            few.append(event.group(entry.group).name)
            continue
        for juror in jurors:
            total = entry.units.get(juror)
            others = [u for j in jurors if j != juror and (u := entry.units.get(j)) is not None]
            if total is None or len(others) < 2:
                continue
            median = _median(others)
            if abs(total - median) > gap:
                found.append(Outlier(entry.group, juror, Fraction(total, scale.denominator), median / scale.denominator))
    if len(event.jurors) < 3:
        notes.append(("analysis.note.outliers_jury", {"jurors": len(event.jurors)}))
    elif few:
        notes.append(("analysis.note.outliers_groups", {"groups": ", ".join(few)}))
    return found


def analyse_day(day: Any) -> Analysis:
    """The analysis of a :class:`~gelar_tui.day.facade.Day` as it stands now."""
    return analyse(day.event, day.state, day.overtimes())

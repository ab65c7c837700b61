"""Scores made comparable across panels: each juror's totals standardised (z-scores), then mapped back.

Exactly as the README states it ("Stages: a desk review, then the final"):

- t(j,g) is juror j's weighted total for entry g; m_j and s_j are the mean and the
  population standard deviation (divide by n) of juror j's totals in the stage;
- z(j,g) = (t(j,g) − m_j) / s_j; a juror with fewer than two entries, or s_j = 0, gives
  z = 0 on each of their entries and is flagged;
- the entry's z is the stage's method (mean, median, trimmed) over its jurors' z;
- score(g) = M + S·z(g), with M and S the mean and population standard deviation of
  every t(j,g) of the stage.

Precision: totals, means and variances are exact (fractions, or whole numbers over one
common denominator); a square root is not rational, so s_j, S, every z and every score are Decimals worked out with 28
significant digits, and the entry's z is rounded to 20 decimal places (ROUND_HALF_EVEN)
before entries are compared: two entries whose z agree to 20 places are tied.
Nothing here reads the journal or the day: it takes the totals as mappings.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Context, Decimal, localcontext
from fractions import Fraction
from typing import TypeVar

from ..event.model import Criterion

PRECISION = 28
"""Significant digits of every Decimal worked out here."""
Z_PLACES = Decimal(1).scaleb(-20)
"""An entry's z is rounded to 20 decimal places before entries are compared."""

Number = TypeVar("Number", Fraction, Decimal)
Totals = Mapping[str, Mapping[str, Fraction]]
"""Juror -> entry (group id) -> the juror's weighted total for that entry."""


def juror_totals(
    criteria: Sequence[Criterion],
    scores: Mapping[str, Mapping[str, Mapping[str, int]]],
    penalty: Mapping[str, Fraction] | None = None,
) -> dict[str, dict[str, Fraction]]:
    """Each juror's weighted total Σ(weight·score)/Σ(weight) for each entry they scored in full.

    *scores* is juror -> group -> criterion -> score in hundredths of a point (as the day
    keeps sheets); a sheet missing a criterion gives no total. *penalty* (points, per group)
    is taken off every total of that group, as on the presentation stage today.
    """
    exact = [Fraction(c.weight) for c in criteria]
    multiple = math.lcm(*(w.denominator for w in exact))
    weights = [(c.id, int(w * multiple)) for c, w in zip(criteria, exact)]  # whole numbers: one fraction per total
    denominator = 100 * sum(w for _, w in weights)
    penalty = penalty or {}
    out: dict[str, dict[str, Fraction]] = {}
    for juror, sheets in scores.items():
        row: dict[str, Fraction] = {}
        for group, sheet in sheets.items():
            try:
                units = sum(w * sheet[c] for c, w in weights)
            except KeyError:
                continue  # an incomplete sheet gives no total
            total = Fraction(units, denominator)
            row[group] = total - penalty[group] if group in penalty else total
        out[juror] = row
    return out


def combine(method: str, trim: int, values: Iterable[Number]) -> Number | None:
    """The mean, median or trimmed mean of *values* (None for none); trimmed with too few trims as much as leaves one.

    Fractions stay exact; Decimals are worked at the current context's precision.
    """
    ordered = sorted(values)
    count = len(ordered)
    if not count:
        return None
    if method == "median":
        middle = count // 2
        return ordered[middle] if count % 2 else (ordered[middle - 1] + ordered[middle]) / 2
    if method == "trimmed":
        cut = min(trim, (count - 1) // 2)
        ordered = ordered[cut : count - cut]
    if method not in ("mean", "trimmed"):
        raise ValueError(f"no z-scores with the method {method!r}")
    return sum(ordered[1:], ordered[0]) / len(ordered)


def decimal(value: Fraction) -> Decimal:
    """A fraction as a Decimal of the current context's precision."""
    return Decimal(value.numerator) / Decimal(value.denominator)


@dataclass(frozen=True, slots=True)
class JurorScale:
    """One juror's scale in a stage: how many entries, their mean m_j and standard deviation s_j."""

    juror: str
    entries: int
    mean: Fraction | None
    sd: Decimal | None
    flagged: bool
    """Fewer than two entries, or s_j = 0: the juror's z are all 0 (their totals cannot be standardised)."""


@dataclass(frozen=True, slots=True)
class Normalised:
    """A stage's scores after z-scores: per juror and entry, per entry, and mapped back to the score scale."""

    juror_z: dict[tuple[str, str], Decimal]
    """(juror, group) -> z(j,g)."""
    z: dict[str, Decimal]
    """Group -> the entry's z (the stage's method over its jurors' z), rounded to 20 places."""
    scores: dict[str, Decimal]
    """Group -> M + S·z(g), on the score scale."""
    mean: Fraction
    """M: the mean of every total of the stage."""
    sd: Decimal
    """S: their population standard deviation."""
    jurors: dict[str, JurorScale]

    @property
    def flagged(self) -> list[str]:
        """The jurors whose z are all 0 because their totals could not be standardised."""
        return [j for j, scale in self.jurors.items() if scale.flagged]


def normalise(totals: Totals, method: str, trim: int = 1) -> Normalised:
    """Z-scores of a stage from its jurors' totals (see the module's docstring); *method* is mean, median or trimmed.

    Worked in whole numbers: every total as u/D over one common denominator D, so that for a
    juror with n totals, S1 = Σu and S2 = Σu², z = (n·u − S1) / √(n·S2 − S1²) exactly as
    (t − m)/s, with a single square root per juror.
    """
    common = math.lcm(1, *(t.denominator for row in totals.values() for t in row.values()))
    units = {juror: {g: t.numerator * (common // t.denominator) for g, t in row.items()} for juror, row in totals.items()}
    with localcontext(Context(prec=PRECISION, rounding=ROUND_HALF_EVEN)):
        juror_z: dict[tuple[str, str], Decimal] = {}
        per_entry: dict[str, list[Decimal]] = {}
        scales: dict[str, JurorScale] = {}
        count = sum1 = sum2 = 0
        for juror, row in units.items():
            n = len(row)
            s1 = sum(row.values())
            s2 = sum(u * u for u in row.values())
            count, sum1, sum2 = count + n, sum1 + s1, sum2 + s2
            if not n:
                scales[juror] = JurorScale(juror, 0, None, None, True)
                continue
            spread = n * s2 - s1 * s1  # n²·D²·s_j²
            flagged = n < 2 or spread == 0
            root_spread = Decimal(spread).sqrt()
            scales[juror] = JurorScale(juror, n, Fraction(s1, n * common), root_spread / (n * common), flagged)
            for group, u in row.items():
                z = Decimal(0) if flagged else Decimal(n * u - s1) / root_spread
                juror_z[(juror, group)] = z
                per_entry.setdefault(group, []).append(z)
        stage_mean = Fraction(sum1, count * common) if count else Fraction(0)
        stage_sd = Decimal(count * sum2 - sum1 * sum1).sqrt() / (count * common) if count else Decimal(0)
        z_of: dict[str, Decimal] = {}
        scores: dict[str, Decimal] = {}
        mean = decimal(stage_mean)
        for group, values in per_entry.items():
            z = combine(method, trim, values)
            assert z is not None
            z = z.quantize(Z_PLACES) if z else Decimal(0)
            z_of[group] = z
            scores[group] = mean + stage_sd * z
    return Normalised(juror_z, z_of, scores, stage_mean, stage_sd, scales)


def raw_results(totals: Totals, method: str, trim: int = 1) -> dict[str, Fraction]:
    """Each entry's result from its jurors' totals as they are (mean, median or trimmed), exactly."""
    common = math.lcm(1, *(t.denominator for row in totals.values() for t in row.values()))
    per_entry: dict[str, list[int]] = {}
    for row in totals.values():
        for group, total in row.items():
            per_entry.setdefault(group, []).append(total.numerator * (common // total.denominator))
    out = {}
    for group, values in per_entry.items():
        values.sort()
        n = len(values)
        if method == "median":
            out[group] = Fraction(values[n // 2], common) if n % 2 else Fraction(values[n // 2 - 1] + values[n // 2], 2 * common)
            continue
        if method == "trimmed":
            cut = min(trim, (n - 1) // 2)
            values = values[cut : n - cut]
        elif method != "mean":
            raise ValueError(f"no plain result with the method {method!r}")
        out[group] = Fraction(sum(values), len(values) * common)
    return out


def kendall_tau(first: Mapping[str, Fraction | Decimal], second: Mapping[str, Fraction | Decimal]) -> Decimal | None:
    """Kendall's tau-b between two scorings of the same entries (1: the same order; −1: reversed).

    Over the entries both score; ties in either count as in tau-b. None with fewer than two
    entries, or when either scoring ties every entry.
    """
    groups = [g for g in first if g in second]
    concordant = discordant = ties_first = ties_second = 0
    for index, a in enumerate(groups):
        for b in groups[index + 1 :]:
            x = _sign(first[a] - first[b])
            y = _sign(second[a] - second[b])
            if x == 0 and y == 0:
                continue
            if x == 0:
                ties_first += 1
            elif y == 0:
                ties_second += 1
            elif x == y:
                concordant += 1
            else:
                discordant += 1
    pairs_first = concordant + discordant + ties_second  # pairs the first scoring does not tie
    pairs_second = concordant + discordant + ties_first
    if not pairs_first or not pairs_second:
        return None
    with localcontext(Context(prec=PRECISION)):
        return Decimal(concordant - discordant) / (Decimal(pairs_first) * Decimal(pairs_second)).sqrt()


def _sign(value: Fraction | Decimal) -> int:
    return (value > 0) - (value < 0)


def crossing_the_cut(raw_ranks: Mapping[str, int | None], normalised_ranks: Mapping[str, int | None], advance: int) -> tuple[list[str], list[str]]:
    """(entries that go on only thanks to normalising, entries that would have gone on without it), by rank ≤ *advance*."""

    def within(ranks: Mapping[str, int | None]) -> Callable[[str], bool]:
        return lambda g: ranks.get(g) is not None and ranks[g] <= advance  # type: ignore[operator]

    raw_in, normal_in = within(raw_ranks), within(normalised_ranks)
    groups = list(dict.fromkeys([*raw_ranks, *normalised_ranks]))
    return [g for g in groups if normal_in(g) and not raw_in(g)], [g for g in groups if raw_in(g) and not normal_in(g)]


def far_jurors(jurors: Mapping[str, JurorScale], gap: Fraction) -> list[tuple[str, Fraction, Fraction]]:
    """Jurors whose mean m_j lies more than *gap* points from the mean of the other jurors' means:
    (juror, m_j, the others' mean), the farthest first."""
    means = {j: s.mean for j, s in jurors.items() if s.mean is not None}
    found = []
    for juror, mean in means.items():
        others = [m for j, m in means.items() if j != juror]
        if not others:
            continue
        others_mean = sum(others, Fraction(0)) / len(others)
        if abs(mean - others_mean) > gap:
            found.append((juror, mean, others_mean))
    return sorted(found, key=lambda item: -abs(item[1] - item[2]))

"""Z-scores of a stage, exactly as the README defines them, checked against plain floats (numpy)."""

from __future__ import annotations

import random
from decimal import Decimal
from fractions import Fraction as F

import numpy as np
import pytest

from gelar_tui.event.model import Criterion
from gelar_tui.scoring.normalise import (
    combine,
    crossing_the_cut,
    far_jurors,
    juror_totals,
    kendall_tau,
    normalise,
    raw_results,
)


def panels(seed: int, entries: int = 15, jurors: int = 6, per_entry: int = 2) -> dict[str, dict[str, F]]:
    """Random totals in hundredths, each entry scored by *per_entry* jurors."""
    rng = random.Random(seed)
    totals: dict[str, dict[str, F]] = {f"j{n}": {} for n in range(jurors)}
    for e in range(entries):
        for juror in rng.sample(sorted(totals), per_entry):
            totals[juror][f"g{e:02d}"] = F(rng.randint(4000, 9500), 100)
    return totals


def float_z(totals: dict[str, dict[str, F]], method: str) -> tuple[dict[str, float], dict[str, float]]:
    """The README's formulas written out again with numpy: each entry's z and its score M + S·z."""
    per_entry: dict[str, list[float]] = {}
    every = []
    for row in totals.values():
        values = np.array([float(v) for v in row.values()])
        every += list(values)
        if len(values) == 0:
            continue
        m, s = values.mean(), values.std()  # numpy's std divides by n: the population deviation
        for group, value in row.items():
            z = 0.0 if len(values) < 2 or s == 0 else (float(value) - m) / s
            per_entry.setdefault(group, []).append(z)
    M, S = np.mean(every), np.std(every)
    pick = {"mean": np.mean, "median": np.median}[method]
    z = {g: float(pick(v)) for g, v in per_entry.items()}
    return z, {g: M + S * v for g, v in z.items()}


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("method", ["mean", "median"])
def test_z_scores_follow_the_readme_formulas(seed: int, method: str) -> None:
    totals = panels(seed, per_entry=3 if method == "median" else 2)
    result = normalise(totals, method)
    z, scores = float_z(totals, method)
    assert set(result.z) == set(z)
    for group in z:
        assert float(result.z[group]) == pytest.approx(z[group], abs=1e-9)
        assert float(result.scores[group]) == pytest.approx(scores[group], abs=1e-9)
    every = [float(v) for row in totals.values() for v in row.values()]
    assert float(result.mean) == pytest.approx(np.mean(every)) and float(result.sd) == pytest.approx(np.std(every))


def test_a_severe_juror_no_longer_sinks_the_entries_of_their_panel() -> None:
    # j1 and j2 are equally discerning, but j2 gives 30 points less to everybody.
    totals = {
        "j1": {"a": F(90), "b": F(80), "c": F(70)},
        "j2": {"d": F(60), "e": F(50), "f": F(40)},
    }
    raw = raw_results(totals, "mean")
    assert sorted(raw, key=raw.get, reverse=True)[:3] == ["a", "b", "c"]
    result = normalise(totals, "mean")
    assert result.z["a"] == result.z["d"] and result.z["c"] == result.z["f"]
    assert result.scores["a"] == result.scores["d"] > result.scores["b"] == result.scores["e"]
    assert result.flagged == []


def test_a_juror_who_cannot_be_standardised_gives_zero_and_is_flagged() -> None:
    totals = {
        "alone": {"a": F(95)},  # one entry
        "flat": {"b": F(70), "c": F(70)},  # s = 0
        "fine": {"a": F(60), "b": F(80), "c": F(70)},
    }
    result = normalise(totals, "mean")
    assert sorted(result.flagged) == ["alone", "flat"]
    assert result.juror_z[("alone", "a")] == 0 and result.juror_z[("flat", "b")] == 0 == result.juror_z[("flat", "c")]
    assert result.jurors["flat"].sd == 0 and result.jurors["alone"].entries == 1
    # a's z is the mean of 0 (alone) and fine's z for a, which is -sqrt(3/2)
    assert result.z["a"] == (-(Decimal(3) / 2).sqrt() / 2).quantize(Decimal(1).scaleb(-20))


def test_z_scores_are_worked_to_28_digits_and_rounded_to_20_places() -> None:
    result = normalise({"j": {"a": F(1), "b": F(2), "c": F(4)}}, "mean")
    # m = 7/3, s = sqrt(14)/3: z(a) = -4/sqrt(14)
    assert result.z["a"] == Decimal("-1.06904496764969753874")  # -1.0690449676496975387382139235…
    assert result.z["a"].as_tuple().exponent == -20


def test_the_method_over_the_jurors_z_median_and_trimmed() -> None:
    values = [F(5), F(1), F(3), F(100)]
    assert combine("mean", 1, values) == F(109, 4)
    assert combine("median", 1, values) == 4
    assert combine("trimmed", 1, values) == 4
    assert combine("trimmed", 5, [F(1), F(2)]) == F(3, 2)  # too few: trims as much as leaves one
    with pytest.raises(ValueError):
        combine("rank", 1, values)


def test_totals_are_weighted_exact_need_every_criterion_and_carry_the_penalty() -> None:
    criteria = [Criterion("isi", "Isi", Decimal(2)), Criterion("cara", "Cara", Decimal("0.5"))]
    scores = {"j1": {"a": {"isi": 8050, "cara": 9000}, "b": {"isi": 7000}}}
    totals = juror_totals(criteria, scores, {"a": F(1, 2)})
    assert totals == {"j1": {"a": (2 * F(8050, 100) + F(1, 2) * 90) / F(5, 2) - F(1, 2)}}


def test_kendall_tau_b_against_its_formula() -> None:
    first = {"a": F(1), "b": F(2), "c": F(3), "d": F(3)}
    same = {"a": 10, "b": 20, "c": 30, "d": 40}
    assert float(kendall_tau(first, {g: Decimal(v) for g, v in same.items()})) == pytest.approx(5 / np.sqrt(5 * 6))
    assert kendall_tau(first, {g: -v for g, v in first.items()}) == -1
    assert kendall_tau({"a": F(1)}, {"a": F(1)}) is None


def test_the_entries_that_cross_the_cut_and_the_jurors_far_from_the_others() -> None:
    raw = {"a": 1, "b": 2, "c": 3, "d": 4}
    normalised = {"a": 1, "c": 2, "b": 3, "d": 4}
    assert crossing_the_cut(raw, normalised, 2) == (["c"], ["b"])
    result = normalise({"kind": {"a": F(90), "b": F(88)}, "mid": {"a": F(70), "c": F(72)}, "harsh": {"b": F(40), "c": F(44)}}, "mean")
    far = far_jurors(result.jurors, F(15))
    assert [j for j, _, _ in far] == ["harsh", "kind"]
    assert far[0][1] == 42 and far[0][2] == F(89 + 71, 2)

"""The scoring rules of the issue ("Scoring: exact rules"), by hand and as properties."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction as F

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gelar_tui.journal.clock import FakeClock
from gelar_tui.day.facade import Day
from gelar_tui.event.model import Event
from gelar_tui.event.eventfile import parse_event
from gelar_tui.scoring.rules import Results, rank
from gelar_tui.day.state import DayState
from gelar_tui.scoring.day_results import results_of


def make_event(groups=2, jurors=2, criteria=(("a", "1"),), method="mean", trim=1, tie_break=(),
               penalty="0", overtime="count", slot="2m", alerts=("1m",), juror_ids=None) -> Event:
    """An event with groups g1..gN and jurors j1..jM (or *juror_ids*, in that order)."""
    ids = juror_ids or [f"j{i}" for i in range(1, jurors + 1)]
    quoted = lambda items: ", ".join(f'"{item}"' for item in items)  # noqa: E731
    text = (
        '[event]\ntitle = "Uji"\norganizer = "Panitia"\nvenue = "Balai"\ndate = 2016-08-16\n\n'
        f'[timing]\nslot = "{slot}"\nalerts = [{quoted(alerts)}]\novertime = "{overtime}"\n'
        f"penalty_per_minute = {penalty}\n\n"
        f'[scoring]\nmethod = "{method}"\ntrim = {trim}\ntie_break = [{quoted(tie_break)}]\n\n'
    )
    text += "".join(f'[[criteria]]\nid = "{c}"\nname = "Kriteria {c}"\nweight = {w}\n\n' for c, w in criteria)
    text += "".join(f'[[jurors]]\nid = "{j}"\nname = "Juri {j}"\n\n' for j in ids)
    text += "".join(f'[[groups]]\nid = "g{i}"\nname = "KBK {i}"\nagency = "Dinas {i}"\n\n'
                    for i in range(1, groups + 1))
    return parse_event(text)


@pytest.fixture
def make_day(tmp_path, clock: FakeClock):
    days: list[Day] = []

    def make(event: Event) -> Day:
        days.append(Day.open(event, tmp_path / f"day{len(days)}.gelar-journal", clock=clock))
        return days[-1]

    yield make
    for day in days:
        day.close()


def fill(day: Day, group: str, juror: str, *scores: str) -> None:
    for criterion, score in zip(day.event.criterion_ids, scores, strict=True):
        day.set_score(group, juror, criterion, score)


def by_group(results: Results) -> dict:
    return {entry.group: entry for entry in results.entries}


def ranks(results: Results) -> dict[str, int | None]:
    return {entry.group: entry.rank for entry in results.entries}


def present(day: Day, clock: FakeClock, seconds: float) -> None:
    """The current group presents for *seconds* of clock time, then the next one is called."""
    day.start()
    clock.advance(seconds)
    day.next_group()


# -- juror totals ---------------------------------------------------------------


def test_juror_total_is_the_weighted_mean_with_decimal_weights(make_day) -> None:
    day = make_day(make_event(groups=1, jurors=1, criteria=(("a", "1.5"), ("b", "0.25"), ("c", "2"))))
    fill(day, "g1", "j1", "85,5", "70", "92.25")
    expected = (F("1.5") * F("85.5") + F("0.25") * 70 + 2 * F("92.25")) / F("3.75")
    entry = by_group(results_of(day))["g1"]
    assert entry.totals == {"j1": expected}
    assert entry.score == expected
    assert entry.rank == 1


def test_a_total_exists_only_once_every_criterion_is_scored(make_day) -> None:
    day = make_day(make_event(groups=1, jurors=2, criteria=(("a", "1"), ("b", "3"))))
    fill(day, "g1", "j1", "80", "60")
    day.set_score("g1", "j2", "a", "90")
    entry = by_group(results_of(day))["g1"]
    assert entry.totals == {"j1": F(65), "j2": None}
    assert entry.score == 65  # the incomplete sheet does not drag the mean down
    day.set_score("g1", "j2", "b", "70")
    assert by_group(results_of(day))["g1"].totals["j2"] == F(90 + 3 * 70, 4)


@pytest.mark.parametrize(("overtime", "minutes"), [(0, 0), (1, 1), (59, 1), (60, 1), (61, 2), (125, 3)])
def test_penalty_per_started_minute_comes_off_every_juror_total(make_day, clock, overtime, minutes) -> None:
    day = make_day(make_event(groups=2, jurors=2, penalty="2.5"))
    present(day, clock, 120 + overtime)
    fill(day, "g1", "j1", "80")
    fill(day, "g1", "j2", "91,5")
    entry = by_group(results_of(day))["g1"]
    penalty = F("2.5") * minutes
    assert entry.overtime == overtime
    assert entry.penalty == penalty
    assert entry.totals == {"j1": 80 - penalty, "j2": F("91.5") - penalty}
    assert entry.score == (80 + F("91.5")) / 2 - penalty


# -- final score by method ---------------------------------------------------------


@pytest.mark.parametrize(
    ("method", "trim", "totals", "expected"),
    [
        ("mean", 1, ["70", "85,5", "90"], (70 + F("85.5") + 90) / 3),
        ("median", 1, ["90", "70", "85,5"], F("85.5")),
        ("median", 1, ["90", "70", "85,5", "60"], (70 + F("85.5")) / 2),
        ("trimmed", 1, ["100", "70", "85,5", "60", "75"], (70 + F("85.5") + 75) / 3),
        ("trimmed", 2, ["100", "70", "85,5", "60", "75"], F(75)),
        ("trimmed", 0, ["100", "70", "85,5"], (100 + 70 + F("85.5")) / 3),
    ],
)
def test_final_score_by_method(make_day, method, trim, totals, expected) -> None:
    day = make_day(make_event(groups=1, jurors=len(totals), method=method, trim=trim))
    for index, score in enumerate(totals, start=1):
        fill(day, "g1", f"j{index}", score)
    entry = by_group(results_of(day))["g1"]
    assert entry.score == expected
    assert results_of(day).method == method


def test_rank_method_averages_shared_ranks_and_lower_is_better(make_day) -> None:
    day = make_day(make_event(groups=3, jurors=2, method="rank"))
    for group, first, second in [("g1", "90", "70"), ("g2", "80", "85"), ("g3", "80", "60")]:
        fill(day, group, "j1", first)
        fill(day, group, "j2", second)
    # j1: g1 1, g2 and g3 share 2.5; j2: g2 1, g1 2, g3 3
    results = results_of(day)
    assert results.lower_is_better
    assert [(e.group, e.score, e.rank) for e in results.entries] == [
        ("g1", F(3, 2), 1), ("g2", F(7, 4), 2), ("g3", F(11, 4), 3)]


def test_rank_method_ranks_on_totals_after_the_penalty(make_day, clock) -> None:
    day = make_day(make_event(groups=2, jurors=1, method="rank", penalty="5"))
    present(day, clock, 121)  # g1: one started minute over
    fill(day, "g1", "j1", "84")
    fill(day, "g2", "j1", "80")
    assert ranks(results_of(day)) == {"g2": 1, "g1": 2}


# -- ordering in exact arithmetic ----------------------------------------------------


def test_finals_equal_as_fractions_tie_even_where_floats_differ(make_day) -> None:
    day = make_day(make_event(groups=2, jurors=3, criteria=(("a", "1.5"), ("b", "0.25"))))
    # g1 totals 0.1, 0.2, 0.3 and g2 totals 0.3, 0.2, 0.1 (in that juror order): equal means
    for juror, first, second in [("j1", "0.1", "0.3"), ("j2", "0.2", "0.2"), ("j3", "0.3", "0.1")]:
        fill(day, "g1", juror, first, first)
        fill(day, "g2", juror, second, second)
    assert (0.1 + 0.2 + 0.3) / 3 != (0.3 + 0.2 + 0.1) / 3  # what a float sum would get wrong
    entries = by_group(results_of(day))
    assert entries["g1"].score == entries["g2"].score == F(1, 5)
    assert (entries["g1"].rank, entries["g2"].rank) == (1, 1)
    assert entries["g1"].tied and entries["g2"].tied


def test_thirds_that_sum_to_the_same_fraction_tie(make_day) -> None:
    day = make_day(make_event(groups=2, jurors=1, criteria=(("a", "1"), ("b", "1"), ("c", "1"))))
    fill(day, "g1", "j1", "100", "0", "0")
    fill(day, "g2", "j1", "33,33", "33,33", "33,34")
    assert ranks(results_of(day)) == {"g1": 1, "g2": 1}


def test_finals_a_hair_apart_are_not_a_tie(make_day) -> None:
    day = make_day(make_event(groups=2, jurors=1, criteria=(("a", "1"), ("b", "0.000000001")), tie_break=("overtime",)))
    fill(day, "g1", "j1", "50", "0")
    fill(day, "g2", "j1", "50", "0,01")
    entries = by_group(results_of(day))
    difference = entries["g2"].score - entries["g1"].score
    assert 0 < difference < F(1, 10**9)
    assert (entries["g2"].rank, entries["g1"].rank) == (1, 2)
    assert not entries["g1"].tied and entries["g1"].decided_by is None


# -- tie-breaks and shared ranks ----------------------------------------------------


def test_criterion_tie_break_then_overtime_then_shared_rank(make_day, clock) -> None:
    event = make_event(groups=5, jurors=2, criteria=(("a", "1"), ("b", "1")), tie_break=("b", "overtime"))
    day = make_day(event)
    present(day, clock, 130)  # g1: 10 s over
    present(day, clock, 100)  # g2: none
    present(day, clock, 150)  # g3: 30 s over
    sheets = {"g1": ("80", "60"), "g2": ("75", "65"), "g3": ("75", "65"), "g4": ("60", "80"), "g5": ("60", "80")}
    for group, scores in sheets.items():  # every total is 70
        fill(day, group, "j1", *scores)
        fill(day, group, "j2", *scores)
    results = results_of(day)
    assert [(e.group, e.rank, e.tied, e.decided_by) for e in results.entries] == [
        ("g4", 1, True, None),  # b: 80, the highest plain mean; no overtime either: still tied
        ("g5", 1, True, None),
        ("g2", 3, False, "b"),  # b: 65
        ("g3", 4, False, "overtime"),  # b: 65 like g2, but 30 s over
        ("g1", 5, False, "b"),  # b: 60
    ]
    assert all(e.score == 70 for e in results.entries)
    assert by_group(results)["g3"].overtime == 30


def test_two_equal_finals_are_split_by_the_tie_break(make_day) -> None:
    day = make_day(make_event(groups=2, jurors=1, criteria=(("a", "1"), ("b", "1")), tie_break=("b",)))
    fill(day, "g1", "j1", "80", "60")
    fill(day, "g2", "j1", "60", "80")
    results = results_of(day)
    assert [(e.group, e.rank, e.tied, e.decided_by) for e in results.entries] == [
        ("g2", 1, False, None), ("g1", 2, False, "b")]


def test_still_tied_groups_share_a_rank_one_two_two_four(make_day) -> None:
    day = make_day(make_event(groups=4, jurors=1))
    for group, score in [("g1", "70"), ("g2", "80"), ("g3", "90"), ("g4", "80")]:
        fill(day, group, "j1", score)
    results = results_of(day)
    assert [(e.group, e.rank, e.tied) for e in results.entries] == [
        ("g3", 1, False), ("g2", 2, True), ("g4", 2, True), ("g1", 4, False)]


def test_decided_by_names_the_key_even_when_tied_with_the_group_below(make_day) -> None:
    day = make_day(make_event(groups=3, jurors=1, criteria=(("a", "1"), ("b", "1")), tie_break=("b",)))
    fill(day, "g1", "j1", "60", "80")
    fill(day, "g2", "j1", "80", "60")
    fill(day, "g3", "j1", "80", "60")
    entries = by_group(results_of(day))
    assert (entries["g1"].rank, entries["g2"].rank, entries["g3"].rank) == (1, 2, 2)
    assert entries["g2"].decided_by == "b"  # g2 is below g1 (same score 70) only because of b


def test_groups_without_any_total_rank_none_and_sort_last(make_day) -> None:
    day = make_day(make_event(groups=3, jurors=2, criteria=(("a", "1"), ("b", "1"))))
    day.set_score("g1", "j1", "a", "100")  # g1: no complete sheet at all
    fill(day, "g3", "j2", "50", "60")
    results = results_of(day)
    assert [(e.group, e.rank, e.score) for e in results.entries] == [
        ("g3", 1, F(55)), ("g1", None, None), ("g2", None, None)]
    assert not any(e.tied for e in results.entries)


def test_results_stay_provisional_until_every_score_is_in_and_locked(make_day) -> None:
    day = make_day(make_event(groups=2, jurors=2, criteria=(("a", "1"), ("b", "1"))))
    assert results_of(day).provisional
    for group in ("g1", "g2"):
        for juror in ("j1", "j2"):
            fill(day, group, juror, "70", "80")
    results = results_of(day)
    assert (results.scores_in, results.scores_expected) == (8, 8)
    assert results.provisional  # complete but not locked
    for group in ("g1", "g2"):
        for juror in ("j1", "j2"):
            day.lock_sheet(group, juror)
    assert not results_of(day).provisional
    day.unlock_sheet("g2", "j1", "salah ketik")
    assert results_of(day).provisional
    day.set_score("g2", "j1", "a", None)
    assert results_of(day).scores_in == 7


# -- properties ----------------------------------------------------------------------

WEIGHTS = ["0.25", "0.5", "1", "1.5", "2", "3", "10"]
SCORES = st.one_of(st.sampled_from([0, 5000, 7550, 8000, 10000]), st.integers(0, 10_000))  # hundredths


@st.composite
def scenarios(draw, methods=("mean", "median", "trimmed", "rank"), penalties=("0", "0.5", "2.25")):
    method = draw(st.sampled_from(methods))
    trim = draw(st.integers(0, 2)) if method == "trimmed" else 1
    fewest = 2 * trim + 1 if method == "trimmed" else 1
    n_groups, n_jurors = draw(st.integers(1, 6)), draw(st.integers(fewest, max(fewest, 5)))
    weights = draw(st.lists(st.sampled_from(WEIGHTS), min_size=1, max_size=4))
    if draw(st.booleans()):  # equal weights: shuffled sheets give equal totals and unequal criteria
        weights = [weights[0]] * len(weights)
    criteria = [(f"c{i}", w) for i, w in enumerate(weights)]
    tie_break = draw(st.lists(st.sampled_from([c for c, _ in criteria] + ["overtime"]), unique=True, max_size=2))
    params = dict(groups=n_groups, jurors=n_jurors, criteria=criteria, method=method, trim=trim,
                  tie_break=tie_break, penalty=draw(st.sampled_from(penalties)))
    groups, jurors = [f"g{i}" for i in range(1, n_groups + 1)], [f"j{i}" for i in range(1, n_jurors + 1)]
    sheets = {(g, j): draw(st.lists(SCORES, min_size=len(criteria), max_size=len(criteria)))
              for g in groups for j in jurors}
    for group in groups[1:]:
        if draw(st.booleans()):  # the first group's sheets, criteria shuffled: ties for the tie-breaks
            shuffled = draw(st.permutations(range(len(criteria))))
            for j in jurors:
                sheets[(group, j)] = [sheets[(groups[0], j)][k] for k in shuffled]
    overtime = {g: draw(st.sampled_from([0, 0, 1, 60, 61, 200])) for g in groups}
    return params, sheets, overtime


def rank_sheets(params: dict, sheets: dict, overtime: dict, **changes) -> Results:
    event = make_event(**{**params, **changes})
    state = DayState.initial(event)
    for key, values in sheets.items():
        state.sheets[key] = dict(zip(event.criterion_ids, values))
    return rank(event, state, overtime)


def reference_finals(params, sheets, overtime) -> dict[str, F]:
    """Straight from the issue's wording, in Fractions."""
    weights = [F(Decimal(w)) for _, w in params["criteria"]]
    groups = sorted({g for g, _ in sheets})
    totals = {g: [] for g in groups}
    for (g, _), values in sorted(sheets.items()):
        total = sum(w * F(v, 100) for w, v in zip(weights, values)) / sum(weights)
        totals[g].append(total - F(Decimal(params["penalty"])) * -(-overtime[g] // 60))
    method, trim = params["method"], params["trim"]
    if method == "rank":
        mean_ranks = {g: F(0) for g in groups}
        for index in range(params["jurors"]):
            column = {g: totals[g][index] for g in groups}
            for g in groups:
                better = sum(1 for h in groups if column[h] > column[g])
                equal = sum(1 for h in groups if column[h] == column[g])
                mean_ranks[g] += F(2 * better + equal + 1, 2) / params["jurors"]
        return mean_ranks
    finals = {}
    for g, values in totals.items():
        values, n = sorted(values), len(values)
        if method == "mean":
            finals[g] = sum(values) / n
        elif method == "median":
            finals[g] = values[n // 2] if n % 2 else (values[n // 2 - 1] + values[n // 2]) / 2
        else:
            finals[g] = sum(values[trim:n - trim]) / (n - 2 * trim)
    return finals


def reference_key(params, sheets, overtime, finals, group) -> tuple:
    """Smaller is better: the final, then each tie-break key."""
    key = [finals[group] if params["method"] == "rank" else -finals[group]]
    criterion_ids = [c for c, _ in params["criteria"]]
    for name in params["tie_break"]:
        if name == "overtime":
            key.append(overtime[group])
        else:
            column = [values[criterion_ids.index(name)] for (g, _), values in sheets.items() if g == group]
            key.append(-F(sum(column), len(column)))
    return tuple(key)


SETTINGS = settings(max_examples=40, deadline=None)


@SETTINGS
@given(scenarios())
def test_ranking_follows_the_rules_and_shares_ranks_one_two_two_four(scenario) -> None:
    params, sheets, overtime = scenario
    results = rank_sheets(params, sheets, overtime)
    finals = reference_finals(params, sheets, overtime)
    groups = list(finals)
    assert sorted(e.group for e in results.entries) == groups  # a permutation of all groups
    assert {e.group: e.score for e in results.entries} == finals
    keys = {g: reference_key(params, sheets, overtime, finals, g) for g in groups}
    ranks_seen = [e.rank for e in results.entries]
    assert ranks_seen[0] == 1 and ranks_seen == sorted(ranks_seen)
    for entry in results.entries:
        assert entry.rank == 1 + sum(1 for g in groups if keys[g] < keys[entry.group])
        assert entry.tied == (ranks_seen.count(entry.rank) > 1)
    assert results.entries[0].decided_by is None
    for above, entry in zip(results.entries, results.entries[1:]):
        mine, theirs = keys[entry.group], keys[above.group]
        differing = [name for name, a, b in zip(params["tie_break"], mine[1:], theirs[1:]) if a != b]
        assert entry.decided_by == (differing[0] if mine[0] == theirs[0] and differing else None)
    assert results.provisional and results.scores_in == results.scores_expected  # nothing locked


@SETTINGS
@given(scenarios(methods=("mean", "median", "trimmed")))
def test_final_lies_between_the_lowest_and_highest_juror_total(scenario) -> None:
    for entry in rank_sheets(*scenario).entries:
        assert min(entry.totals.values()) <= entry.score <= max(entry.totals.values())


@SETTINGS
@given(scenarios(), st.randoms(use_true_random=False))
def test_the_jurors_order_and_labels_do_not_matter(scenario, rnd) -> None:
    params, sheets, overtime = scenario
    jurors = [f"j{i}" for i in range(1, params["jurors"] + 1)]
    listed, relabel = jurors[:], jurors[:]
    rnd.shuffle(listed)
    rnd.shuffle(relabel)
    before = rank_sheets(params, sheets, overtime)
    assert rank_sheets(params, sheets, overtime, juror_ids=listed).entries == before.entries
    moved = {(g, relabel[jurors.index(j)]): values for (g, j), values in sheets.items()}
    after = rank_sheets(params, moved, overtime)
    assert [(e.group, e.rank, e.score) for e in after.entries] == [(e.group, e.rank, e.score) for e in before.entries]


@SETTINGS
@given(scenarios(), st.integers(-10_000, 10_000))
def test_adding_a_constant_to_every_score_shifts_finals_and_keeps_the_ranking(scenario, shift) -> None:
    params, sheets, overtime = scenario
    low, high = min(min(v) for v in sheets.values()), max(max(v) for v in sheets.values())
    shift = max(-low, min(shift, 10_000 - high))
    shifted = {key: [v + shift for v in values] for key, values in sheets.items()}
    before, after = by_group(rank_sheets(params, sheets, overtime)), by_group(rank_sheets(params, shifted, overtime))
    for group, entry in before.items():
        assert after[group].rank == entry.rank
        expected = entry.score if params["method"] == "rank" else entry.score + F(shift, 100)
        assert after[group].score == expected


@SETTINGS
@given(scenarios(), st.sampled_from(["0.5", "3", "7", "100"]))
def test_scaling_every_weight_changes_nothing(scenario, factor) -> None:
    params, sheets, overtime = scenario
    scaled = [(c, str(Decimal(w) * Decimal(factor))) for c, w in params["criteria"]]
    assert rank_sheets(params, sheets, overtime, criteria=scaled).entries == rank_sheets(params, sheets, overtime).entries


@SETTINGS
@given(scenarios(penalties=("0",)), st.data())
def test_a_group_scoring_at_least_as_well_everywhere_ranks_at_least_as_well(scenario, data) -> None:
    params, sheets, overtime = scenario
    groups = sorted({g for g, _ in sheets})
    better, worse = data.draw(st.sampled_from(groups)), data.draw(st.sampled_from(groups))
    for (g, j), values in list(sheets.items()):
        if g == better:
            sheets[(g, j)] = [max(v, w) for v, w in zip(values, sheets[(worse, j)])]
    entries = by_group(rank_sheets(params, sheets, {g: 0 for g in groups}))
    assert entries[better].rank <= entries[worse].rank

"""The fast ranking (integers over one denominator, sums written out, tie-break sums read with the totals)
gives exactly what the rules say, worked out the straightforward way in Fractions, on random events.

Random: methods, trims, decimal weights, penalties, tie-breaks, sheets left incomplete, recusals,
locks, withdrawn groups. Every field of every entry and every count must be equal: not a digit apart.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction as F

from hypothesis import given, settings
from hypothesis import strategies as st

from gelar_tui.day.state import DayState
from gelar_tui.scoring.rules import rank
from tests.scoring.test_scoring import make_event

WEIGHTS = ["0.25", "0.5", "1", "1.5", "2", "3", "2.75"]
SCORES = st.one_of(st.sampled_from([0, 5000, 7550, 8000, 10000]), st.integers(0, 10_000))  # hundredths


@st.composite
def days(draw):
    method = draw(st.sampled_from(["mean", "median", "trimmed", "rank"]))
    trim = draw(st.integers(0, 2))
    n_jurors = draw(st.integers(2 * trim + 1 if method == "trimmed" else 1, 6))
    n_groups = draw(st.integers(1, 7))
    weights = draw(st.lists(st.sampled_from(WEIGHTS), min_size=1, max_size=4))
    if draw(st.booleans()):
        weights = [weights[0]] * len(weights)  # equal weights: permuted sheets tie, the tie-breaks decide
    criteria = [(f"c{i}", w) for i, w in enumerate(weights)]
    tie_break = draw(st.lists(st.sampled_from([c for c, _ in criteria] + ["overtime"]), unique=True, max_size=3))
    penalty = draw(st.sampled_from(["0", "0.5", "2.25", "1.33"]))
    event = make_event(groups=n_groups, jurors=n_jurors, criteria=criteria, method=method, trim=trim,
                       tie_break=tie_break, penalty=penalty)
    state = DayState.initial(event)
    groups, jurors, ids = event.group_ids, event.juror_ids, event.criterion_ids
    for index, group in enumerate(groups):
        copy_of = groups[draw(st.integers(0, index))] if index and draw(st.booleans()) else None
        for juror in jurors:
            if copy_of is not None and (copy_of, juror) in state.sheets:  # a twin, criteria shuffled: ties
                order = draw(st.permutations(ids))
                source = state.sheets[(copy_of, juror)]
                state.sheets[(group, juror)] = {c: source[o] for c, o in zip(ids, order) if o in source}
            elif draw(st.integers(0, 5)):  # most sheets exist; some lack criteria
                kept = draw(st.lists(st.sampled_from(ids), unique=True, min_size=0, max_size=len(ids))) if not draw(
                    st.integers(0, 3)) else ids
                state.sheets[(group, juror)] = {c: draw(SCORES) for c in kept}
            if draw(st.integers(0, 2)) == 0:
                state.locked.add((group, juror))
    for group in groups:
        for juror in jurors:
            if draw(st.integers(0, 9)) == 0:  # the rules of a recusal are the day's to keep: any set ranks
                state.recused[(group, juror)] = "test"
        if draw(st.integers(0, 7)) == 0:
            state.slots[group].withdrawn = "test"
    overtime = {g: draw(st.sampled_from([0, 0, 1, 59, 60, 61, 130, 600])) for g in groups}
    return event, state, overtime


def straightforward(event, state, overtime):
    """The ranking as the rules read, every number a Fraction, nothing precomputed."""
    weights = {c.id: F(Decimal(c.weight)) for c in event.criteria}
    per_minute = F(Decimal(event.timing.penalty_per_minute))
    method, trim = event.scoring.method, event.scoring.trim
    groups = [g for g in state.order if state.slots[g].withdrawn is None]
    present = {g: [j for j in event.juror_ids if (g, j) not in state.recused] for g in groups}
    penalty = {g: per_minute * -(-overtime[g] // 60) for g in groups}
    totals: dict[str, dict[str, F | None]] = {}
    for g in groups:
        totals[g] = {}
        for j in event.juror_ids:
            sheet = state.sheets.get((g, j))
            complete = j in present[g] and sheet is not None and all(c in sheet for c in weights)
            totals[g][j] = (sum(weights[c] * F(sheet[c], 100) for c in weights) / sum(weights.values()) - penalty[g]
                            if complete else None)
    finals: dict[str, F | None] = {}
    if method == "rank":
        field = len(groups)
        placed: dict[str, list[F]] = {g: [] for g in groups}
        for j in event.juror_ids:
            scored = [g for g in groups if totals[g][j] is not None]
            n = len(scored)
            for g in scored:
                better = sum(1 for h in scored if totals[h][j] > totals[g][j])
                equal = sum(1 for h in scored if totals[h][j] == totals[g][j])
                r = F(2 * better + equal + 1, 2)  # the average of the ranks the equal totals share
                placed[g].append(r if n == field else F(field + 1, 2) if n == 1 else 1 + (r - 1) * (field - 1) / (n - 1))
        finals = {g: (sum(p) / len(p) if p else None) for g, p in placed.items()}
    else:
        for g in groups:
            values = sorted(t for t in totals[g].values() if t is not None)
            n = len(values)
            if not n:
                finals[g] = None
            elif method == "mean":
                finals[g] = sum(values) / n
            elif method == "median":
                finals[g] = values[n // 2] if n % 2 else (values[n // 2 - 1] + values[n // 2]) / 2
            else:
                cut = min(trim, (n - 1) // 2)
                finals[g] = sum(values[cut:n - cut]) / (n - 2 * cut)

    def key(g):
        final = finals[g]
        if final is None:
            return (1,)
        out = [0, final if method == "rank" else -final]
        if sum(1 for h in groups if finals[h] == final) > 1:
            for name in event.scoring.tie_break:
                if name == "overtime":
                    out.append(overtime[g])
                else:
                    values = [state.sheets[(g, j)][name] for j in present[g]
                              if (g, j) in state.sheets and name in state.sheets[(g, j)]]
                    out.append((0, -F(sum(values), 100 * len(values))) if values else (1, 0))
        return tuple(out)

    keys = {g: key(g) for g in groups}
    ordered = sorted(groups, key=keys.__getitem__)
    ranks = {g: (None if finals[g] is None else 1 + sum(1 for h in groups if finals[h] is not None and keys[h] < keys[g]))
             for g in groups}
    entries = []
    for index, g in enumerate(ordered):
        above = ordered[index - 1] if index else None
        decided = None
        if finals[g] is not None and above is not None and keys[above][1] == keys[g][1] and keys[above] != keys[g]:
            decided = next(n for n, a, b in zip(event.scoring.tie_break, keys[g][2:], keys[above][2:]) if a != b)
        tied = ranks[g] is not None and sum(1 for h in groups if ranks[h] == ranks[g]) > 1
        absent = tuple(j for j in event.juror_ids if j not in present[g])
        entries.append((g, ranks[g], finals[g], totals[g], penalty[g], overtime[g], tied, decided, absent))
    expected = sum(len(present[g]) for g in groups)
    counts = (
        sum(len(state.sheets.get((g, j)) or ()) for g in groups for j in present[g]),
        expected * len(weights),
        sum(1 for g in groups for j in present[g] if (g, j) in state.locked),
        expected,
    )
    return entries, counts


@settings(max_examples=60, deadline=None, derandomize=True)
@given(days())
def test_the_fast_ranking_is_the_straightforward_one_to_the_last_digit(day) -> None:
    event, state, overtime = day
    results = rank(event, state, overtime)
    entries, counts = straightforward(event, state, overtime)
    got = [(e.group, e.rank, e.score, e.totals, e.penalty, e.overtime, e.tied, e.decided_by, e.absent) for e in results.entries]
    assert got == entries
    assert (results.scores_in, results.scores_expected, results.sheets_locked, results.sheets_expected) == counts
    assert [g for g, _ in results.withdrawn] == [g for g in state.order if state.slots[g].withdrawn is not None]


def test_a_tie_break_mean_counts_only_the_scores_given() -> None:
    """Equal finals; g2's one present juror gave c0 100, g1's two gave 90 each: g2's mean is higher, not its sum."""
    event = make_event(groups=2, jurors=2, criteria=(("c0", "1"), ("c1", "1")), tie_break=("c0",))
    state = DayState.initial(event)
    state.sheets.update({("g1", "j1"): {"c0": 9000, "c1": 7000}, ("g1", "j2"): {"c0": 9000, "c1": 7000},
                         ("g2", "j1"): {"c0": 10000, "c1": 6000}})
    state.recused[("g2", "j2")] = "test"
    results = rank(event, state, {"g1": 0, "g2": 0})
    assert [(e.group, e.rank, e.decided_by) for e in results.entries] == [("g2", 1, None), ("g1", 2, "c0")]
    entries, _ = straightforward(event, state, {"g1": 0, "g2": 0})
    assert [(e.group, e.rank, e.decided_by) for e in results.entries] == [(g, r, d) for g, r, _, _, _, _, _, d, _ in entries]


@settings(max_examples=40, deadline=None, derandomize=True)
@given(days(), st.data())
def test_jurors_left_out_rank_as_if_recused_and_the_live_ranking_agrees(day, data) -> None:
    """The full ranking works out every group in one pass; the live ranking tallies each group alone:
    on random days (recusals, incomplete sheets, withdrawn groups, jurors left out) both say the same."""
    from gelar_tui.scoring.live_ranking import LiveRanking

    event, state, overtime = day
    full = rank(event, state, overtime)
    live = LiveRanking(event).results(state, overtime)
    assert live == full and live.entries == full.entries
    without = data.draw(st.lists(st.sampled_from(event.juror_ids), unique=True, max_size=2))
    for juror in without:
        for group in event.group_ids:
            state.recused.setdefault((group, juror), "left out")
    entries, counts = straightforward(event, state, overtime)
    for juror in without:
        for group in event.group_ids:
            if state.recused[(group, juror)] == "left out":
                del state.recused[(group, juror)]
    results = rank(event, state, overtime, without=without)
    got = [(e.group, e.rank, e.score, e.totals, e.penalty, e.overtime, e.tied, e.decided_by, e.absent) for e in results.entries]
    assert got == entries
    assert (results.scores_in, results.scores_expected, results.sheets_locked, results.sheets_expected) == counts

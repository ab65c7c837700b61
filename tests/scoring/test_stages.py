"""A stage's ranking, the cut and the weighted final; a held-out two-stage event against an independent computation."""

from __future__ import annotations

import random
from decimal import Decimal
from fractions import Fraction as F

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gelar_tui.scoring.stages import (
    CutDecision,
    CutTie,
    cut,
    entries_of,
    final_data,
    final_ranking,
    final_scores,
    from_sheets,
    rank_scores,
    stage_analysis,
    stage_result,
    stages_data,
    tie_note,
)
from gelar_tui.event.eventfile import parse_event
from tests.support.stages import source_of, stages_event
from tests.support.stages import stages_data as event_data

REVIEW_CRITERIA = [{"id": "substansi", "name": "Substansi", "weight": 3}, {"id": "dampak", "name": "Dampak", "weight": 1}]


def test_equal_scores_share_a_rank_and_entries_without_a_score_come_last() -> None:
    ranking = rank_scores({"a": F(70), "b": F(90), "c": F(70), "d": None, "e": F(60)})
    assert [(p.group, p.rank) for p in ranking] == [("b", 1), ("a", 2), ("c", 2), ("e", 4), ("d", None)]
    assert [p.group for p in rank_scores({"a": F(2), "b": F(1)}, lower_is_better=True)] == ["b", "a"]


def test_a_tie_at_the_cut_is_reported_never_decided_silently() -> None:
    ranking = rank_scores({"a": F(90), "b": F(80), "c": F(80), "d": F(80), "e": F(50)})
    finalists, ties = cut(ranking, 2)
    assert finalists == ("a",)
    assert ties == (CutTie(None, 2, ("b", "c", "d"), 1),)
    event = stages_event(groups=5, jurors=1, review={"per_entry": 1, "advance": 2, "normalise": "none"})
    scores = {"j01": {g: {"substansi": v} for g, v in zip(event.group_ids, (9000, 8000, 8000, 8000, 5000))}}
    review = stage_result(event, event.stages[0], scores)
    assert review.ties and entries_of(event, "presentation", {"review": review}) is None  # no next stage until decided
    from gelar_tui.i18n import Messages

    key, values = tie_note(event, event.stages[0], review.ties[0])
    assert Messages("en")(key, **values) == ("A tie at the cut of Penilaian proposal: KBK 2, KBK 3, KBK 4 share place 2, and 1 of them can go on. "
                                             "The organiser decides (with a reason) or lets them all through.")


def test_a_decision_on_exactly_that_tie_chooses_who_goes_on_or_lets_them_through() -> None:
    ranking = rank_scores({"a": F(90), "b": F(80), "c": F(80), "d": F(80), "e": F(50)})
    chosen = CutDecision(("d", "c", "b"), ("c",), "better proposal on substance")
    assert cut(ranking, 2, decisions=[chosen]) == (("a", "c"), ())
    through = CutDecision(("b", "c", "d"), ("b", "c", "d"), "let through")
    assert cut(ranking, 2, decisions=[through]) == (("a", "b", "c", "d"), ())
    # a decision about another tie (scores changed since), or choosing the wrong count, settles nothing
    for stale in (CutDecision(("b", "c"), ("c",), "old"), CutDecision(("b", "c", "d"), ("b", "c"), "two for one seat"),
                  CutDecision(("b", "c", "d"), ("e",), "not tied"), CutDecision(("b", "c", "d"), ("c",), "  ")):
        assert cut(ranking, 2, decisions=[stale])[1], stale


def test_withdrawn_entries_are_skipped_and_the_next_goes_on() -> None:
    event = stages_event(groups=6, jurors=2, review={"per_entry": 1, "advance": 2, "normalise": "none"})
    scores = {"j01": {g: {"substansi": 9000 - 1000 * n} for n, g in enumerate(event.group_ids)}}
    review = event.stages[0]
    assert stage_result(event, review, scores).finalists == ("g001", "g002")
    result = stage_result(event, review, scores, withdrawn={"g001"})
    assert result.finalists == ("g002", "g003") and "g001" not in result.ranks


def test_a_score_off_the_panel_does_not_count() -> None:
    event = stages_event(groups=2, jurors=2, review={"per_entry": 1, "advance": 1, "normalise": "none"})
    scores = {"j01": {"g001": {"substansi": 6000}, "g002": {"substansi": 9000}}, "j02": {"g002": {"substansi": 5000}}}
    assert stage_result(event, event.stages[0], scores).scores == {"g001": 60, "g002": 70}
    result = stage_result(event, event.stages[0], scores, panels={"g001": ("j01",), "g002": ("j02",)})
    assert result.scores == {"g001": 60, "g002": 50} and result.finalists == ("g001",)


def test_the_cut_per_category() -> None:
    ranking = rank_scores({"a": F(90), "b": F(85), "c": F(80), "d": F(70), "e": F(60)})
    finalists, ties = cut(ranking, 1, categories={"a": "x", "b": "x", "c": "y", "d": "y", "e": "z"})
    assert finalists == ("a", "c", "e") and ties == ()


def test_the_final_is_the_weighted_mean_exactly() -> None:
    event = stages_event(groups=4, jurors=2, review={"per_entry": 1, "advance": 2, "normalise": "none"}, combine={"review": 70, "presentation": 30})
    review, final = event.stages
    scores = {"j01": {"g001": {"substansi": 8000}, "g002": {"substansi": 7000}}, "j02": {"g003": {"substansi": 6000}, "g004": {"substansi": 5000}}}
    results = {"review": stage_result(event, review, scores)}
    assert results["review"].finalists == ("g001", "g002")
    day_sheets = {(g, j): sheet for j, row in scores.items() for g, sheet in row.items()}
    assert stage_result(event, review, from_sheets(day_sheets)) == results["review"]
    on_stage = {"j01": {"g001": {"isi": 6000, "cara": 9000}, "g002": {"isi": 9001, "cara": 9000}}}
    assert entries_of(event, "review", results) == event.group_ids
    assert entries_of(event, "presentation", results) == ["g001", "g002"]
    assert entries_of(event, "presentation", {}) is None
    results["presentation"] = stage_result(event, final, on_stage, entries=["g001", "g002"])
    finals = final_scores(event, results, ["g001", "g002"])
    assert finals["g001"] == (70 * F(80) + 30 * F(2 * 60 + 90, 3)) / 100
    assert finals["g002"] == (70 * F(70) + 30 * F(2 * 9001 + 9000, 300)) / 100
    lines = final_ranking(event, results)
    assert [(line.place, line.group, line.stage, line.stage_rank) for line in lines] == [
        (1, "g001", "presentation", 2), (2, "g002", "presentation", 1), (3, "g003", "review", 3), (4, "g004", "review", 4)]
    withdrew = stage_result(event, final, on_stage, entries=["g001", "g002"], withdrawn={"g001"})
    assert [(line.place, line.group) for line in final_ranking(event, {**results, "presentation": withdrew}, withdrawn={"g001"})] == [
        (1, "g002"), (2, "g003"), (3, "g004")]  # not shown as out at the review
    data = stages_data(results)
    assert data["review"]["finalists"] == ["g001", "g002"] and "finalists" not in data["presentation"]
    assert final_data(lines)[0] == {"rank": 1, "group": "g001", "score": round(float(finals["g001"]), 4), "stage": "presentation", "stage_rank": 2}
    assert final_data(lines)[3] == {"rank": 4, "group": "g004", "score": None, "stage": "review", "stage_rank": 4}
    assert data["review"]["ranking"][0] == {"rank": 1, "group": "g001", "score": 80.0}


def test_without_combine_the_last_stage_alone_ranks_and_a_missing_score_leaves_no_final() -> None:
    event = stages_event(groups=3, jurors=1, review={"per_entry": 1, "advance": 2, "normalise": "none"})
    review, final = event.stages
    results = {"review": stage_result(event, review, {"j01": {g: {"substansi": 5000 + n} for n, g in enumerate(event.group_ids)}})}
    assert results["review"].finalists == ("g003", "g002")
    results["presentation"] = stage_result(event, final, {"j01": {"g002": {"isi": 5000, "cara": 5000}}}, entries=["g003", "g002"])
    assert final_scores(event, results, ["g003", "g002"]) == {"g003": None, "g002": F(50)}
    assert [(line.place, line.group) for line in final_ranking(event, results)] == [(1, "g002"), (None, "g003"), (3, "g001")]


def test_a_review_stage_with_the_rank_method_ranks_by_mean_rank() -> None:
    event = stages_event(groups=3, jurors=2, review={"per_entry": 2, "advance": 1, "normalise": "none", "method": "rank"})
    scores = {"j01": {"g001": {"substansi": 9000}, "g002": {"substansi": 8000}, "g003": {"substansi": 7000}},
              "j02": {"g001": {"substansi": 6000}, "g002": {"substansi": 8000}, "g003": {"substansi": 7000}}}
    result = stage_result(event, event.stages[0], scores)
    assert result.scores == {"g001": 2, "g002": F(3, 2), "g003": F(5, 2)} and result.finalists == ("g002",)


# --- the held-out two-stage event, against the README's formulas written out again with floats ---

def held_out(seed: int):
    event = stages_event(groups=14, jurors=6, review={"criteria": REVIEW_CRITERIA, "advance": 5}, combine={"review": 70, "presentation": 30})
    rng = random.Random(seed)
    severity = {j: rng.choice([-25, -10, 0, 0, 10]) for j in event.juror_ids}
    review_scores: dict = {j: {} for j in event.juror_ids}
    for index, group in enumerate(event.group_ids):
        for juror in (event.juror_ids[index % 6], event.juror_ids[(index + 1 + index // 6) % 6]):
            review_scores[juror][group] = {c["id"]: max(0, min(10000, rng.randint(4000, 9000) + 100 * severity[juror])) for c in REVIEW_CRITERIA}
    return event, review_scores, rng


def independent(event, review_scores, stage_scores) -> tuple[list[str], list[str], dict[str, float]]:
    """Finalists, final order and finals from plain floats."""
    weights = {c["id"]: c["weight"] for c in REVIEW_CRITERIA}
    t = {j: {g: sum(weights[c] * s / 100 for c, s in sheet.items()) / sum(weights.values()) for g, sheet in row.items()} for j, row in review_scores.items()}
    every = [v for row in t.values() for v in row.values()]
    M, S = np.mean(every), np.std(every)
    z: dict[str, list[float]] = {}
    for row in t.values():
        values = np.array(list(row.values()))
        for g, v in row.items():
            z.setdefault(g, []).append(0.0 if len(values) < 2 or values.std() == 0 else (v - values.mean()) / values.std())
    review = {g: M + S * np.mean(v) for g, v in z.items()}
    order = sorted(review, key=lambda g: -review[g])
    finalists = order[:5]
    assert review[order[4]] - review[order[5]] > 1e-6, "a tie at the cut: choose another seed"
    presentation = {g: np.mean([(2 * sheet["isi"] + sheet["cara"]) / 300 for sheet in (stage_scores[j][g] for j in event.juror_ids)]) for g in finalists}
    finals = {g: (70 * review[g] + 30 * presentation[g]) / 100 for g in finalists}
    return finalists, sorted(finalists, key=lambda g: -finals[g]) + order[5:], finals


@pytest.mark.parametrize("seed", [1, 2, 3, 5, 8])
def test_a_held_out_two_stage_event_matches_an_independent_computation(seed: int) -> None:
    event, review_scores, rng = held_out(seed)
    review, final = event.stages
    results = {"review": stage_result(event, review, review_scores)}
    finalists = results["review"].finalists
    assert results["review"].ties == ()
    stage_scores = {j: {g: {"isi": rng.randint(5000, 9500), "cara": rng.randint(5000, 9500)} for g in finalists} for j in event.juror_ids}
    results["presentation"] = stage_result(event, final, stage_scores, entries=list(finalists))
    expected_finalists, expected_order, expected_finals = independent(event, review_scores, stage_scores)
    assert list(finalists) == expected_finalists
    lines = final_ranking(event, results)
    assert [line.group for line in lines] == expected_order
    assert [line.place for line in lines] == list(range(1, 15))
    for line in lines[:5]:
        assert float(line.final) == pytest.approx(expected_finals[line.group], abs=1e-9)
        assert isinstance(line.final, F)


def test_the_analysis_says_what_normalising_changed() -> None:
    event = stages_event(groups=6, jurors=2, review={"per_entry": 1, "advance": 3})
    # j02 is 30 points harsher; g002 and g004 are each juror's best
    scores = {"j01": {"g001": {"substansi": 8000}, "g002": {"substansi": 9000}, "g003": {"substansi": 7000}},
              "j02": {"g004": {"substansi": 6000}, "g005": {"substansi": 5000}, "g006": {"substansi": 4000}}}
    result = stage_result(event, event.stages[0], scores)
    # each juror's best share z, then their middles, then their lowest: a tie across the cut of 3
    assert [p.rank for p in result.ranking] == [1, 1, 3, 3, 5, 5]
    assert result.finalists == ("g002", "g004") and result.ties == (CutTie(None, 3, ("g001", "g005"), 1),)
    analysis = stage_analysis(event, result)
    assert analysis.went_on == ("g004", "g005") and analysis.kept_out == ("g003",)
    assert analysis.far == (("j01", 80, 50), ("j02", 50, 80))  # 30 points apart, beyond 15 % of the scale
    # 15 pairs: 3 tied by the z-scores, 9 concordant, 3 discordant
    assert analysis.flagged == () and float(analysis.tau) == pytest.approx(6 / np.sqrt(15 * 12))


def test_the_readme_worked_example() -> None:
    """The numbers of README "Stages: a desk review, then the final", recomputed."""
    data = event_data(groups=6, jurors=3, review={"advance": 3}, combine={"review": 70, "presentation": 30})
    data["jurors"] = [{"id": j, "name": j} for j in "ABC"]
    data["groups"] = [{"id": f"g{n}", "name": f"g{n}", "agency": "x"} for n in range(1, 7)]
    data["criteria"] = [{"id": "nilai", "name": "Nilai", "weight": 1}]
    del data["stages"][0]["criteria"]
    event = parse_event(source_of(data))
    review = {"A": {"g1": 86, "g2": 80, "g4": 74, "g6": 68}, "B": {"g1": 64, "g3": 62, "g4": 70, "g5": 58}, "C": {"g2": 88, "g3": 84, "g5": 90, "g6": 86}}
    result = stage_result(event, event.stages[0], {j: {g: {"nilai": v * 100} for g, v in row.items()} for j, row in review.items()})
    shown = [(p.group, float(result.raw[p.group]), round(float(result.normalised.z[p.group]), 4), round(float(p.score), 2), p.rank) for p in result.ranking]
    assert shown == [("g1", 75, 0.7286, 83.67, 1), ("g4", 72, 0.5269, 81.5, 2), ("g2", 84, 0.4472, 80.64, 3),
                     ("g5", 74, 0.0357, 76.22, 4), ("g3", 73, -0.844, 66.76, 5), ("g6", 77, -0.8944, 66.22, 6)]
    assert [(round(float(s.mean), 2), round(float(s.sd), 4)) for s in result.normalised.jurors.values()] == [(77, 6.7082), (63.5, 4.3301), (87, 2.2361)]
    assert round(float(result.normalised.mean), 4) == 75.8333 and round(float(result.normalised.sd), 4) == 10.7536
    analysis = stage_analysis(event, result)
    assert (analysis.went_on, analysis.kept_out, round(float(analysis.tau), 2)) == (("g4",), ("g6",), -0.07)
    assert [(j, float(m), float(o)) for j, m, o in analysis.far] == [("B", 63.5, 82), ("C", 87, 70.25)]
    on_stage = {"A": {"g1": 80, "g2": 84, "g4": 88}, "B": {"g1": 82, "g2": 80, "g4": 86}, "C": {"g1": 84, "g2": 86, "g4": 84}}
    final = stage_result(event, event.stages[1], {j: {g: {"nilai": v * 100} for g, v in row.items()} for j, row in on_stage.items()},
                         entries=list(result.finalists))
    lines = final_ranking(event, {"review": result, "presentation": final})
    assert [(line.place, line.group, None if line.final is None else round(float(line.final), 2)) for line in lines] == [
        (1, "g1", 83.17), (2, "g4", 82.85), (3, "g2", 81.45), (4, "g5", None), (5, "g3", None), (6, "g6", None)]


@settings(max_examples=150, deadline=None, derandomize=True)
@given(st.lists(st.one_of(st.none(), st.integers(0, 6)), min_size=1, max_size=14), st.integers(1, 8))
def test_the_cut_takes_the_best_and_never_guesses_at_a_tie(values, advance) -> None:
    scores = {f"g{n:02d}": (None if v is None else F(v)) for n, v in enumerate(values)}
    ranking = rank_scores(scores)
    finalists, ties = cut(ranking, advance)
    scored = [g for g, v in scores.items() if v is not None]
    assert all(scores[g] is not None for g in finalists)
    if not ties:
        assert len(finalists) == min(advance, len(scored))
        assert all(scores[g] > scores[h] for g in finalists for h in scored if h not in finalists)
    else:
        (tie,) = ties
        assert len(finalists) + tie.seats == advance and 0 < tie.seats < len(tie.groups)
        assert len({scores[g] for g in tie.groups}) == 1 and not set(tie.groups) & set(finalists)
        assert all(scores[g] > scores[tie.groups[0]] for g in finalists)
        assert all(scores[h] < scores[tie.groups[0]] for h in scored if h not in finalists and h not in tie.groups)
        decided, left = cut(ranking, advance, decisions=[CutDecision(tie.groups[::-1], tie.groups[: tie.seats], "drawn by lot")])
        assert left == () and len(decided) == advance


@pytest.mark.parametrize("method", ["mean", "median", "trimmed", "rank"])
def test_an_event_without_stages_ranks_its_one_stage_as_the_day_does(method: str) -> None:
    """The plain result of the one presentation stage is the day's own ranking (scoring.rules), incomplete sheets too."""
    from gelar_tui.day.state import DayState
    from gelar_tui.event.stages import stages_of
    from gelar_tui.scoring.rules import rank

    data = event_data(groups=9, jurors=5)
    del data["stages"]
    data["scoring"].update(method=method, trim=1)
    event = parse_event(source_of(data))
    rng = random.Random(method)
    sheets = {(g, j): {"isi": rng.randint(50, 100) * 100, "cara": rng.randint(5000, 10000)} for g in event.group_ids for j in event.juror_ids}
    del sheets[("g003", "j02")]["cara"]  # an incomplete sheet gives no total
    sheets[("g005", "j01")] = dict(sheets[("g004", "j01")])  # ties to be shared
    state = DayState.initial(event)
    state.sheets.update(sheets)
    day = rank(event, state, {})
    ours = stage_result(event, stages_of(event)[0], from_sheets(sheets))
    assert [(e.group, e.rank, e.score) for e in day.entries] == [(p.group, p.rank, p.score) for p in ours.ranking]

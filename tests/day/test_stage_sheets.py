"""Scores per stage in the journal, a review stage's panels and the cut that closes it, through the day."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from gelar_tui.day.state import DayState, Kind
from gelar_tui.errors import GelarError
from gelar_tui.i18n import Messages
from gelar_tui.journal.clock import FakeClock, Stamp
from gelar_tui.journal.store import Journal
from gelar_tui.scoring.stages import day_stage_results
from tests.support.console import open_day
from tests.support.stages import stages_event

EN = Messages("en")


def review_event(**review):
    return stages_event(groups=6, jurors=3, review={"per_entry": 2, "advance": 3, "normalise": "none", **review})


def refusal(action) -> str:
    with pytest.raises(GelarError) as caught:
        action()
    return EN(caught.value.key, **caught.value.params)


def panels_of(event) -> dict[str, tuple[str, ...]]:
    jurors = event.juror_ids
    return {g: (jurors[n % 3], jurors[(n + 1) % 3]) for n, g in enumerate(event.group_ids)}


def test_review_scores_are_kept_apart_from_the_presentation_sheets(tmp_path: Path) -> None:
    event = review_event()
    day = open_day(event, tmp_path / "j.db")
    day.set_panels("review", panels_of(event), "test")
    day.set_score("g001", "j01", "substansi", "80", stage="review")
    day.set_score("g001", "j02", "substansi", "85,5", stage="review")
    last = day.journal.records()[-1]
    assert last.kind == Kind.SCORE_SET and last.data == {"group": "g001", "juror": "j02", "criterion": "substansi", "value": "85.5", "stage": "review"}
    assert day.state.stage_sheets == {"review": {("g001", "j01"): {"substansi": 8000}, ("g001", "j02"): {"substansi": 8550}}}
    assert day.state.sheets == {}
    day.close()
    again = open_day(event, tmp_path / "j.db")  # the fast replay path, scores with a stage among them
    assert again.state.stage_sheets == day.state.stage_sheets and again.state.sheets == {}
    one_by_one = DayState.replay(event, again.journal.records())
    assert one_by_one.stage_sheets == again.state.stage_sheets and one_by_one.panels == again.state.panels
    again.close()


def test_a_score_off_the_panel_off_the_stage_or_of_an_unknown_stage_is_refused_by_name(tmp_path: Path) -> None:
    event = review_event(jurors=["j01", "j02"], per_entry=1)
    day = open_day(event, tmp_path / "j.db")
    assert "has no panels yet" in refusal(lambda: day.set_score("g001", "j01", "substansi", "80", stage="review"))
    day.set_panels("review", {g: ("j01",) if n % 2 else ("j02",) for n, g in enumerate(event.group_ids)}, "test")
    assert refusal(lambda: day.set_score("g001", "j01", "substansi", "80", stage="review")) == (
        "Juri 1 is not on the panel of KBK 1 in the stage Penilaian proposal (its panel: Juri 2)")
    assert refusal(lambda: day.set_score("g001", "j03", "substansi", "80", stage="review")) == (
        "Juri 3 is not a juror of the stage Penilaian proposal (its jurors are: j01, j02)")
    assert "unknown stage 'final' (the stages are: review, presentation)" == refusal(lambda: day.set_score("g001", "j02", "substansi", "80", stage="final"))
    assert "unknown criterion 'isi'" in refusal(lambda: day.set_score("g001", "j02", "isi", "80", stage="review"))
    assert "close Penilaian proposal first" in refusal(lambda: day.set_score("g001", "j02", "isi", "80"))
    assert day.state.stage_sheets == {} and day.state.sheets == {}
    day.close()


def test_panels_are_set_before_the_scores_come_in(tmp_path: Path) -> None:
    event = review_event()
    day = open_day(event, tmp_path / "j.db")
    panels = panels_of(event)
    day.set_panels("review", panels, "assigned", seed=4)
    day.set_panels("review", panels, "assigned", seed=5)  # changed by hand before any score: fine
    assert day.state.panels["review"] == panels
    day.set_score("g001", "j01", "substansi", "80", stage="review")
    assert "can no longer change: 1 sheet(s)" in refusal(lambda: day.set_panels("review", panels, "again"))
    assert "has no panels" in refusal(lambda: day.set_panels("presentation", panels, "x"))
    day.close()


def score_review(day, values: dict[str, int]) -> None:
    for (group, juror) in [(g, j) for g, panel in day.state.panels["review"].items() for j in panel]:
        day.set_score(group, juror, "substansi", str(values[group]), stage="review")


def result_of(event):
    return lambda state: day_stage_results(event, state)["review"]


def test_the_cut_waits_for_every_sheet_and_for_a_decision_on_a_tie(tmp_path: Path) -> None:
    event = review_event()
    day = open_day(event, tmp_path / "j.db", FakeClock())
    day.set_panels("review", panels_of(event), "test")
    values = {"g001": 90, "g002": 60, "g003": 80, "g004": 70, "g005": 70, "g006": 50}
    day.set_score("g001", "j01", "substansi", "90", stage="review")
    assert refusal(lambda: day.close_stage("review", result_of(event))).startswith(
        "the stage Penilaian proposal cannot close: 11 sheet(s) are not complete: KBK 1 (Juri 2), KBK 2 (Juri 2), ")
    score_review(day, values)
    tie = refusal(lambda: day.close_stage("review", result_of(event)))
    assert "KBK 4, KBK 5 share place 3, and 1 of them can go on" in tie and "ids: g004 g005" in tie
    assert "say why" in refusal(lambda: day.close_stage("review", result_of(event), ["g005"]))
    assert "1 of KBK 4, KBK 5 can go on; 2 were chosen" == refusal(lambda: day.close_stage("review", result_of(event), ["g004", "g005"], "x"))
    assert "g002: not among the tied entries" in refusal(lambda: day.close_stage("review", result_of(event), ["g002"], "x"))
    assert "\\x1b[31mg: not among" in refusal(lambda: day.close_stage("review", result_of(event), ["\x1b[31mg"], "x"))
    assert Kind.STAGE_CLOSED not in [r.kind for r in day.journal.records()]
    reason = "Proposal lebih matang " + "x" * 400 + "\x1b[31m"
    assert day.close_stage("review", result_of(event), ["g005"], reason) == ["g001", "g003", "g005"]
    closed = day.state.closed["review"]
    assert closed["decisions"] == [{"tied": ["g004", "g005"], "chosen": ["g005"], "reason": closed["decisions"][0]["reason"]}]
    assert len(closed["decisions"][0]["reason"]) == 300 and "\x1b" not in closed["decisions"][0]["reason"]
    # the finalists are the presentation stage's running order: the others are never called
    assert day.state.stage_order() == ["g001", "g003", "g005"] and day.state.current == "g001"
    called = [day.next_group() for _ in range(6)]  # nobody presents: the waiting finalists come round again
    assert called == ["g003", "g005", "g001"] * 2
    assert "first group" in refusal(day.previous_group)
    assert [day.next_group(), day.previous_group()] == ["g003", "g001"]
    assert "KBK 2 did not go on to the stage Presentasi" == refusal(lambda: day.call("g002"))
    for _ in range(3):  # each finalist presents; then nobody is left to call, and back is the last finalist
        day.start()
        day.next_group()
    assert day.state.current is None and day.previous_group() == "g005"
    assert "closed already; its finalists: KBK 1, KBK 3, KBK 5" in refusal(lambda: day.close_stage("review", result_of(event)))
    assert "is closed" in refusal(lambda: day.set_score("g002", "j02", "substansi", "10", stage="review"))
    assert "KBK 2 did not go on to the stage Presentasi" == refusal(lambda: day.set_score("g002", "j01", "isi", "80"))
    day.set_score("g005", "j01", "isi", "80")  # a finalist is scored on stage, as on a day without stages
    assert day.state.sheets == {("g005", "j01"): {"isi": 8000}}
    day.close()
    again = open_day(event, tmp_path / "j.db")
    assert again.state.closed == day.state.closed and again.state.stage_order() == ["g001", "g003", "g005"]
    again.close()


def test_let_through_takes_every_tied_entry(tmp_path: Path) -> None:
    event = review_event()
    day = open_day(event, tmp_path / "j.db", FakeClock())
    day.set_panels("review", panels_of(event), "test")
    score_review(day, {"g001": 90, "g002": 60, "g003": 80, "g004": 70, "g005": 70, "g006": 50})
    assert "not both" in refusal(lambda: day.close_stage("review", result_of(event), ["g004"], "x", let_through=True))
    assert day.close_stage("review", result_of(event), reason="both strong", let_through=True) == ["g001", "g003", "g004", "g005"]
    day.close()


def test_withdrawn_entries_are_skipped_at_the_cut(tmp_path: Path) -> None:
    event = review_event()
    day = open_day(event, tmp_path / "j.db", FakeClock())
    day.set_panels("review", panels_of(event), "test")
    day.withdraw("g001", "did not send a proposal")
    values = {"g001": 90, "g002": 60, "g003": 80, "g004": 70, "g005": 65, "g006": 50}
    for (group, juror) in [(g, j) for g, panel in day.state.panels["review"].items() for j in panel if g != "g001"]:
        day.set_score(group, juror, "substansi", str(values[group]), stage="review")
    assert "there is no tie" in refusal(lambda: day.close_stage("review", result_of(event), ["g004"], "x"))
    assert day.close_stage("review", result_of(event)) == ["g003", "g004", "g005"]
    day.close()


def test_a_journal_without_stages_is_read_as_before(tmp_path: Path) -> None:
    from tests.support.console import demo_event

    event = demo_event()
    day = open_day(event, tmp_path / "j.db")
    group, juror, criterion = event.group_ids[0], event.juror_ids[0], event.criterion_ids[0]
    day.set_score(group, juror, criterion, "80")
    assert "stage" not in day.journal.records()[-1].data
    assert "unknown stage 'review'" in refusal(lambda: day.set_score(group, juror, criterion, "80", stage="review"))
    assert day.state.stage_order() == day.state.order
    day.close()


# -- replay: the fast path with scores of several stages gives what applying each record gives --

STAGED = review_event()
STAGED_SCORE = st.fixed_dictionaries(
    {
        "group": st.sampled_from(["g001", "g002", "nobody"]),
        "juror": st.sampled_from(["j01", "j02", "x"]),
        "criterion": st.sampled_from(["substansi", "isi", "cara", "none"]),
        "value": st.sampled_from(["80", "85.5", None, "abc"]),
    },
    optional={"stage": st.sampled_from(["review", "presentation", "final", None, ["review"]])},
)


@settings(max_examples=60, deadline=None)
@given(st.lists(STAGED_SCORE, max_size=30))
@example([{"group": "g001", "juror": "j01", "criterion": "isi", "value": "80"},
          {"group": "g001", "juror": "j01", "criterion": "isi", "value": "90", "stage": "presentation"}])
@example([{"group": "g001", "juror": "j01", "criterion": "substansi", "value": "80", "stage": "review"},
          {"group": "nobody", "juror": "j01", "criterion": "isi", "value": "90"}])
def test_replay_with_stage_scores_matches_applying_each_record(datas) -> None:
    with tempfile.TemporaryDirectory() as folder:
        with Journal(Path(folder) / "day.gelar-journal", STAGED.identity) as journal:
            for number, data in enumerate(datas):
                journal.append("score_set", data, Stamp(1_700_000_000.0 + number, 100.0 + number, "boot-a"), "test")
            one_by_one = DayState.replay(STAGED, journal.records())
            fast = DayState.from_rows(STAGED, *journal.replay_rows())
    assert (fast.sheets, fast.stage_sheets) == (one_by_one.sheets, one_by_one.stage_sheets)
    assert (fast.ignored, fast.unfit) == (one_by_one.ignored, one_by_one.unfit)


def test_a_stage_without_panels_is_scored_by_every_juror_free_of_a_conflict() -> None:
    from gelar_tui.day.stages import find_stage, panel_of
    from gelar_tui.event.eventfile import parse_event
    from gelar_tui.event.stages import conflicts_of, jurors_of
    from tests.support.stages import source_of, stages_data

    data = stages_data(groups=12, jurors=5, review={"normalise": "none"})
    del data["stages"][0]["per_entry"]
    data["jurors"][0]["conflicts"] = ["Dinas 1", "g004"]
    data["jurors"][3]["conflicts"] = ["g010"]
    data["recusals"] = [{"group": "g007", "juror": "j05", "reason": "kerabat"}]
    event = parse_event(source_of(data))
    stage, state = find_stage(event, "review"), DayState.initial(event)
    conflicts = conflicts_of(event, jurors_of(event, stage))
    for group in event.group_ids:
        assert panel_of(event, state, stage, group) == tuple(j for j in jurors_of(event, stage) if group not in conflicts[j])
    assert "j01" not in panel_of(event, state, stage, "g001") and "j05" not in panel_of(event, state, stage, "g007")

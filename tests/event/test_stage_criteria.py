"""A presentation stage with its own `[[stages.criteria]]`: the day scores and ranks it on them."""

from __future__ import annotations

from pathlib import Path

from gelar_tui.day.eventrecord import event_record
from gelar_tui.event.eventfile import load_event, parse_event
from gelar_tui.event.stages import criteria_of, stage
from gelar_tui.scoring.rules import rank
from tests.support.console import open_day
from tests.support.stages import source_of, stages_data

STAGE_CRITERIA = [{"id": "paparan", "name": "Paparan", "weight": 3}, {"id": "jawab", "name": "Tanya jawab", "weight": 1}]


def own_criteria_data(**options):
    data = stages_data(groups=4, jurors=2, review={"per_entry": None, "advance": None, "normalise": "none"}, **options)
    data["stages"][0].pop("per_entry")
    data["stages"][0].pop("advance")
    return data


def test_the_presentation_stages_own_criteria_are_the_days_and_a_stage_without_any_keeps_the_former() -> None:
    data = own_criteria_data(final={"criteria": STAGE_CRITERIA})
    data["stages"][0].pop("criteria")  # the review stage: the top-level criteria
    event = parse_event(source_of(data), "own.toml")
    assert event.criterion_ids == ["paparan", "jawab"]
    assert [c.id for c in criteria_of(event, stage(event, "presentation"))] == ["paparan", "jawab"]
    assert [c.id for c in criteria_of(event, stage(event, "review"))] == ["isi", "cara"]
    # the event as a journal records it reads back the same
    from gelar_tui.day.eventrecord import event_from_record

    assert event_from_record(event_record(event)) == event


def test_an_event_without_stages_or_without_presentation_criteria_reads_as_before(tmp_path: Path) -> None:
    data = own_criteria_data()
    event = parse_event(source_of(data), "plain.toml")
    assert event.criterion_ids == ["isi", "cara"] and [c.id for c in criteria_of(event, stage(event, "review"))] == ["substansi"]
    del data["stages"]
    path = tmp_path / "plain.toml"
    path.write_text(source_of(data), encoding="utf-8")
    assert load_event(path).criterion_ids == ["isi", "cara"] and not load_event(path).stages


def test_a_tie_break_names_a_criterion_of_the_presentation_stage(tmp_path: Path) -> None:
    data = own_criteria_data(final={"criteria": STAGE_CRITERIA})
    data["scoring"]["tie_break"] = ["jawab"]
    path = tmp_path / "tie.toml"
    path.write_text(source_of(data), encoding="utf-8")
    assert list(load_event(path).scoring.tie_break) == ["jawab"]


def test_a_presentation_stage_with_its_own_criteria_is_scored_and_ranked_on_them(tmp_path: Path) -> None:
    event = parse_event(source_of(own_criteria_data(final={"criteria": STAGE_CRITERIA})), "own.toml")
    day = open_day(event, tmp_path / "j.db")
    # Paparan weighs 3, Tanya jawab 1: g001 wins on Paparan although its plain sum is lower
    for juror in event.juror_ids:
        for criterion, value in {"paparan": "90", "jawab": "50"}.items():
            day.set_score("g001", juror, criterion, value)
        for criterion, value in {"paparan": "70", "jawab": "100"}.items():
            day.set_score("g002", juror, criterion, value)
    ranking = rank(event, day.state, {})
    assert [e.group for e in ranking.entries[:2]] == ["g001", "g002"]
    day.close()

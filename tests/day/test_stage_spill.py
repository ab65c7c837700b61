"""A spilled score or lock of a day with stages is checked by the stage rules of ``Day.set_score``."""

from __future__ import annotations

from pathlib import Path

import pytest

from gelar_tui.day.spillcheck import check_record
from gelar_tui.day.state import Kind
from gelar_tui.errors import GelarError
from gelar_tui.i18n import Messages
from tests.support.console import open_day
from tests.support.stages import stages_event

EN = Messages("en")


def review_event():
    return stages_event(groups=6, jurors=3, review={"per_entry": 2, "advance": 3, "normalise": "none"})


def panels_of(event) -> dict[str, tuple[str, ...]]:
    jurors = event.juror_ids
    return {g: (jurors[n % 3], jurors[(n + 1) % 3]) for n, g in enumerate(event.group_ids)}


def refusal(day, kind, data) -> str:
    with pytest.raises(GelarError) as caught:
        check_record(day.event, day.state, {}, kind, data)
    return EN(caught.value.key, **caught.value.params)


def score(group, juror, criterion, value, stage=None) -> dict:
    data = {"group": group, "juror": juror, "criterion": criterion, "value": value}
    return data if stage is None else {**data, "stage": stage}


@pytest.fixture
def day(tmp_path: Path):
    event = review_event()
    day = open_day(event, tmp_path / "j.db")
    day.set_panels("review", panels_of(event), "test")
    yield day
    day.close()


def test_a_spilled_review_score_on_the_jurors_panel_is_taken(day) -> None:
    # g001's panel is j01 and j02
    check_record(day.event, day.state, {}, Kind.SCORE_SET, score("g001", "j01", "substansi", "80", "review"))


def test_a_spilled_review_score_off_the_panel_or_criteria_is_refused_as_set_score_refuses_it(day) -> None:
    assert "is not on the panel" in refusal(day, Kind.SCORE_SET, score("g001", "j03", "substansi", "80", "review"))
    assert "substansi" in refusal(day, Kind.SCORE_SET, score("g001", "j01", "isi", "80", "review"))
    assert "stage" in refusal(day, Kind.SCORE_SET, score("g001", "j01", "substansi", "80", "nope")).lower()
    assert "80" in refusal(day, Kind.SCORE_SET, score("g001", "j01", "substansi", "80.0", "review"))


def test_a_spilled_presentation_score_of_a_group_that_did_not_go_on_is_refused(day) -> None:
    with pytest.raises(GelarError) as before_the_cut:
        check_record(day.event, day.state, {}, Kind.SCORE_SET, score("g001", "j01", "isi", "80"))
    assert before_the_cut.value.key == "stageday.cut_not_made"
    for group in day.event.group_ids:
        for juror in panels_of(day.event)[group]:
            day.set_score(group, juror, "substansi", str(60 + int(group[1:]) * 3 + int(juror[1:])), stage="review")
    from gelar_tui.scoring.stages import day_stage_results

    day.close_stage("review", lambda state: day_stage_results(day.event, state)["review"])
    finalists = day.state.closed["review"]["finalists"]
    out = next(g for g in day.event.group_ids if g not in finalists)
    assert refusal(day, Kind.SCORE_SET, score(out, "j01", "isi", "80")) == f"{day.event.group(out).name} did not go on to the stage Presentasi"
    check_record(day.event, day.state, {}, Kind.SCORE_SET, score(finalists[0], "j01", "isi", "80"))
    # the review stage is closed now: its scores no longer change, spilled or not
    assert "closed" in refusal(day, Kind.SCORE_SET, score("g001", "j01", "substansi", "80", "review"))


def test_a_spilled_review_lock_is_checked_against_the_stage_sheet(day) -> None:
    lock = {"group": "g001", "juror": "j01", "stage": "review"}
    assert "Substansi" in refusal(day, Kind.SHEET_LOCKED, lock)
    day.set_score("g001", "j01", "substansi", "80", stage="review")
    check_record(day.event, day.state, {}, Kind.SHEET_LOCKED, lock)
    assert "is not on the panel" in refusal(day, Kind.SHEET_LOCKED, {**lock, "juror": "j03"})


def test_a_review_stations_spill_is_taken_back_by_gelar_scores_import(tmp_path: Path, capsys) -> None:
    """A station scoring the desk review while the journal takes no writes: its spill comes back whole."""
    import json

    from gelar_tui.cli import main
    from gelar_tui.day.facade import Day
    from gelar_tui.day.stations import station_origin
    from gelar_tui.journal.clock import FakeClock
    from tests.support.stages import source_of, stages_data

    event_path = tmp_path / "review.toml"
    event_path.write_text(source_of(stages_data(groups=6, jurors=3, review={"per_entry": 2, "advance": 3, "normalise": "none"})), encoding="utf-8")
    journal = tmp_path / "review.gelar-journal"
    from gelar_tui.event.eventfile import load_event

    event = load_event(event_path)
    desk = Day.open(event, journal, FakeClock(), origin="cli")
    desk.set_panels("review", panels_of(event), "test")
    pins = desk.issue_pins()
    desk.close()
    station = Day.open(event, journal, FakeClock(), origin=station_origin("j01"))
    station.open_station(pins["j01"])
    db = station.journal._db
    db.execute(f"PRAGMA max_page_count = {db.execute('PRAGMA page_count').fetchone()[0]}")  # the disk is full
    for n in range(500):
        station.set_score("g001", "j01", "substansi", str(80 + n % 5), stage="review")
        if station.unsaved:
            break
    station.lock_sheet("g001", "j01", stage="review")
    assert station.unsaved
    spilled = station.spill()
    station.journal.close()
    kinds = [json.loads(line).get("kind") for line in spilled.read_text(encoding="utf-8").splitlines()[1:]]
    assert "sheet_locked" in kinds
    code = main(["--lang", "en", "scores", "import", str(event_path), str(spilled), "--journal", str(journal)])
    out, err = capsys.readouterr()
    assert code == 0, out + err
    after = Day.open(event, journal, FakeClock(), origin="cli")
    assert ("g001", "j01") in after.state.stage_locked["review"]
    assert after.state.stage_sheets["review"][("g001", "j01")]["substansi"] in {8000, 8100, 8200, 8300, 8400}
    after.close()

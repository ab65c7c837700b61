"""The day's decisions as plain functions: a `DayState`, a moment, and no journal at all.

Like tabbycat's scoresheet, these rules "do not interact with the database": each returns the
records it would write, or raises the refusal; the test applies the records to the state itself.
"""

from __future__ import annotations

import itertools
from contextlib import contextmanager

import pytest

from gelar_tui.day import alerts, hall, recusal, rundown, scorebook, slots, stations, withdrawal
from gelar_tui.day.decide import Decided, Records, check_ids
from gelar_tui.day.scorebook import Score, ScoreRow, parse_score
from gelar_tui.day.state import DayState, Kind
from gelar_tui.day.timing import Phase, view_slot
from gelar_tui.errors import GelarError, Problem
from gelar_tui.journal.store import Record

T0 = 1_471_300_000.0
_seq = itertools.count(1)


def apply(event, state: DayState, decided: Records | Decided, at: float) -> Records:
    """Apply what a decision returned to *state* as if written at *at*; return the records."""
    records = decided.records if isinstance(decided, Decided) else decided
    state.apply_all(event, [Record(next(_seq), at, kind, data, "console") for kind, data in records])
    return records


@contextmanager
def refused(key: str):
    """The decision is refused with this message key."""
    with pytest.raises(GelarError) as info:
        yield
    assert info.value.key == key


@pytest.fixture
def state(demo_event) -> DayState:
    return DayState.initial(demo_event)


def test_a_slot_is_started_paused_and_the_next_group_called_from_a_plain_state(demo_event, state) -> None:
    event = demo_event
    assert apply(event, state, slots.start(event, state, T0), T0) == [(Kind.SLOT_STARTED, {"group": "ceria"})]
    with refused("action.already_started"):
        slots.start(event, state, T0 + 1)
    assert view_slot(event, state, "ceria", T0 + 90).phase == Phase.RUNNING
    apply(event, state, slots.pause(event, state, T0 + 90), T0 + 90)
    with refused("action.not_running"):
        slots.pause(event, state, T0 + 91)
    decided = slots.next_group(event, state, T0 + 100)
    assert decided.result == "melati"
    assert [kind for kind, _ in decided.records] == [Kind.SLOT_FINISHED, Kind.CURRENT_CHANGED]
    apply(event, state, decided, T0 + 100)
    assert state.current == "melati" and state.slots["ceria"].finished
    assert slots.previous_group(event, state, T0 + 101).result == "ceria"
    with refused("action.already_presented"):
        slots.move(event, state, "ceria", 3)


def test_an_extension_too_short_and_a_call_of_an_unknown_group_are_refused(demo_event, state) -> None:
    apply(demo_event, state, slots.start(demo_event, state, T0), T0)
    with refused("action.too_short"):
        slots.extend(demo_event, state, T0 + 5, -1800)
    assert slots.extend(demo_event, state, T0 + 5, 60) == [(Kind.SLOT_EXTENDED, {"group": "ceria", "seconds": 60})]
    with refused("action.unknown_group"):
        slots.call(demo_event, state, T0 + 5, "nobody")
    assert slots.call(demo_event, state, T0 + 5, "ceria") == []  # already on stage: nothing to write


def test_one_id_check_names_what_the_day_does_not_have(demo_event, state) -> None:
    check_ids(demo_event, state, "ceria", "pemprov", "analisis")
    for ids, key in (
        (("nobody",), "action.unknown_group"),
        (("ceria", "nobody"), "action.unknown_juror"),
        (("ceria", "pemprov", "nothing"), "action.unknown_criterion"),
    ):
        with refused(key):
            check_ids(demo_event, state, *ids)
    with refused("action.unknown_juror"):  # the PIN verbs check through the same function
        stations.clear_pin_wait(demo_event, state, "nobody")


def test_a_score_is_read_once_and_the_record_holds_that_reading(demo_event, state) -> None:
    score = parse_score(" 85,50 ", demo_event)
    assert score == Score(score.number, "85.5") and score.hundredths == 8550
    decided = scorebook.set_score(demo_event, state, "ceria", "pemprov", "analisis", score)
    assert decided == [(Kind.SCORE_SET, {"group": "ceria", "juror": "pemprov", "criterion": "analisis", "value": "85.5"})]
    assert scorebook.set_score(demo_event, state, "ceria", "pemprov", "analisis", "85,5") == decided  # text: read here
    apply(demo_event, state, decided, T0)
    assert state.sheets[("ceria", "pemprov")]["analisis"] == score.hundredths
    with refused("action.score_out_of_range"):  # a reading the event does not accept is refused
        scorebook.set_score(demo_event, state, "ceria", "pemprov", "solusi", Score(score.number * 2, "171"))
    with refused("action.score_decimals"):
        parse_score("85.555", demo_event)
    assert scorebook.set_score(demo_event, state, "ceria", "pemprov", "solusi", None) == []  # nothing to clear


def test_a_locked_or_recused_sheet_refuses_scores(demo_event, state) -> None:
    for criterion in demo_event.criterion_ids:
        apply(demo_event, state, scorebook.set_score(demo_event, state, "ceria", "pemprov", criterion, "80"), T0)
    apply(demo_event, state, scorebook.lock_sheet(demo_event, state, "ceria", "pemprov"), T0)
    with refused("action.sheet_locked"):
        scorebook.set_score(demo_event, state, "ceria", "pemprov", "analisis", "81")
    with refused("action.sheet_incomplete"):
        scorebook.lock_sheet(demo_event, state, "ceria", "swasta")
    apply(demo_event, state, recusal.recuse(demo_event, state, "melati", "swasta", "kin"), T0)
    with refused("recusal.sheet_recused"):
        scorebook.set_score(demo_event, state, "melati", "swasta", "analisis", "81")
    with refused("recusal.already"):
        recusal.recuse(demo_event, state, "melati", "swasta", "kin")
    assert recusal.withdraw_recusal(demo_event, state, "melati", "swasta", "a mistake")[0][0] == Kind.RECUSAL_WITHDRAWN


def test_an_import_is_all_or_nothing_and_answers_what_it_stores(demo_event, state) -> None:
    rows = [ScoreRow("melati", "pemprov", c, "70", f"nilai.csv:{n}") for n, c in enumerate(demo_event.criterion_ids, 2)]
    decided = scorebook.import_scores(demo_event, state, rows)
    assert decided.result == (6, 1) and decided.records[-1] == (Kind.SHEET_LOCKED, {"group": "melati", "juror": "pemprov", "source": "import"})
    with pytest.raises(GelarError) as info:
        scorebook.import_scores(demo_event, state, [*rows, ScoreRow("melati", "nobody", "analisis", "x", "nilai.csv:9")], [Problem("nilai.csv:1", "error.sheet_fields", {})])
    assert info.value.key == "error.import_rejected" and info.value.params["count"] == 2


def test_a_station_may_write_only_its_own_jurors_sheet_once_opened() -> None:
    score = [(Kind.SCORE_SET, {"group": "ceria", "juror": "pemprov", "criterion": "analisis", "value": "80"})]
    stations.check_rights("console", False, score + [(Kind.SLOT_STARTED, {"group": "ceria"})])
    with refused("station.not_open"):
        stations.check_rights("jury:pemprov", False, score)
    stations.check_rights("jury:pemprov", True, score)
    with refused("station.other_juror"):
        stations.check_rights("jury:swasta", True, score)
    with refused("station.moderator_only"):
        stations.check_rights("jury:pemprov", True, [(Kind.SLOT_STARTED, {"group": "ceria"})])


def test_a_wrong_pin_is_a_record_and_the_fifth_makes_the_address_wait(demo_event, state) -> None:
    decided = stations.issue_pins(demo_event, state)
    apply(demo_event, state, decided, T0)
    right = decided.result["pemprov"]
    wrong = "000000" if right != "000000" else "111111"
    for attempt in range(1, 6):
        tried = stations.open_station(demo_event, state, T0 + attempt, "pemprov", "10.0.0.9", wrong)
        assert tried.result == attempt and tried.records[0][0] == Kind.PIN_FAILED
        apply(demo_event, state, tried, T0 + attempt)
    assert stations.pin_wait(state, "pemprov", "10.0.0.9", T0 + 6) > 0
    with refused("station.wait"):
        stations.open_station(demo_event, state, T0 + 6, "pemprov", "10.0.0.9", right)
    assert stations.open_station(demo_event, state, T0 + 6, "pemprov", "10.0.0.10", right).result == 0  # another address


def test_the_hall_the_alerts_the_rundown_and_withdrawals_decide_without_a_journal(demo_event, state) -> None:
    assert hall.show_on_display(state, "scoreboard") == [(Kind.DISPLAY_SHOWN, {"view": "scoreboard"})]
    with refused("display.unknown_view"):
        hall.show_on_display(state, "[bold]x")
    assert hall.reveal_results(state, False) == []  # not revealed yet: nothing to write
    alert = alerts.Alert("ceria", {"stage": 1}, alerts.Cue.FIRST, 600.0, 600)
    assert alerts.record_alert(state, alert) == []  # the slot has not started
    with refused("rundown.no_break_due"):
        rundown.start_break(demo_event, state)
    apply(demo_event, state, withdrawal.withdraw(demo_event, state, "ceria", "did not come"), T0)
    assert state.current == "melati" and state.slots["ceria"].withdrawn == "did not come"
    with refused("withdraw.already"):
        withdrawal.withdraw(demo_event, state, "ceria", "again")
    apply(demo_event, state, slots.start(demo_event, state, T0 + 1), T0 + 1)
    written = apply(demo_event, state, alerts.record_alert(state, alerts.Alert("melati", {"stage": 1}, alerts.Cue.FIRST, 600.0, 600)), T0 + 1200)
    assert written and alerts.record_alert(state, alerts.Alert("melati", {"stage": 1}, alerts.Cue.FIRST, 599.0, 600)) == []


def test_a_spilled_record_is_checked_against_the_event_and_state_alone(demo_event, state) -> None:
    from gelar_tui.day.eventrecord import event_record
    from gelar_tui.day.spillcheck import check_record

    record = event_record(demo_event)
    score = {"group": "ceria", "juror": "pemprov", "criterion": "analisis", "value": "85.5"}
    check_record(demo_event, state, record, Kind.SCORE_SET, score)
    with refused("trust.spill_value"):  # not the text the console writes ("85.50")
        check_record(demo_event, state, record, Kind.SCORE_SET, {**score, "value": "85.50"})
    with refused("action.unknown_juror"):
        check_record(demo_event, state, record, Kind.SCORE_SET, {**score, "juror": "[bold]x"})
    apply(demo_event, state, recusal.recuse(demo_event, state, "ceria", "pemprov", "kin"), T0)
    with refused("recusal.sheet_recused"):
        check_record(demo_event, state, record, Kind.SCORE_SET, score)
    check_record(demo_event, state, record, Kind.EVENT_FILE, record)

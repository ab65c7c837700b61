"""The day's actions and the slot clock, as the console sees them through Day."""

from __future__ import annotations

from contextlib import contextmanager

import pytest

from gelar_tui.journal.clock import FakeClock
from gelar_tui.day.facade import Day, ScoreRow
from gelar_tui.errors import GelarError, Problem
from gelar_tui.event.model import Event
from gelar_tui.event.eventfile import parse_event
from gelar_tui.day.state import GroupStatus
from gelar_tui.day.timing import Phase, Stage
from gelar_tui.scoring.day_results import results_of

GROUPS = ["ceria", "melati", "berlian", "cp-joss"]
CRITERIA = ["analisis", "solusi", "inovasi", "manfaat", "presentasi", "kerjasama"]


def short_event(overtime: str = "count", slot: str = "2m") -> Event:
    """Three groups g1..g3 with two-minute slots, one juror, one criterion."""
    return parse_event(
        '[event]\ntitle = "Latihan"\norganizer = "P"\nvenue = "B"\ndate = 2016-08-16\n'
        f'[timing]\nslot = "{slot}"\nalerts = ["30s"]\novertime = "{overtime}"\n'
        '[[criteria]]\nid = "a"\nname = "A"\nweight = 1\n[[jurors]]\nid = "j1"\nname = "J"\n'
        + "".join(f'[[groups]]\nid = "g{i}"\nname = "KBK {i}"\nagency = "D"\n' for i in (1, 2, 3))
    )


@pytest.fixture
def other_day(tmp_path, clock):
    """Opens a Day of *event* on a journal of its own in tmp_path."""
    days: list[Day] = []

    def make(event, path=None) -> Day:
        days.append(Day.open(event, path or tmp_path / f"other{len(days)}.gelar-journal", clock=clock))
        return days[-1]

    yield make
    for day in days:
        day.close()


@contextmanager
def refused(key: str):
    """The action is refused with this message key."""
    with pytest.raises(GelarError) as info:
        yield
    assert info.value.key == key


def count(day: Day) -> int:
    return len(day.journal.records())


def present(day: Day, clock: FakeClock, seconds: float = 100) -> str | None:
    day.start()
    clock.advance(seconds)
    return day.next_group()


# -- the slot clock -------------------------------------------------------------


def test_remaining_is_slot_plus_extensions_minus_time_run_without_pauses(day, clock) -> None:
    assert day.slot().phase == Phase.READY and day.slot().remaining == 1800
    day.start()
    clock.advance(100)
    assert (day.slot().phase, day.slot().remaining) == (Phase.RUNNING, 1700)
    day.pause()
    clock.advance(500)  # a pause does not eat the group's time
    assert (day.slot().phase, day.slot().remaining, day.slot().shown) == (Phase.PAUSED, 1700, "28:20")
    day.resume()
    clock.advance(30)
    day.extend(60)
    assert day.slot().remaining == 1800 + 60 - 130
    assert day.slot().time_run == 130


def test_the_face_counts_down_whole_seconds_and_shows_zero_exactly_at_zero(day, clock) -> None:
    day.start()
    clock.advance(0.5)
    assert day.slot().shown == "30:00"  # rounded up, so that 00:00 means the time is up
    clock.advance(0.5)
    assert day.slot().shown == "29:59"
    clock.advance(1798.5)
    assert (day.slot().shown, day.slot().phase) == ("00:01", Phase.RUNNING)
    clock.advance(0.5)
    view = day.slot()
    assert (view.shown, view.overtime, view.stage) == ("00:00", 0, Stage.OVER)
    clock.advance(1)
    view = day.slot()
    assert (view.shown, view.phase, view.overtime) == ("+00:01", Phase.OVERTIME, 1)
    clock.advance(61)
    assert (day.slot().shown, day.slot().overtime) == ("+01:02", 62)


@pytest.mark.parametrize(
    ("elapsed", "stage"),
    [(0, Stage.NORMAL), (1199, Stage.NORMAL), (1200, Stage.ALERT), (1500, Stage.ALERT), (1739.5, Stage.ALERT),
     (1740, Stage.LAST), (1799.9, Stage.LAST), (1800.5, Stage.OVER)],
)
def test_alert_stages_follow_the_remaining_time(day, clock, elapsed, stage) -> None:
    day.start()
    clock.advance(elapsed)
    assert day.slot().stage == stage


def test_alerts_reached_counts_each_alert_passed(day, clock) -> None:
    day.start()
    reached = []
    for elapsed in (1199, 1200, 1500, 1740):
        clock.time = day.state.slots["ceria"].started_at + elapsed
        reached.append(day.slot().alerts_reached)
    assert reached == [0, 1, 2, 3]


def test_overtime_stop_ends_the_slot_at_zero(other_day, clock) -> None:
    day = other_day(short_event(overtime="stop"))
    day.start()
    clock.advance(150)
    view = day.slot()
    assert (view.phase, view.shown, view.remaining, view.overtime) == (Phase.DONE, "00:00", 0, 0)
    with refused("action.slot_ended"):
        day.resume()
    with refused("action.not_running"):
        day.pause()
    day.next_group()
    done = day.slot("g1")
    assert (done.phase, done.time_run, done.overtime) == (Phase.DONE, 120, 0)
    assert {e.group: e.overtime for e in results_of(day).entries}["g1"] == 0


def test_a_slot_that_stopped_at_zero_cannot_be_extended(other_day, clock) -> None:
    day = other_day(short_event(overtime="stop"))
    day.start()
    clock.advance(150)  # stopped at zero 30 s ago: the clock must not have counted on behind the face
    with refused("action.slot_ended"):
        day.extend(60)
    view = day.slot()
    assert (view.phase, view.remaining, view.extension) == (Phase.DONE, 0, 0)


def test_extend_adds_and_takes_time_but_never_below_a_minute(other_day, clock) -> None:
    day = other_day(short_event())
    day.extend(60)
    assert day.slot().remaining == 180
    day.extend(-60)
    day.extend(-60)
    assert day.slot().length == 60
    with refused("action.too_short"):
        day.extend(-60)
    assert day.slot().length == 60
    present(day, clock, 30)
    day.previous_group()
    with refused("action.slot_finished"):
        day.extend(60)


def test_restart_resets_the_slot(day, clock) -> None:
    day.start()
    clock.advance(100)
    day.extend(120)
    day.restart()
    view = day.slot()
    assert (view.phase, view.remaining, view.extension, view.time_run) == (Phase.READY, 1800, 0, 0)
    with refused("action.not_running"):
        day.pause()
    day.start()  # it can start again
    assert day.slot().phase == Phase.RUNNING


def test_until_next_change_is_the_time_to_the_next_second_flip(day, clock) -> None:
    assert day.slot().until_next_change() is None  # ready: nothing moves
    day.start()
    clock.advance(0.25)
    assert day.slot().until_next_change() == pytest.approx(0.75)
    clock.advance(0.75)
    assert day.slot().until_next_change() == pytest.approx(1)
    clock.advance(1799.5)  # 0.5 s into overtime: +00:01 appears at 1 s over
    assert day.slot().until_next_change() == pytest.approx(0.5)
    day.pause()
    assert day.slot().until_next_change() is None


@pytest.mark.parametrize("elapsed", [0.25, 1, 599.5, 1799.5, 1800.5, 1801, 1861.75])
def test_the_face_holds_until_next_change_and_then_flips(day, clock, elapsed) -> None:
    day.start()
    start = clock.time
    clock.time = start + elapsed
    face, wait = day.slot().shown, day.slot().until_next_change()
    clock.time = start + elapsed + wait - 0.001
    assert day.slot().shown == face
    clock.time = start + elapsed + wait
    assert day.slot().shown != face



def test_the_face_holds_until_next_change_at_exactly_zero(day, clock) -> None:
    day.start()
    clock.advance(1800)
    face, wait = day.slot().shown, day.slot().until_next_change()
    clock.advance(wait / 2)
    assert day.slot().shown == face


# -- the running order ----------------------------------------------------------------


def test_next_group_finishes_the_slot_and_calls_the_next(day, clock) -> None:
    assert present(day, clock, 100) == "melati"
    assert day.state.current == "melati"
    finished = day.slot("ceria")
    assert (finished.phase, finished.time_run) == (Phase.DONE, 100)
    clock.advance(1000)  # a finished clock no longer runs
    assert day.slot("ceria").remaining == 1700
    assert day.state.status("ceria") == GroupStatus.DONE


def test_next_group_wraps_round_then_goes_idle(day, clock) -> None:
    assert day.state.order == GROUPS
    day.call("berlian")
    assert present(day, clock) == "cp-joss"
    assert present(day, clock) == "ceria"  # round to the first group still waiting
    assert present(day, clock) == "melati"
    assert present(day, clock) is None
    assert day.slot().phase == Phase.IDLE
    assert day.slot().group is None
    with refused("action.no_current"):
        day.start()


def test_skipped_groups_come_back_after_the_others(day, clock) -> None:
    assert day.skip() == "melati"
    assert day.state.status("ceria") == GroupStatus.SKIPPED
    assert present(day, clock) == "berlian"
    assert present(day, clock) == "cp-joss"
    assert present(day, clock) == "ceria"
    assert present(day, clock) is None


def test_skipping_a_started_slot_restarts_it(day, clock) -> None:
    day.start()
    clock.advance(300)
    assert day.skip() == "melati"
    slot = day.slot("ceria")
    assert (slot.phase, slot.remaining) == (Phase.READY, 1800)
    assert day.state.status("ceria") == GroupStatus.SKIPPED


def test_previous_group_goes_back_and_not_before_the_first(day, clock) -> None:
    present(day, clock, 100)
    assert day.previous_group() == "ceria"
    assert day.slot().phase == Phase.DONE
    day.resume()  # a finished slot can be reopened: its clock goes on
    clock.advance(50)
    assert day.slot().remaining == 1650
    with refused("action.first_group"):
        day.previous_group()
    assert day.next_group() == "melati"
    while day.state.current is not None:
        present(day, clock, 10)
    assert day.previous_group() == "cp-joss"


def test_move_a_waiting_group_but_not_one_that_presented(day, clock) -> None:
    day.move("cp-joss", 0)
    assert day.state.order == ["cp-joss", "ceria", "melati", "berlian"]
    assert day.state.current == "cp-joss"  # nobody started yet: the new first group is called
    day.move("cp-joss", 99)  # KBK CP JOSS is late after all
    assert day.state.order == ["ceria", "melati", "berlian", "cp-joss"]
    assert day.state.current == "ceria"
    present(day, clock)
    day.start()
    day.move("cp-joss", 2)  # a slot under way: moving others does not change who is on stage
    assert day.state.order == ["ceria", "melati", "cp-joss", "berlian"]
    assert day.state.current == "melati"
    with refused("action.already_presented"):
        day.move("ceria", 3)
    assert day.state.order[0] == "ceria"
    with refused("action.unknown_group"):
        day.move("mawar", 0)


def test_call_a_group_finishes_the_current_slot(day, clock) -> None:
    day.start()
    clock.advance(42)
    day.call("berlian")
    assert day.state.current == "berlian"
    assert (day.slot("ceria").phase, day.slot("ceria").time_run) == (Phase.DONE, 42)
    with refused("action.unknown_group"):
        day.call("mawar")


def test_a_second_day_on_the_journal_sees_the_first_after_refresh(day, demo_event, clock, other_day) -> None:
    second = other_day(demo_event, day.journal.path)
    day.start()
    clock.advance(70)
    day.extend(60)
    day.set_score("ceria", "pemprov", "inovasi", "88,25")
    assert second.slot().phase == Phase.READY  # not yet refreshed
    assert len(second.refresh()) == 3
    assert second.slot() == day.slot()
    assert second.state.sheets == {("ceria", "pemprov"): {"inovasi": 8825}}
    assert second.refresh() == []
    second.pause()  # and the first sees the second's actions
    day.refresh()
    assert day.slot().phase == Phase.PAUSED


def test_an_action_catches_up_before_it_checks(day, demo_event, clock, other_day) -> None:
    second = other_day(demo_event, day.journal.path)
    day.start()
    with refused("action.already_started"):
        second.start()  # without a refresh: the action itself reads the journal first
    assert count(day) == 1


def test_refresh_sees_a_record_committed_right_after_our_own_action(day, demo_event, other_day, monkeypatch) -> None:
    station = other_day(demo_event, day.journal.path)
    changed = day.journal.changed
    calls = []

    def another_process_commits_first() -> bool:
        if not calls:  # the jury station commits between our COMMIT and our data_version check
            station.set_score("ceria", "swasta", "inovasi", "77")
        calls.append(1)
        return changed()

    monkeypatch.setattr(day.journal, "changed", another_process_commits_first)
    day.start()
    day.refresh()
    assert day.state.sheets.get(("ceria", "swasta")) == {"inovasi": 7700}


# -- scores ------------------------------------------------------------------------------


def test_set_score_accepts_a_decimal_comma(day) -> None:
    day.set_score("ceria", "pemprov", "analisis", "85,5")
    day.set_score("ceria", "pemprov", "solusi", " 90.25 ")
    assert day.state.sheets[("ceria", "pemprov")] == {"analisis": 8550, "solusi": 9025}
    assert day.journal.records()[0].data["value"] == "85.5"
    day.set_score("ceria", "pemprov", "solusi", None)
    assert day.state.sheets[("ceria", "pemprov")] == {"analisis": 8550}


@pytest.mark.parametrize(
    ("text", "key"),
    [("abc", "action.score_not_number"), ("101", "action.score_out_of_range"), ("-1", "action.score_out_of_range"),
     ("85.555", "action.score_decimals"), ("85,555", "action.score_decimals"), ("", "action.score_empty"),
     ("   ", "action.score_empty"), ("NaN", "action.score_not_number"), ("85,5,5", "action.score_not_number")],
)
def test_set_score_rejects_bad_input_and_stores_nothing(day, text, key) -> None:
    with refused(key):
        day.set_score("ceria", "pemprov", "analisis", text)
    assert count(day) == 0 and day.state.sheets.get(("ceria", "pemprov"), {}) == {}


def test_set_score_rejects_unknown_ids(day) -> None:
    with refused("action.unknown_juror"):
        day.set_score("ceria", "juri-x", "analisis", "80")
    with refused("action.unknown_criterion"):
        day.set_score("ceria", "pemprov", "kreativitas", "80")
    assert count(day) == 0


def test_lock_needs_a_complete_sheet_and_then_refuses_changes(day) -> None:
    for criterion in CRITERIA[:-1]:
        day.set_score("ceria", "swasta", criterion, "80")
    with refused("action.sheet_incomplete"):
        day.lock_sheet("ceria", "swasta")
    day.set_score("ceria", "swasta", "kerjasama", "75")
    day.lock_sheet("ceria", "swasta")
    assert ("ceria", "swasta") in day.state.locked
    with refused("action.sheet_locked"):
        day.set_score("ceria", "swasta", "inovasi", "100")
    with refused("action.sheet_locked"):
        day.set_score("ceria", "swasta", "inovasi", None)
    assert day.state.sheets[("ceria", "swasta")]["inovasi"] == 8000


def test_unlock_needs_a_reason(day) -> None:
    for criterion in CRITERIA:
        day.set_score("melati", "pemprov", criterion, "70")
    day.lock_sheet("melati", "pemprov")
    for reason in ("", "   "):
        with refused("action.reason_needed"):
            day.unlock_sheet("melati", "pemprov", reason)
    assert ("melati", "pemprov") in day.state.locked
    day.unlock_sheet("melati", "pemprov", " salah ketik ")
    assert day.journal.records()[-1].data["reason"] == "salah ketik"
    day.set_score("melati", "pemprov", "inovasi", "71")
    assert day.state.sheets[("melati", "pemprov")]["inovasi"] == 7100


def test_import_stores_everything_and_locks_complete_sheets(day) -> None:
    rows = [ScoreRow("ceria", "pemprov", c, "80,5", f"nilai.csv:{n}") for n, c in enumerate(CRITERIA, start=2)]
    rows.append(ScoreRow("melati", "swasta", "inovasi", "90", "nilai.csv:8"))
    assert day.import_scores(rows) == (7, 1)
    assert day.state.locked == {("ceria", "pemprov")}
    assert day.state.sheets[("melati", "swasta")] == {"inovasi": 9000}


def test_import_is_all_or_nothing(day) -> None:
    rows = [ScoreRow("ceria", "pemprov", c, "80", f"nilai.csv:{n}") for n, c in enumerate(CRITERIA, start=2)]
    rows[3] = ScoreRow("ceria", "pemprov", "manfaat", "lapan puluh", "nilai.csv:5")
    rows.append(ScoreRow("mawar", "pemprov", "inovasi", "80", "nilai.csv:8"))
    with pytest.raises(GelarError) as info:
        day.import_scores(rows)
    assert info.value.key == "error.import_rejected"
    assert [p.where for p in info.value.problems] == ["nilai.csv:5", "nilai.csv:8"]
    assert count(day) == 0 and day.state.sheets == {}
    with refused("error.import_rejected"):  # a problem found while reading the file is enough
        day.import_scores(rows[:3], [Problem("nilai.csv:9", "error.sheet_fields", {})])
    assert count(day) == 0


def test_import_refuses_a_locked_sheet(day) -> None:
    for criterion in CRITERIA:
        day.set_score("ceria", "swasta", criterion, "60")
    day.lock_sheet("ceria", "swasta")
    before = count(day)
    with refused("error.import_rejected"):
        day.import_scores([ScoreRow("berlian", "swasta", "inovasi", "70", "x.csv:2"),
                           ScoreRow("ceria", "swasta", "inovasi", "70", "x.csv:3")])
    assert count(day) == before and ("berlian", "swasta") not in day.state.sheets


def test_overtimes_kept_for_stopped_slots_match_a_fresh_reading(demo_event, tmp_path) -> None:
    from gelar_tui.journal.clock import FakeClock
    from gelar_tui.day.timing import view_slot

    clock = FakeClock()
    day = Day.open(demo_event, tmp_path / "ot.gelar-journal", clock)
    first = day.state.current
    day.start()
    clock.advance(31 * 60 + 5)
    day.next_group()  # the first finishes 1:05 over; the next is called
    day.start()
    for seconds in (10, 600, 1300, 200):
        clock.advance(seconds)
        fresh = {g: view_slot(day.event, day.state, g, day.now()).penalised_overtime for g in day.state.order}
        assert day.overtimes() == fresh
    assert day.overtimes()[first] == 65
    day.previous_group()  # back to the first, whose slot resumes its overtime on its own record
    day.resume()
    clock.advance(30)
    assert day.overtimes()[first] == 95
    day.close()

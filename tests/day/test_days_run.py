"""The day being run of an event over several days: its running order, a group moved, a day closed (issue 21)."""

from __future__ import annotations

import pytest

from gelar_tui.errors import GelarError
from gelar_tui.event.eventfile import bundled_event_path, parse_event
from gelar_tui.i18n import Messages
from gelar_tui.journal.clock import FakeClock
from tests.support.console import open_day

EN = Messages("en")

THREE_DAYS = """
[[days]]
date = 2016-08-16
start = "08:00"
end = "10:00"
groups = ["melati", "ceria"]

[[days]]
date = 2016-08-17
start = "09:00"
end = "10:00"
groups = ["berlian"]

[[days]]
date = 2016-08-18
start = "13:00"
groups = ["cp-joss"]

[[breaks]]
after = "melati"
name = "Ishoma"
length = "45m"

[[breaks]]
after = "berlian"
name = "Kopi"
length = "15m"
"""


def three_days(open_scores: bool = False):
    source = bundled_event_path().read_text("utf-8")
    if open_scores:
        source = source.replace("[scoring]\n", "[scoring]\nscores_open_across_days = true\n", 1)
    return parse_event(source + THREE_DAYS, "lomba.toml")


def refusal(action) -> str:
    with pytest.raises(GelarError) as info:
        action()
    return info.value.render(EN)


@pytest.fixture
def day(tmp_path):
    day = open_day(three_days(), tmp_path / "j.gelar-journal", FakeClock())
    yield day
    day.close()


def test_the_day_opened_runs_its_own_order_and_next_calls_no_other_days_group(day):
    assert day.open_day(1) == []
    assert day.running_order() == ["melati", "ceria"] and day.state.current == "melati"
    day.start()
    assert day.next_group() == "ceria"
    day.start()
    assert day.next_group() is None  # the day's last group: berlian is tomorrow's
    assert day.previous_group() == "ceria"


def test_opening_a_later_day_calls_its_first_group_and_closes_the_days_before(day):
    assert day.open_day(3) == [1, 2]
    assert day.running_order() == ["cp-joss"] and day.state.current == "cp-joss"
    assert day.state.closed_days == {1, 2}
    assert day.open_day(3) == []  # nothing more to close, nothing written
    assert refusal(lambda: day.open_day(4)) == "the event has no day 4: it has 3 day(s): 1 (2016-08-16), 2 (2016-08-17), 3 (2016-08-18)"


def test_every_view_replaying_the_journal_follows_the_day_opened(day, tmp_path):
    day.open_day(2)
    other = open_day(day.event, day.journal.path, FakeClock(), origin="display")
    try:
        assert other.state.day == 2 and other.running_order() == ["berlian"] and other.state.current == "berlian"
    finally:
        other.close()


def test_the_schedule_is_the_days_own_with_its_breaks_start_and_end(day):
    day.open_day(1)
    schedule = day.schedule()
    assert [item.item for item in schedule.items] == ["melati", "Ishoma", "ceria"]
    first = schedule.local(schedule.items[0].planned_start)
    assert (first.hour, first.minute) == (8, 0)
    deadline = schedule.local(schedule.deadline)
    assert (deadline.hour, deadline.minute) == (10, 0)
    day.open_day(2)
    schedule = day.schedule()
    assert [item.item for item in schedule.items] == ["berlian", "Kopi"]
    assert schedule.local(schedule.items[0].planned_start).hour == 9


def test_a_break_of_another_day_is_never_due(day):
    day.open_day(2)
    assert day.due_break() is None  # Ishoma follows melati, on day 1
    day.start()
    day.next_group()
    assert day.due_break().name == "Kopi"


def test_a_group_moved_goes_last_of_its_new_day_and_every_view_sees_it(day):
    day.open_day(1)
    day.move_to_day("melati", 2)
    assert day.running_order() == ["ceria"] and day.state.current == "ceria"  # it was called: the next one is
    day.open_day(2)
    assert day.running_order() == ["berlian", "melati"]
    again = open_day(day.event, day.journal.path, FakeClock(), origin="display")
    try:
        assert again.state.group_day["melati"] == 2 and again.running_order() == ["berlian", "melati"]
    finally:
        again.close()


def test_moving_is_refused_once_presented_on_its_day_already_or_onto_a_closed_day(day):
    day.open_day(1)
    day.start()
    assert refusal(lambda: day.move_to_day("melati", 2)) == "'KBK Melati' has started presenting: it cannot move to another day"
    assert refusal(lambda: day.move_to_day("ceria", 1)) == "'KBK Ceria' is already on day 1"
    assert "no day 7" in refusal(lambda: day.move_to_day("ceria", 7))
    assert "unknown group 'nope'" in refusal(lambda: day.move_to_day("nope", 2))
    day.close_day(2)
    assert refusal(lambda: day.move_to_day("ceria", 2)) == "day 2 is closed: 'KBK Ceria' cannot move to it"
    assert day.state.group_day["ceria"] == 1


def test_closing_a_day_locks_its_scores_everywhere_with_the_day_named(day):
    day.open_day(1)
    day.set_score("ceria", "pemprov", "analisis", "80")
    day.start()
    assert refusal(lambda: day.close_day(1)) == "'KBK Melati' of day 1 is presenting: finish the slot before closing the day"
    day.pause()
    assert day.close_day(1) is True and day.close_day(1) is False
    locked = "the scores of 'KBK Ceria' are locked: day 1 (2016-08-16) is closed"
    assert refusal(lambda: day.set_score("ceria", "pemprov", "analisis", "90")).startswith(locked)
    assert refusal(lambda: day.unlock_sheet("ceria", "pemprov", "typo")).startswith(locked)
    from gelar_tui.day.scorebook import ScoreRow

    message = refusal(lambda: day.import_scores([ScoreRow("ceria", "pemprov", "analisis", "91", "nilai.csv:2")]))
    assert "nilai.csv:2" in message and "day 1 (2016-08-16) is closed" in message
    assert day.state.sheets[("ceria", "pemprov")] == {"analisis": 8000}
    day.set_score("berlian", "pemprov", "analisis", "70")  # day 2 is open
    assert refusal(lambda: day.move_to_day("ceria", 3)) == "'KBK Ceria' has scores locked by the close of day 1: it cannot move"


def test_scores_open_across_days_keeps_a_closed_days_scores_open(tmp_path):
    day = open_day(three_days(open_scores=True), tmp_path / "j.gelar-journal", FakeClock())
    try:
        day.open_day(2)
        assert day.state.closed_days == {1}
        day.set_score("ceria", "pemprov", "analisis", "90")
        assert day.state.sheets[("ceria", "pemprov")] == {"analisis": 9000}
    finally:
        day.close()


def test_an_event_without_days_runs_every_group_as_before(tmp_path):
    event = parse_event(bundled_event_path().read_text("utf-8"), "demo.toml")
    day = open_day(event, tmp_path / "j.gelar-journal", FakeClock())
    try:
        assert day.running_order() == event.group_ids == day.state.order
        day.start()
        assert day.next_group() == "melati"
    finally:
        day.close()


def test_a_spill_holding_a_day_opened_a_group_moved_and_a_day_closed_is_taken_back_and_checked(tmp_path):
    event = three_days()
    day = open_day(event, tmp_path / "j.gelar-journal", FakeClock())
    day.set_score("ceria", "pemprov", "analisis", "80")
    db = day.journal._db
    db.execute(f"PRAGMA max_page_count = {db.execute('PRAGMA page_count').fetchone()[0]}")  # the disk is full
    while not day.unsaved:
        day.set_score("berlian", "pemprov", "solusi", "70")
        day.set_score("berlian", "pemprov", "solusi", "71")
    day.open_day(2)
    day.move_to_day("cp-joss", 2)
    day.close_day(1)
    assert {item.kind for item in day.unsaved} >= {"day_opened", "group_moved", "day_closed"}
    spilled = day.spill()
    day.journal.close()
    other = open_day(event, tmp_path / "j.gelar-journal", FakeClock())
    try:
        assert other.take_back_spill(spilled) >= 3
        assert (other.state.day, other.state.group_day["cp-joss"], other.state.closed_days) == (2, 2, {1})
        assert "locked" in refusal(lambda: other.set_score("ceria", "pemprov", "analisis", "81"))
    finally:
        other.close()


def test_a_spilled_score_on_a_closed_day_is_refused_like_the_action(tmp_path):
    from gelar_tui.day.spillcheck import check_record

    day = open_day(three_days(), tmp_path / "j.gelar-journal", FakeClock())
    try:
        day.close_day(1)
        score = {"group": "ceria", "juror": "pemprov", "criterion": "analisis", "value": "80"}
        message = refusal(lambda: check_record(day.event, day.state, day.event_record, "score_set", score))
        assert "day 1 (2016-08-16) is closed" in message
        assert "9" in refusal(lambda: check_record(day.event, day.state, day.event_record, "group_moved", {"group": "ceria", "day": 9}))
        assert "already on day 1" in refusal(lambda: check_record(day.event, day.state, day.event_record, "group_moved", {"group": "ceria", "day": 1}))
    finally:
        day.close()


def test_calling_a_group_of_another_day_is_refused_until_it_is_moved(day):
    day.open_day(1)
    message = refusal(lambda: day.call("cp-joss"))
    assert message == "'KBK CP JOSS' is on day 3, not on day 1 being run: move it to this day first (h in the running order)"
    day.move_to_day("cp-joss", 1)
    day.call("cp-joss")
    assert day.state.current == "cp-joss" and day.running_order() == ["melati", "ceria", "cp-joss"]


def test_a_journal_with_day_records_the_event_no_longer_has_replays_without_them(day, tmp_path):
    day.open_day(3)
    day.move_to_day("ceria", 3)
    one_day = parse_event(bundled_event_path().read_text("utf-8"), "demo.toml")  # the days taken out of the file
    again = open_day(one_day, day.journal.path, FakeClock(), origin="display")
    try:
        assert again.state.day is None and again.running_order() == again.state.order  # day 3 is not a day of it
        assert again.state.ignored >= 2
    finally:
        again.close()


def test_a_break_stays_on_its_day_when_the_group_it_follows_moves_away(day):
    day.open_day(1)
    day.move_to_day("melati", 2)  # Ishoma followed melati on day 1
    assert [item.item for item in day.schedule().items] == ["ceria", "Ishoma"]  # the day keeps its lunch
    day.open_day(2)
    assert [item.item for item in day.schedule().items] == ["berlian", "Kopi", "melati"]  # melati brings no break

"""The day's rundown without a screen: segments, breaks, the schedule, the command line (issue 14).

The FakeClock starts at 11:00 in Jakarta; the rundown event plans its start at 10:30,
each group 30 minutes (Paparan 20m, then Tanya jawab 10m), 2 minutes of changeover
between groups, and a 45-minute Ishoma after the second group.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.support.console import fixed_timezone, status
from gelar_tui.journal.clock import FakeClock
from gelar_tui.day.facade import Day
from gelar_tui.errors import GelarError
from gelar_tui.event.eventfile import parse_event
from gelar_tui.day.rundown import break_text, delay_text
from gelar_tui.i18n import Messages
from gelar_tui.day.timing import Phase, Stage
from tests.support.rundown import CHANGEOVER, ISHOMA, PAPARAN, TANYA, rundown_event, rundown_source

MIN = 60


@pytest.fixture(autouse=True)
def jakarta():
    with fixed_timezone("Asia/Jakarta"):
        yield


def open_rundown(tmp_path: Path, clock: FakeClock, **kwargs) -> Day:
    return Day.open(rundown_event(**kwargs), tmp_path / "rundown.gelar-journal", clock=clock)


def kinds(day: Day) -> list[str]:
    return [str(record.kind) for record in day.journal.records()]


def hhmm(schedule, moment) -> str | None:
    local = schedule.local(moment)
    return None if local is None else local.strftime("%H:%M")


# -- segments ---------------------------------------------------------------------


def test_segments_advance_by_themselves_with_their_own_alerts_and_every_change_is_journaled(tmp_path, clock) -> None:
    day = open_rundown(tmp_path, clock)
    day.start()
    view = day.slot()
    assert (view.segment_name, view.shown, view.stage) == ("Paparan", "20:00", Stage.NORMAL)
    clock.advance(PAPARAN - 5 * MIN)
    assert day.slot().stage == Stage.ALERT and day.slot().alert == 5 * MIN
    clock.advance(4 * MIN)
    assert day.slot().stage == Stage.LAST and day.slot().shown == "01:00"
    clock.advance(MIN + 7)  # past the end of Paparan: Tanya jawab has begun, with its own clock and no alert yet
    view = day.slot()
    assert (view.segment_name, view.shown, view.stage, view.phase) == ("Tanya jawab", "09:53", Stage.NORMAL, Phase.RUNNING)
    assert view.slot_time_run == PAPARAN + 7 and view.alerts_reached == 0
    assert day.segments_due() and day.sync_segments()
    record = day.journal.records()[-1]
    assert record.kind == "segment_started" and record.data == {"group": "ceria", "segment": 1, "run": float(PAPARAN)}
    assert not day.segments_due() and not day.sync_segments()
    clock.advance(TANYA - 7 - 2 * MIN)
    assert day.slot().stage == Stage.LAST  # its one alert, at 2m, is its last
    clock.advance(2 * MIN + 30)
    view = day.slot()
    assert view.segment_name == "Tanya jawab" and view.shown == "+00:30" and view.stage == Stage.OVER


def test_manual_advance_counts_overtime_until_the_moderator_starts_the_next_segment(tmp_path, clock) -> None:
    day = open_rundown(tmp_path, clock, advance="manual")
    day.start()
    clock.advance(PAPARAN + 95)
    view = day.slot()
    assert (view.segment_name, view.shown, view.phase, view.stage) == ("Paparan", "+01:35", Phase.OVERTIME, Stage.OVER)
    assert not day.segments_due()
    assert day.next_segment() == "Tanya jawab"
    assert kinds(day) == ["slot_started", "segment_started"]
    clock.advance(60)
    view = day.slot()
    assert (view.segment_name, view.shown, view.segment, view.segments) == ("Tanya jawab", "09:00", 1, 2)
    with pytest.raises(GelarError) as refused:
        day.next_segment()
    assert refused.value.key == "rundown.last_segment"


def test_penalty_comes_only_from_penalised_segments(tmp_path, clock) -> None:
    day = open_rundown(tmp_path, clock, advance="manual")
    day.start()
    clock.advance(PAPARAN + 90)  # Paparan (penalised by default, being first) over by 1:30
    day.next_segment()
    clock.advance(TANYA + 120)  # Tanya jawab (no penalty) over by 2:00
    view = day.slot()
    assert view.slot_overtime == 210 and view.penalised_overtime == 90
    assert day.overtimes()["ceria"] == 90
    assert status(day)["groups"][0]["overtime_s"] == 210


def test_an_extension_goes_to_the_segment_on_stage(tmp_path, clock) -> None:
    day = open_rundown(tmp_path, clock)
    day.start()
    clock.advance(PAPARAN - 30)
    day.extend(60)
    clock.advance(60)
    view = day.slot()
    assert (view.segment_name, view.shown, view.length, view.slot_length) == ("Paparan", "00:30", PAPARAN + 60, PAPARAN + TANYA + 60)
    assert day.journal.records()[-1].data == {"group": "ceria", "seconds": 60, "segment": 0}


def test_with_overtime_stop_every_segment_ends_at_zero(tmp_path, clock) -> None:
    day = open_rundown(tmp_path, clock, advance="manual", overtime="stop")
    day.start()
    clock.advance(PAPARAN + 30)
    assert day.slot().segment_name == "Tanya jawab" and day.slot().shown == "09:30"
    clock.advance(TANYA)
    view = day.slot()
    assert view.phase == Phase.DONE and view.slot_time_run == PAPARAN + TANYA and view.slot_overtime == 0


def test_a_restarted_console_resumes_the_second_segment(tmp_path, clock) -> None:
    day = open_rundown(tmp_path, clock, advance="manual")
    day.start()
    clock.advance(PAPARAN + 20)
    day.next_segment()
    clock.advance(3 * MIN)
    day.close()
    clock.advance(40)  # the laptop restarts the program; the clock runs on
    again = open_rundown(tmp_path, clock, advance="manual")
    view = again.slot()
    assert (view.segment_name, view.shown, view.phase) == ("Tanya jawab", "06:20", Phase.RUNNING)
    assert view.penalised_overtime == 20
    again.close()


# -- breaks ----------------------------------------------------------------------------


def test_a_break_is_started_like_a_slot_and_shows_when_the_hall_is_back(tmp_path, clock) -> None:
    day = open_rundown(tmp_path, clock)
    t = Messages("en")
    with pytest.raises(GelarError) as refused:
        day.start_break()
    assert refused.value.key == "rundown.no_break_due"
    for _ in range(2):  # ceria, then melati present
        day.start()
        clock.advance(PAPARAN + TANYA)
        day.next_group()
    assert day.state.current == "berlian" and day.due_break().name == "Ishoma"
    assert day.start_break() == "Ishoma"
    clock.advance(5 * MIN)
    view = day.break_view()
    assert view.shown == "40:00" and break_text(view, t) == "Ishoma · back at 12:45"
    with pytest.raises(GelarError):
        day.start_break()
    clock.advance(ISHOMA - 5 * MIN + 61)
    assert day.break_view().shown == "+01:01"
    day.start()  # berlian on stage: the break is over
    assert kinds(day)[-2:] == ["break_finished", "slot_started"] and day.break_view() is None
    assert day.state.breaks["Ishoma"].finished_at is not None


def test_a_break_cannot_start_while_a_group_presents(tmp_path, clock) -> None:
    day = open_rundown(tmp_path, clock)
    day.start()
    clock.advance(PAPARAN + TANYA)
    day.next_group()
    day.start()
    clock.advance(MIN)
    with pytest.raises(GelarError) as refused:
        day.start_break()
    assert refused.value.key == "rundown.slot_under_way"


# -- the schedule ---------------------------------------------------------------------------


def test_a_late_start_an_overrun_and_a_skipped_group_move_the_expected_times(tmp_path, clock) -> None:
    day = open_rundown(tmp_path, clock)
    t = Messages("en")
    schedule = day.schedule()
    assert [hhmm(schedule, i.planned_start) for i in schedule.items] == ["10:30", "11:02", "11:32", "12:17", "12:49"]
    assert schedule.delay == 30 * MIN  # 11:00 and nobody has started
    assert delay_text(schedule, t) == "30 min late · ends 13:49" and schedule.late_end
    day.start()
    clock.advance(PAPARAN + TANYA + 3 * MIN)  # ceria overruns by 3 minutes
    day.next_group()
    schedule = day.schedule()
    assert [hhmm(schedule, i.expected_start) for i in schedule.items] == ["11:00", "11:35", "12:05", "12:50", "13:22"]
    assert [hhmm(schedule, i.actual_end) for i in schedule.items][:1] == ["11:33"]
    assert schedule.delay == 33 * MIN and delay_text(schedule, t) == "33 min late · ends 13:52"
    day.skip()  # melati is not ready: the break after her is due now, and she is expected back last
    schedule = day.schedule()
    items = {i.item: i for i in schedule.items}
    assert [hhmm(schedule, items[name].expected_start) for name in ("Ishoma", "berlian", "cp-joss", "melati")] == [
        "11:33", "12:18", "12:50", "13:22"
    ]
    assert schedule.delay == MIN and delay_text(schedule, t) == "1 min late · ends 13:52"


def test_a_withdrawn_group_takes_no_time_of_the_days_schedule(tmp_path, clock) -> None:
    day = open_rundown(tmp_path, clock)
    before = day.schedule()
    day.withdraw("melati", "the bus broke down")  # second in the running order, before the break
    schedule = day.schedule()
    items, earlier = {i.item: i for i in schedule.items}, {i.item: i for i in before.items}
    assert items["melati"].expected_start is None
    slot = PAPARAN + TANYA + CHANGEOVER  # her slot and the changeover before it
    assert before.expected_end - schedule.expected_end == slot
    assert earlier["berlian"].expected_start - items["berlian"].expected_start == slot


def test_on_time_then_early_when_the_break_is_passed_over(tmp_path) -> None:
    clock = FakeClock(FakeClock().now() - 30 * MIN)  # 10:30 sharp
    day = open_rundown(tmp_path, clock)
    day.start()
    clock.advance(PAPARAN + TANYA)
    day.next_group()
    clock.advance(CHANGEOVER)
    day.start()
    clock.advance(PAPARAN + TANYA)
    day.next_group()  # 11:32: melati ended when Ishoma is planned
    schedule = day.schedule()
    assert schedule.delay == 0 and delay_text(schedule, Messages("en")) == "on time · ends 13:19"
    day.start()  # berlian starts without the break
    schedule = day.schedule()
    items = {i.item: i for i in schedule.items}
    assert items["Ishoma"].expected_start is None
    assert schedule.delay == -45 * MIN and delay_text(schedule, Messages("en")) == "45 min early · ends 12:34"
    assert not schedule.late_end


# -- the command line --------------------------------------------------------------------------


def test_status_json_gives_the_segment_the_delay_and_the_schedule(tmp_path, clock) -> None:
    day = open_rundown(tmp_path, clock)
    day.start()
    clock.advance(PAPARAN + 65)
    data = status(day)
    assert data["segment"] == "Tanya jawab" and data["segment_remaining_s"] == TANYA - 65
    assert data["remaining_s"] == TANYA - 65 and data["delay_s"] == 30 * MIN
    assert data["schedule"][:3] == [
        {"item": "ceria", "kind": "group", "planned_start": "2016-08-16T10:30:00", "expected_start": "2016-08-16T11:00:00",
         "actual_start": "2016-08-16T11:00:00", "actual_end": None},
        {"item": "melati", "kind": "group", "planned_start": "2016-08-16T11:02:00", "expected_start": "2016-08-16T11:32:00",
         "actual_start": None, "actual_end": None},
        {"item": "Ishoma", "kind": "break", "planned_start": "2016-08-16T11:32:00", "expected_start": "2016-08-16T12:02:00",
         "actual_start": None, "actual_end": None},
    ]
    json.dumps(data)


def test_status_without_a_rundown_has_nulls(day, clock) -> None:
    data = status(day)
    assert data["segment"] is None and data["delay_s"] is None and data["segment_remaining_s"] == 30 * MIN
    assert [entry["planned_start"] for entry in data["schedule"]] == [None] * 4
    assert data["schedule"][0]["expected_start"] is not None


def test_check_prints_the_planned_schedule(tmp_path, capsys) -> None:
    from gelar_tui.cli import main

    path = tmp_path / "rundown.toml"
    path.write_text(rundown_source().replace("GROUP2", "melati"), encoding="utf-8")
    assert main(["check", str(path), "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "    11:32  Ishoma (45m)\n" in out and "    12:17  KBK Berlian (30m: Paparan 20m, Tanya jawab 10m)\n" in out
    assert "13:19  end of the day" in out and "must end by 13:30" in out


@pytest.mark.parametrize(
    ("change", "where", "says"),
    [
        (('start = "10:30"', 'start = "25:00"'), "rundown.toml:15: event.start", "not a time of day: '25:00'"),
        (('alerts = ["2m"]', 'alerts = ["10m"]'), "rundown.toml:19: timing.segments[1].alerts[0]", "not shorter than the segment (10m)"),
        (('after = "melati"', 'after = "mawar"'), "breaks[0].after", "no group with the id 'mawar'"),
        (('end = "13:30"', 'end = "10:00"'), "rundown.toml:16: event.end", "must end after it starts"),
        (('name = "Tanya jawab"', 'name = "Paparan"'), "timing.segments[1].name", "listed twice"),
    ],
)
def test_rundown_mistakes_name_the_key_and_line(change, where, says) -> None:
    source = rundown_source().replace("GROUP2", "melati").replace(*change)
    with pytest.raises(GelarError) as refused:
        parse_event(source, "rundown.toml")
    text = refused.value.render(Messages("en"))
    assert where in text and says in text, text


def test_a_group_slot_with_segments_is_refused() -> None:
    source = rundown_source().replace("GROUP2", "melati").replace('id = "ceria"', 'id = "ceria"\nslot = "40m"')
    with pytest.raises(GelarError) as refused:
        parse_event(source, "rundown.toml")
    assert "groups[0].slot" in refused.value.render(Messages("en"))

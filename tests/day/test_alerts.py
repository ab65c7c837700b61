"""The alerts as moments and as journal records: once per run of a slot, whoever saw them (issue 13)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from gelar_tui.day.alerts import Cue, crossed, cue_for_alert, tick_due
from gelar_tui.day.facade import Day
from gelar_tui.event.eventfile import bundled_event_path

SLOT = 30 * 60


@pytest.mark.parametrize(
    ("count", "cues"),
    [(1, ["last"]), (2, ["first", "last"]), (3, ["first", "second", "last"]), (4, ["first", "second", "second", "last"])],
)
def test_the_last_alert_always_sounds_last(count, cues) -> None:
    assert [cue_for_alert(i, count) for i in range(count)] == cues


def test_each_alert_is_crossed_once_in_order_then_zero(day, clock) -> None:
    day.start()
    before, seen = day.slot(), []
    for _ in range(SLOT + 5):
        clock.advance(1)
        now = day.slot()
        alert = crossed(day.event, before, now)
        if alert is not None:
            seen.append((alert.identity, alert.cue, alert.alert_s, now.shown))
        before = now
    assert seen == [
        ({"stage": 1}, Cue.FIRST, 600, "10:00"),
        ({"stage": 2}, Cue.SECOND, 300, "05:00"),
        ({"stage": 3}, Cue.LAST, 60, "01:00"),
        ({"stage": "time_up"}, Cue.TIME_UP, 0, "00:00"),
    ]


def test_a_clock_first_seen_past_an_alert_crosses_nothing(day, clock) -> None:
    day.start()
    clock.advance(SLOT - 200)
    assert crossed(day.event, None, day.slot()) is None
    paused = day.slot()
    day.pause()
    clock.advance(500)
    assert crossed(day.event, paused, day.slot()) is None


def test_the_tick_sounds_on_each_of_the_last_ten_seconds(day, clock) -> None:
    day.start()
    clock.advance(SLOT - 12)
    before, ticks = day.slot(), []
    for _ in range(14):
        clock.advance(1)
        now = day.slot()
        if tick_due(before, now):
            ticks.append(now.shown)
        before = now
    assert ticks == [f"00:{n:02}" for n in range(10, 0, -1)]


def fire(day: Day, clock, seconds: float):
    before = day.slot()
    clock.advance(seconds)
    return crossed(day.event, before, day.slot())


def alert_records(day: Day) -> list[dict]:
    return [record.data for record in day.journal.records() if record.kind == "alert"]


def test_an_alert_seen_by_two_processes_is_recorded_once(day, clock, tmp_path) -> None:
    other = Day.open(day.event, day.journal.path, clock=clock, origin="display")
    try:
        day.start()
        clock.advance(SLOT - 600 - 0.5)
        other.refresh()
        alert = fire(day, clock, 0.5)
        assert alert is not None
        assert other.record_alert(alert, "played") is True  # the other process was first
        assert day.record_alert(alert, "played") is False  # it catches up under the lock, and sees it
        assert alert_records(day) == [{"group": "ceria", "stage": 1, "alert_s": 600, "remaining_s": 600.0, "sound": "played"}]
        assert [r.origin for r in day.journal.records() if r.kind == "alert"] == ["display"]
    finally:
        other.close()


def test_a_restarted_slot_records_its_alerts_again(day, clock) -> None:
    day.start()
    clock.advance(SLOT - 601)
    assert day.record_alert(fire(day, clock, 2)) is True
    day.restart()
    day.start()
    clock.advance(SLOT - 601)
    assert day.record_alert(fire(day, clock, 2)) is True
    assert day.record_alert(_same(day)) is False  # once in this run, too
    assert [r["stage"] for r in alert_records(day)] == [1, 1]


def _same(day: Day):
    """The first alert of the current run, as another process would have seen it."""
    from gelar_tui.day.alerts import Alert

    return Alert(day.state.current, {"stage": 1}, Cue.FIRST, 599.0, 600)


def test_the_state_replayed_knows_which_alerts_this_run_has(day, clock) -> None:
    day.start()
    clock.advance(SLOT - 59)
    day.record_alert(_same(day))
    again = Day.open(day.event, day.journal.path, clock=clock)
    try:
        assert again.state.slots["ceria"].alerted == {(("stage", 1),)}
        assert again.record_alert(_same(day)) is False
    finally:
        again.close()


def test_gelar_log_shows_when_each_alert_rang(day, clock, tmp_path) -> None:
    day.start()
    clock.advance(SLOT - 601)
    day.record_alert(fire(day, clock, 1.5), "played")
    done = subprocess.run(
        [sys.executable, "-m", "gelar_tui", "log", str(bundled_event_path()), "--journal", str(day.journal.path)],
        capture_output=True, text=True,
    )
    assert done.returncode == 0, done.stderr
    line = done.stdout.splitlines()[-1]
    assert line.split()[3] == "alert"
    for shown in ("group=ceria", "stage=1", "alert_s=600", "remaining_s=599.5", "sound=played"):
        assert shown in line, line

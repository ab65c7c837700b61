"""The PIN lockout (issue 18 item 13): it holds back the address that guessed, never the juror;
the moderator can clear it; a journal that cannot be written checks no PIN; a record cannot
lock anyone out for ever."""

from __future__ import annotations

import pytest

from gelar_tui.day.facade import Day
from gelar_tui.errors import GelarError
from gelar_tui.day.pins import WAIT_SECONDS, WRONG_IN_A_ROW
from gelar_tui.day.stations import station_origin

GUESSER, JUROR_TABLET = "10.0.0.66", "10.0.0.7"


def station(day: Day, juror: str, client: str) -> Day:
    """A station process for *juror*, used from the browser at *client*."""
    desk = Day.open(day.event, day.journal.path, clock=day.clock, origin=station_origin(juror))
    desk.station_client = client
    return desk


@pytest.fixture
def pins(day: Day) -> dict[str, str]:
    return day.issue_pins()


def wrong(pins: dict[str, str]) -> str:
    return next(p for p in ("314159", "271828", "161803") if p not in pins.values())


def guess(desk: Day, pin: str) -> str:
    with pytest.raises(GelarError) as refused:
        desk.open_station(pin)
    return refused.value.key


def test_a_guesser_who_keeps_trying_holds_back_only_their_own_address(day: Day, pins, clock) -> None:
    guesser = station(day, "pemprov", GUESSER)
    tablet = station(day, "pemprov", JUROR_TABLET)
    try:
        for _ in range(WRONG_IN_A_ROW):
            guess(guesser, wrong(pins))
        for _ in range(3):  # one more a minute, for ever
            clock.advance(WAIT_SECONDS)
            assert guess(guesser, wrong(pins)) == "station.wrong_pin_wait"
            assert guess(guesser, pins["pemprov"]) == "station.wait"  # the guesser's address waits, even with the PIN
            assert tablet.pin_wait("pemprov") == 0
        tablet.open_station(pins["pemprov"])  # the juror's own device opens at once
        assert tablet.station_open
    finally:
        guesser.close()
        tablet.close()
    failed = [r.data for r in day.journal.records() if r.kind == "pin_failed"]
    assert {d["client"] for d in failed} == {GUESSER}


def test_the_moderator_clears_a_lockout_and_the_journal_says_so(day: Day, pins) -> None:
    desk = station(day, "pemprov", JUROR_TABLET)
    try:
        for _ in range(WRONG_IN_A_ROW):
            guess(desk, wrong(pins))
        assert desk.pin_wait("pemprov") == WAIT_SECONDS
        with pytest.raises(GelarError) as refused:  # a station cannot clear its own wait
            desk.clear_pin_wait("pemprov")
        assert refused.value.key == "station.moderator_only"
        day.clear_pin_wait("pemprov")
        desk.refresh()
        assert desk.pin_wait("pemprov") == 0
        desk.open_station(pins["pemprov"])
        with pytest.raises(GelarError) as nothing:
            day.clear_pin_wait("pemprov")
        assert nothing.value.key == "station.no_lockout"
    finally:
        desk.close()
    cleared = [r for r in day.journal.records() if r.kind == "pin_wait_cleared"]
    assert [(r.data, r.origin) for r in cleared] == [({"juror": "pemprov"}, "console")]


def test_while_the_journal_cannot_be_written_no_pin_is_checked_nor_counted(day: Day, pins) -> None:
    desk = station(day, "pemprov", GUESSER)
    try:
        desk.journal._db.execute("PRAGMA query_only = ON")  # as a full disk or a read-only file
        for _ in range(20):
            assert guess(desk, wrong(pins)) == "station.journal_busy"
        assert guess(desk, pins["pemprov"]) == "station.journal_busy"
        assert not desk.station_open and not desk.unsaved
        assert desk.state.wrong_pins == {}
        desk.journal._db.execute("PRAGMA query_only = OFF")
        assert guess(desk, wrong(pins)) == "station.wrong_pin"  # counted again, from the first
        assert desk.state.wrong_pins == {("pemprov", GUESSER): 1}
    finally:
        desk.close()


@pytest.mark.parametrize("wait_until", [1e300, float("inf"), "soon", None])
def test_a_pin_failed_record_cannot_lock_anyone_out_for_ever(day: Day, pins, clock, wait_until) -> None:
    with day.journal.transaction():
        day.journal.append("pin_failed", {"juror": "pemprov", "client": JUROR_TABLET, "wait_until": wait_until}, clock.stamp(), "jury:pemprov")
    desk = station(day, "pemprov", JUROR_TABLET)
    try:
        assert 0 < desk.pin_wait("pemprov") <= WAIT_SECONDS
        clock.advance(WAIT_SECONDS)
        assert desk.pin_wait("pemprov") == 0
        desk.open_station(pins["pemprov"])
    finally:
        desk.close()

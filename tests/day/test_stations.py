"""PINs and jury stations in the core (issue 9): what a station may write, and how its PIN is kept."""

from __future__ import annotations

import pytest

from gelar_tui.day.facade import Day, ScoreRow
from gelar_tui.errors import GelarError
from gelar_tui.day.pins import WAIT_SECONDS, pin_matches
from gelar_tui.day.stations import station_origin


def station(day: Day, juror: str) -> Day:
    """A second connection to the day's journal, acting as *juror*'s station."""
    return Day.open(day.event, day.journal.path, clock=day.clock, origin=station_origin(juror))


@pytest.fixture
def pins(day: Day) -> dict[str, str]:
    return day.issue_pins()


def scores(day: Day) -> list[dict]:
    return [r.data for r in day.journal.records() if r.kind == "score_set"]


def test_pins_are_six_digits_unique_and_only_salted_hashes_are_journaled(day: Day, pins) -> None:
    assert set(pins) == set(day.event.juror_ids)
    assert all(len(p) == 6 and p.isdigit() for p in pins.values())
    assert len(set(pins.values())) == len(pins)
    text = "\n".join(r.line() for r in day.journal.records())
    for pin in pins.values():
        assert pin not in text
    stored = day.state.pins
    assert len({s["salt"] for s in stored.values()}) == len(stored)  # a salt of its own each
    for juror, pin in pins.items():
        assert pin_matches(pin, stored[juror])
        assert not pin_matches(pin, {**stored[juror], "salt": "00" * 16})  # the salt is part of the hash


def test_pins_are_given_once_and_reset_one_by_one(day: Day, pins) -> None:
    with pytest.raises(GelarError) as refused:
        day.issue_pins()
    assert refused.value.key == "pins.exist"
    assert day.state.pins["pemprov"]["hash"] and pin_matches(pins["pemprov"], day.state.pins["pemprov"])
    new = day.issue_pins(reset="swasta")
    assert list(new) == ["swasta"] and new["swasta"] != pins["pemprov"]
    assert pin_matches(new["swasta"], day.state.pins["swasta"])
    assert pin_matches(pins["pemprov"], day.state.pins["pemprov"])  # the other juror's PIN stays
    with pytest.raises(GelarError) as unknown:
        day.issue_pins(reset="nobody")
    assert unknown.value.key == "action.unknown_juror"


def test_a_station_writes_nothing_before_its_pin_and_only_its_own_juror_after(day: Day, pins) -> None:
    desk = station(day, "pemprov")
    try:
        with pytest.raises(GelarError) as closed:
            desk.set_score("ceria", "pemprov", "analisis", "80")
        assert closed.value.key == "station.not_open"
        desk.open_station(pins["pemprov"])
        desk.set_score("ceria", "pemprov", "analisis", "80")
        with pytest.raises(GelarError) as other:  # the core itself, called with another juror's id
            desk.set_score("ceria", "swasta", "analisis", "10")
        assert other.value.key == "station.other_juror"
        with pytest.raises(GelarError) as imported:
            desk.import_scores([ScoreRow("ceria", "swasta", "solusi", "10")])
        assert imported.value.key == "station.other_juror"
        for c in day.event.criterion_ids:
            desk.set_score("ceria", "pemprov", c, "80")
        desk.lock_sheet("ceria", "pemprov")
        with pytest.raises(GelarError) as unlock:
            desk.unlock_sheet("ceria", "pemprov", "typo")
        assert unlock.value.key == "station.moderator_only"
        with pytest.raises(GelarError) as clock:
            desk.start()
        assert clock.value.key == "station.moderator_only"
        with pytest.raises(GelarError):
            desk.issue_pins(reset="pemprov")
    finally:
        desk.close()
    day.refresh()
    assert {s["juror"] for s in scores(day)} == {"pemprov"}
    assert ("ceria", "pemprov") in day.state.locked
    origins = {r.origin for r in day.journal.records() if r.kind in ("score_set", "sheet_locked")}
    assert origins == {"jury:pemprov"}


def test_a_station_cannot_open_with_another_jurors_pin(day: Day, pins) -> None:
    desk = station(day, "pemprov")
    try:
        with pytest.raises(GelarError) as wrong:
            desk.open_station(pins["swasta"])
        assert wrong.value.key == "station.wrong_pin"
        assert not desk.station_open
    finally:
        desk.close()


def test_wrong_pins_are_counted_per_juror_in_the_journal_and_the_sixth_waits(day: Day, pins, clock) -> None:
    bad = "314159" if "314159" not in pins.values() else "271828"
    for attempt in range(5):
        desk = station(day, "pemprov")  # a restarted station (a reloaded page) counts on
        try:
            with pytest.raises(GelarError) as wrong:
                desk.open_station(bad)
            assert wrong.value.key == ("station.wrong_pin" if attempt < 4 else "station.wrong_pin_wait")
        finally:
            desk.close()
    day.refresh()
    failed = [r for r in day.journal.records() if r.kind == "pin_failed"]
    assert len(failed) == 5 and all(bad not in str(r.data) for r in failed)
    desk = station(day, "pemprov")
    try:
        with pytest.raises(GelarError) as waiting:  # the sixth try, even the right PIN, waits
            desk.open_station(pins["pemprov"])
        assert waiting.value.key == "station.wait" and waiting.value.params["seconds"] == WAIT_SECONDS
        other = station(day, "swasta")  # another juror's station is not held up
        other.open_station(pins["swasta"])
        other.close()
        clock.advance(WAIT_SECONDS)
        desk.open_station(pins["pemprov"])
        assert desk.station_open
    finally:
        desk.close()
    day.refresh()
    assert day.state.wrong_pins.get(("pemprov", ""), 0) == 0
    assert not scores(day)


def test_the_console_sees_which_stations_are_open(day: Day, pins) -> None:
    assert day.open_stations() == {}
    desk = station(day, "swasta")
    desk.open_station(pins["swasta"])
    day.refresh()
    assert day.open_stations() == {"swasta": 1}
    desk.close_station()
    desk.close()
    day.refresh()
    assert day.open_stations() == {}


def test_a_station_whose_process_died_is_not_counted_open(day: Day, pins) -> None:
    import socket

    record = day.journal.append("station_opened", {"juror": "pemprov", "host": socket.gethostname(), "pid": 2**22 + 12345}, day.now(), "jury:pemprov")
    day.state.apply_all(day.event, [record])
    assert day.state.stations["pemprov"] and day.open_stations() == {}


def test_a_stations_spill_may_hold_only_its_own_jurors_sheet_records() -> None:
    from gelar_tui.day.stations import a_station_may_write, station_of

    assert station_of("jury:pemprov") == "pemprov" and station_of("console") is None
    assert a_station_may_write("pemprov", "score_set", {"juror": "pemprov", "group": "ceria"})
    assert a_station_may_write("pemprov", "sheet_locked", {"juror": "pemprov", "group": "ceria"})
    assert not a_station_may_write("pemprov", "score_set", {"juror": "swasta", "group": "ceria"})
    for kind in ("pin_set", "pin_failed", "sheet_unlocked", "slot_started", "station_opened"):
        assert not a_station_may_write("pemprov", kind, {"juror": "pemprov"})

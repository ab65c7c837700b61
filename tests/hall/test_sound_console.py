"""The console's sounds in the hall, through a fake player that writes down what it was given (issue 13)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.support.console import SLOT, clock_shows, make_app, move_clock, open_day, screen_text, widget_text
from gelar_tui.day.alerts import Cue
from gelar_tui.journal.clock import ScaledClock
from gelar_tui.day.facade import Day
from gelar_tui.event.eventfile import bundled_event_path, parse_event
from gelar_tui.hall.sound import sound_file
from gelar_tui.ui.app import GelarApp
from tests.support.sound import fake_player, played

WIDE = (120, 30)
EVERY_STAGE = ["first", "second", "last", "time_up"]


def cues_played(day: Day, folder: Path) -> list[str]:
    """What the fake player was given, as cues (the files are the cache's, named by a hash)."""
    names = {str(sound_file(cue, day.event.sound, folder)): cue.value for cue in Cue}
    return [names.get(path, path) for path in played(folder)]


def alert_records(day: Day) -> list[tuple]:
    return [(r.data["stage"], r.data["sound"]) for r in day.journal.records() if r.kind == "alert"]


async def until(pilot, condition, seconds: float = 10.0) -> None:
    for _ in range(int(seconds / 0.05)):
        if condition():
            return
        await pilot.pause(0.05)


async def player_found(app: GelarApp, pilot) -> None:
    await until(pilot, lambda: app.hall.speaker is not None and app.hall.speaker.player is not None)


def console_before_first_alert(day: Day, clock, player: str | None = None, **options) -> GelarApp:
    """The console with sound, on a slot one second before its first alert (10 minutes left)."""
    day.start()
    clock.advance(SLOT - 600 - 1)
    return make_app(day, "en", sound=options.pop("sound", True), sound_player=player, **options)


async def through_alerts(app, pilot, day, clock, alerts=(600, 300, 60, 0), heard: Path | None = None) -> None:
    """Move the clock onto each alert, and a second on, as the console would see it.

    With *heard* (the fake player's folder), wait for each sound to reach the player before
    the next alert: each plays in its own process, so two at once could log in either order.
    """
    for alert in alerts:
        before = len(played(heard)) if heard else 0
        await move_clock(app, pilot, clock, day.slot().remaining - alert)
        await move_clock(app, pilot, clock, 1)
        if heard:
            await until(pilot, lambda: len(played(heard)) > before)


async def test_every_stage_plays_once_in_order_and_is_recorded(day, clock, tmp_path) -> None:
    app = console_before_first_alert(day, clock, fake_player(tmp_path))
    async with app.run_test(size=WIDE) as pilot:
        await player_found(app, pilot)
        await through_alerts(app, pilot, day, clock, heard=tmp_path)
        await move_clock(app, pilot, clock, 30)
        await until(pilot, lambda: len(played(tmp_path)) >= 4)
        await pilot.pause(0.3)  # anything more would show by now
    assert cues_played(day, tmp_path) == EVERY_STAGE
    assert alert_records(day) == [(1, "played"), (2, "played"), (3, "played"), ("time_up", "played")]
    assert [r.data["remaining_s"] for r in day.journal.records() if r.kind == "alert"] == [600, 300, 60, 0]


async def test_a_console_restarted_mid_slot_plays_each_stage_once(day, clock, tmp_path) -> None:
    first = console_before_first_alert(day, clock, fake_player(tmp_path))
    async with first.run_test(size=WIDE) as pilot:
        await player_found(first, pilot)
        await through_alerts(first, pilot, day, clock, (600,))
        await until(pilot, lambda: played(tmp_path))
    first.hall.close()
    clock.advance(30)  # the console is down for a while; then it comes back, mid-slot
    again = open_day(day.event, day.journal.path, clock)
    try:
        second = make_app(again, "en", sound=True, sound_player=fake_player(tmp_path))
        async with second.run_test(size=WIDE) as pilot:
            await player_found(second, pilot)
            await move_clock(second, pilot, clock, 1)
            await through_alerts(second, pilot, again, clock, (300, 60, 0), heard=tmp_path)
            await until(pilot, lambda: len(played(tmp_path)) >= 4)
            await pilot.pause(0.3)
        second.hall.close()
        assert cues_played(again, tmp_path) == EVERY_STAGE
        assert [stage for stage, _ in alert_records(again)] == [1, 2, 3, "time_up"]
    finally:
        again.close()


async def test_nothing_plays_while_muted_and_the_record_says_so(day, clock, tmp_path) -> None:
    app = console_before_first_alert(day, clock, fake_player(tmp_path))
    async with app.run_test(size=WIDE) as pilot:
        await player_found(app, pilot)
        await pilot.press("m")
        await through_alerts(app, pilot, day, clock, (600, 300))
        await pilot.press("m")
        await through_alerts(app, pilot, day, clock, (60,))
        await until(pilot, lambda: played(tmp_path))
        await pilot.pause(0.3)
    assert cues_played(day, tmp_path) == ["last"]
    assert alert_records(day) == [(1, "muted"), (2, "muted"), (3, "played")]


@pytest.mark.parametrize("how", ["--no-sound", "enabled = false"])
async def test_sound_switched_off_plays_nothing_and_the_alerts_are_still_recorded(clock, tmp_path, how) -> None:
    source = bundled_event_path().read_text(encoding="utf-8") + ("\n[sound]\nenabled = false\n" if how == "enabled = false" else "")
    day = open_day(parse_event(source), tmp_path / "day.gelar-journal", clock)
    try:
        app = console_before_first_alert(day, clock, fake_player(tmp_path), sound=how != "--no-sound")
        async with app.run_test(size=WIDE) as pilot:
            await through_alerts(app, pilot, day, clock, (600,))
            await pilot.pause(0.5)
            assert app.hall.speaker is None
        assert played(tmp_path) == [] and alert_records(day) == [(1, "off")]
    finally:
        day.close()


@pytest.fixture
def no_player_here(tmp_path, monkeypatch) -> Path:
    """A PATH with no player on it."""
    empty = tmp_path / "bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    return empty


@pytest.fixture
def notices(monkeypatch) -> list:
    """Every text the console's top line is given about the sound."""
    told: list = []
    show = GelarApp.show_sound_notice
    monkeypatch.setattr(GelarApp, "show_sound_notice", lambda app, text: (told.append(text), show(app, text)))
    return told


@pytest.mark.parametrize(
    ("installed", "says"),
    [((), "No sound: no player found (looked for paplay, pw-play, aplay, afplay)"), (("aplay",), "No sound: aplay finds no audio device")],
)
async def test_no_player_or_no_device_is_said_once_and_the_clock_goes_on(day, clock, no_player_here, notices, monkeypatch, installed, says) -> None:
    for name in installed:  # installed, but the machine has no sound card
        (no_player_here / name).write_text("#!/bin/sh\nexit 1\n")
        os.chmod(no_player_here / name, 0o755)
    monkeypatch.setattr("gelar_tui.hall.sound.has_device", lambda *args: False)
    app = console_before_first_alert(day, clock)
    async with app.run_test(size=WIDE) as pilot:
        await until(pilot, lambda: notices)
        for alert in (600, 300, 60, 0):
            await move_clock(app, pilot, clock, day.slot().remaining - alert)
            assert clock_shows(app, f"{alert // 60:02}:{alert % 60:02}")
            await move_clock(app, pilot, clock, 1)
        await move_clock(app, pilot, clock, 61)
        assert clock_shows(app, "+01:02")
        await pilot.pause(0.3)
        # The top line shows as much of it as the event's title leaves room for.
        top = " ".join(widget_text(app, "#topbar").split())
        assert top.startswith("Gelar Budaya Kerja 2016 · Balai Kota Kediri") and says[:30] in top
        assert "Traceback" not in screen_text(app)
    assert notices == [says]
    assert [heard for _, heard in alert_records(day)] == ["no_player"] * 4


async def test_a_player_that_fails_is_said_once(day, clock, tmp_path, notices) -> None:
    app = console_before_first_alert(day, clock, fake_player(tmp_path, fails=True))
    async with app.run_test(size=(160, 30)) as pilot:
        await player_found(app, pilot)
        await through_alerts(app, pilot, day, clock, (600, 300, 60))
        await until(pilot, lambda: len(played(tmp_path)) == 3 and notices)
        await pilot.pause(0.3)
        assert "No sound: fake-player failed (Connection failure: Connection refused)" in widget_text(app, "#topbar")
    assert notices == ["No sound: fake-player failed (Connection failure: Connection refused)"]


async def test_a_rehearsal_plays_the_sounds_at_the_scaled_moments(tmp_path) -> None:
    source = bundled_event_path().read_text(encoding="utf-8").replace('slot = "30m"', 'slot = "2m"')
    source = source.replace('alerts = ["10m", "5m", "1m"]', 'alerts = ["60s", "30s", "10s"]')
    event = parse_event(source)
    assert event.timing.slot == 120 and event.timing.alerts == (60, 30, 10)
    speed = 40.0  # the slot takes 3 s
    day = Day.open(event, tmp_path / "rehearsal.gelar-journal", ScaledClock(speed), origin="rehearsal")
    try:
        app = make_app(day, "en", sound=True, sound_player=fake_player(tmp_path), rehearsal=speed)
        async with app.run_test(size=WIDE) as pilot:
            await player_found(app, pilot)
            await pilot.press("space")
            # the sound first, its record after the frame that shows it: wait for both
            await until(pilot, lambda: len(played(tmp_path)) >= 4 and sum(r.kind == "alert" for r in day.journal.records()) >= 4, seconds=20)
        alerts = [r.data for r in day.journal.records() if r.kind == "alert"]
        assert cues_played(day, tmp_path) == EVERY_STAGE
        assert [a["alert_s"] for a in alerts] == [60, 30, 10, 0]
        following = [30, 10, 0, None]
        for alert, after in zip(alerts, following):  # each sounded in its own stage, before the next one began
            assert alert["remaining_s"] <= alert["alert_s"]
            assert after is None or alert["remaining_s"] > after
    finally:
        day.close()

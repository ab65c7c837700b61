"""The one clock driver (issue 19, item 5): every view of the slot clock paints its ticks.

The console's stage and a covering screen's small clock show the same tick; an alert
is decided, rung, played and recorded once whoever shows it; a juror's station's small
clock moves with the slot; during a break the clock wakes when its face changes, not
without pause.
"""

from __future__ import annotations

from gelar_tui.day.facade import Day
from gelar_tui.day.stations import station_origin
from gelar_tui.i18n import Messages
from gelar_tui.ui.screens.jury import JuryScreen
from gelar_tui.ui.station_app import StationApp
from gelar_tui.ui.themes import load_themes
from tests.support.console import demo_event, make_app, open_day, put_in_stage, settled, widget_text
from tests.support.rundown import PAPARAN, TANYA, rundown_event

WIDE = (120, 30)


def alert_records(day: Day) -> list[dict]:
    return [dict(record.data) for record in day.journal.records() if record.kind == "alert"]


async def test_under_the_jury_sheet_an_alert_rings_plays_and_is_recorded_once_and_the_small_clock_follows(tmp_path, clock) -> None:
    day = open_day(demo_event(), tmp_path / "driver.gelar-journal", clock)
    put_in_stage(day, clock, "running")
    app = make_app(day, "en", sound=True, sound_player="true")
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("j")
        assert await settled(pilot, lambda: isinstance(app.screen, JuryScreen))
        assert "25:47" in widget_text(app, ".mini-clock")
        clock.advance(25 * 60 + 47 - 9 * 60 - 59)  # 09:59 left: past the 10-minute alert, under the sheet
        assert await settled(pilot, lambda: "09:59" in widget_text(app, ".mini-clock"), tries=200)
        assert await settled(pilot, lambda: len(alert_records(day)) == 1)
        await pilot.pause(0.3)
        assert app.bells_rung == 1 and app.hall.played == ["first"]
        assert [(r["group"], r["stage"], r["sound"]) for r in alert_records(day)] == [("ceria", 1, "played")]
        await pilot.press("escape")
        assert "20:01 / 30:00" in widget_text(app, "#bar") and app.screen.query_one("#stage").has_class("-alert")
    day.close()


def station_app(day: Day, juror: str) -> StationApp:
    desk = Day.open(day.event, day.journal.path, clock=day.clock, origin=station_origin(juror))
    themes, _ = load_themes()
    return StationApp(desk, Messages("en"), themes=themes, theme="projector")


async def test_a_stations_small_clock_moves_with_the_slot_and_rings_and_writes_nothing(tmp_path, clock) -> None:
    day = open_day(demo_event(), tmp_path / "station.gelar-journal", clock)
    pins = day.issue_pins()
    day.start()
    clock.advance(60)
    app = station_app(day, "pemprov")
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause(0.3)
        assert app.slot_clock.ticks == 0  # at the PIN screen nothing shows the clock: it never wakes
        await pilot.press(*pins["pemprov"], "enter")
        assert await settled(pilot, lambda: isinstance(app.screen, JuryScreen))
        assert await settled(pilot, lambda: "29:00" in widget_text(app, ".mini-clock"))
        written = len(list(day.journal.records()))
        clock.advance(20 * 60 + 30)  # 08:30 left, past the first alert: the face moves at the next wake-up
        assert await settled(pilot, lambda: "08:30" in widget_text(app, ".mini-clock"), tries=200)
        day.pause()  # the moderator pauses: the station's clock says so at once
        assert await settled(pilot, lambda: "08:30" in widget_text(app, ".mini-clock"))
        assert app.bells_rung == 0 and app.hall is None
        app.day.refresh()
        kinds = [record.kind for record in list(app.day.journal.records())[written:]]
        assert "alert" not in kinds and "segment_started" not in kinds
        await pilot.press("escape")  # the juror steps away: the PIN screen again, and the clock sleeps
        assert await settled(pilot, lambda: not isinstance(app.screen, JuryScreen))
        day.resume()
        app.poll_journal()
        ticks = app.slot_clock.ticks
        await pilot.pause(1.5)
        assert app.slot_clock.ticks == ticks and app.slot_clock.next_wake is None
    app.day.close()
    day.close()


async def test_during_a_break_the_clock_wakes_when_its_face_changes_not_without_pause(tmp_path, clock) -> None:
    day = Day.open(rundown_event(), tmp_path / "break.gelar-journal", clock=clock)
    for _ in range(2):
        day.start()
        clock.advance(PAPARAN + TANYA)
        day.next_group()
    app = make_app(day, "en")
    looks: list[float] = []
    break_view = day.break_view

    def counted(*args, **kwargs):
        looks.append(clock.now())
        return break_view(*args, **kwargs)

    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("i")
        assert await settled(pilot, lambda: app.screen.query_one("#stage").has_class("-break"))
        day.break_view = counted  # type: ignore[method-assign]
        await pilot.pause(0.5)  # the fake clock stands still: its face changes at most once
        assert len(looks) <= 3, f"the clock looked {len(looks)} times in half a second of a break"
        assert "Ishoma" in widget_text(app, "#stage-label")
    day.close()

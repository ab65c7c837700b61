"""A jury station while its journal cannot be written (issue 18 item 2): the console's banner,
scores kept in order and written when the journal takes them, a spill file when it quits first.
And the moderator's key that clears a juror's PIN wait (item 13)."""

from __future__ import annotations

import time

from gelar_tui.day.pins import WRONG_IN_A_ROW
from gelar_tui.ui.station_app import StationApp
from gelar_tui.ui.widgets.fault_banner import FaultBanner
from gelar_tui.day.spill import read_spill
from tests.support.screens import CRITERIA, SIZE, make_app, records_of, screen_text
from tests.ui.test_station_app import bad_pin, station_app, type_pin


def cannot_write(app: StationApp, stuck: bool = True) -> None:
    """The station's journal refuses writes (as a full disk or a read-only file does), or takes them again."""
    app.day.journal._db.execute(f"PRAGMA query_only = {'ON' if stuck else 'OFF'}")


async def wait_for(pilot, condition, what: str, seconds: float = 30.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, f"never happened: {what}"
        await pilot.pause(0.1)


def banner_text(app) -> str:
    found = app.screen.query(FaultBanner)
    return " ".join(str(found.first().render()).split()) if found and found.first().has_class("-shown") else ""


async def type_scores(pilot, values) -> None:
    for value in values:
        await pilot.press(*value, "tab")
        await pilot.pause()


async def test_a_station_shows_the_banner_and_writes_its_scores_in_order_when_it_can(day) -> None:
    pins = day.issue_pins()
    app = station_app(day, "pemprov")
    async with app.run_test(size=SIZE) as pilot:
        await type_pin(pilot, pins["pemprov"])
        cannot_write(app)
        await type_scores(pilot, ["71", "72", "73", "74"])
        assert [u.data["value"] for u in app.day.unsaved if u.kind == "score_set"] == ["71", "72", "73", "74"]
        assert "the file is read-only" in banner_text(app) and "4 records are not saved yet" in banner_text(app)
        day.refresh()
        assert not records_of(day, "score_set")
        cannot_write(app, stuck=False)
        await wait_for(pilot, lambda: not app.day.unsaved, "the waiting scores are written")
        await wait_for(pilot, lambda: banner_text(app) == "", "the banner goes")
    app.day.close()
    day.refresh()
    stored = [(r["criterion"], r["value"]) for r in records_of(day, "score_set")]
    assert stored == list(zip(CRITERIA[:4], ["71", "72", "73", "74"]))
    assert any(r.kind == "journal_fault" for r in day.journal.records())


async def test_a_station_closed_while_scores_wait_writes_a_spill_file_and_says_where(day) -> None:
    pins = day.issue_pins()
    app = station_app(day, "pemprov")
    async with app.run_test(size=SIZE) as pilot:
        await type_pin(pilot, pins["pemprov"])
        cannot_write(app)
        await type_scores(pilot, ["61", "62", "63"])
        assert banner_text(app)
        await pilot.press("ctrl+q")  # the tab closed: its process is asked to quit
    spill = day.journal.path.with_name(day.journal.path.name + ".spill")
    assert app.spilled is not None and str(spill) in app.spilled
    kept = [(u.data["criterion"], u.data["value"]) for part in read_spill(spill) for _, u in part.records if u.kind == "score_set"]
    assert kept == list(zip(CRITERIA[:3], ["61", "62", "63"]))
    app.day.close()
    assert day.take_back_spill() >= 3, (day.spill_refused, getattr(day.spill_refused, "params", None))  # what the console does when it starts again
    assert [r["value"] for r in records_of(day, "score_set")] == ["61", "62", "63"]


async def test_the_banner_shows_on_the_pin_screen_too(day) -> None:
    pins = day.issue_pins()
    app = station_app(day, "pemprov")
    async with app.run_test(size=SIZE) as pilot:
        await type_pin(pilot, pins["pemprov"])
        cannot_write(app)
        await type_scores(pilot, ["55"])
        await pilot.press("escape")  # the juror steps away: back to the PIN
        await pilot.pause()
        await pilot.pause()
        assert "not saved yet" in banner_text(app)
        await type_pin(pilot, bad_pin(pins))
        assert "cannot be written just now" in " ".join(screen_text(app).split())  # no PIN checked, none counted
    app.day.close()


async def test_the_moderator_clears_a_jurors_pin_wait_from_the_jury_sheet(day) -> None:
    pins = day.issue_pins()
    app = station_app(day, "pemprov")
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(WRONG_IN_A_ROW):
            await type_pin(pilot, bad_pin(pins))
        assert app.day.pin_wait("pemprov") > 0
    app.day.close()
    console = make_app(day, "en")
    async with console.run_test(size=SIZE) as pilot:
        await pilot.press("j")
        await pilot.pause()
        console.screen.query_one("#cell-pemprov-analisis").focus()
        await pilot.press("ctrl+l")
        await pilot.pause()
        await wait_for(pilot, lambda: records_of(day, "pin_wait_cleared"), "the wait is cleared")
        assert any("may type their PIN again" in n.message for n in console._notifications)
    assert [(r["juror"],) for r in records_of(day, "pin_wait_cleared")] == [("pemprov",)]
    assert day.pin_wait("pemprov", client="") == 0

"""The results desk: every journal on the hub, live; Enter opens the console's scoreboard; it writes nothing."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from gelar_tui.event.eventfile import bundled_event_path
from gelar_tui.hub.reader import Hub
from gelar_tui.i18n import Messages
from gelar_tui.ui.desk.app import DeskApp
from gelar_tui.ui.themes import load_themes
from tests.support.console import screen_text
from tests.support.hub import room_day, ship

HOSTILE_TITLE = "[bold]Lomba [@click=app.quit] =HYPERLINK(1) [" + "Panjang" * 40
HOSTILE_GROUP = "[red]Tim [/] Balik ["
# (control and bidi characters are refused in an event file, so no journal holds them)


def hostile_event(folder: Path) -> Path:
    """The demo with a hostile title (markup, a formula, 300 characters) and first group's name, on another date."""
    source = bundled_event_path().read_text(encoding="utf-8")
    source = source.replace('title = "Gelar Budaya Kerja 2016"', f'title = "{HOSTILE_TITLE}"', 1)
    source = source.replace("date = 2016-08-16", "date = 2016-08-18", 1)
    first = source.index('[[groups]]')
    name_at = source.index("name = ", first)
    end = source.index("\n", name_at)
    source = source[:name_at] + f'name = "{HOSTILE_GROUP}"' + source[end:]
    folder.mkdir()
    path = folder / "lomba.toml"
    path.write_text(source, encoding="utf-8")
    return path


def make_desk(url: str, clock=None) -> DeskApp:
    themes, _ = load_themes()
    return DeskApp(Hub(url), Messages("en"), themes=themes, theme="projector", clock=clock)


async def wait_for(pilot, condition, seconds: float = 30.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        await pilot.pause(0.05)
    raise AssertionError("the desk did not show it in time")


@pytest.fixture
def two_rooms(hub_url, event, tmp_path):
    """Two events on the hub: the demo (its first group on stage) and one with hostile names."""
    demo = room_day(event)
    ship(hub_url, demo.journal.path)
    other = room_day(hostile_event(tmp_path / "other"), demo.clock)
    ship(hub_url, other.journal.path)
    yield demo, other
    demo.close()
    other.close()


@pytest.mark.parametrize("size", [(80, 24), (160, 48)])
async def test_the_desk_shows_every_journal_live_and_hostile_names_as_text(hub_url, two_rooms, size):
    demo, other = two_rooms
    app = make_desk(hub_url, demo.clock)
    async with app.run_test(size=size) as pilot:
        await wait_for(pilot, lambda: len(app.lines) == 2)
        text = screen_text(app)
        assert app.screen.query_one("DataTable").row_count == 2, text
        assert "Gelar Bud" in text and "[bold]Lo" in text  # markup shown, never applied
        assert "Tim [/] Balik" in text or size[0] < 100
        line = next(line for line in app.lines if line.title.startswith("Gelar"))
        assert line.left == "26:00" and line.sheets_locked == 1 and not line.final and line.leader is not None
        hostile = next(line for line in app.lines if line.title.startswith("[bold]"))
        assert hostile.on_stage.startswith("[red]Tim")
        # a record in the room reaches the desk
        before = demo.state.seq
        demo.pause()
        demo.lock_sheet(demo.state.order[0], demo.event.juror_ids[1])
        ship(hub_url, demo.journal.path, after=before)
        await wait_for(pilot, lambda: next(l for l in app.lines if l.journal == line.journal).sheets_locked == 2)
        assert app.is_running


async def test_enter_opens_the_consoles_scoreboard_and_the_desk_writes_nothing(hub_url, two_rooms):
    from gelar_tui.ui.screens.scoreboard import ScoreboardScreen

    demo, _ = two_rooms
    count = Hub(hub_url).query("SELECT count(*) FROM gelar_hub.records")[0][0]
    app = make_desk(hub_url, demo.clock)
    async with app.run_test(size=(160, 48)) as pilot:
        await wait_for(pilot, lambda: len(app.lines) == 2)
        await pilot.press("enter", "enter", "enter")  # in a burst: one scoreboard
        await wait_for(pilot, lambda: isinstance(app.screen, ScoreboardScreen))
        await pilot.pause(0.2)
        assert sum(isinstance(screen, ScoreboardScreen) for screen in app.screen_stack) == 1
        assert app.day is not None and app.day.event.event.title in (demo.event.event.title, _.event.event.title)
        await pilot.press("w", "v")
        await pilot.pause(0.2)
        assert isinstance(app.screen, ScoreboardScreen)
        await pilot.press("escape")
        await wait_for(pilot, lambda: not isinstance(app.screen, ScoreboardScreen))
    assert Hub(hub_url).query("SELECT count(*) FROM gelar_hub.records")[0][0] == count


async def test_a_journal_shipped_while_the_desk_runs_appears_and_an_empty_hub_says_so(hub_url, event, tmp_path):
    from tests.support.hub import create_tables

    create_tables(hub_url)
    app = make_desk(hub_url)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: "The hub holds no journal yet." in screen_text(app))
        room = room_day(event)
        try:
            ship(hub_url, room.journal.path)
            await wait_for(pilot, lambda: len(app.lines) == 1)  # then the screen catches up with its lines
            await wait_for(pilot, lambda: "The hub holds no journal yet." not in screen_text(app))
        finally:
            room.close()


def test_the_desk_without_an_address_says_how_to_give_one(capsys, monkeypatch):
    from gelar_tui.cli import main

    monkeypatch.delenv("GELAR_HUB", raising=False)
    assert main(["--lang", "en", "desk"]) == 2
    assert "--hub URL" in capsys.readouterr().err


async def test_the_desk_says_when_the_hub_is_lost_and_carries_on_when_it_returns(own_cluster, event):
    url = own_cluster.url()
    room = room_day(event)
    ship(url, room.journal.path)
    app = make_desk(url, room.clock)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await wait_for(pilot, lambda: len(app.lines) == 1)
            own_cluster.stop("immediate")
            await wait_for(pilot, lambda: "hub lost" in screen_text(app))
            assert len(app.lines) == 1  # the last it had, still shown
            own_cluster.start()
            before = room.state.seq
            room.lock_sheet(room.state.order[0], room.event.juror_ids[1])
            await wait_for(pilot, lambda: "hub lost" not in screen_text(app))
            ship(url, room.journal.path, after=before)
            await wait_for(pilot, lambda: app.lines[0].sheets_locked == 2)
    finally:
        room.close()


async def test_control_characters_written_into_the_hub_by_hand_are_shown_never_sent(hub_url, event):
    """An event file refuses control characters, but a record edited on the hub may hold any: the desk shows them."""
    import json

    import psycopg

    from gelar_tui.day.eventrecord import digest

    room = room_day(event)
    ship(hub_url, room.journal.path)
    room.close()
    with psycopg.connect(hub_url) as conn:
        (data,) = conn.execute("SELECT data FROM gelar_hub.records WHERE kind = 'event_file'").fetchone()
        record = json.loads(data)
        record["event"]["event"]["title"] = "Judul \x1b[31mMerah\x07 \u202eBalik"
        record["event"]["groups"][0]["name"] = "Tim \x1b]0;judul\x07"
        record["digest"] = digest(record["event"])
        conn.execute("UPDATE gelar_hub.records SET data = %s WHERE kind = 'event_file'", (json.dumps(record, ensure_ascii=False),))
    app = make_desk(hub_url)
    async with app.run_test(size=(160, 48)) as pilot:
        await wait_for(pilot, lambda: len(app.lines) == 1)
        text = screen_text(app)
        assert "Judul ␛[31mMerah" in text and "\x1b" not in text and "\u202e" not in text
        assert "Tim ␛]0;judul" in text


async def test_a_password_in_the_url_never_reaches_the_screen(hub_url, event):
    from tests.support.pg import PASSWORD

    room = room_day(event)
    ship(hub_url, room.journal.path)
    room.close()
    with_password = hub_url.replace("gelar@", f"gelar:{PASSWORD}@", 1)
    app = make_desk(with_password)
    async with app.run_test(size=(160, 48)) as pilot:
        await wait_for(pilot, lambda: len(app.lines) == 1)
        assert "gelar:***@" in screen_text(app)
        await pilot.press("enter", "v")  # the scoreboard, and the read-only notice that names the hub
        await wait_for(pilot, lambda: any("gelar:***@" in n.message for n in app._notifications))
        assert all(PASSWORD not in n.message for n in app._notifications)
        assert PASSWORD not in screen_text(app)


async def test_keys_in_a_burst_and_resizes_leave_the_desk_whole(hub_url, two_rooms):
    from gelar_tui.ui.desk.screen import DeskScreen

    demo, _ = two_rooms
    app = make_desk(hub_url, demo.clock)
    async with app.run_test(size=(160, 48)) as pilot:
        await wait_for(pilot, lambda: len(app.lines) == 2)
        await pilot.press("down", "enter", "v", "w", "escape", "escape", "up", "enter", "s", "down", "enter", "escape", "q", "x")
        await pilot.resize_terminal(80, 24)
        await pilot.pause(0.3)
        await pilot.resize_terminal(160, 48)
        await wait_for(pilot, lambda: isinstance(app.screen, DeskScreen) or app.screen.__class__.__name__ == "DeskScoreboard")
        if not isinstance(app.screen, DeskScreen):
            await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, DeskScreen) and app.screen.query_one("DataTable").row_count == 2)
        assert app.is_running and len(app.screen_stack) == 2

"""The audience display on a day read from the hub: it follows the room's records and `gelar show --hub`."""

from __future__ import annotations

import asyncio
import time

from gelar_tui.cli import main
from gelar_tui.day.facade import Day
from gelar_tui.hub.reader import hub_event, open_hub_journal
from tests.support.hall import make_display
from tests.support.hub import room_day, ship


async def wait_for(pilot, condition, seconds: float = 30.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        await pilot.pause(0.05)
    raise AssertionError("the display did not follow in time")


async def test_a_hub_display_follows_the_room_then_the_lobby_choice(hub_url, event, capsys, monkeypatch):
    monkeypatch.delenv("GELAR_HUB", raising=False)
    room = room_day(event)
    ship(hub_url, room.journal.path)
    journal = open_hub_journal(hub_url, None)
    app = make_display(Day(hub_event(journal), journal, room.clock, "display"))
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            screen = app.screen
            await wait_for(pilot, lambda: screen.view == "clock")
            before = room.state.seq
            room.show_on_display("scoreboard")  # the moderator, in the room
            ship(hub_url, room.journal.path, after=before)
            await wait_for(pilot, lambda: screen.view == "scoreboard")
            # the lobby: hub displays show the title, whatever the room shows
            code = await asyncio.to_thread(main, ["--lang", "en", "show", "--hub", hub_url, "title"])
            assert code == 0
            await wait_for(pilot, lambda: screen.view == "title")
            assert room.display_view() == "scoreboard"  # the room's journal was not written
            await asyncio.to_thread(main, ["--lang", "en", "show", "--hub", hub_url, "room"])
            await wait_for(pilot, lambda: screen.view == "scoreboard")
    finally:
        journal.close()
        room.close()


def test_show_on_the_hub_refuses_an_unknown_view(hub_url, event, capsys, monkeypatch):
    monkeypatch.delenv("GELAR_HUB", raising=False)
    room_day(event).close()
    ship(hub_url, event.with_name("demo.gelar-journal"))
    assert main(["--lang", "en", "show", "--hub", hub_url, "[bold]lobby"]) == 2
    assert "[bold]lobby" in capsys.readouterr().err

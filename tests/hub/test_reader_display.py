"""The audience display on a day read from the hub: it follows the room's records and `gelar show --hub`."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

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


def hub_display(url: str, event: Path, monkeypatch):
    """The room's day shipped to the hub at *url*, and an audience display reading it from there:
    (the room's day, the hub journal the display reads, the display)."""
    monkeypatch.delenv("GELAR_HUB", raising=False)
    room = room_day(event)
    ship(url, room.journal.path)
    journal = open_hub_journal(url, None)
    return room, journal, make_display(Day(hub_event(journal), journal, room.clock, "display"))


async def test_a_hub_display_follows_the_room_then_the_lobby_choice(hub_url, event, capsys, monkeypatch):
    room, journal, app = hub_display(hub_url, event, monkeypatch)
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


def test_gelar_display_on_the_hub_in_a_real_terminal_follows_the_room(hub_url, event, tmp_path, monkeypatch):
    """`gelar display --hub URL --event ID` in tmux, on another "machine" (no event file, no journal there)."""
    import os
    import shlex
    import shutil
    import subprocess
    import sys
    import uuid

    import pytest

    from tests.support.pg import PASSWORD

    if shutil.which("tmux") is None:
        pytest.skip("tmux is not installed")
    monkeypatch.delenv("GELAR_HUB", raising=False)
    room = room_day(event)
    ship(hub_url, room.journal.path)
    socket = f"gelar-hubread-{os.getpid()}-{uuid.uuid4().hex[:8]}"
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "HOME": str(elsewhere), "LANG": "C.UTF-8", "TZ": "UTC"}

    def tmux(*args: str) -> str:
        return subprocess.run(["tmux", "-L", socket, "-f", "/dev/null", *args], capture_output=True, text=True, env=env, timeout=10).stdout

    def screen_shows(text: str, seconds: float = 30.0) -> str:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            shown = tmux("capture-pane", "-p", "-t", "display")
            if text in shown:
                return shown
            time.sleep(0.1)
        raise AssertionError(f"{text!r} never appeared:\n{tmux('capture-pane', '-p', '-t', 'display')}")

    command = [sys.executable, "-m", "gelar_tui", "--lang", "en", "display", "--hub", hub_url, "--event", "gelar-budaya-kerja-2016-2016-08-16"]
    try:
        tmux("new-session", "-d", "-s", "display", "-x", "100", "-y", "30", f"cd {shlex.quote(str(elsewhere))} && exec " + shlex.join(command))
        shown = screen_shows("KBK Ceria")
        assert PASSWORD not in shown
        before = room.state.seq
        room.show_on_display("scoreboard")
        ship(hub_url, room.journal.path, after=before)
        screen_shows("Rank")
        assert list(elsewhere.iterdir()) == [] or all(p.name.startswith(".") for p in elsewhere.iterdir())  # nothing written there
    finally:
        tmux("kill-server")
        folder = Path(os.environ.get("TMUX_TMPDIR") or "/tmp") / f"tmux-{os.getuid()}"
        (folder / socket).unlink(missing_ok=True)  # tmux leaves its socket file behind
        room.close()


async def test_a_hub_display_says_while_the_hub_is_lost_and_not_once_it_is_back(own_cluster, event, monkeypatch):
    """A lobby screen on the hub kept showing the last it had, with nothing to say it might be behind."""

    def told(app) -> bool:
        return any("hub lost" in str(notice.message) for notice in app._notifications)

    url = own_cluster.url()
    room, journal, app = hub_display(url, event, monkeypatch)
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await wait_for(pilot, lambda: app.screen.view == "clock")
            assert not told(app)
            own_cluster.stop("immediate")
            await wait_for(pilot, lambda: told(app))
            own_cluster.start()
            await wait_for(pilot, lambda: not told(app))
            before = room.state.seq
            room.show_on_display("scoreboard")  # and it follows the room again
            ship(url, room.journal.path, after=before)
            await wait_for(pilot, lambda: app.screen.view == "scoreboard")
    finally:
        journal.close()
        room.close()

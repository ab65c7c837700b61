"""A deleted journal is noticed (issue 18 item 3).

After ``rm`` of the journal and its -wal and -shm files, SQLite would go on writing into the
deleted file: the console notices that the path no longer holds the file it opened, and treats
it as a write fault (banner, records kept in memory, F2 spill). Views that only read never
create a journal: they say there is none at that path and exit 2.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.support.console import make_app, screen_text, settled, widget_text
from gelar_tui.cli import main
from gelar_tui.journal.clock import FakeClock
from gelar_tui.day.facade import Day
from gelar_tui.event.eventfile import bundled_event_path
from gelar_tui.journal.store import Journal



def banner(app) -> str:
    """The fault banner's text as one line (it wraps), "" while it is hidden."""
    found = app.screen.query("#fault-banner")
    if not found or not found.first().display or not found.first().has_class("-shown"):
        return ""
    return " ".join(widget_text(app, "#fault-banner").split())


def remove_journal(path: Path) -> None:
    for name in (path.name, path.name + "-wal", path.name + "-shm"):
        (path.parent / name).unlink(missing_ok=True)


def test_a_journal_knows_when_its_path_no_longer_holds_its_file(tmp_path, demo_event) -> None:
    path = tmp_path / "day.gelar-journal"
    journal = Journal(path, demo_event.identity)
    assert journal.still_there()
    moved = tmp_path / "elsewhere.gelar-journal"
    path.rename(moved)
    assert not journal.still_there()
    moved.rename(path)  # put back: the same file again
    assert journal.still_there()
    shutil.copyfile(path, moved)
    moved.replace(path)  # a copy in its place is another file: what this connection writes would not be in it
    assert not journal.still_there()
    journal.close()


def test_actions_after_the_journal_was_deleted_wait_in_memory_and_spill(tmp_path, demo_event, clock) -> None:
    path = tmp_path / "day.gelar-journal"
    day = Day.open(demo_event, path, clock=clock)
    day.start()
    remove_journal(path)
    clock.advance(30)
    day.toggle()  # pause: decided in memory, not written into the deleted file
    assert len(day.unsaved) == 1 and day.fault is not None and day.fault.reason == "moved"
    assert not day.state.slots["ceria"].running
    assert not path.exists()  # nothing made a new, empty journal
    spilled = day.spill()
    lines = [json.loads(line) for line in spilled.read_text().splitlines()]
    assert [line.get("kind") for line in lines if "spill" not in line] == ["slot_paused"]  # after the head line
    day.close()


async def test_the_console_notices_a_deleted_journal_without_an_action(tmp_path, demo_event) -> None:
    path = tmp_path / "day.gelar-journal"
    clock = FakeClock()
    day = Day.open(demo_event, path, clock=clock)
    day.start()
    app = make_app(day, "en")
    async with app.run_test(size=(120, 32)) as pilot:
        await pilot.pause()
        assert "deleted or moved" not in screen_text(app)
        remove_journal(path)
        # The folder's watch reports it; no key is pressed.
        assert await settled(pilot, lambda: "0 records wait in memory" in banner(app))
        assert app.journal_lost and "was deleted or moved" in banner(app)
        await pilot.press("space")  # the moderator goes on: the pause is kept, and counted
        assert await settled(pilot, lambda: "1 records wait in memory" in banner(app))
        assert len(day.unsaved) == 1
        await pilot.press("f2")
        assert await settled(pilot, lambda: list(tmp_path.glob("*.spill")))
        spills = list(tmp_path.glob("*.spill"))
        assert len(spills) == 1 and "slot_paused" in spills[0].read_text()
        assert not path.exists()


@pytest.fixture
def event_file(tmp_path: Path) -> Path:
    path = tmp_path / "lomba.toml"
    shutil.copyfile(bundled_event_path(), path)
    return path


@pytest.mark.parametrize("command", [["status"], ["status", "--json"], ["log"], ["results"], ["analysis"], ["verify"], ["display"], ["display", "--presenter"]])
def test_views_that_only_read_create_no_journal_and_say_so(capsys, event_file, command) -> None:
    journal = event_file.parent / "gone.gelar-journal"
    code = main(["--lang", "en", command[0], str(event_file), "--journal", str(journal), *command[1:]])
    out, err = capsys.readouterr()
    assert code == 2 and "Traceback" not in out + err
    assert f"no journal at {journal}" in err
    assert sorted(p.name for p in event_file.parent.iterdir()) == ["lomba.toml"]


async def test_the_same_file_put_back_takes_what_waited(tmp_path, demo_event) -> None:
    path = tmp_path / "day.gelar-journal"
    day = Day.open(demo_event, path, clock=FakeClock())
    day.start()
    app = make_app(day, "en")
    async with app.run_test(size=(120, 32)) as pilot:
        await pilot.pause()
        away = tmp_path / "away.gelar-journal"
        path.rename(away)  # moved by mistake
        assert await settled(pilot, lambda: "was deleted or moved" in banner(app))
        await pilot.press("space")
        assert await settled(pilot, lambda: "1 records wait" in banner(app))
        away.rename(path)  # and put back: the same file
        assert await settled(pilot, lambda: banner(app) == "" and not day.unsaved)
        assert not app.journal_lost
    kinds = [record.kind for record in Journal(path, demo_event.identity).records()]
    assert kinds[-2:] == ["slot_paused", "journal_fault"]

"""Faults a day can bring: a journal that cannot be written (disk full, read-only, busy),
records kept in memory in order and written later, the spill file, and the console's banner."""

from __future__ import annotations

import json
import sqlite3

import pytest
from tests.support.console import make_app, screen_text

from gelar_tui.cli import main
from gelar_tui.journal.clock import FakeClock
from gelar_tui.day.facade import Day
from gelar_tui.event.eventfile import bundled_event_path, load_event
from gelar_tui.journal.store import Journal, JournalWriteError
from gelar_tui.journal.verify import check_chain


@pytest.fixture
def event():
    return load_event(bundled_event_path())


def fill_disk(day: Day) -> int:
    """Let the journal grow no further, as on a full disk; return the limit to lift later."""
    db = day.journal._db
    pages = db.execute("PRAGMA page_count").fetchone()[0]
    db.execute(f"PRAGMA max_page_count = {pages}")
    return pages


def free_disk(day: Day) -> None:
    day.journal._db.execute("PRAGMA max_page_count = 1073741823")


def scores_until_full(day: Day) -> int:
    """Type scores until the journal refuses one; each is still taken, in memory."""
    count = 0
    while not day.unsaved:
        day.set_score("ceria", "pemprov", "solusi", str(50 + count % 40))
        count += 1
        assert count < 5000
    return count


def test_a_full_disk_keeps_the_clock_and_every_action_then_writes_them_in_order(event, tmp_path):
    clock = FakeClock()
    day = Day.open(event, tmp_path / "day.gelar-journal", clock)
    day.start()
    fill_disk(day)
    scores_until_full(day)
    assert day.fault is not None and day.fault.reason == "full"
    clock.advance(60)
    day.pause()  # refused by the disk, taken in memory
    clock.advance(30)
    day.set_score("ceria", "pemprov", "analisis", "77")
    assert [u.kind for u in day.unsaved][-2:] == ["slot_paused", "score_set"]
    assert day.slot().phase == "paused" and day.slot().time_run == pytest.approx(60)
    assert day.state.sheets[("ceria", "pemprov")]["analisis"] == 7700
    assert not day.flush_unsaved()  # still full

    free_disk(day)
    assert day.flush_unsaved()
    assert day.unsaved == [] and day.fault is None
    kinds = [r.kind for r in day.journal.records()]
    assert kinds[-3:] == ["slot_paused", "score_set", "journal_fault"]
    assert day.slot().time_run == pytest.approx(60)  # the pause was written with the moment it happened
    assert check_chain(day.journal).broken_at is None
    again = Day.open(event, day.journal.path, clock)
    assert again.state.sheets == day.state.sheets and again.slot().time_run == pytest.approx(60)
    again.close()
    day.close()


def test_a_read_only_journal_is_a_fault_that_passes(event, tmp_path):
    day = Day.open(event, tmp_path / "day.gelar-journal", FakeClock())
    day.journal._db.execute("PRAGMA query_only = ON")  # as a file made read-only (root ignores chmod)
    day.start()
    assert day.fault.reason == "readonly" and [u.kind for u in day.unsaved] == ["slot_started"]
    day.journal._db.execute("PRAGMA query_only = OFF")
    assert day.flush_unsaved() and day.state.slots["ceria"].started
    day.close()


def test_a_journal_held_busy_too_long_is_tried_again_then_kept_in_memory(event, tmp_path):
    path = tmp_path / "day.gelar-journal"
    Day.open(event, path, FakeClock()).close()
    day = Day(event, Journal(path, event.identity, busy_timeout=0.05), FakeClock())
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another program holds the write lock
    day.start()
    assert day.fault.reason == "busy" and day.unsaved
    other.execute("COMMIT")
    other.close()
    assert day.flush_unsaved() and [r.kind for r in day.journal.records()] == ["slot_started", "journal_fault"]
    day.close()


def test_the_spill_file_is_taken_back_by_a_restart_and_by_import_once(event, tmp_path, capsys):
    path = tmp_path / "day.gelar-journal"
    day = Day.open(event, path, FakeClock())
    fill_disk(day)
    scores_until_full(day)
    day.start()
    spilled = day.spill()
    assert spilled == path.with_name(path.name + ".spill")
    lines = [json.loads(line) for line in spilled.read_text().splitlines()]
    head, lines = lines[0], lines[1:]  # the head binds the file to the journal as the day last saw it
    assert head["journal"] == day.journal.identity and head["origin"] == "console" and head["seq"] == day.state.seq
    assert [line["kind"] for line in lines][-1] == "slot_started"
    copy = tmp_path / "copy.spill"
    copy.write_text(spilled.read_text())
    day.journal.close()  # the console is closed with its records unsaved (or it crashed)

    restarted = Day.open(event, path, FakeClock())
    assert restarted.take_back_spill() == len(lines)
    assert restarted.state.slots["ceria"].started
    assert not spilled.exists() and spilled.with_name(spilled.name + ".taken").exists()
    restarted.close()

    # The secretary imports the copy as well: nothing is written twice.
    source = tmp_path / "demo.toml"
    source.write_text(bundled_event_path().read_text(encoding="utf-8"), encoding="utf-8")
    code = main(["--lang", "en", "scores", "import", str(source), str(copy), "--journal", str(path)])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert "0 records from the spill file" in out


def test_a_damaged_spill_file_is_refused_naming_the_line(event, tmp_path):
    day = Day.open(event, tmp_path / "day.gelar-journal", FakeClock())
    bad = tmp_path / "bad.spill"
    bad.write_text('{"spill": 1, "journal": "x", "seq": 0, "hash": "0", "origin": "console"}\n{"kind": "slot_started"}\n')
    with pytest.raises(Exception) as caught:
        day.take_back_spill(bad)
    assert "line 2" in str(caught.value)
    assert day.journal.records() == []
    day.close()


async def test_the_console_shows_a_banner_keeps_the_clock_and_writes_when_it_can(event, tmp_path):
    clock = FakeClock()
    day = Day.open(event, tmp_path / "day.gelar-journal", clock)
    app = make_app(day, "en")
    async with app.run_test(size=(120, 36)) as pilot:
        fill_disk(day)
        scores_until_full(day)
        await pilot.press("space")
        await pilot.pause()
        text = " ".join(screen_text(app).split())
        assert "the disk is full" in text and "records are not saved yet" in text and "Gelar Budaya Kerja 2016" in text
        app.save_screenshot(str(tmp_path / "fault.svg"))
        clock.advance(65)
        app.screen.tick()
        await pilot.pause()
        assert "28:55" in text_of_clock(app)
        free_disk(day)
        app.retry_unsaved()
        await pilot.pause()
        assert "not saved" not in " ".join(screen_text(app).split())
        assert day.journal.records()[-1].kind == "journal_fault"


def text_of_clock(app) -> str:
    return app.screen.query_one("#clock").text


def test_a_write_fault_is_told_apart_from_a_damaged_journal(tmp_path):
    from gelar_tui.journal.store import write_fault

    assert write_fault(sqlite3.OperationalError("database or disk is full"), tmp_path).reason == "full"
    assert write_fault(sqlite3.OperationalError("disk I/O error"), tmp_path).reason == "gone"
    assert write_fault(sqlite3.OperationalError("attempt to write a readonly database"), tmp_path).reason == "readonly"
    assert write_fault(sqlite3.DatabaseError("file is not a database"), tmp_path) is None
    assert isinstance(write_fault(sqlite3.OperationalError("database is locked"), tmp_path), JournalWriteError)


def test_a_second_console_finds_the_journal_taken_and_a_crash_leaves_no_lock(tmp_path):
    import subprocess
    import sys

    from gelar_tui.journal.consolelock import ConsoleLock

    journal = tmp_path / "day.gelar-journal"
    first = ConsoleLock(journal)
    assert first.held
    assert not ConsoleLock(journal).held  # a second console in this process
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys; from pathlib import Path; from gelar_tui.journal.consolelock import ConsoleLock; "
         "lock = ConsoleLock(Path(sys.argv[1])); print(lock.held, flush=True); sys.stdin.read()", str(journal)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )
    assert holder.stdout.readline().strip() == "False"  # another process: taken too
    holder.kill()
    holder.wait()
    first.release()
    crashed = subprocess.Popen(
        [sys.executable, "-c", "import sys; from pathlib import Path; from gelar_tui.journal.consolelock import ConsoleLock; "
         "lock = ConsoleLock(Path(sys.argv[1])); print(lock.held, flush=True); sys.stdin.read()", str(journal)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )
    assert crashed.stdout.readline().strip() == "True"
    crashed.kill()  # kill -9: no chance to release
    crashed.wait()
    assert ConsoleLock(journal).held  # the restarted console is not blocked

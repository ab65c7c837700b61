"""Trust: the hash chain and `gelar verify`, format-1 journals upgraded, and a slot clock that
does not follow the wall clock's steps."""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.console import make_app
from gelar_tui.cli import main
from gelar_tui.journal.clock import FakeClock, SystemClock
from gelar_tui.day.facade import Day
from gelar_tui.event.eventfile import load_event
from gelar_tui.journal.store import Journal

FAKETIME = Path("/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1")


def run(capsys, *argv: object) -> tuple[int, str, str]:
    code = main(["--lang", "en", *(str(a) for a in argv)])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def a_day(event: Path, journal: Path, clock=None) -> Day:
    return Day.open(load_event(event), journal, clock or FakeClock())


def some_records(event: Path, journal: Path) -> None:
    day = a_day(event, journal)
    day.start()
    day.clock.advance(90)
    day.set_score("ceria", "pemprov", "solusi", "80")
    day.pause()
    day.close()


def verify_by_hand(path: Path) -> str:
    """The 20-line check the README describes, written from its words alone."""
    db = sqlite3.connect(path)
    previous = bytes(32)
    for seq, ts, boot, boot_id, kind, data, origin, stored in db.execute(
        "SELECT seq, ts, boot, boot_id, kind, data, origin, hash FROM records ORDER BY seq"
    ):
        boot_text = "" if boot is None else f"{boot:.6f}"
        line = f"{seq}\t{ts:.6f}\t{boot_text}\t{boot_id}\t{kind}\t{data}\t{origin}"
        previous = hashlib.sha256(previous + line.encode("utf-8")).digest()
        assert previous.hex() == stored, seq
    db.close()
    return previous.hex()


# -- the chain -----------------------------------------------------------------


def test_a_script_of_ones_own_checks_the_chain_and_gets_the_fingerprint(event, journal, capsys):
    some_records(event, journal)
    fingerprint = verify_by_hand(journal)
    code, out, _ = run(capsys, "verify", event)
    assert code == 0
    assert "The chain holds: 3 records" in out.splitlines()[0] and fingerprint in out  # slot_started, score_set, slot_paused


def _tamper(journal: Path, sql: str, *params) -> None:
    db = sqlite3.connect(journal)
    db.executescript(sql)
    db.commit()
    db.close()


@pytest.mark.parametrize(
    ("how", "sql", "params", "record"),
    [
        ("a score changed", "UPDATE records SET data = replace(data, '\"80\"', '\"95\"') WHERE kind = 'score_set'", (), 2),
        ("a record deleted", "DELETE FROM records WHERE seq = 2", (), 3),
        ("a record inserted", "INSERT INTO records (seq, ts, kind, data, origin, boot, boot_id, hash) "
         "SELECT 4, ts, kind, data, origin, boot, boot_id, hash FROM records WHERE seq = 3", (), 4),
        ("two records swapped", "UPDATE records SET seq = -2 WHERE seq = 2; UPDATE records SET seq = 2 WHERE seq = 3;"
         "UPDATE records SET seq = 3 WHERE seq = -2", (), 2),
        ("a time moved", "UPDATE records SET ts = ts - 600 WHERE seq = 1", (), 1),
        ("the last record deleted", "DELETE FROM records WHERE seq = 3", (), 3),
        ("the last two deleted", "DELETE FROM records WHERE seq >= 2", (), 2),
        ("the tail deleted, SQLite's numbering reset", "DELETE FROM records WHERE seq = 3; DELETE FROM sqlite_sequence", (), 3),
        ("the last record rebuilt without its head", "DELETE FROM records WHERE seq = 3; INSERT INTO records "
         "(seq, ts, kind, data, origin, boot, boot_id, hash) SELECT 3, ts, 'slot_paused', data, origin, boot, boot_id, hash "
         "FROM records WHERE seq = 1", (), 3),
    ],
)
def test_verify_names_the_first_record_that_does_not_match(event, journal, capsys, how, sql, params, record):
    some_records(event, journal)
    _tamper(journal, sql, *params)
    code, out, _ = run(capsys, "verify", event)
    assert code == 1, how
    assert f"record {record}" in out, (how, out)


def test_a_deleted_tail_is_caught_and_named(event, journal, capsys):
    some_records(event, journal)
    _tamper(journal, "DELETE FROM records WHERE seq >= 2")
    code, out, _ = run(capsys, "verify", event)
    assert code == 1
    assert "had 3 records, but the last 2 of them, from record 2 on, are missing" in out and "The 1 records before them hold" in out


def test_a_journal_kept_before_the_head_still_verifies_and_says_what_it_does_not_cover(event, journal, capsys):
    some_records(event, journal)
    _tamper(journal, "DELETE FROM meta WHERE key = 'head'")  # as a journal written before gelar kept its head
    code, out, _ = run(capsys, "verify", event)
    assert code == 0 and "The chain holds: 3 records" in out and "before gelar kept its head" in out
    _tamper(journal, "DELETE FROM records WHERE seq = 3")  # SQLite's own numbering still shows a plain DELETE
    code, out, _ = run(capsys, "verify", event)
    assert code == 1 and "the last 1 of them, from record 3 on, are missing" in out
    day = a_day(event, journal)  # the next record written stores the head: from then on it is covered
    day.set_score("ceria", "pemprov", "analisis", "70")
    day.close()
    code, out, _ = run(capsys, "verify", event)
    assert code == 0 and "before gelar kept its head" not in out


def test_a_rebuilt_tail_passes_verify_alone_but_not_against_a_printed_fingerprint(event, journal, capsys):
    """What the README says: someone who rebuilds the chain and its head is caught only by a printed fingerprint."""
    some_records(event, journal)
    with Journal(journal, load_event(event).identity) as opened:
        printed = opened.fingerprint()
        two = opened.records()[1]
    _tamper(journal, f"DELETE FROM records WHERE seq = 3; UPDATE sqlite_sequence SET seq = 2; "
            f"UPDATE meta SET value = '2 {two.hash}' WHERE key = 'head'")
    assert run(capsys, "verify", event)[0] == 0
    code, out, _ = run(capsys, "verify", event, "--fingerprint", printed[1])
    assert code == 1 and "not this journal's" in out


def test_a_printed_fingerprint_is_found_at_its_record_as_records_keep_coming(event, journal, capsys):
    some_records(event, journal)
    with Journal(journal, load_event(event).identity) as opened:
        printed = opened.fingerprint()
    day = a_day(event, journal)
    day.set_score("ceria", "pemprov", "analisis", "70")
    day.close()
    code, out, _ = run(capsys, "verify", event, "--fingerprint", printed[1].upper())
    assert code == 0
    assert f"record {printed[0]}" in out.splitlines()[-1]
    code, out, _ = run(capsys, "verify", event, "--fingerprint", "ab" * 32)
    assert code == 1 and "not this journal's" in out


def test_a_fingerprint_that_is_not_hex_is_refused(event, journal, capsys):
    some_records(event, journal)
    code, out, err = run(capsys, "verify", event, "--fingerprint", "xyz")
    assert code == 2 and "64 hexadecimal" in err and not out


def test_verify_without_a_journal_says_so(event, capsys):
    code, _, err = run(capsys, "verify", event)
    assert code == 2 and "no journal" in err


def test_the_results_document_prints_the_record_beside_the_fingerprint(event, journal, capsys):
    some_records(event, journal)
    code, out, _ = run(capsys, "results", event, "--format", "md")
    assert code == 0
    with Journal(journal, load_event(event).identity) as opened:
        seq, fingerprint = opened.fingerprint()
    assert f"at record {seq}" in out and fingerprint in out and "gelar verify" in out


# -- format 1 ------------------------------------------------------------------------

V1_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE records (seq INTEGER PRIMARY KEY AUTOINCREMENT, ts REAL NOT NULL, kind TEXT NOT NULL,
                      data TEXT NOT NULL, origin TEXT NOT NULL);
"""


def a_format1_journal(path: Path, identity: str) -> str:
    """A journal as gelar 0.1 wrote it; returns the fingerprint its documents printed."""
    db = sqlite3.connect(path)
    db.executescript(V1_SCHEMA)
    db.execute("PRAGMA application_id = 1734700146")
    db.execute("PRAGMA user_version = 1")
    db.execute("INSERT INTO meta VALUES ('event', ?)", (identity,))
    rows = [
        (1_471_320_000.0, "slot_started", '{"group":"ceria"}', "console"),
        (1_471_320_000.5, "score_set", '{"criterion":"solusi","group":"ceria","juror":"pemprov","value":"80"}', "console"),
        (1_471_321_900.25, "slot_finished", '{"group":"ceria"}', "console"),
    ]
    digest = hashlib.sha256()
    for seq, (ts, kind, data, origin) in enumerate(rows, start=1):
        db.execute("INSERT INTO records (ts, kind, data, origin) VALUES (?, ?, ?, ?)", (ts, kind, data, origin))
        digest.update(f"{seq}\t{ts:.6f}\t{kind}\t{data}\t{origin}\n".encode())
    db.commit()
    db.close()
    return digest.hexdigest()


def test_a_format1_journal_is_upgraded_once_after_a_backup_and_its_old_fingerprint_still_checks(event, journal, capsys):
    identity = load_event(event).identity
    old_fingerprint = a_format1_journal(journal, identity)
    code, out, _ = run(capsys, "verify", event)  # verify only reads: no upgrade
    assert code == 0 and "format 1" in out and old_fingerprint in out
    assert not journal.with_name(journal.name + ".v1.bak").exists()

    day = a_day(event, journal)
    assert day.journal.upgraded_backup == journal.with_name(journal.name + ".v1.bak")
    assert day.state.slots["ceria"].finished and day.slot("ceria").time_run == pytest.approx(1900.25)
    day.set_score("ceria", "pemprov", "analisis", "75")
    day.close()
    backup = sqlite3.connect(journal.with_name(journal.name + ".v1.bak"))
    assert backup.execute("PRAGMA user_version").fetchone()[0] == 1
    assert backup.execute("SELECT COUNT(*) FROM records").fetchone()[0] == 3
    backup.close()

    again = a_day(event, journal)
    assert again.journal.upgraded_backup is None  # once only
    again.close()
    verify_by_hand(journal)
    code, out, _ = run(capsys, "verify", event, "--fingerprint", old_fingerprint)
    assert code == 0 and "record 3" in out.splitlines()[-1] and "format 1" in out.splitlines()[-1]


def test_an_upgraded_format1_journal_keeps_its_head_at_once(event, journal, capsys):
    a_format1_journal(journal, load_event(event).identity)
    a_day(event, journal).close()  # opened to write, nothing written
    _tamper(journal, "DELETE FROM records WHERE seq = 3; DELETE FROM sqlite_sequence")
    code, out, _ = run(capsys, "verify", event)
    assert code == 1 and "the last 1 of them, from record 3 on, are missing" in out


# -- the clock -------------------------------------------------------------------------


@pytest.mark.parametrize("step", [600, -600, 3600, -3600])
def test_a_running_slot_ignores_the_wall_clock_stepping(event, journal, step):
    clock = FakeClock()
    day = a_day(event, journal, clock)
    day.start()
    clock.advance(5)
    clock.step_wall(step)
    assert day.slot().time_run == pytest.approx(5)
    clock.advance(10)
    watcher = a_day(event, journal, clock)  # `gelar status`, or a console restarted on the same boot
    assert day.slot().time_run == pytest.approx(15)
    assert watcher.slot().time_run == pytest.approx(15)
    day.pause()  # a record written after the step is placed on the same timeline
    clock.advance(100)
    day.resume()
    clock.advance(30)
    assert watcher.refresh() and watcher.slot().time_run == pytest.approx(45)
    assert day.slot().time_run == pytest.approx(45)
    watcher.close()
    day.close()


def test_across_a_reboot_the_wall_clock_bridges_and_the_journal_notes_it(event, journal):
    clock = FakeClock()
    day = a_day(event, journal, clock)
    day.start()
    clock.advance(100)
    day.close()
    clock.reboot(down_for=50)  # the laptop restarted: 50 s of wall time with the slot still running
    day = a_day(event, journal, clock)
    assert day.slot().time_run == pytest.approx(150)
    day.pause()
    clock.advance(20)
    assert day.slot().time_run == pytest.approx(150)
    kinds = [record.kind for record in day.journal.records()]
    assert kinds == ["slot_started", "clock_bridged", "slot_paused"]
    clock.step_wall(-600)  # the new boot is anchored now: steps move nothing
    day.resume()
    clock.advance(10)
    assert day.slot().time_run == pytest.approx(160)
    day.close()


def test_status_json_gives_exact_remaining_and_overtime(event, journal, capsys):
    day = a_day(event, journal, SystemClock())
    day.start()
    day.close()
    code, out, _ = run(capsys, "status", event, "--json")
    data = json.loads(out)
    assert code == 0
    assert data["remaining_s"] == math_ceil(data["remaining"])
    assert 0 < data["remaining"] <= 1800 and data["overtime"] == 0.0


def math_ceil(value: float) -> int:
    import math

    return math.ceil(value)


@pytest.mark.skipif(not FAKETIME.exists(), reason="needs libfaketime (Debian faketime)")
@pytest.mark.parametrize("step", ["+600", "-600", "+3600", "-3600"])
def test_gelar_status_under_a_stepped_wall_clock_agrees_with_the_console(event, journal, tmp_path, step):
    """End to end: a console (this process) starts a slot; `gelar status` runs in a process whose
    wall clock libfaketime steps, its boot clock untouched, and reports the same remaining time."""
    day = Day.open(load_event(event), journal, SystemClock())
    day.start()
    stamp_file = tmp_path / "faketime"
    stamp_file.write_text(step + "\n")
    env = dict(os.environ, LD_PRELOAD=str(FAKETIME), FAKETIME_TIMESTAMP_FILE=str(stamp_file),
               FAKETIME_NO_CACHE="1", FAKETIME_DONT_FAKE_MONOTONIC="1")
    before = day.slot().remaining
    done = subprocess.run([sys.executable, "-m", "gelar_tui", "status", str(event), "--json"],
                          env=env, capture_output=True, text=True, timeout=60)
    after = day.slot().remaining
    assert done.returncode == 0, done.stderr
    reported = json.loads(done.stdout)["remaining"]
    assert after - 0.2 <= reported <= before + 0.2
    day.close()


@pytest.mark.parametrize("step", [600, -600])
async def test_the_console_clock_does_not_jump_when_the_wall_clock_steps(event, journal, step):
    clock = FakeClock()
    day = a_day(event, journal, clock)
    app = make_app(day, "en")
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("space")
        clock.advance(65)
        app.screen.tick()
        await pilot.pause()
        face = app.screen.query_one("#clock").text
        assert face == "28:55"
        clock.step_wall(step)  # NTP on joining the hall's network, or a time-zone fix
        clock.advance(1)
        app.screen.tick()
        await pilot.pause()
        assert app.screen.query_one("#clock").text == "28:54"
    day.close()

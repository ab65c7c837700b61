"""The journal: durable, shared between processes, never overwritten, replayable."""

from __future__ import annotations

import hashlib
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gelar_tui.journal.clock import FakeClock
from gelar_tui.day.facade import Day
from gelar_tui.errors import GelarError
from gelar_tui.event.eventfile import parse_event
from gelar_tui.scoring.day_results import results_of
from gelar_tui.journal.store import FORMAT_VERSION, Journal
from gelar_tui.day.state import DayState

IDENTITY = "Gelar Budaya Kerja 2016|2016-08-16"


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "hari.gelar-journal"


def write(path: Path, count: int, identity: str = IDENTITY, origin: str = "test") -> None:
    with Journal(path, identity) as journal:
        for i in range(count):
            journal.append("score_set", {"i": i, "value": f"{i},5", "kata": "nilai"}, 1_471_320_000.0 + i / 3, origin)


def refused_untouched(path: Path, key: str, identity: str = IDENTITY) -> None:
    """Opening *path* is refused with *key*, and not a byte of it changes."""
    before = path.read_bytes()
    with pytest.raises(GelarError) as info:
        Journal(path, identity).close()
    assert info.value.key == key
    assert path.read_bytes() == before


# -- records ---------------------------------------------------------------------------


def test_records_survive_closing_and_reopening(path) -> None:
    with Journal(path, IDENTITY) as journal:
        written = [journal.append("slot_started", {"group": "ceria"}, 1_471_320_000.25, "console"),
                   journal.append("score_set", {"group": "ceria", "value": "85.5", "nama": "Ibu Sri"}, 1_471_320_001.5,
                                  "juri-1")]
        assert journal.records() == written
    with Journal(path, IDENTITY) as journal:
        assert journal.records() == written
        assert journal.records(after=written[0].seq) == written[1:]


def test_sequence_numbers_increase(path) -> None:
    write(path, 50)
    with Journal(path, IDENTITY) as journal:
        seqs = [record.seq for record in journal.records()]
    assert seqs == sorted(set(seqs)) and len(seqs) == 50 and seqs[0] >= 1


def test_changed_reports_another_connections_append(path) -> None:
    with Journal(path, IDENTITY) as mine, Journal(path, IDENTITY) as theirs:
        mine.changed()
        assert not mine.changed()
        mine.append("a", {}, 1.0, "console")
        assert not mine.changed()  # our own writes are not news
        theirs.append("b", {}, 2.0, "juri")
        assert mine.changed()
        assert not mine.changed()


def test_fingerprint_is_the_last_link_of_the_hash_chain(path) -> None:
    write(path, 3)
    with Journal(path, IDENTITY) as journal:
        records = journal.records()
        first = journal.fingerprint()
    assert records[1].canonical() == '2\t1471320000.333333\t\t\tscore_set\t{"i":1,"kata":"nilai","value":"1,5"}\ttest'
    previous = bytes(32)
    for record in records:
        previous = hashlib.sha256(previous + record.canonical().encode("utf-8")).digest()
        assert record.hash == previous.hex()
    assert first == (3, previous.hex())
    with Journal(path, IDENTITY) as journal:
        assert journal.fingerprint() == first  # stable across reopening
        journal.append("sheet_locked", {"group": "ceria"}, 5.0, "test")
        assert journal.fingerprint()[0] == 4 and journal.fingerprint()[1] != first[1]

def test_two_connections_appending_alternately_both_land(path) -> None:
    with Journal(path, IDENTITY) as one, Journal(path, IDENTITY) as two:
        for i in range(20):
            (one if i % 2 else two).append("tick", {"i": i}, float(i), "one" if i % 2 else "two")
        assert [r.data["i"] for r in one.records()] == list(range(20)) == [r.data["i"] for r in two.records()]


def test_wal_mode_and_full_sync(path) -> None:
    with Journal(path, IDENTITY) as journal:
        assert journal._db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert journal._db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


# -- refusing what is not ours --------------------------------------------------------------


NOISE = bytes(random.Random(5000).getrandbits(8) for _ in range(5000))
"""Random bytes, the same in every test process (parallel workers must collect the same tests)."""


@pytest.mark.parametrize("content", [b"ceria;pemprov;inovasi;85\n" * 100, NOISE, b"x", b"SQLite format 3\x00" + b"\xff" * 4000],
                         ids=["csv", "noise", "one-byte", "sqlite-header"])
def test_a_file_that_is_not_a_journal_is_refused_untouched(path, content) -> None:
    path.write_bytes(content)
    refused_untouched(path, "error.journal_corrupt")


def test_another_applications_database_is_refused_untouched(path) -> None:
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE contacts (name TEXT)")
        db.execute("INSERT INTO contacts VALUES ('Bu Ani')")
    db.close()
    refused_untouched(path, "error.journal_foreign")


def test_a_journal_of_another_event_is_refused_untouched(path) -> None:
    write(path, 5, identity="Gelar Budaya Kerja 2017|2017-08-15")
    refused_untouched(path, "error.journal_other_event")
    with Journal(path, "Gelar Budaya Kerja 2017|2017-08-15") as journal:
        assert len(journal.records()) == 5


def test_a_journal_from_a_newer_version_is_refused_untouched(path) -> None:
    write(path, 5)
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA user_version = {FORMAT_VERSION + 1}")
    db.close()
    refused_untouched(path, "error.journal_newer")


def test_a_newer_journal_with_a_changed_schema_is_called_newer(path) -> None:
    write(path, 5)
    db = sqlite3.connect(path)
    db.execute("ALTER TABLE records RENAME TO entries")
    db.execute(f"PRAGMA user_version = {FORMAT_VERSION + 1}")
    db.commit()
    db.close()
    refused_untouched(path, "error.journal_newer")


def test_a_damaged_journal_gives_a_clear_error_and_is_left_alone(path) -> None:
    write(path, 400)
    data = bytearray(path.read_bytes())
    data[4096 * 3:4096 * 5] = b"\xa5" * 8192  # two pages of records overwritten
    path.write_bytes(bytes(data))
    with pytest.raises(GelarError) as info:
        with Journal(path, IDENTITY) as journal:
            journal.records()
    assert info.value.key == "error.journal_corrupt"
    assert path.read_bytes() == bytes(data)


def test_looking_at_a_journal_that_does_not_exist_makes_no_file(path) -> None:
    with Journal(path, IDENTITY, create=False) as journal:
        assert journal.records() == []
    assert not path.exists()


def test_a_folder_is_refused(path) -> None:
    path.mkdir()
    with pytest.raises(GelarError) as info:
        Journal(path, IDENTITY)
    assert info.value.key == "error.journal_is_folder"
    assert list(path.iterdir()) == []


# -- several processes, and crashes --------------------------------------------------------

APPENDER = """
import sys
from pathlib import Path
from gelar_tui.journal.store import Journal
journal, name = Journal(Path(sys.argv[1]), sys.argv[2]), sys.argv[3]
print("ready", flush=True)
sys.stdin.readline()
for i in range(200):
    journal.append("score_set", {"proc": name, "i": i}, 0.0, name)
print("done", flush=True)
"""


def spawn(*args: str, **kwargs) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", *args], text=True, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, **kwargs)


def run_together(script: str, argvs: dict[str, tuple[str, ...]], timeout: float = 60) -> dict[str, str]:
    """Start *script* once per name with its arguments, wait until all stand at the start line
    (each prints "ready" and waits for a line), let them go at once; return what each printed after."""
    procs = {name: spawn(script, *argv, stdin=subprocess.PIPE) for name, argv in argvs.items()}
    for proc in procs.values():  # all of them wait at the start line
        assert proc.stdout.readline() == "ready\n", proc.stderr.read()
    for proc in procs.values():
        proc.stdin.write("go\n")
        proc.stdin.flush()
    outs = {}
    for name, proc in procs.items():
        out, err = proc.communicate(timeout=timeout)
        assert proc.returncode == 0, err
        outs[name] = out
    return outs


def test_three_processes_append_at_once_and_lose_nothing(path) -> None:
    write(path, 0)
    names = ("console", "juri-1", "juri-2")
    outs = run_together(APPENDER, {name: (str(path), IDENTITY, name) for name in names})
    assert all(out == "done\n" for out in outs.values()), outs
    with Journal(path, IDENTITY) as journal:
        records = journal.records()
    assert len(records) == 600
    for name in names:
        assert [r.data["i"] for r in records if r.data["proc"] == name] == list(range(200))


def before_statement(monkeypatch, needle: str, action) -> list[str]:
    """Run *action* once, just before a journal connection starts a statement containing *needle*.

    It puts another process's step at an exact point of this one's: races made deterministic.
    """
    connect, fired = sqlite3.connect, []

    def traced_connect(*args, **kwargs):
        db = connect(*args, **kwargs)

        def trace(sql: str) -> None:
            if needle in sql and not fired:
                fired.append(sql)
                action()

        db.set_trace_callback(trace)
        return db

    monkeypatch.setattr(sqlite3, "connect", traced_connect)
    return fired


def test_opening_while_another_process_briefly_holds_the_write_lock(path, monkeypatch) -> None:
    # A new journal is in rollback mode until its first opener switches it to WAL; processes starting
    # together (console and jury stations) meet this state. Here another connection takes the write
    # lock for 0.3 s just as this one switches to WAL: opening must wait, not call the journal damaged.
    write(path, 3)
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA journal_mode = DELETE")
    db.close()
    other = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    release = threading.Timer(0.3, other.rollback)

    def take_the_lock() -> None:
        other.execute("BEGIN IMMEDIATE")
        release.start()

    fired = before_statement(monkeypatch, "journal_mode = WAL", take_the_lock)
    try:
        with Journal(path, IDENTITY) as journal:
            assert len(journal.records()) == 3
    finally:
        if release.ident is not None:
            release.join()
        other.close()
    assert fired



def test_opening_while_another_process_creates_the_same_journal(path, monkeypatch) -> None:
    # The console and a jury station start together on a journal that does not exist yet: the
    # second opens while the first is creating it (it waits for the lock, then finds it made).
    outcome: list[object] = []

    def second() -> None:
        try:
            Journal(path, IDENTITY).close()
            outcome.append("opened")
        except Exception as exc:  # noqa: BLE001 - reported by the assertion below
            outcome.append(exc)

    other = threading.Thread(target=second)
    fired = before_statement(monkeypatch, "sqlite_master", other.start)
    with Journal(path, IDENTITY) as journal:
        journal.append("score_set", {"i": 0}, 1.0, "juri-1")
        assert [r.data for r in journal.records()] == [{"i": 0}]
    other.join(30)
    assert fired and outcome == ["opened"]


WRITER = """
import sys, time
from pathlib import Path
from gelar_tui.journal.store import Journal
journal = Journal(Path(sys.argv[1]), sys.argv[2])
i = 0
while True:
    record = journal.append("score_set", {"i": i, "value": "85.5"}, time.time(), "writer")
    print(record.seq, flush=True)
    i += 1
"""


def run_writer_and_kill(path: Path, acks_wanted: int, script: str = WRITER, argv: tuple[str, ...] | None = None) -> list[int]:
    """Start a writer, kill -9 it after *acks_wanted* acknowledged records; return every acknowledged seq.

    The writer (*script*, run with *argv*, by default the journal's path and identity) prints
    each acknowledged record's number on a line of its own."""
    proc = spawn(script, *(argv or (str(path), IDENTITY)))
    guard = threading.Timer(60, proc.kill)
    guard.start()
    try:
        acked = []
        while len(acked) < acks_wanted:
            line = proc.stdout.readline()
            assert line, proc.stderr.read()
            acked.append(int(line))
        os.kill(proc.pid, signal.SIGKILL)
        out, _ = proc.communicate()
    finally:
        guard.cancel()
    assert proc.returncode == -signal.SIGKILL
    return acked + [int(line) for line in out.split()]  # printed before the kill: acknowledged too


def test_kill_minus_nine_loses_no_acknowledged_record(path) -> None:
    acked = []
    for wanted in (300, 137):  # a second crash on the recovered journal
        acked += run_writer_and_kill(path, wanted)
    with Journal(path, IDENTITY) as journal:
        records = journal.records()
    seqs = {r.seq for r in records}
    assert set(acked) <= seqs
    assert [r.seq for r in records] == list(range(1, len(records) + 1))  # nothing half-written in between
    assert all(r.kind == "score_set" and r.data["value"] == "85.5" for r in records)


SLOT_STARTER = """
import sys, time
from pathlib import Path
from gelar_tui.day.facade import Day
from gelar_tui.event.eventfile import bundled_event_path, load_event
day = Day.open(load_event(bundled_event_path()), Path(sys.argv[1]))
day.start()
print("started", flush=True)
time.sleep(60)
"""


def test_the_slot_clock_runs_on_through_a_crash(path, demo_event) -> None:
    proc = spawn(SLOT_STARTER, str(path))
    try:
        assert proc.stdout.readline() == "started\n", proc.stderr.read()
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.communicate()
    with Journal(path, demo_event.identity) as journal:
        started = journal.records()[0].ts
    clock = FakeClock(started + 125)
    day = Day.open(demo_event, path, clock=clock)
    try:
        view = day.slot()
        assert (view.group, view.phase) == ("ceria", "running")
        assert view.remaining == pytest.approx(1800 - 125, abs=1e-3)
        clock.advance(0.5)  # clear of a second's edge, where float rounding could tip the face
        assert day.slot().shown == "27:55"
    finally:
        day.close()


# -- replay -----------------------------------------------------------------------------------

EVENTS = [parse_event(
    '[event]\ntitle = "Ulang"\norganizer = "P"\nvenue = "B"\ndate = 2016-08-16\n'
    f'[timing]\nslot = "2m"\nalerts = ["1m"]\npenalty_per_minute = 1.5\novertime = "{overtime}"\n'
    '[scoring]\ntie_break = ["b", "overtime"]\n'
    '[[criteria]]\nid = "a"\nname = "A"\nweight = 1.5\n[[criteria]]\nid = "b"\nname = "B"\nweight = 0.25\n'
    '[[jurors]]\nid = "j1"\nname = "J1"\n[[jurors]]\nid = "j2"\nname = "J2"\n'
    + "".join(f'[[groups]]\nid = "g{i}"\nname = "KBK {i}"\nagency = "D"\n' for i in (1, 2, 3))
) for overtime in ("count", "stop")]


KINDS = (["start"] * 5 + ["advance"] * 6 + ["set_score"] * 6 + ["pause", "resume", "next_group"] * 2
         + ["previous_group", "skip", "restart", "extend", "call", "move", "lock_sheet", "unlock_sheet",
            "fill_and_lock", "reveal_results"])


@st.composite
def step(draw) -> tuple:
    """(which of the two Days acts, action name, arguments)."""
    kind = draw(st.sampled_from(KINDS))
    group, juror = draw(st.sampled_from(["g1", "g2", "g3"])), draw(st.sampled_from(["j1", "j2"]))
    args = {
        "advance": (draw(st.sampled_from([0.5, 1, 30, 59.5, 61, 125])),),
        "set_score": (group, juror, draw(st.sampled_from(["a", "b"])),
                      draw(st.sampled_from(["85,5", "0", "100", "99.99", "abc", None]))),
        "extend": (draw(st.sampled_from([60, -60, 30])),),
        "call": (group,),
        "move": (group, draw(st.integers(0, 2))),
        "lock_sheet": (group, juror),
        "fill_and_lock": (group, juror),
        "reveal_results": (draw(st.booleans()),),
        "unlock_sheet": (group, juror, draw(st.sampled_from(["", "salah ketik"]))),
    }.get(kind, ())
    return draw(st.integers(0, 1)), kind, args


STEPS = st.lists(step(), min_size=10, max_size=40)


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(EVENTS), STEPS)
def test_replay_rebuilds_exactly_the_live_state(event, steps) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path, clock = Path(folder) / "j.gelar-journal", FakeClock()
        days = [Day.open(event, path, clock=clock), Day.open(event, path, clock=clock)]
        try:
            for who, action, args in steps:
                if action == "advance":
                    clock.advance(args[0])
                    continue
                try:
                    if action == "fill_and_lock":
                        for criterion in ("a", "b"):
                            days[who].set_score(*args, criterion, "70,25")
                        action = "lock_sheet"
                    getattr(days[who], action)(*args)
                except GelarError:
                    pass
            for day in days:
                day.refresh()
            with Journal(path, event.identity) as fresh:
                replayed = DayState.replay(event, fresh.records())
            for day in days:
                live = day.state
                assert (replayed.order, replayed.current) == (live.order, live.current)
                assert (replayed.sheets, replayed.locked) == (live.sheets, live.locked)
                assert replayed.slots == live.slots
                assert replayed == live
            later = Day.open(event, path, clock=clock)
            try:
                for group in event.group_ids + [None]:
                    assert days[0].slot(group) == days[1].slot(group) == later.slot(group)
                assert results_of(days[0]) == results_of(days[1]) == results_of(later)
            finally:
                later.close()
        finally:
            for day in days:
                day.close()

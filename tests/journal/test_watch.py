"""The journal watcher (issue 8): one place that notices the journal changed, by the system's change events
(inotify on Linux, watchfiles elsewhere) or by polling; an idle watcher sleeps (issue 19)."""

from __future__ import annotations

import os
import shutil
import sys
import threading
import time
from pathlib import Path

import pytest

from gelar_tui.journal import watch
from gelar_tui.journal.watch import JournalWatcher
from tests.support.screens import open_day

LINUX = sys.platform.startswith("linux")
BACKENDS = [*(["inotify"] if LINUX else []), "watchfiles", "polling"]


def start_with(watcher: JournalWatcher, backend: str, monkeypatch) -> JournalWatcher:
    """Start *watcher* on *backend*: watchfiles is what a platform without inotify gets."""
    if backend == "watchfiles":
        monkeypatch.setattr(watch, "folder_events", lambda folder: None)
    watcher.start(force_polling=backend == "polling")
    assert (watcher.method, watcher.backend) == (("polling", "") if backend == "polling" else ("native", backend))
    return watcher


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_record_from_another_connection_is_noticed_once_per_burst(day, backend, monkeypatch) -> None:
    noticed = threading.Event()
    count = []
    watcher = JournalWatcher(day.journal.path)
    watcher.subscribe(lambda: (count.append(1), noticed.set()))
    start_with(watcher, backend, monkeypatch)
    try:
        other = open_day(day.event, day.journal.path, day.clock, origin="station")
        other.set_score("ceria", "pemprov", "analisis", "80")
        assert noticed.wait(5)
        assert day.refresh() and day.state.sheets[("ceria", "pemprov")] == {"analisis": 8000}
        other.close()
    finally:
        watcher.stop()
    assert count and watcher.notices == len(count)


def test_changes_to_other_files_beside_the_journal_are_not_noticed(day, tmp_path) -> None:
    noticed = threading.Event()
    watcher = JournalWatcher(day.journal.path)
    watcher.subscribe(noticed.set)
    watcher.start()
    try:
        (day.journal.path.parent / "notes.txt").write_text("something else")
        assert not noticed.wait(0.3)
    finally:
        watcher.stop()


def test_an_unsubscribed_view_is_told_nothing_and_a_failing_one_stops_nobody(day) -> None:
    told: list[str] = []
    watcher = JournalWatcher(day.journal.path)
    unsubscribe = watcher.subscribe(lambda: told.append("gone"))
    watcher.subscribe(lambda: 1 / 0)
    watcher.subscribe(lambda: told.append("kept"))
    unsubscribe()
    watcher.notify()
    assert told == ["kept"]
    watcher.stop()


def test_a_network_share_is_polled_and_a_local_folder_watched(day, monkeypatch, tmp_path) -> None:
    from gelar_tui.journal import watch

    mountinfo = tmp_path / "mountinfo"
    share = day.journal.path.parent
    mountinfo.write_text(
        "22 1 8:1 / / rw - ext4 /dev/sda1 rw\n"
        f"40 22 0:50 / {share} rw,relatime - nfs4 server:/export rw\n",
        encoding="utf-8",
    )
    real = Path
    monkeypatch.setattr(watch, "Path", lambda p: real(mountinfo) if p == "/proc/self/mountinfo" else real(p))
    assert watch.on_network_share(share) and not watch.on_network_share(tmp_path.parent / "elsewhere")
    watcher = JournalWatcher(day.journal.path).start()
    try:
        assert watcher.method == "polling"
    finally:
        watcher.stop()


def test_watching_loads_no_async_library_into_the_console(tmp_path) -> None:
    """watchfiles' package imports anyio, which the console never uses: the watcher loads only its core."""
    import subprocess
    import sys

    code = (
        "import sys; from pathlib import Path; from gelar_tui.journal.watch import JournalWatcher\n"
        f"w = JournalWatcher(Path({str(tmp_path / 'j.gelar-journal')!r})).start()\n"
        "print(w.method, 'anyio' in sys.modules); w.stop()\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True).stdout
    assert out.split() == ["native", "False"]


def _switches(thread: threading.Thread) -> int:
    """How many times *thread* has been switched out so far (Linux's count for that task)."""
    status = Path(f"/proc/self/task/{thread.native_id}/status").read_text()
    return sum(int(line.split()[1]) for line in status.splitlines() if line.startswith(("voluntary_ctxt", "nonvoluntary_ctxt")))


@pytest.mark.skipif(not LINUX, reason="inotify and /proc's context switches are Linux's")
def test_an_idle_watcher_sleeps_until_the_journal_changes(day) -> None:
    """watchfiles' loop woke 50 times a second, idle or not: a console idle at three times a bare app's CPU."""
    noticed = threading.Event()
    watcher = JournalWatcher(day.journal.path)
    watcher.subscribe(noticed.set)
    watcher.start()
    try:
        thread = watcher._thread
        assert thread is not None and watcher.backend == "inotify"
        time.sleep(0.2)  # settled into its wait
        before = _switches(thread)
        time.sleep(1.0)
        woken = _switches(thread) - before
        assert woken <= 5, f"an idle watcher woke {woken} times in a second"
        other = open_day(day.event, day.journal.path, day.clock, origin="station")
        other.set_score("ceria", "pemprov", "analisis", "80")
        assert noticed.wait(5)  # and still hears a change at once
        other.close()
    finally:
        watcher.stop()
    assert not thread.is_alive()  # stop() woke it: quitting does not wait for a timeout


@pytest.mark.parametrize("backend", BACKENDS[:-1])
def test_a_watched_folder_that_goes_away_is_polled_until_it_is_back(tmp_path, demo_event, clock, backend, monkeypatch) -> None:
    folder = tmp_path / "room"
    folder.mkdir()
    day = open_day(demo_event, folder / "day.gelar-journal", clock)
    day.close()
    noticed = threading.Event()
    watcher = JournalWatcher(folder / "day.gelar-journal")
    watcher.subscribe(noticed.set)
    start_with(watcher, backend, monkeypatch)
    try:
        shutil.rmtree(folder)
        assert noticed.wait(5)
        deadline = time.monotonic() + 5
        while watcher.method != "polling" and time.monotonic() < deadline:
            time.sleep(0.01)
        assert watcher.method == "polling"
        # the folder comes back (a USB stick put back): the system's events take over from the polling again
        folder.mkdir()
        noticed.clear()
        again = open_day(demo_event, folder / "day.gelar-journal", clock)
        again.set_score("ceria", "pemprov", "analisis", "80")
        assert noticed.wait(5)
        deadline = time.monotonic() + 5
        while watcher.method != "native" and time.monotonic() < deadline:
            time.sleep(0.01)
        assert (watcher.method, watcher.backend) == ("native", backend), "it kept polling 20 times a second"
        noticed.clear()
        again.set_score("ceria", "pemprov", "solusi", "70")
        assert noticed.wait(5), "a change after the hand-over was never told"
        again.close()
    finally:
        watcher.stop()
    assert watcher._poller is None and (watcher._thread is None or not watcher._thread.is_alive())


@pytest.mark.skipif(not LINUX, reason="inotify is Linux's")
def test_a_watcher_in_a_process_with_many_open_files_still_hears_changes(day) -> None:
    """A desk over many journals holds many descriptors: select() refuses any past 1023."""
    import resource

    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if max(soft, hard if hard != resource.RLIM_INFINITY else 4096) < 1200:
        pytest.skip("this system allows too few open files")
    if soft < 1200:
        resource.setrlimit(resource.RLIMIT_NOFILE, (1200, hard))
    held = []
    try:
        while not held or held[-1] < 1030:
            held.append(os.open(os.devnull, os.O_RDONLY))
        noticed = threading.Event()
        watcher = JournalWatcher(day.journal.path)
        watcher.subscribe(noticed.set)
        watcher.start()
        try:
            assert watcher.backend == "inotify"
            other = open_day(day.event, day.journal.path, day.clock, origin="station")
            other.set_score("ceria", "pemprov", "analisis", "80")
            other.close()
            assert noticed.wait(5)
            assert watcher.backend == "inotify"  # heard by its change events, not by polling after a failure
        finally:
            watcher.stop()
    finally:
        for fd in held:
            os.close(fd)
        resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))


@pytest.mark.skipif(shutil.which("strace") is None, reason="the slow disk is made with strace's delay injection")
@pytest.mark.parametrize(("backend", "sync_us"), [*((backend, 150_000) for backend in BACKENDS), (BACKENDS[0], 900_000)])
def test_a_commit_whose_sync_is_slow_is_told_once_readers_can_see_it(tmp_path, backend, sync_us, monkeypatch) -> None:
    """SQLite writes a commit to the -wal before it syncs it, and readers see it only after: on a slow
    disk (a USB stick) the notice came before, found nothing new, and the record waited for the next change.
    At 0.9 s a sync (a commit that starts the -wal syncs twice: visible after about 1.8 s) the looks after
    the notice once ended at 1.27 s, and the record waited for the next change."""
    import sqlite3
    import subprocess

    journal = tmp_path / "day.gelar-journal"
    setup = sqlite3.connect(journal)
    setup.execute("pragma journal_mode=wal")
    setup.execute("create table records(x)")
    setup.commit()  # and kept open, as a console keeps its journal
    reader = sqlite3.connect(journal, check_same_thread=False)
    counts: list[int] = []
    told = threading.Event()

    def changed() -> None:
        counts.append(reader.execute("select count(*) from records").fetchone()[0])
        if counts[-1]:
            told.set()

    watcher = JournalWatcher(journal)
    watcher.subscribe(changed)
    start_with(watcher, backend, monkeypatch)
    writer = (  # it stays open after its commit, as a station does: closing would change the files again
        f"import sqlite3, sys; c = sqlite3.connect({str(journal)!r}); c.execute('pragma synchronous=full')\n"
        "c.execute('insert into records values (1)'); c.commit(); print('committed', flush=True); sys.stdin.read()\n"
    )
    slow_sync = ["strace", "-f", "-qq", "-o", os.devnull, "-e", "trace=fsync,fdatasync", "-e", f"inject=fsync,fdatasync:delay_exit={sync_us}"]
    process = subprocess.Popen([*slow_sync, sys.executable, "-c", writer], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        if process.stdout.readline().strip() != "committed":
            pytest.skip("strace cannot run here")
        assert told.wait(15), f"a commit synced late was never told (counts read at each notice: {counts})"
    finally:
        process.communicate("", timeout=30)
        watcher.stop()
        reader.close()
        setup.close()


SHM_DEAD_MAN_SWITCH = 128
"""The byte of the -shm file every SQLite connection (unix VFS) keeps a shared lock on while it is open."""


def _shm_lock_held_by_another_process(journal: Path) -> bool:
    import subprocess

    code = (
        "import fcntl, os, sys\n"
        f"fd = os.open({str(journal) + '-shm'!r}, os.O_RDWR)\n"
        f"try: fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB, 1, {SHM_DEAD_MAN_SWITCH}, 0)\n"
        "except OSError: print('held')\n"
        f"else: fcntl.lockf(fd, fcntl.LOCK_UN, 1, {SHM_DEAD_MAN_SWITCH}, 0); print('free')\n"
    )
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=30, check=True).stdout.strip() == "held"


@pytest.mark.skipif(not LINUX, reason="SQLite's unix locks on the -shm, as Linux keeps them")
@pytest.mark.parametrize("backend", BACKENDS)
def test_watching_leaves_sqlites_own_locks_on_the_journal_alone(day, backend, monkeypatch) -> None:
    """Closing any descriptor of a file drops every POSIX lock the process holds on it: a watcher that
    opened the -shm to read it would take SQLite's locks away from the view's own connection."""
    noticed = threading.Event()
    watcher = JournalWatcher(day.journal.path)
    watcher.subscribe(noticed.set)
    assert _shm_lock_held_by_another_process(day.journal.path)  # the day's connection holds it
    start_with(watcher, backend, monkeypatch)
    try:
        other = open_day(day.event, day.journal.path, day.clock, origin="station")
        other.set_score("ceria", "pemprov", "analisis", "80")
        other.close()
        assert noticed.wait(5)
        time.sleep(0.2)  # the looks after the notice
        assert _shm_lock_held_by_another_process(day.journal.path)
    finally:
        watcher.stop()


def test_a_journal_reached_through_a_link_is_watched_where_it_is(tmp_path, demo_event, clock) -> None:
    """SQLite follows a link to the journal and keeps its -wal beside the file itself (a journal on a
    USB stick linked from the event's folder): the watcher watched the link's folder and heard nothing."""
    stick = tmp_path / "stick"
    stick.mkdir()
    day = open_day(demo_event, stick / "day.gelar-journal", clock)
    link = tmp_path / "room" / "day.gelar-journal"
    link.parent.mkdir()
    link.symlink_to(stick / "day.gelar-journal")
    noticed = threading.Event()
    watcher = JournalWatcher(link)
    watcher.subscribe(noticed.set)
    watcher.start()
    try:
        other = open_day(demo_event, link, clock, origin="station")
        other.set_score("ceria", "pemprov", "analisis", "80")
        other.close()
        assert noticed.wait(5), "a write through the link was never told"
    finally:
        watcher.stop()
        day.close()


def test_a_polling_watcher_stopped_by_its_own_subscriber_ends_quietly(day, capsys) -> None:
    """A view that closes when told (its journal gone) stops the watcher from the watcher's own thread."""
    watcher = JournalWatcher(day.journal.path, poll_every=0.02)
    done = threading.Event()

    def close() -> None:
        watcher.stop()
        done.set()

    watcher.subscribe(close)
    watcher.start(force_polling=True)
    other = open_day(day.event, day.journal.path, day.clock, origin="station")
    other.set_score("ceria", "pemprov", "analisis", "80")
    other.close()
    assert done.wait(5)
    assert "subscriber failed" not in capsys.readouterr().err


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_stopped_watcher_can_be_started_again(day, backend, monkeypatch) -> None:
    noticed = threading.Event()
    watcher = JournalWatcher(day.journal.path)
    watcher.subscribe(noticed.set)
    start_with(watcher, backend, monkeypatch)
    watcher.stop()
    start_with(watcher, backend, monkeypatch)
    try:
        other = open_day(day.event, day.journal.path, day.clock, origin="station")
        other.set_score("ceria", "pemprov", "analisis", "80")
        other.close()
        assert noticed.wait(5), "a watcher started again heard nothing"
    finally:
        watcher.stop()

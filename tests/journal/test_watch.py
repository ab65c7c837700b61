"""The journal watcher (issue 8): one place that notices the journal changed, by inotify or by polling."""

from __future__ import annotations

import sys
import threading

import pytest

from gelar_tui.journal.watch import JournalWatcher
from tests.support.screens import open_day

METHODS = ["inotify", "polling"] if sys.platform.startswith("linux") else ["polling"]


@pytest.mark.parametrize("method", METHODS)
def test_a_record_from_another_connection_is_noticed_once_per_burst(day, method) -> None:
    noticed = threading.Event()
    count = []
    watcher = JournalWatcher(day.journal.path)
    watcher.subscribe(lambda: (count.append(1), noticed.set()))
    watcher.start(force_polling=method == "polling")
    try:
        assert watcher.method == method
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

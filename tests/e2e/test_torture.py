"""The torture trials of issue 10 on small samples (``bench/torture.py`` runs them in full and
prints the figures). The generated files are the same on every run (derandomized hypothesis)."""

from __future__ import annotations

import random
import sqlite3
import threading
from pathlib import Path

import pytest

from gelar_tui.errors import GelarError
from gelar_tui.journal.store import Journal
from tests.journal.test_journal import IDENTITY
from tests.support.torture import FAKETIME, clock_steps, judge_event_files, judge_sheets, kill_trials, writers_at_once


def test_mutated_event_files_are_checked_or_refused_with_a_message(tmp_path: Path) -> None:
    tally = judge_event_files(tmp_path, 60)
    assert tally.files == tally.distinct == 60
    assert not tally.bad, tally.explain()
    assert tally.codes.get(2, 0) > 30  # most mutations break the file, and the check says so


def test_generated_score_sheets_are_imported_or_refused_without_a_trace(tmp_path: Path) -> None:
    tally = judge_sheets(tmp_path, 30)
    assert tally.files == tally.distinct == 30
    assert not tally.bad, tally.explain()
    assert tally.changed_on_refusal == 0  # a refused sheet stores nothing
    assert set(tally.codes) <= {0, 2}


def test_a_station_killed_at_random_moments_loses_no_acknowledged_score_and_the_clock_runs_on(tmp_path: Path) -> None:
    figures = kill_trials(tmp_path, 5, random.Random(10), most_acks=120)
    assert figures.trials == 5 and figures.acknowledged >= 5
    assert figures.lost == 0
    assert figures.chain_holds
    assert max(figures.clock_errors) <= 1.0


def test_three_stations_writing_at_once_lose_nothing_and_two_readers_replay_alike(tmp_path: Path) -> None:
    figures = writers_at_once(tmp_path, 3, 300)
    assert figures.records == 900 and figures.lost == 0
    assert figures.replays_identical, figures.replays
    assert figures.replays[0].split()[0] == "900"
    assert figures.chain_holds


@pytest.mark.skipif(not FAKETIME.exists(), reason="needs libfaketime (Debian faketime)")
def test_a_slot_read_by_three_processes_ignores_a_ten_minute_step(tmp_path: Path) -> None:
    errors = clock_steps(tmp_path, [600, -600], threading.Event().wait)
    assert max(errors.values()) <= 0.2, errors


# -- found while torturing -------------------------------------------------------------------


class _ShortBusy(sqlite3.Connection):
    """A connection whose busy timeout is 0.2 s instead of 30 s, so that waiting it out is quick."""

    def execute(self, sql: str, *args):  # type: ignore[override]
        if sql.startswith("PRAGMA busy_timeout"):
            sql = "PRAGMA busy_timeout = 200"
        return super().execute(sql, *args)


def test_a_journal_busy_beyond_the_timeout_is_not_called_damaged(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "day.gelar-journal"
    Journal(path, IDENTITY).close()
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another process holds the write lock (a long import, a stuck station)
    connect = sqlite3.connect
    monkeypatch.setattr(sqlite3, "connect", lambda *a, **k: connect(*a, **{**k, "timeout": 0.2, "factory": _ShortBusy}))
    try:
        with pytest.raises(GelarError) as info:
            Journal(path, IDENTITY).close()
    finally:
        holder.rollback()
        holder.close()
    assert info.value.key == "trust.fault_busy", info.value.key  # "busy", with what to do; never "damaged"

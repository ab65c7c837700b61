"""The torture trials of issue 10 on small samples (``bench/torture.py`` runs them in full and
prints the figures). The generated files are the same on every run (derandomized hypothesis)."""

from __future__ import annotations

import random
import threading
from pathlib import Path

import pytest

from torture_support import FAKETIME, clock_steps, judge_event_files, judge_sheets, kill_trials, writers_at_once


def test_mutated_event_files_are_checked_or_refused_with_a_message(tmp_path: Path) -> None:
    tally = judge_event_files(tmp_path, 60)
    assert tally.files == 60 and tally.distinct >= 45
    assert not tally.bad, tally.explain()
    assert tally.codes.get(2, 0) > 30  # most mutations break the file, and the check says so


def test_generated_score_sheets_are_imported_or_refused_without_a_trace(tmp_path: Path) -> None:
    tally = judge_sheets(tmp_path, 30)
    assert tally.files == 30 and tally.distinct >= 20
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

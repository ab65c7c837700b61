"""Helpers of the hub's tests: an initialised hub, a console day and stations writing, what the hub holds."""

from __future__ import annotations

from pathlib import Path

import psycopg

from gelar_tui.day.facade import Day
from gelar_tui.hub.client import connect
from gelar_tui.hub.schema import init
from gelar_tui.journal.clock import SystemClock
from tests.support.console import demo_event


def init_hub(url: str) -> None:
    conn = connect(url)
    try:
        init(conn)
    finally:
        conn.close()


def hub_rows(url: str) -> list[tuple[int, str]]:
    """(seq, hash) of every record the hub holds, in order ([] when it cannot be reached)."""
    try:
        with psycopg.connect(url, connect_timeout=2) as conn:
            return conn.execute("SELECT seq, hash FROM gelar_hub.records ORDER BY journal, seq").fetchall()
    except psycopg.Error:
        return []


def local_rows(journal: Path) -> list[tuple[int, str]]:
    day = Day.open(demo_event(), journal, create=False)
    try:
        return [(r.seq, r.hash) for r in day.journal.records()]
    finally:
        day.close()


def console_day(journal: Path, origin: str = "console") -> Day:
    return Day.open(demo_event(), journal, SystemClock(), origin=origin)


STATIONS = (("pemprov", "ceria"), ("swasta", "ceria"), ("pemprov", "melati"))
"""Three stations: a juror and the group they score."""


def score_some(journal: Path, juror: str, count: int, group: str | None = None, start: int = 60) -> None:
    """A station: *juror* enters *count* scores on *group* (the one on stage by default), each its own record."""
    station = Day.open(demo_event(), journal, SystemClock(), origin=f"station:{juror}")
    try:
        for n in range(count):
            criterion = ("analisis", "solusi", "inovasi", "manfaat", "presentasi", "kerjasama")[n % 6]
            station.set_score(group or station.state.current, juror, criterion, str(start + n % 30))
    finally:
        station.close()


def restart(cluster, patience: float = 40.0) -> None:
    """Start a stopped or killed server again, until it takes a login: after a kill, the old
    processes may hold its port or its shared memory a moment, and a start fails or does not last."""
    import time

    deadline = time.monotonic() + patience
    while True:
        if cluster.process is None or cluster.process.poll() is not None:
            try:
                cluster.start()
            except (RuntimeError, TimeoutError):
                pass
        try:
            psycopg.connect(cluster.url(), connect_timeout=2).close()
            return
        except psycopg.Error:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.5)

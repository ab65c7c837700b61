"""The PostgreSQL hub, writing side: catch-up after an outage, and the console's actions with shipping on and off.

    python -m bench.hub              # catch-up (9,000 records) and flips (about a minute)
    python -m bench.hub --drill      # also the full drill: the hub down two minutes while a slot runs

Everything runs on loopback against a private PostgreSQL server (tests/support/pg.py: the
one the tests use, with fsync off; a hall's server syncs, so its inserts cost more).

- Catch-up: a journal of 15 stations × one score a second for 10 minutes (9,000 score
  records, written while the hub is down); then the server starts and the shipper (the
  console's thread, backoff at most 2 s) is timed from the moment the server takes logins
  until the hub holds every record. Then once more by `ship_pending` alone (one round, no
  reconnecting), which is what `gelar hub push` does.
- Flips: the console's action (pause, resume: one record committed each) timed on the
  console's Day, in-process, while 15 stations write one score a second each from threads;
  first without a hub, then with the shipper running, 200 actions each. Judged on p95.
- Drill (--drill): the slot runs, three stations write a score a second each, the server
  is stopped with -m immediate for 120 s, then started: seconds until the hub holds every
  record with the room's fingerprint.

Figures, not assertions: it prints a table and exits 0 whatever they are.
The other stream's reader figures live in functions of their own in this file.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import threading
import time
from pathlib import Path

os.environ.setdefault("PGPASSWORD", "hub-test-secret")

from gelar_tui.day.facade import Day  # noqa: E402
from gelar_tui.hub.client import connect, writer_id  # noqa: E402
from gelar_tui.hub.local import LocalJournal  # noqa: E402
from gelar_tui.hub.schema import init  # noqa: E402
from gelar_tui.hub.ship import Shipper, ship_pending  # noqa: E402
from gelar_tui.journal.clock import SystemClock  # noqa: E402
from gelar_tui.journal.clock import Stamp  # noqa: E402
from gelar_tui.journal.store import Journal  # noqa: E402
from tests.support.console import demo_event  # noqa: E402
from tests.support.pg import make_cluster  # noqa: E402

STATIONS = 15
CRITERIA = ("analisis", "solusi", "inovasi", "manfaat", "presentasi", "kerjasama")


def _hub_count(url: str) -> int:
    import psycopg

    try:
        with psycopg.connect(url, connect_timeout=2) as conn:
            return conn.execute("SELECT count(*) FROM gelar_hub.records").fetchone()[0]
    except psycopg.Error:
        return -1


def _fresh(cluster, name: str) -> str:
    cluster.sql(f'CREATE DATABASE "{name}" OWNER gelar')
    url = cluster.url(name)
    conn = connect(url)
    init(conn)
    conn.close()
    cluster.sql("CHECKPOINT")
    return url


def _outage_journal(path: Path, minutes: int = 10) -> int:
    """15 stations × one score a second for *minutes*: score records with their own origins and times."""
    journal = Journal(path, demo_event().identity)
    start = time.time() - minutes * 60
    count = 0
    try:
        for second in range(minutes * 60):
            with journal.transaction():
                for station in range(STATIONS):
                    data = {"group": "ceria", "juror": "pemprov", "criterion": CRITERIA[station % 6], "value": 60 + second % 30}
                    journal.append("score_set", data, Stamp(start + second + station / 100, None, ""), f"station:j{station + 1}")
                    count += 1
    finally:
        journal.close()
    return count


def catch_up(cluster, folder: Path) -> dict:
    url = _fresh(cluster, "bench_catch_up")
    path = folder / "catch-up.gelar-journal"
    cluster.stop("immediate")
    records = _outage_journal(path)
    shipper = Shipper(url, path, demo_event(), retry_max=2.0).start()
    time.sleep(3)  # the shipper retrying against a stopped server
    cluster.start()
    back = time.monotonic()
    while _hub_count(url) < records:
        time.sleep(0.02)
    shipper_seconds = time.monotonic() - back
    shipper.stop()
    url2 = _fresh(cluster, "bench_push")
    conn = connect(url2)
    with LocalJournal(path) as journal:
        began = time.perf_counter()
        done = ship_pending(conn, journal, demo_event(), writer_id(path))
        push_seconds = time.perf_counter() - began
    conn.close()
    return {"records": records, "shipper_s": shipper_seconds, "push_s": push_seconds, "pushed": done.shipped}


def _flips(path: Path, url: str | None, actions: int = 200) -> list[float]:
    day = Day.open(demo_event(), path, SystemClock(), origin="console")
    shipper = Shipper(url, path, demo_event()).start() if url else None
    stop = threading.Event()

    def station(number: int) -> None:
        juror = ("pemprov", "swasta")[number % 2]
        at = Day.open(demo_event(), path, SystemClock(), origin=f"station:j{number}")
        n = 0
        try:
            while not stop.wait(1.0):
                at.set_score("melati", juror, CRITERIA[n % 6], str(60 + n % 30))
                n += 1
        finally:
            at.close()

    threads = [threading.Thread(target=station, args=(n,)) for n in range(STATIONS)]
    for thread in threads:
        thread.start()
    took = []
    try:
        day.start()
        for n in range(actions):
            began = time.perf_counter()
            day.pause() if n % 2 == 0 else day.resume()
            took.append(time.perf_counter() - began)
            time.sleep(0.05)
    finally:
        stop.set()
        for thread in threads:
            thread.join()
        if shipper is not None:
            shipper.stop()
        day.close()
    return took


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]


def flips(cluster, folder: Path) -> dict:
    url = _fresh(cluster, "bench_flips")
    off = _flips(folder / "flips-off.gelar-journal", None)
    on = _flips(folder / "flips-on.gelar-journal", url)
    return {"off_p50": statistics.median(off), "off_p95": p95(off), "on_p50": statistics.median(on), "on_p95": p95(on)}


def drill(cluster, folder: Path, outage: float = 120.0) -> dict:
    url = _fresh(cluster, "bench_drill")
    path = folder / "drill.gelar-journal"
    day = Day.open(demo_event(), path, SystemClock(), origin="console")
    shipper = Shipper(url, path, demo_event()).start()
    stop = threading.Event()

    def station(juror: str, group: str) -> None:
        at = Day.open(demo_event(), path, SystemClock(), origin=f"station:{juror}:{group}")
        n = 0
        try:
            while not stop.wait(1.0):
                at.set_score(group, juror, CRITERIA[n % 6], str(60 + n % 30))
                n += 1
        finally:
            at.close()

    threads = [threading.Thread(target=station, args=s) for s in (("pemprov", "ceria"), ("swasta", "ceria"), ("pemprov", "melati"))]
    day.start()
    for thread in threads:
        thread.start()
    time.sleep(2)
    cluster.stop("immediate")
    time.sleep(outage)
    stop.set()
    for thread in threads:
        thread.join()
    cluster.start()
    back = time.monotonic()
    fingerprint = day.journal.fingerprint()
    import psycopg

    while True:
        try:
            with psycopg.connect(url, connect_timeout=2) as conn:
                row = conn.execute("SELECT seq, hash FROM gelar_hub.records ORDER BY seq DESC LIMIT 1").fetchone()
        except psycopg.Error:
            row = None
        if row is not None and tuple(row) == fingerprint:
            break
        time.sleep(0.05)
    seconds = time.monotonic() - back
    shipper.stop()
    day.close()
    return {"records": fingerprint[0], "outage_s": outage, "in_step_s": seconds}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--drill", action="store_true", help="also the two-minute outage drill")
    args = parser.parse_args()
    cluster = make_cluster()
    folder = Path(tempfile.mkdtemp(prefix="gelar-bench-hub-"))
    try:
        caught = catch_up(cluster, folder)
        flipped = flips(cluster, folder)
        drilled = drill(cluster, folder) if args.drill else None
    finally:
        cluster.cleanup()
    print(f"catch-up, {caught['records']} records written during the outage:")
    print(f"  the shipper, from the server taking logins to the hub holding all: {caught['shipper_s']:.2f} s (goal <= 5 s)")
    print(f"  one round of ship_pending (gelar hub push):                     {caught['push_s']:.2f} s")
    print(f"console actions with {STATIONS} stations writing a score a second:")
    print(f"  shipping off: p50 {flipped['off_p50'] * 1000:.2f} ms, p95 {flipped['off_p95'] * 1000:.2f} ms")
    print(f"  shipping on:  p50 {flipped['on_p50'] * 1000:.2f} ms, p95 {flipped['on_p95'] * 1000:.2f} ms"
          f"  (p95 ratio {flipped['on_p95'] / flipped['off_p95']:.2f}, goal <= 1.1)")
    if drilled is not None:
        print(f"drill: {drilled['outage_s']:.0f} s outage, {drilled['records']} records: the hub in step {drilled['in_step_s']:.2f} s after its return (goal <= 10 s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

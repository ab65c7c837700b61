"""The hub's benchmark: how fast a reader elsewhere sees the room, and what the results desk costs.

    python -m bench.hub_readers                 # a private PostgreSQL server on loopback (as the tests make one)
    python -m bench.hub_readers --quick         # a smoke run
    GELAR_HUB=postgresql://... python -m bench.hub_readers   # against a hub of your own (its tables are created)

- Reader latency (``reader_latency``): a room's day on a local journal; each record, once
  committed there, is shipped to the hub at once (one INSERT per record, as the room's shipping
  does); a :class:`~gelar_tui.hub.reader.HubJournal` in the same process hears of it by
  LISTEN/NOTIFY and its Day takes it in. Timed from the room's commit returning to the
  reader's Day holding the record: median and p95 (the issue asks for ≤ 50 ms and ≤ 200 ms).
- Desk CPU (``desk_cpu``): 10 journals of 200 groups × 15 jurors × 6 criteria on the hub,
  ``gelar desk`` running in a private tmux server at 160×48, and 15 scores a second arriving
  (round robin over the journals, each shipped as it is committed). The desk process's CPU
  time (utime + stime from /proc) over the wall time, idle and under that load (the issue asks
  for ≤ 10 % of a core).

Figures, not assertions: it prints them and exits 0 whatever they are. The other stream's
figures (catch-up, flips with shipping on) belong in functions of their own in this file.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psycopg

from gelar_tui.day.facade import Day
from gelar_tui.event.eventfile import load_event
from gelar_tui.hub.client import connect
from gelar_tui.hub.local import LocalJournal
from gelar_tui.hub.ship import ship_pending
from gelar_tui.event.hub_url import masked
from gelar_tui.hub.reader import hub_event, open_hub_journal
from gelar_tui.journal.clock import SystemClock

from .workload import event_text


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


class Room:
    """A room's day on a local journal, each action's records shipped to the hub as soon as committed."""

    def __init__(self, event_path: Path, url: str) -> None:
        event = load_event(event_path)
        self.day = Day.open(event, event_path.with_name(event_path.stem + ".gelar-journal"), SystemClock(), origin="console")
        self.day.records_event, self.day.event_path = True, event_path
        self.conn = connect(url)
        self.local = LocalJournal(self.day.journal.path)
        self.journal = ""

    def act(self, action) -> float:
        """Run *action* on the day (it commits locally), then ship what it wrote; the moment the local commit returned."""
        action()
        committed = time.perf_counter()
        self.ship()
        return committed

    def ship(self) -> None:
        """Ship what the hub lacks, as the room's shipper does (one round of :func:`ship_pending`)."""
        shipped = ship_pending(self.conn, self.local, self.day.event, "bench", registered=bool(self.journal))
        self.journal = shipped.journal or self.journal

    def close(self) -> None:
        self.local.close()
        self.conn.close()
        self.day.close()


def make_events(folder: Path, count: int, groups: int, jurors: int, criteria: int) -> list[Path]:
    paths = []
    for index in range(count):
        text = event_text(groups, jurors, criteria).replace("Gelar Budaya Kerja benchmark", f"Gelar benchmark {index + 1}")
        text = text.replace("date = 2016-08-16", f"date = 2016-09-{index + 1:02d}")
        place = folder / f"room{index + 1}"
        place.mkdir(parents=True)
        path = place / "event.toml"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def reader_latency(url: str, folder: Path, records: int) -> tuple[float, float, float]:
    """A record committed in the room, shown by a hub reader: (median, p95, max) in milliseconds."""
    (path,) = make_events(folder, 1, 20, 5, 6)
    room = Room(path, url)
    room.act(room.day.record_event)
    room.act(room.day.start)
    reader = open_hub_journal(url, room.event)
    day = Day(hub_event(reader), reader, SystemClock(), "display")
    heard = threading.Event()
    watcher = reader.watcher()
    watcher.subscribe(heard.set)
    watcher.start()
    event = room.day.event
    times = []
    try:
        for index in range(records):
            heard.clear()
            group = event.group_ids[index % len(event.group_ids)]
            juror = event.juror_ids[(index // len(event.group_ids)) % len(event.juror_ids)]
            criterion = event.criterion_ids[index % len(event.criterion_ids)]
            value = str(60 + index % 40)
            committed = room.act(lambda: room.day.set_score(group, juror, criterion, value))
            target = room.day.state.seq
            while day.state.seq < target:
                heard.wait(5)
                heard.clear()
                day.refresh()
            times.append((time.perf_counter() - committed) * 1000)
            time.sleep(0.01)
    finally:
        watcher.stop()
        day.close()
        room.close()
    return statistics.median(times), percentile(times, 95), max(times)


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def desk_cpu(url: str, folder: Path, journals: int, groups: int, rate: float, seconds: float) -> tuple[float, float, int]:
    """`gelar desk` over *journals* journals of *groups* groups, *rate* scores a second arriving:
    (idle CPU %, loaded CPU %, scores sent)."""
    rooms = [Room(path, url) for path in make_events(folder, journals, groups, 15, 6)]
    for room in rooms:
        room.act(room.day.record_event)
        room.act(room.day.start)
    server = f"gelar-bench-hub-{os.getpid()}"
    session = "desk"
    command = f"exec {sys.executable} -m gelar_tui --lang en desk --hub {url}"
    subprocess.run(["tmux", "-L", server, "new", "-d", "-s", session, "-x", "160", "-y", "48", command], check=True)
    try:
        pid = int(subprocess.run(["tmux", "-L", server, "display", "-p", "-t", session, "#{pane_pid}"],
                                 capture_output=True, text=True, check=True).stdout)
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:  # every journal on screen
            shown = subprocess.run(["tmux", "-L", server, "capture-pane", "-p", "-t", session], capture_output=True, text=True).stdout
            if shown.count("Gelar benchmark") >= journals:
                break
            time.sleep(0.5)
        time.sleep(3)
        start_cpu, start = cpu_seconds(pid), time.monotonic()
        time.sleep(seconds / 2)
        idle = (cpu_seconds(pid) - start_cpu) / (time.monotonic() - start) * 100
        sent = 0
        start_cpu, start = cpu_seconds(pid), time.monotonic()
        event = rooms[0].day.event
        while time.monotonic() - start < seconds:
            due = start + sent / rate
            pause = due - time.monotonic()
            if pause > 0:
                time.sleep(pause)
            room = rooms[sent % journals]
            step = sent // journals
            group = event.group_ids[step % groups]
            juror = event.juror_ids[(step // groups) % len(event.juror_ids)]
            criterion = event.criterion_ids[step % len(event.criterion_ids)]
            room.act(lambda: room.day.set_score(group, juror, criterion, str(60 + step % 40)))
            sent += 1
        loaded = (cpu_seconds(pid) - start_cpu) / (time.monotonic() - start) * 100
    finally:
        subprocess.run(["tmux", "-L", server, "kill-server"], capture_output=True)
        for room in rooms:
            room.close()
    return idle, loaded, sent


def hub_for_bench():
    """The hub to measure: GELAR_HUB when set, else a private server on loopback (stopped at the end)."""
    from tests.support.hub import create_tables

    given = os.environ.get("GELAR_HUB")
    if given:
        create_tables(given)
        return given, None
    from tests.support.pg import PASSWORD, make_cluster

    os.environ["PGPASSWORD"] = PASSWORD
    cluster = make_cluster()
    url = cluster.new_database("bench")
    create_tables(url)
    return url, cluster


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.hub_readers", description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="a smoke run: fewer records, a shorter load")
    parser.add_argument("--only", choices=("reader", "desk"), help="one figure only")
    args = parser.parse_args(argv)
    url, cluster = hub_for_bench()
    folder = Path(tempfile.mkdtemp(prefix="gelar-bench-hub-"))
    print(f"hub: {masked(url)}")
    try:
        if args.only in (None, "reader"):
            median, p95, worst = reader_latency(url, folder / "reader", 50 if args.quick else 300)
            print(f"reader latency (room commit -> hub reader's Day): median {median:.1f} ms, p95 {p95:.1f} ms, max {worst:.1f} ms")
        if args.only in (None, "desk"):
            (folder / "desk").mkdir()
            journals, groups = (3, 50) if args.quick else (10, 200)
            idle, loaded, sent = desk_cpu(url, folder / "desk", journals, groups, 15.0, 10.0 if args.quick else 40.0)
            print(f"gelar desk, {journals} journals x {groups} groups: idle {idle:.1f} % of a core, {sent} scores at 15/s: {loaded:.1f} % of a core")
    finally:
        shutil.rmtree(folder, ignore_errors=True)
        if cluster is not None:
            cluster.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Core benchmark: journal append latency, replay of 100,000 records, full re-ranking.

    python -m bench.core            # the full run (a minute or two)
    python -m bench.core --quick    # a smoke run: fewer repetitions, smaller journal
    python -m bench.core --profile replay   # also cProfile one section (append|replay|rank)
    python -m bench.core --only rank --before ../old-checkout   # the ranking, before and after, in one run

Figures, not assertions: it prints a table (min, median, p95, max per operation)
against the targets of issue 2 and never fails on a slow machine.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import io
import json
import math
import os
import platform
import pstats
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from bench.workload import Raw, make_event, ranking_records, ranking_sheets, replay_records, score_set, score_text

from gelar_tui.event.model import Event
from gelar_tui.journal.clock import FakeClock, SystemClock
from gelar_tui.day.facade import Day
from gelar_tui.journal.store import Journal
from gelar_tui.scoring.rules import rank
from gelar_tui.day.state import DayState

CLOCK = SystemClock()
"""Appends carry the wall and boot clocks, as the console's do."""

METHODS = ("mean", "median", "trimmed", "rank")
ROUNDS = 5
"""The ranking's repetitions are taken in this many turns, before and after alternating."""


# -- measuring -----------------------------------------------------------------


class Table:
    """Rows of timings in milliseconds, printed at the end."""

    def __init__(self) -> None:
        self.rows: list[tuple[str, int, list[float], float | None]] = []

    def add(self, name: str, seconds: list[float], target_ms: float | None = None) -> list[float]:
        self.rows.append((name, len(seconds), [s * 1000 for s in seconds], target_ms))
        return seconds

    def print(self) -> None:
        header = f"{'operation':<52} {'n':>5} {'min':>9} {'median':>9} {'p95':>9} {'max':>9}  {'target':>9}  verdict"
        print(header)
        print("-" * len(header))
        for name, n, ms, target in self.rows:
            med, p95 = statistics.median(ms), percentile(ms, 95)
            verdict = ""
            if target is not None:
                verdict = "ok" if p95 < target else ("MISS (p95)" if med < target else "MISS")
            target_text = f"< {target:g}" if target is not None else ""
            print(f"{name:<52} {n:>5} {min(ms):>9.3f} {med:>9.3f} {p95:>9.3f} {max(ms):>9.3f}  {target_text:>9}  {verdict}")
        print("(all figures in milliseconds; p95 is the nearest-rank 95th percentile: with few repetitions it is the max)")


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]


def repeat(fn: Callable[[], object], times: int, warmup: int = 1, timer: Callable[[], float] = time.perf_counter) -> list[float]:
    """Seconds (wall clock, or *timer*) of *times* calls of fn (after *warmup* untimed ones); GC as in real use."""
    for _ in range(warmup):
        fn()
    gc.collect()
    seconds = []
    for _ in range(times):
        start = timer()
        fn()
        seconds.append(timer() - start)
    return seconds


def write_fast(path: Path, identity: str, raws: list[Raw]) -> float:
    """Append every record inside one transaction (setup only); returns the seconds it took."""
    start = time.perf_counter()
    with Journal(path, identity) as journal, journal.transaction():
        for kind, data, ts, origin in raws:
            journal.append(kind, data, ts, origin)
    return time.perf_counter() - start


def profile(label: str, fn: Callable[[], object], lines: int = 25) -> None:
    profiler = cProfile.Profile()
    profiler.enable()
    fn()
    profiler.disable()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out).strip_dirs()
    stats.sort_stats("tottime").print_stats(lines)
    text = out.getvalue()
    print(f"\n== cProfile: {label} (sorted by own time) ==")
    print(text[text.find("   ncalls"):].rstrip())


# -- the machine ---------------------------------------------------------------


def machine(folder: Path) -> None:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        df = subprocess.run(["df", "-T", str(folder)], capture_output=True, text=True, check=True).stdout.splitlines()
        fields = df[-1].split()
        filesystem = f"{fields[1]} ({fields[0]}, mounted on {fields[-1]})"
    except (OSError, subprocess.CalledProcessError, IndexError):
        filesystem = "unknown (df -T failed)"
    print(f"CPU:        {cpu} ({os.cpu_count()} logical CPUs)")
    print(f"Python:     {sys.version.split()[0]} ({platform.python_implementation()}) on {platform.platform()}")
    print(f"SQLite:     {sqlite3.sqlite_version}")
    try:
        load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
        print(f"load avg:   {load} (1, 5, 15 min): other work on the machine inflates median, p95 and max; min is the least disturbed")
    except OSError:
        pass
    print(f"temp dir:   {folder}  filesystem: {filesystem}")
    if filesystem.split()[0] in ("tmpfs", "ramfs"):
        print("            warning: a RAM filesystem: fsync costs nothing here, the append figures flatter real disks")


# -- 1. appends ----------------------------------------------------------------


def bench_append(folder: Path, table: Table, appends: int, prof: bool) -> None:
    event = make_event(200, 15, 12)
    groups, jurors, criteria = event.group_ids, event.juror_ids, event.criterion_ids
    cells = [(g, j, c) for g in groups for j in jurors for c in criteria]

    with Journal(folder / "append.sqlite", event.identity) as journal:
        db = journal._db  # read-only look at the settings every append runs under
        mode = db.execute("PRAGMA journal_mode").fetchone()[0]
        sync = {0: "OFF", 1: "NORMAL", 2: "FULL", 3: "EXTRA"}[db.execute("PRAGMA synchronous").fetchone()[0]]
        print(f"journal:    journal_mode={mode} synchronous={sync}, autocommit: one transaction per append")
        counter = iter(range(10**9))

        def one_append() -> None:
            g, j, c = cells[next(counter) % len(cells)]
            journal.append("score_set", score_set(g, j, c, "85.5"), CLOCK.stamp(), "console")

        table.add(f"Journal.append score_set, durable ({appends}x)", repeat(one_append, appends, warmup=20), 5)
        if prof:
            profile("Journal.append x200", lambda: [one_append() for _ in range(200)])

    day = Day.open(event, folder / "day.sqlite", origin="console")
    other = Journal(folder / "day.sqlite", event.identity)  # a jury station writing to the same journal
    try:
        step = iter(range(10**9))

        def one_score() -> None:
            i = next(step)
            g, j, c = cells[i % len(cells)]
            day.set_score(g, j, c, score_text(5000 + i % 5000))

        table.add(f"Day.set_score end-to-end ({appends}x)", repeat(one_score, appends, warmup=20), 5)

        def score_after_other() -> None:
            i = next(step)
            g, j, c = cells[i % len(cells)]
            other.append("score_set", score_set(g, "j15", c, "70"), CLOCK.stamp(), "station-j15")
            start = time.perf_counter()
            day.set_score(g, j, c, score_text(5000 + i % 5000))
            timings.append(time.perf_counter() - start)

        timings: list[float] = []
        for _ in range(20):
            score_after_other()
        timings.clear()
        for _ in range(appends // 2):
            score_after_other()
        table.add(f"Day.set_score, catching up a station's record ({appends // 2}x)", timings, 5)
        if prof:
            profile("Day.set_score x200", lambda: [one_score() for _ in range(200)])
    finally:
        other.close()
        day.close()


# -- 2. replay -----------------------------------------------------------------


def bench_replay(folder: Path, table: Table, total: int, reps: int, seed: int, prof: bool) -> None:
    event = make_event(200, 15, 12)
    raws = replay_records(event, total, seed)
    path = folder / "replay.sqlite"
    built = write_fast(path, event.identity, raws[: total - total // 10])
    kept = _keep_checkpoint(event, path)  # a checkpoint a tenth of the day behind the journal's end (see bench_open)
    built += write_fast(path, event.identity, raws[total - total // 10 :])
    kinds = Counter(kind for kind, *_ in raws)
    size = path.stat().st_size
    print(
        f"replay:     {total:,} records ({kinds['score_set']:,} score_set, "
        f"{total - kinds['score_set']:,} slot/sheet/other) over 200 groups x 15 jurors x 12 criteria; "
        f"file {size / 1e6:.1f} MB, written in {built:.2f} s (one transaction, setup only); a checkpoint kept at record {kept:,}"
    )
    del raws
    label = f"{total // 1000}k"
    journal = Journal(path, event.identity)
    try:
        table.add(f"Journal.records() of {label} (read + JSON decode)", repeat(journal.records, reps), None)
        records = journal.records()
        table.add(f"DayState.replay(event, {label} records)", repeat(lambda: DayState.replay(event, records), reps), None)
        state = DayState.replay(event, records)
        assert state.seq == total and state.ignored == 0 and state.scores_in() == 200 * 15 * 12, (state.seq, state.ignored)
        if prof:
            profile(f"Journal.records() of {label}", journal.records)
            profile(f"DayState.replay of {label}", lambda: DayState.replay(event, records))
    finally:
        journal.close()
    del records, state
    table.add(f"Journal(...) open of the {label} file", repeat(lambda: Journal(path, event.identity).close(), reps), None)
    clock = FakeClock()
    with no_checkpoint(event, path):
        table.add(f"Day.open(...) of {label} (open + read + replay)", repeat(lambda: Day.open(event, path, clock).close(), reps), 1000)
        if prof:
            profile(f"Day.open of {label}", lambda: Day.open(event, path, clock).close())


def _keep_checkpoint(event: Event, path: Path) -> int:
    """Replay the journal at *path* and keep its checkpoint (as an opening of a long journal does); its record number."""
    from gelar_tui.day.checkpoint import open_state  # this tree's only: a --before child never comes here

    with Journal(path, event.identity) as journal:
        return open_state(event, journal, keep_after=0).seq


@contextmanager
def no_checkpoint(event: Event, path: Path, *, read: bool = False) -> Iterator[None]:
    """Every opening inside keeps no checkpoint and (unless *read*) finds none, so it replays the journal in full."""
    from gelar_tui.day import checkpoint

    with Journal(path, event.identity) as journal:
        where = checkpoint.checkpoint_path(journal)
    aside = where.with_name(where.name + ".aside") if not read and where is not None and where.exists() else None
    if aside is not None:
        where.rename(aside)
    keep_after, checkpoint.KEEP_AFTER = checkpoint.KEEP_AFTER, 10**12
    try:
        yield
    finally:
        checkpoint.KEEP_AFTER = keep_after
        if aside is not None:
            aside.rename(where)


def open_timings(path: Path, reps: int) -> list[float]:
    """CPU seconds of *reps* openings of the replay journal (``Day.open`` and close), with whatever gelar_tui is imported."""
    event, clock = make_event(200, 15, 12), FakeClock()
    return repeat(lambda: Day.open(event, path, clock).close(), reps, timer=time.process_time)


def child_open_timings(root: Path, path: Path, reps: int, cache: Path) -> list[float]:
    """:func:`open_timings` by the gelar_tui of the checkout at *root*, in a child process, with an empty cache
    folder and no checkpoint kept: the full replay, each side in a fresh process as alike as can be."""
    env = {**os.environ, "PYTHONPATH": str(root), "XDG_CACHE_HOME": str(cache)}
    done = subprocess.run(
        [sys.executable, __file__, "--child-open", str(path), str(reps)],
        capture_output=True, text=True, env=env, cwd=root, check=False,
    )
    if done.returncode != 0:
        raise SystemExit(f"the child opening at {root} failed:\n{done.stderr}")
    return json.loads(done.stdout.splitlines()[-1])


def bench_open(folder: Path, table: Table, total: int, reps: int, before: Path | None) -> None:
    """Day.open of the replay section's journal, in CPU time (a shared machine's load moves it less), with the
    target of issue 19 (100k records in 100 ms): the full replay (in child processes; with *before*, the older
    checkout's, which has no checkpoint, in turns with this tree's), then from a checkpoint a tenth of the day
    behind (10,000 records to replay after it), then from a checkpoint of the last record."""
    event, path, clock = make_event(200, 15, 12), folder / "replay.sqlite", FakeClock()
    label = f"{total // 1000}k"
    empty = folder / "no-cache"
    old: list[float] = []
    full: list[float] = []
    for _ in range(ROUNDS):
        if before is not None:
            old += child_open_timings(before, path, max(2, reps // ROUNDS), empty)
        full += child_open_timings(Path(__file__).resolve().parents[1], path, max(2, reps // ROUNDS), empty)
    if before is not None:
        table.add(f"before: Day.open(...) of {label}, CPU time", old, None)
    table.add(f"Day.open(...) of {label}, full replay, CPU time", full, 100)
    with no_checkpoint(event, path):
        profile(f"Day.open of {label}, full replay (read, decode, fold)", lambda: Day.open(event, path, clock).close(), lines=12)
    with no_checkpoint(event, path, read=True):  # read the checkpoint, keep it where it is
        table.add(f"Day.open(...) of {label}, checkpoint {total // 10:,} behind, CPU", open_timings(path, reps), 100)
    _keep_checkpoint(event, path)
    table.add(f"Day.open(...) of {label}, checkpoint at its end, CPU", open_timings(path, reps), 100)
    profile(f"Day.open of {label} from a checkpoint at its end", lambda: Day.open(event, path, clock).close(), lines=12)


# -- 3. ranking ----------------------------------------------------------------


def rank_timings(path: Path, method: str, reps: int, one_score: bool) -> dict[str, list[float]]:
    """Full rankings (and re-rankings after one score) of the journal at *path*, with whatever gelar_tui is imported.

    Only names that every version has are used here, so that ``--before`` can run this very
    function on an older checkout (see :func:`before_timings`).
    """
    from gelar_tui.journal.store import Record

    event = make_event(200, 15, 12, method, trim=2)
    day = Day.open(event, path, FakeClock(1_500_000_000.0))
    try:
        overtimes = day.overtimes()
        out = {"rank": repeat(lambda: rank(event, day.state, overtimes), reps)}
        if one_score:
            live = _live_ranking(day)
            cells = [(g, j, c) for g in event.group_ids for j in event.juror_ids for c in event.criterion_ids]
            step = iter(range(10**9))

            def score_then_rank() -> None:
                i = next(step)
                g, j, c = cells[(i * 7919) % len(cells)]
                record = Record(day.state.seq + 1, 1_500_000_000.0, "score_set", score_set(g, j, c, score_text(5000 + i % 5000)), "bench")
                day.state.apply_all(event, [record])
                live()

            out["live"] = repeat(score_then_rank, reps * 4, warmup=5)
        return out
    finally:
        day.close()


def _live_ranking(day: Day) -> Callable[[], object]:
    """The live ranking's results as a view takes them (this tree: its own LiveRanking; older ones: Day.ranking)."""
    import inspect

    from gelar_tui.scoring.live_ranking import LiveRanking

    if "day" in inspect.signature(LiveRanking).parameters:  # before issue 19's "ranking off Day": the day kept one
        return lambda: day.ranking.results()
    live = LiveRanking(day.event)
    live.results(day.state, day.overtimes())
    return lambda: live.results(day.state, day.overtimes())


def before_timings(before: Path, path: Path, method: str, reps: int) -> dict[str, list[float]]:
    """:func:`rank_timings` run on the checkout at *before* (its gelar_tui first on the path), in a child process."""
    env = {**os.environ, "PYTHONPATH": str(before)}
    done = subprocess.run(
        [sys.executable, __file__, "--child-rank", str(path), method, str(reps)],
        capture_output=True, text=True, env=env, cwd=before, check=False,
    )
    if done.returncode != 0:
        raise SystemExit(f"the --before run failed:\n{done.stderr}")
    return json.loads(done.stdout.splitlines()[-1])


def rank_profile(path: Path, method: str, calls: int = 20) -> str:
    """Where a full ranking's time goes: cProfile of *calls* rankings, the top functions by own time."""
    event = make_event(200, 15, 12, method, trim=2)
    day = Day.open(event, path, FakeClock(1_500_000_000.0))
    try:
        overtimes = day.overtimes()
        rank(event, day.state, overtimes)
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(calls):
            rank(event, day.state, overtimes)
        profiler.disable()
    finally:
        day.close()
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).strip_dirs().sort_stats("tottime").print_stats(10)
    text = out.getvalue()
    return text[text.find("   ncalls"):].rstrip()


def bench_rank(folder: Path, table: Table, reps: int, seed: int, prof: bool, before: Path | None) -> None:
    from gelar_tui.scoring.day_results import results_of

    first = make_event(200, 15, 12, "mean")
    ranking = ranking_sheets(first, seed)
    path = folder / "rank.sqlite"
    raws = ranking_records(first, ranking, seed)
    write_fast(path, first.identity, raws)
    print(f"ranking:    200 groups x 15 jurors x 12 criteria, every sheet complete and locked ({len(raws):,} records); "
          "tie_break = [c02, overtime]; trimmed drops 2+2")
    if before is not None:
        print(f"before:     the same rankings by the checkout at {before} (its gelar_tui on PYTHONPATH), "
              "in a child process, method by method beside this tree's")
    clock = FakeClock(1_500_000_000.0)  # long after the day: every slot finished
    notes = []
    for method in METHODS:
        event = make_event(200, 15, 12, method, trim=2)
        day = Day.open(event, path, clock)
        try:
            overtimes = day.overtimes()
            assert overtimes == ranking.overtime, "the journal does not give the planned overtimes"
            results = results_of(day)
            assert not results.provisional and all(e.rank is not None for e in results.entries)
            decided = Counter(e.decided_by for e in results.entries if e.decided_by)
            tied = sum(e.tied for e in results.entries)
            notes.append(f"{method}: {tied} groups in shared ranks, decided by c02: {decided['c02']}, by overtime: {decided['overtime']}")
            table.add(f"results_of(day) [{method}]", repeat(lambda: results_of(day), reps), 20)
        finally:
            day.close()
        # Before and after in turns (ROUNDS each), so that the machine's spells of slowness fall on both alike.
        old: dict[str, list[float]] = {"rank": [], "live": []}
        new: dict[str, list[float]] = {"rank": [], "live": []}
        for _ in range(ROUNDS):
            if before is not None:
                for name, seconds in before_timings(before, path, method, max(1, reps // ROUNDS)).items():
                    old[name] += seconds
            for name, seconds in rank_timings(path, method, max(1, reps // ROUNDS), one_score=True).items():
                new[name] += seconds
        if before is not None:
            table.add(f"before: scoring.rank(event, state, overtimes) [{method}]", old["rank"], None)
        table.add(f"scoring.rank(event, state, overtimes) [{method}]", new["rank"], 5)
        if before is not None:
            table.add(f"before: live ranking after one score [{method}]", old["live"], None)
        table.add(f"live ranking after one score [{method}]", new["live"], 5)
        if prof:
            profile(f"scoring.rank [{method}] x10", lambda: [rank(event, day.state, overtimes) for _ in range(10)])
    print("ties:       " + "; ".join(notes))
    if before is not None:
        print("\n== before: where a full ranking's time went [mean], cProfile of 20 rankings, by own time ==")
        print(before_timings(before, path, "mean", 0)["profile"])
    print("\n== where a full ranking's time goes [mean], cProfile of 20 rankings, by own time ==")
    print(rank_profile(path, "mean"))


# -- main ------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="a fast smoke run (fewer repetitions, 50k-record journal)")
    parser.add_argument("--dir", type=Path, help="where to put the journals (default: a new temporary folder)")
    parser.add_argument("--seed", type=int, default=2016)
    parser.add_argument("--profile", choices=("append", "replay", "rank"), action="append", default=[],
                        help="also cProfile this section (may be given more than once)")
    parser.add_argument("--before", type=Path, metavar="CHECKOUT",
                        help="also rank with the gelar_tui of an older checkout (a before column, measured in the same run)")
    parser.add_argument("--only", choices=("append", "replay", "rank"), help="run one section alone")
    parser.add_argument("--child-rank", nargs=3, metavar=("JOURNAL", "METHOD", "REPS"), help=argparse.SUPPRESS)
    parser.add_argument("--child-open", nargs=2, metavar=("JOURNAL", "REPS"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child_open:  # an opening in a child process (see child_open_timings): CPU seconds as JSON
        try:
            from gelar_tui.day import checkpoint  # a checkout from before the checkpoint has none

            checkpoint.KEEP_AFTER = 10**12
        except ImportError:
            pass
        print(json.dumps(open_timings(Path(args.child_open[0]), int(args.child_open[1]))))
        return 0
    if args.child_rank:  # the --before side: print the timings as JSON
        journal, method, reps = args.child_rank
        if int(reps) == 0:
            print(json.dumps({"profile": rank_profile(Path(journal), method)}))
        else:
            print(json.dumps(rank_timings(Path(journal), method, int(reps), one_score=True)))
        return 0
    appends, records, replay_reps, rank_reps = (200, 50_000, 3, 5) if args.quick else (1000, 100_000, 7, 50)

    folder = Path(tempfile.mkdtemp(prefix="gelar-bench-", dir=args.dir))
    os.environ["XDG_CACHE_HOME"] = str(folder / "cache")  # checkpoints go in the run's folder, not the user's cache
    try:
        print(f"gelar core benchmark{' (--quick: smoke run, not the reference figures)' if args.quick else ''}")
        machine(folder)
        table = Table()
        if args.only in (None, "append"):
            bench_append(folder, table, appends, "append" in args.profile)
        if args.only in (None, "replay"):
            bench_replay(folder, table, records, replay_reps, args.seed, "replay" in args.profile)
            bench_open(folder, table, records, replay_reps, args.before)
        if args.only in (None, "rank"):
            bench_rank(folder, table, rank_reps, args.seed, "rank" in args.profile, args.before)
        print()
        table.print()
        print("targets: append < 5 ms, replay of 100k records < 1 s (Day.open row; issue 2), re-ranking < 20 ms (issue 2); "
              "full ranking and the live ranking after one score < 5 ms (issue 19)")
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

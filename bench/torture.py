"""The reliability figures of issue 10: crashes, writers at once, broken input, a stepped clock.

    python -m bench.torture            # the reference run (a few minutes)
    python -m bench.torture --quick    # the CI sample sizes
    python -m bench.torture --seed 7   # other generated files (the default seed is printed)
    python -m bench.torture --resize   # also every screen resized tiny to huge and back 100 times
    python -m bench.torture --bursts   # also 300 new random bursts of keys on a jury sheet and a station

The trials are those of ``tests/e2e/test_torture.py``, at full size (see ``tests/support/torture.py``
for how each is done, ``tests/support/generators.py`` for the generated files). Every journal goes into a
new temporary folder that is removed at the end; HOME and the XDG folders point there too, so
the run leaves no cache behind. It prints figures and a verdict per target; it fails only when a
trial itself cannot run.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

FULL = {"kills": 100, "writers": 3, "records": 10_000, "events": 1_000, "sheets": 200}
QUICK = {"kills": 5, "writers": 3, "records": 300, "events": 60, "sheets": 30}
STEPS = [600, -600, 3600, -3600]


def verdict(ok: bool) -> str:
    return "ok" if ok else "FAILED"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="the CI sample sizes")
    parser.add_argument("--seed", type=int, default=None, help="seed of the generated files and kill moments")
    parser.add_argument("--resize", action="store_true", help="also the long tail of the resize test (100 rounds on every screen)")
    parser.add_argument("--bursts", action="store_true", help="also 300 new random bursts of keys on a jury sheet and a station")
    parser.add_argument("--names", action="store_true", help="also 100 new random hostile names through every screen")
    args = parser.parse_args()
    sizes = QUICK if args.quick else FULL
    seed = args.seed if args.seed is not None else random.SystemRandom().randrange(1 << 31)

    with tempfile.TemporaryDirectory(prefix="gelar-torture-") as folder:
        home = Path(folder) / "home"
        os.environ["HOME"] = str(home)
        for variable in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
            os.environ[variable] = str(home / variable.lower())
        os.environ["LANG"] = "C.UTF-8"
        from tests.support.torture import FAKETIME, clock_steps, judge_event_files, judge_sheets, kill_trials, writers_at_once

        print(f"python {platform.python_version()}, SQLite {sqlite3.sqlite_version}, {platform.machine()}, "
              f"{os.cpu_count()} CPUs, load {os.getloadavg()[0]:.2f}, seed {seed}")
        work = Path(folder)

        started = time.perf_counter()
        kills = kill_trials(mkdir(work, "kill"), sizes["kills"], random.Random(seed),
                            progress=lambda n: print(f"  kill -9 trial {n + 1}/{sizes['kills']}", end="\r", file=sys.stderr))
        print(" " * 40, end="\r", file=sys.stderr)
        print(f"kill -9 at random moments: {kills.trials} trials, {kills.acknowledged:,} acknowledged records, "
              f"{kills.records:,} in the journal; lost {kills.lost} ({verdict(kills.lost == 0)}); "
              f"chain {'holds' if kills.chain_holds else 'BROKEN'}; slot clock error after restart: "
              f"max {max(kills.clock_errors) * 1000:.3f} ms, median {median(kills.clock_errors) * 1000:.3f} ms "
              f"({verdict(max(kills.clock_errors) <= 1.0)}: <= 1 s)  [{time.perf_counter() - started:.0f} s]")

        started = time.perf_counter()
        writers = writers_at_once(mkdir(work, "writers"), sizes["writers"], sizes["records"])
        print(f"{writers.writers} writers x {writers.records_each:,} records at once: {writers.records:,} in the journal, "
              f"lost {writers.lost} ({verdict(writers.lost == 0 and writers.records == writers.writers * writers.records_each)}); "
              f"replay from two readers {'identical' if writers.replays_identical else 'DIFFERENT'}; "
              f"chain {'holds' if writers.chain_holds else 'BROKEN'}  [{time.perf_counter() - started:.0f} s]")

        started = time.perf_counter()
        events = judge_event_files(mkdir(work, "events"), sizes["events"], seed)
        report("mutated event files through `gelar check`", events, started)
        started = time.perf_counter()
        sheets = judge_sheets(mkdir(work, "sheets"), sizes["sheets"], seed)
        report("generated score sheets through `gelar scores import`", sheets, started,
               f"; refused with the journal changed: {sheets.changed_on_refusal}")

        if FAKETIME.exists():
            started = time.perf_counter()
            errors = clock_steps(mkdir(work, "steps"), STEPS, time.sleep)
            shown = ", ".join(f"{step:+d} s: {error * 1000:.3f} ms" for step, error in errors.items())
            print(f"wall clock stepped during a slot (libfaketime): largest error per step {shown} "
                  f"({verdict(max(errors.values()) <= 0.2)}: <= 0.2 s)  [{time.perf_counter() - started:.0f} s]")
        else:
            print("wall clock steps: skipped (libfaketime not installed: Debian package faketime)")
    if args.resize:
        resize_rounds(RESIZE_ROUNDS)
    if args.bursts:
        key_bursts(BURSTS)
    if args.names:
        hostile_names(NAMES)
    return 0


RESIZE_ROUNDS = 100
BURSTS = 300
NAMES = 100


def resize_rounds(rounds: int) -> None:
    """The suite's resize test (a sample of rounds) run at full length on every screen."""
    outcome = suite_test("tests/ui/test_resize.py", {"GELAR_RESIZE_ROUNDS": str(rounds)})
    print(f"every screen resized tiny to huge and back {rounds} times: {outcome}")


def key_bursts(count: int) -> None:
    """The jury sheet's property tests with *count* new random bursts (the suite keeps the same 30)."""
    outcome = suite_test("tests/ui/test_jury_burst.py", {"GELAR_BURSTS": str(count)}, "-k", "any_burst")
    print(f"{count} random bursts of keys on a jury sheet, {count // 2} at a station: {outcome}")


def hostile_names(count: int) -> None:
    """The suite's hostile-names property test with *count* new random names (the suite draws one)."""
    outcome = suite_test("tests/ui/test_hostile_names.py", {"GELAR_HOSTILE_NAMES": str(count)}, "-k", "whatever_the_names")
    print(f"{count} random hostile names through every screen: {outcome}")


def suite_test(test: str, variables: dict[str, str], *more: str) -> str:
    """Run one of the suite's test files at bench length; its closing line, a verdict and the time."""
    import subprocess

    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(ROOT / test), *more],
                            cwd=ROOT, env={**os.environ, **variables}, capture_output=True, text=True)
    last = (result.stdout.strip().splitlines() or ["(no output)"])[-1]
    return f"{last} ({verdict(result.returncode == 0)})  [{time.perf_counter() - started:.0f} s]"


def mkdir(parent: Path, name: str) -> Path:
    folder = parent / name
    folder.mkdir(exist_ok=True)
    return folder


def median(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[len(ordered) // 2]


def report(what: str, tally, started: float, extra: str = "") -> None:
    codes = ", ".join(f"exit {code}: {count}" for code, count in sorted(tally.codes.items()))
    print(f"{what}: {tally.files:,} ({tally.distinct:,} distinct); {codes}; with a traceback or another exit status: "
          f"{len(tally.bad)} ({verdict(not tally.bad)}){extra}  [{time.perf_counter() - started:.0f} s]")
    if tally.bad:
        print("  the first:", tally.explain()[:2000])


if __name__ == "__main__":
    sys.exit(main())

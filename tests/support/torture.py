"""The torture trials of issue 10, shared by ``tests/test_torture.py`` (small samples) and
``bench/torture.py`` (the full figures). Each trial returns what it found; the tests assert,
the bench prints.

- :func:`judge_event_files` / :func:`judge_sheets`: generated broken input through the
  ``gelar`` command's entry point (:func:`gelar_tui.cli.main`, what the ``gelar`` script runs).
- :func:`kill_trials`: a jury station writing scores while a slot runs, killed with SIGKILL at
  random moments, restarted each time.
- :func:`writers_at_once`: jury stations writing at once, then two readers replaying.
- :func:`clock_steps`: the wall clock stepped under libfaketime while a slot runs.

The processes are started with the helpers of ``test_journal`` (``spawn``,
``run_writer_and_kill``, ``run_together``).
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import random
import shutil
import subprocess
import sys
import threading
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import seed as hypothesis_seed
from hypothesis import strategies as st

from gelar_tui.journal.clock import SystemClock, boot_time
from gelar_tui.day.facade import Day
from gelar_tui.event.model import Event
from gelar_tui.event.eventfile import bundled_event_path, load_event
from gelar_tui.journal.store import Journal
from gelar_tui.journal.verify import check_chain
from tests.journal.test_journal import run_together, run_writer_and_kill, spawn

FAKETIME = Path("/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1")


# -- generated input through the entry point ------------------------------------------------


def generate(strategy: st.SearchStrategy, count: int, seed: int | None = None) -> list:
    """*count* distinct examples of *strategy* (fewer if twice as many draws do not give them):
    the same ones on every run when *seed* is None (derandomized)."""
    found: list = []

    @settings(max_examples=2 * count, database=None, deadline=None, derandomize=seed is None,
              phases=[Phase.generate], suppress_health_check=list(HealthCheck))
    @given(strategy)
    def collect(example) -> None:
        found.append(example)

    if seed is not None:
        collect = hypothesis_seed(seed)(collect)
    collect()
    return list(dict.fromkeys(found))[:count]


@dataclass
class Outcome:
    """One run of the ``gelar`` command: its exit status, what it printed, and the traceback if one escaped."""

    code: int
    out: str
    err: str
    traceback: str | None = None

    @property
    def bad(self) -> bool:
        """A traceback, or an exit status other than 0 (done) or 2 (a clear refusal)."""
        return self.traceback is not None or "Traceback" in self.err or self.code not in (0, 2)


def run_gelar(argv: Sequence[str]) -> Outcome:
    """Run ``gelar ARGV`` in this process, as the ``gelar`` script would, and see how it ends."""
    from gelar_tui.cli import main

    out, err = io.StringIO(), io.StringIO()
    escaped = None
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(list(argv))
        except SystemExit as exc:  # argparse's usage errors
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        except BaseException:  # noqa: BLE001 - what would reach the user as a traceback
            escaped, code = traceback.format_exc(), 1
    return Outcome(code, out.getvalue(), err.getvalue(), escaped)


@dataclass
class Tally:
    """What a batch of generated files gave: how many, how they ended, and the bad ones."""

    files: int = 0
    distinct: int = 0
    codes: dict[int, int] = field(default_factory=dict)
    bad: list[tuple[bytes, Outcome]] = field(default_factory=list)
    changed_on_refusal: int = 0
    """Refused imports after which the journal was not as before (must be 0)."""

    def add(self, content: bytes, outcome: Outcome) -> None:
        self.files += 1
        self.codes[outcome.code] = self.codes.get(outcome.code, 0) + 1
        if outcome.bad:
            self.bad.append((content, outcome))

    def explain(self) -> str:
        """The first bad file and how it ended, for a failing test's message."""
        if not self.bad:
            return "none"
        content, outcome = self.bad[0]
        return f"{content!r}\nexit {outcome.code}\n{outcome.traceback or outcome.err}"


def judge_event_files(folder: Path, count: int, seed: int | None = None) -> Tally:
    """``gelar check`` on *count* mutated event files."""
    from tests.support.generators import event_files

    tally, path = Tally(), folder / "event.toml"
    texts = generate(event_files(), count, seed)
    for text in texts:
        content = text.encode("utf-8", errors="surrogatepass")
        path.write_bytes(content)
        tally.add(content, run_gelar(["--lang", "en", "check", str(path)]))
    tally.distinct = len(set(texts))
    return tally


def _journal_with_a_day(folder: Path) -> tuple[Path, Path]:
    """The demo event and a journal holding a started slot and one locked sheet: what imports land on."""
    event = folder / "demo.toml"
    shutil.copyfile(bundled_event_path(), event)
    journal = folder / "base.gelar-journal"
    day = Day.open(load_event(event), journal)
    day.start()
    for criterion in day.event.criterion_ids:
        day.set_score("ceria", "swasta", criterion, "77")
    day.lock_sheet("ceria", "swasta")
    day.close()
    return event, journal


def _fingerprint(event: Path, journal: Path) -> tuple[int, str]:
    with Journal(journal, load_event(event).identity) as opened:
        return opened.fingerprint()


def judge_sheets(folder: Path, count: int, seed: int | None = None) -> Tally:
    """``gelar scores import`` of *count* generated sheets, each into a copy of a journal with a day in it."""
    from tests.support.generators import score_sheets

    tally = Tally()
    event, base = _journal_with_a_day(folder)
    before = _fingerprint(event, base)
    sheet, journal = folder / "sheet.csv", folder / "day.gelar-journal"
    contents = generate(score_sheets(), count, seed)
    for content in contents:
        sheet.write_bytes(content)
        shutil.copyfile(base, journal)
        outcome = run_gelar(["--lang", "en", "scores", "import", str(event), str(sheet), "--journal", str(journal)])
        tally.add(content, outcome)
        if outcome.code == 2 and _fingerprint(event, journal) != before:
            tally.changed_on_refusal += 1
    tally.distinct = len(set(contents))
    return tally


# -- kill -9 -------------------------------------------------------------------------------

STATION = """
import itertools, sys
from pathlib import Path
from gelar_tui.day.facade import Day
from gelar_tui.event.eventfile import load_event
day = Day.open(load_event(Path(sys.argv[1])), Path(sys.argv[2]), origin=sys.argv[3])
cells = [(g, j, c) for g in day.event.group_ids for j in day.event.juror_ids for c in day.event.criterion_ids]
count = int(sys.argv[4]) if len(sys.argv) > 4 else None
if count is not None:  # run_together's start line
    print("ready", flush=True)
    sys.stdin.readline()
for i in itertools.count() if count is None else range(count):
    group, juror, criterion = cells[(i * 7) % len(cells)]
    day.set_score(group, juror, criterion, str(i % 101))
    if count is None:
        print(day.state.seq, flush=True)  # acknowledged: durable before this line is written
print("done", count, flush=True)
"""
"""A jury station typing scores: forever, printing each acknowledged record's number
(for run_writer_and_kill), or *count* of them after a start line (for run_together)."""


def station_writes(event: Event, count: int) -> list[tuple[str, str, str, str]]:
    """What STATION writes, in order: (group, juror, criterion, value) of each record."""
    cells = [(g, j, c) for g in event.group_ids for j in event.juror_ids for c in event.criterion_ids]
    return [(*cells[(i * 7) % len(cells)], str(i % 101)) for i in range(count)]


def _elapsed_error(reported: float, started_boot: float, before: float, after: float) -> float:
    """How far *reported* is from the boot-clock time since *started_boot*, taken halfway between
    *before* and *after* (the reading was made in between: half that span is the measure's own blur)."""
    return abs(reported - ((before + after) / 2 - started_boot))


@dataclass
class KillFigures:
    trials: int = 0
    acknowledged: int = 0
    lost: int = 0
    records: int = 0
    chain_holds: bool = True
    clock_errors: list[float] = field(default_factory=list)


def kill_trials(folder: Path, trials: int, rng: random.Random, most_acks: int = 400,
                progress: Callable[[int], None] | None = None) -> KillFigures:
    """Start a slot, then *trials* times: a station writes scores and is killed -9 after a random
    number of acknowledged records; the day is opened again (a restart) and checked: every
    acknowledged record there, the chain whole, the slot's clock where the boot clock says."""
    event_path = bundled_event_path()
    event, path = load_event(event_path), folder / "kill.gelar-journal"
    day = Day.open(event, path, SystemClock())
    day.start()
    started = day.journal.records()[-1].boot
    day.close()
    figures, acked = KillFigures(), set()
    for trial in range(trials):
        argv = (str(event_path), str(path), f"juri-{trial % 3}")
        acked.update(run_writer_and_kill(path, rng.randint(1, most_acks), STATION, argv))
        restarted = Day.open(event, path, SystemClock())
        before = boot_time()
        run = restarted.slot().time_run
        after = boot_time()
        seqs = {record.seq for record in restarted.journal.records()}
        figures.clock_errors.append(_elapsed_error(run, started, before, after))
        figures.lost = len(acked - seqs)
        figures.records = len(seqs)
        figures.chain_holds &= check_chain(restarted.journal).broken_at is None
        restarted.close()
        figures.trials += 1
        if progress:
            progress(trial)
    figures.acknowledged = len(acked)
    return figures


# -- writers at once ----------------------------------------------------------------------

READER = """
import hashlib, sys
from pathlib import Path
from gelar_tui.day.facade import Day
from gelar_tui.event.eventfile import load_event
day = Day.open(load_event(Path(sys.argv[1])), Path(sys.argv[2]), origin="reader", create=False)
state = day.state
seen = (state.order, state.current, sorted(state.slots.items()), sorted(state.sheets.items()), sorted(state.locked),
        state.seq, state.ignored, day.journal.fingerprint())
print(state.seq, hashlib.sha256(repr(seen).encode()).hexdigest())
"""
"""Replays the journal and prints its record count and a digest of the whole state."""


@dataclass
class WriterFigures:
    writers: int
    records_each: int
    records: int = 0
    lost: int = 0
    replays: tuple[str, ...] = ()
    chain_holds: bool = False

    @property
    def replays_identical(self) -> bool:
        return len(self.replays) == 2 and self.replays[0] == self.replays[1]


def writers_at_once(folder: Path, writers: int, records_each: int, timeout: float = 600) -> WriterFigures:
    """*writers* jury stations write *records_each* scores each, all at once; then two reader
    processes replay the journal, and the chain is checked."""
    event_path = bundled_event_path()
    event, path = load_event(event_path), folder / "writers.gelar-journal"
    Journal(path, event.identity).close()
    names = [f"juri-{n}" for n in range(1, writers + 1)]
    outs = run_together(STATION, {name: (str(event_path), str(path), name, str(records_each)) for name in names},
                        timeout=timeout)
    figures = WriterFigures(writers, records_each)
    with Journal(path, event.identity) as journal:
        records = journal.records()
        figures.chain_holds = check_chain(journal).broken_at is None
    figures.records = len(records)
    expected = station_writes(event, records_each)
    for name in names:
        assert outs[name].split() == ["done", str(records_each)], outs[name]
        mine = [(r.data["group"], r.data["juror"], r.data["criterion"], r.data["value"]) for r in records if r.origin == name]
        figures.lost += sum(1 for a, b in zip(expected, mine) if a != b) + max(0, records_each - len(mine))
    readers = [spawn(READER, str(event_path), str(path)) for _ in range(2)]
    replays = []
    for reader in readers:
        out, err = reader.communicate(timeout=timeout)
        assert reader.returncode == 0, err
        replays.append(out.strip())
    figures.replays = tuple(replays)
    return figures


# -- the wall clock stepped ---------------------------------------------------------------

CONSOLE = """
import sys
from pathlib import Path
from gelar_tui.day.facade import Day
from gelar_tui.event.eventfile import load_event
day = Day.open(load_event(Path(sys.argv[1])), Path(sys.argv[2]), origin=sys.argv[3])
if sys.argv[3] == "console":
    day.start()
print("ready", flush=True)
for line in sys.stdin:
    if line.strip() == "pause":
        day.pause()
    day.refresh()
    print(repr(day.slot().time_run), flush=True)
"""
"""A console (starts the slot) or a watcher (`gelar status` kept open); on each line of input it
catches up with the journal and prints the slot's time run (after pausing it, on "pause")."""


def faked(stamp_file: Path) -> dict[str, str]:
    """The environment of a process whose wall clock follows *stamp_file* and whose boot clock is left alone."""
    return dict(os.environ, LD_PRELOAD=str(FAKETIME), FAKETIME_TIMESTAMP_FILE=str(stamp_file),
                FAKETIME_NO_CACHE="1", FAKETIME_DONT_FAKE_MONOTONIC="1")


class _Process:
    """One CONSOLE process under libfaketime, asked for its slot's time run."""

    def __init__(self, path: Path, role: str, stamp_file: Path) -> None:
        self.proc = spawn(CONSOLE, str(bundled_event_path()), str(path), role,
                          stdin=subprocess.PIPE, env=faked(stamp_file))
        self.guard = threading.Timer(120, self.proc.kill)
        self.guard.start()
        assert self.proc.stdout.readline() == "ready\n", self.proc.stderr.read()

    def ask(self, command: str = "time") -> tuple[float, float, float]:
        """(boot clock before, the slot's time run it printed, boot clock after)."""
        before = boot_time()
        self.proc.stdin.write(command + "\n")
        self.proc.stdin.flush()
        line = self.proc.stdout.readline()
        after = boot_time()
        assert line, self.proc.stderr.read()
        return before, float(line), after

    def close(self) -> None:
        self.proc.communicate(timeout=60)  # closes its input: it ends
        self.guard.cancel()


def clock_steps(folder: Path, steps: Sequence[int], pause: Callable[[float], None]) -> dict[int, float]:
    """For each step (seconds): a console starts a slot under libfaketime, its wall clock is stepped;
    the slot's time run is read from the console, from a watcher whose clock was not stepped, and
    from a process started after the step (a restart on the same boot), while the slot runs and
    after the console pauses it (a record written at the stepped time). Returns each step's
    largest error against the boot clock. *pause* waits between readings (a bench may sleep)."""
    errors = {}
    for number, step in enumerate(steps):
        path = folder / f"step-{number}.gelar-journal"
        stepped, steady = folder / f"stepped-{number}", folder / f"steady-{number}"
        stepped.write_text("+0\n")
        steady.write_text("+0\n")
        console = _Process(path, "console", stepped)
        processes = [console, _Process(path, "watcher", steady)]
        try:
            with Journal(path, load_event(bundled_event_path()).identity) as journal:
                started = journal.records()[0].boot
            pause(0.5)
            stepped.write_text(f"{step:+d}\n")  # NTP, or someone fixing the time zone
            processes.append(_Process(path, "restarted", stepped))
            found = [_elapsed_error(run, started, before, after) for before, run, after in (p.ask() for p in processes)]
            pause(0.5)
            before, frozen, after = console.ask("pause")
            with Journal(path, load_event(bundled_event_path()).identity) as journal:
                paused = journal.records()[-1].boot
            found += [abs(run - (paused - started)) for _, run, _ in [(before, frozen, after)] + [p.ask() for p in processes[1:]]]
            errors[step] = max(found)
        finally:
            for process in processes:
                process.close()
    return errors

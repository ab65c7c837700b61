"""What the hall sees, live and light (issue 8): latency, idle CPU beside a display, and the scale run.

    python -m bench.hall            # the full run (about three minutes)
    python -m bench.hall --quick    # a smoke run (about a minute)

Everything runs in a private tmux server (bench/console.py's), in 160x48 panes with
HOME in a temporary folder.

- Live latency: a console (scoreboard open) and an audience display run on one journal;
  this process, a writer of its own, stores a record, and the panes are captured back to
  back until they show it. For the display the record is a `display_shown` (scoreboard
  and title in turn); for the console's scoreboard it is a score set and cleared in turn
  (the count "N of 48 scores in" moves). Latency is from the write's commit to the
  capture that shows it; a capture takes a few milliseconds, which the figure includes.
- Idle CPU: the console (slot not started), a display beside it and bench/hello_app.py
  (a bare Textual app), sampled over the same window; the rise is each app's CPU minus
  the bare app's.
- Scale: an event of 200 groups x 15 jurors x 12 criteria with every sheet already in,
  a slot running, the console's scoreboard open, and 15 writer processes each storing
  one score a second. The console's CPU over the window; how late each flip of the
  scoreboard's small clock comes after its true second; and, under that load, the
  latency of a score from this process to the scoreboard.

Figures, not assertions: it prints them and exits 0 whatever they are.
"""

from __future__ import annotations

import argparse
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench import console as bench_console  # bench/console.py: the tmux server, CPU sampling, the hello app
from bench.console import HEIGHT, WIDTH, Setup, Tmux, percentile, sample, slot_started_ts

from gelar_tui.journal.clock import SystemClock
from gelar_tui.day.facade import Day
from gelar_tui.event.eventfile import bundled_event_path, load_event

HERE = Path(__file__).resolve().parent
SCORES_IN = re.compile(r"(\d+) of (\d+) scores in")
WRITER = """
import random, sys, time
from pathlib import Path
from bench.workload import make_event
from gelar_tui.day.facade import Day
event = make_event(200, 15, 12)
day = Day.open(event, Path({journal!r}), origin="writer")
juror = "j%02d" % int(sys.argv[1])
rng = random.Random(int(sys.argv[1]))
deadline = time.monotonic() + float(sys.argv[2])
next_at = time.monotonic()
while time.monotonic() < deadline:
    group = "g%03d" % rng.randint(1, 200)
    day.unlock_sheet(group, juror, "bench") if (group, juror) in day.state.locked else None
    day.set_score(group, juror, "c%02d" % rng.randint(1, 12), str(rng.randint(5000, 9900) / 100))
    next_at += 1.0
    time.sleep(max(0.0, next_at - time.monotonic()))
day.close()
"""


def gelar(*args: str) -> list[str]:
    script = Path(sys.executable).parent / "gelar"
    return [*([str(script)] if script.exists() else [sys.executable, "-m", "gelar_tui"]), *args]


def wait_text(tmux: Tmux, name: str, found, timeout: float = 5.0) -> float | None:
    """Capture until *found(screen)* holds; the moment of that capture (None after *timeout*)."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        screen, at = tmux.capture(name)
        if found(screen):
            return at
    return None


def scores_in(screen: str) -> int | None:
    match = SCORES_IN.search(screen)
    return None if match is None else int(match.group(1))


def score_latencies(tmux: Tmux, name: str, day: Day, group: str, juror: str, criterion: str, times: int) -> list[float]:
    """Set and clear one score in turn; ms from each commit to the scoreboard's count showing it."""
    out = []
    for index in range(times):
        day.refresh()
        before = scores_in(tmux.capture(name)[0])
        value = None if (group, juror) in day.state.sheets and criterion in day.state.sheets[(group, juror)] else "77"
        if (group, juror) in day.state.locked:
            day.unlock_sheet(group, juror, "bench")
        day.set_score(group, juror, criterion, value)
        committed = time.time()
        expected = None if before is None else before + (1 if value else -1)
        seen = wait_text(tmux, name, lambda s: scores_in(s) == expected)
        if seen is not None:
            out.append((seen - committed) * 1000)
        time.sleep(0.25 + 0.1 * (index % 3))
    return out


def display_latencies(tmux: Tmux, name: str, day: Day, times: int) -> list[float]:
    out = []
    marks = {"scoreboard": "scores in", "title": "Next:"}
    for index in range(times):
        view = ("scoreboard", "title")[index % 2]
        day.show_on_display(view)
        committed = time.time()
        seen = wait_text(tmux, name, lambda s, view=view: marks[view] in s and (view != "title" or "scores in" not in s))
        if seen is not None:
            out.append((seen - committed) * 1000)
        time.sleep(0.25 + 0.1 * (index % 3))
    return out


def summary(values: list[float]) -> str:
    if not values:
        return "no samples"
    return f"median {statistics.median(values):6.1f} ms  p95 {percentile(values, 95):6.1f} ms  max {max(values):6.1f} ms  (n={len(values)})"


def live_and_idle(tmux: Tmux, folder: Path, setup: Setup, samples: int, window: float) -> None:
    journal = folder / "live.gelar-journal"
    console_pid = tmux.new_session("console", gelar("run", str(setup.event), "--journal", str(journal), "--no-bell", "--lang", "en"))
    display_pid = tmux.new_session("display", gelar("display", str(setup.event), "--journal", str(journal), "--lang", "en"))
    hello_pid = tmux.new_session("hello", setup.hello())
    wait_text(tmux, "console", lambda s: "READY" in s, 20)
    wait_text(tmux, "display", lambda s: "Getting ready" in s, 20)
    wait_text(tmux, "hello", lambda s: "Hello" in s, 20)
    time.sleep(2)
    idle = sample([console_pid, display_pid, hello_pid], window)
    print(f"\nIdle CPU over {window:.0f} s (% of one core)")
    for label, usage in zip(("console", "display", "bare Textual app"), idle):
        print(f"  {label:18} {usage.cpu_percent:6.3f} %   {usage.wakeups_per_s:6.1f} wake-ups/s")
    hello = idle[2].cpu_percent
    print(f"  rise over the bare app: console {idle[0].cpu_percent - hello:+.3f} %, display {idle[1].cpu_percent - hello:+.3f} %")

    event = load_event(setup.event)
    day = Day.open(event, journal, SystemClock(), origin="bench")
    for group in event.group_ids[:2]:
        for juror in event.juror_ids:
            for criterion in event.criterion_ids:
                day.set_score(group, juror, criterion, "80")
    tmux.keys("console", "s")
    wait_text(tmux, "console", lambda s: scores_in(s) is not None, 10)
    print("\nLive latency, from a write in another process to the view showing it")
    print(f"  audience display   {summary(display_latencies(tmux, 'display', day, samples))}")
    print(f"  console scoreboard {summary(score_latencies(tmux, 'console', day, event.group_ids[2], event.juror_ids[0], event.criterion_ids[0], samples))}")
    day.close()
    for name, pid in (("console", console_pid), ("display", display_pid), ("hello", hello_pid)):
        tmux.kill_session(name, pid)


def scale(tmux: Tmux, folder: Path, window: float, samples: int) -> None:
    from bench.core import write_fast
    from bench.workload import make_event, ranking_records, ranking_sheets

    event = make_event(200, 15, 12)
    event_file = folder / "scale.toml"
    from bench.workload import event_text

    event_file.write_text(event_text(200, 15, 12), encoding="utf-8")
    journal = folder / "scale.gelar-journal"
    write_fast(journal, event.identity, ranking_records(event, ranking_sheets(event, 1), 1))
    day = Day.open(event, journal, SystemClock(), origin="bench")
    if day.state.slots[day.state.current].started:
        day.restart()
    day.start()
    pid = tmux.new_session("scale", gelar("run", str(event_file), "--journal", str(journal), "--no-bell", "--lang", "en"))
    wait_text(tmux, "scale", lambda s: "/ 30:00" in s, 30)
    tmux.keys("scale", "s")
    wait_text(tmux, "scale", lambda s: scores_in(s) is not None, 30)
    writers = [
        subprocess.Popen([sys.executable, "-c", WRITER.format(journal=str(journal)), str(j), str(window + 5)], cwd=HERE.parent)
        for j in range(1, 16)
    ]
    time.sleep(2)
    started = slot_started_ts(journal) or 0.0
    usage = sample([pid], window / 2)[0]
    late, skipped = flips(tmux, "scale", started, window / 2)
    latencies = score_latencies(tmux, "scale", day, "g001", "j01", "c01", samples)
    for writer in writers:
        writer.wait()
    print("\nScale: 200 groups x 15 jurors x 12 criteria, slot running, scoreboard open, 15 writers at 1 score/s each")
    print(f"  console CPU          {usage.cpu_percent:6.2f} % of one core over {window / 2:.0f} s")
    print(f"  clock flips late     {summary(late)}  ({skipped} seconds skipped)")
    print(f"  a score to the board {summary(latencies)}")
    day.close()
    tmux.kill_session("scale", pid)


MINI = re.compile(r"KBK \d+ (\d\d):(\d\d)")


def flips(tmux: Tmux, name: str, start_ts: float, seconds: float) -> tuple[list[float], int]:
    """Capture back to back; each flip of the small clock (counting down) against its true second."""
    late, skipped, shown = [], 0, None
    first = time.time()
    while time.time() - first < seconds:
        screen, at = tmux.capture(name)
        match = MINI.search(screen)
        if match is None:
            continue
        remaining = int(match.group(1)) * 60 + int(match.group(2))
        if shown is not None and remaining != shown:
            skipped += max(0, shown - remaining - 1)
            late.append((at - (start_ts + 30 * 60 - remaining)) * 1000)
        shown = remaining
    return late, skipped


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    if shutil.which("tmux") is None:
        print("tmux is needed", file=sys.stderr)
        return 2
    samples, window = (10, 10.0) if args.quick else (40, 30.0)
    folder = Path(tempfile.mkdtemp(prefix="gelar-hall-bench-"))
    home = folder / "home"
    home.mkdir()
    event = folder / "demo.toml"
    shutil.copy(bundled_event_path(), event)
    tmux = Tmux(home)
    print(f"gelar hall bench: {WIDTH}x{HEIGHT} panes, {samples} samples, {window:.0f} s windows; {bench_console.platform.platform()}")
    try:
        live_and_idle(tmux, folder, Setup(home, event), samples, window)
        scale(tmux, folder, window * 2, samples)
    finally:
        tmux.close()
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

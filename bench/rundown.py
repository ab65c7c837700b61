"""Rundown benchmark: what the console pays for segments and the schedule.

    python -m bench.rundown

Prints, for the demo event with four groups and for a made-up day of 200 groups
(two segments each, a break every 20 groups), the median and p95 time of:
``Day.slot()`` (once a second while a slot runs), the same on the demo without
segments (the peer: the clock as it was), and ``Day.schedule()`` (after every
action and once a minute). Figures, not assertions.
"""

from __future__ import annotations

import dataclasses
import statistics
import tempfile
import time
from pathlib import Path


from gelar_tui.journal.clock import FakeClock  # noqa: E402
from gelar_tui.day.facade import Day  # noqa: E402
from gelar_tui.event.model import Break, Group, Segment  # noqa: E402
from gelar_tui.event.eventfile import bundled_event_path, load_event  # noqa: E402
from tests.support.rundown import rundown_event  # noqa: E402


def timed(function, repeat: int = 2000) -> tuple[float, float]:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        samples.append(time.perf_counter() - start)
    samples.sort()
    return statistics.median(samples) * 1e6, samples[int(len(samples) * 0.95)] * 1e6


def big_event():
    event = rundown_event()
    segments = (Segment("Paparan", 1200, (300, 60), True), Segment("Tanya jawab", 600, (120,), False))
    groups = tuple(Group(f"g{n:03d}", f"KBK {n}", "Dinas", segments=segments) for n in range(200))
    breaks = tuple(Break(f"g{n:03d}", f"Istirahat {n}", 900) for n in range(19, 200, 20))
    return dataclasses.replace(event, groups=groups, breaks=breaks)


def measure(name: str, event, folder: Path) -> None:
    clock = FakeClock()
    day = Day.open(event, folder / f"{name}.gelar-journal", clock=clock)
    for _ in range(min(3, len(event.groups) - 1)):
        day.start()
        clock.advance(1500)
        day.next_group()
    day.start()
    clock.advance(1250)
    for label, function in (("slot()", day.slot), ("schedule()", day.schedule)):
        median, p95 = timed(function, 2000 if label == "slot()" else 200)
        print(f"{name:<28} {label:<11} median {median:8.1f} µs   p95 {p95:8.1f} µs")
    day.close()


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        measure("demo, no segments (peer)", load_event(bundled_event_path()), Path(folder))
        measure("demo with the rundown", rundown_event(), Path(folder))
        measure("200 groups, 10 breaks", big_event(), Path(folder))


if __name__ == "__main__":
    main()

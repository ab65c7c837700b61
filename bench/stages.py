"""Stages benchmark (issue 22): panels for 300 entries among 12 jurors, 3 each; the review stage's
ranking with z-scores after each new score; a long run of the panel rules over many seeds and shapes.

    python -m bench.stages            # the reference run (about a minute)
    python -m bench.stages --quick    # a smoke run
    python -m bench.stages --seeds 5000   # the panel rules over 5,000 random shapes (the test runs 120)

Figures, not assertions: it prints min, median, p95 and max per operation and never fails on a slow machine.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from decimal import Decimal

from gelar_tui.errors import GelarError
from gelar_tui.event.eventfile import parse_event
from gelar_tui.scoring.panels import assign, spread_of, spread_wanted
from gelar_tui.scoring.stages import stage_result
from tests.support.stages import source_of, stages_data

ENTRIES, JURORS, PER_ENTRY = 300, 12, 3
CRITERIA = [{"id": f"k{n}", "name": f"Kriteria {n}", "weight": w} for n, w in enumerate((3, 2, 2, 1, 1), start=1)]


def figures(name: str, seconds: list[float], target: str = "") -> None:
    ms = sorted(s * 1000 for s in seconds)
    p95 = ms[min(len(ms) - 1, int(0.95 * len(ms)))]
    print(f"{name:<48} n={len(ms):<5} min {ms[0]:8.2f}  median {statistics.median(ms):8.2f}  p95 {p95:8.2f}  max {ms[-1]:8.2f} ms  {target}")


def event():
    data = stages_data(groups=ENTRIES, jurors=JURORS, agencies=40,
                       review={"per_entry": PER_ENTRY, "advance": 30, "criteria": CRITERIA, "normalise": "zscore"})
    return parse_event(source_of(data), "bench.toml")


def assignment(event, repeat: int) -> dict:
    times, panels = [], {}
    for seed in range(repeat):
        start = time.perf_counter()
        panels = assign(event.group_ids, event.juror_ids, PER_ENTRY, {}, seed)
        times.append(time.perf_counter() - start)
    figures(f"panels: {ENTRIES} entries, {JURORS} jurors, {PER_ENTRY} each", times)
    return panels


def ranking_as_scores_come(event, panels: dict, every: int) -> None:
    """Sheets arrive one by one in a random order; after each *every*-th the stage is ranked afresh."""
    rng = random.Random(1)
    severity = {j: rng.randint(-20, 10) * 100 for j in event.juror_ids}
    arrivals = [(j, g) for g, panel in panels.items() for j in panel]
    rng.shuffle(arrivals)
    scores: dict = {j: {} for j in event.juror_ids}
    stage = event.stages[0]
    times, full = [], []
    for count, (juror, group) in enumerate(arrivals, start=1):
        scores[juror][group] = {c["id"]: max(0, min(10000, rng.randint(5000, 9500) + severity[juror])) for c in CRITERIA}
        if count % every and count != len(arrivals):
            continue
        start = time.perf_counter()
        result = stage_result(event, stage, scores)
        elapsed = time.perf_counter() - start
        times.append(elapsed)
        if count > 0.9 * len(arrivals):
            full.append(elapsed)
    figures("review ranking with z-scores, after a new score", times, "(target: the order of 200 groups re-ranked, 13-19 ms)")
    figures("  the same, the last tenth of the scores", full)
    tau = None
    if result.normalised:
        from gelar_tui.scoring.normalise import kendall_tau

        tau = kendall_tau(result.raw, result.scores)
    print(f"  finalists: {len(result.finalists or ())}, ties at the cut: {len(result.ties)}, "
          f"Kendall's tau raw vs normalised: {tau.quantize(Decimal('0.001')) if tau is not None else 'n/a'}")


def long_property_run(seeds: int) -> None:
    """Every rule of the panels over *seeds* random shapes (what tests/scoring/test_panels.py checks, longer)."""
    refused = 0
    start = time.perf_counter()
    for seed in range(seeds):
        rng = random.Random(seed)
        jurors = [f"j{n}" for n in range(rng.randint(1, 15))]
        per_entry = rng.randint(1, min(4, len(jurors)))
        entries = [f"g{n}" for n in range(rng.randint(1, 120))]
        conflicts = {j: set(rng.sample(entries, rng.randint(0, len(entries) // 3))) for j in jurors} if rng.random() < 0.5 else {}
        try:
            panels = assign(entries, jurors, per_entry, conflicts, seed)
        except GelarError:
            refused += 1
            continue
        spread = spread_of(panels, jurors)
        assert max(spread.load.values()) - min(spread.load.values()) <= 1, seed
        for entry, panel in panels.items():
            assert len(set(panel)) == per_entry and not any(entry in conflicts.get(j, ()) for j in panel), seed
        for juror in jurors:
            if not conflicts.get(juror):
                assert spread.partners[juror] >= spread_wanted(len(jurors), spread.load[juror], per_entry), seed
    print(f"panel rules: {seeds} shapes, every rule met; {refused} refused with a message (an entry nobody may score, or no balance) "
          f"in {time.perf_counter() - start:.1f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--seeds", type=int, default=0, help="also run the panel rules over this many random shapes")
    args = parser.parse_args()
    stages_event = event()
    panels = assignment(stages_event, 3 if args.quick else 10)
    ranking_as_scores_come(stages_event, panels, 90 if args.quick else 9)
    if args.seeds:
        long_property_run(args.seeds)


if __name__ == "__main__":
    main()

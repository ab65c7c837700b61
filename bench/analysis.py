"""Analysis benchmark: `gelar analysis` on a big day, beside one plain ranking of the same day.

    python -m bench.analysis            # 100 and 200 groups × 15 jurors, 6 criteria
    python -m bench.analysis --quick    # fewer repetitions

The analysis ranks the day once per method and once per juror left out, so it costs
about (4 + jurors) rankings plus the agreement figures; this prints both, and their
ratio, measured in the same run. Figures, not assertions.
"""

from __future__ import annotations

import argparse
import statistics
import time

from bench.workload import make_event, ranking_sheets

from gelar_tui.scoring.analysis import analyse
from gelar_tui.scoring.rules import Scale, rank
from gelar_tui.day.state import DayState


def timed(work, repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        times.append((time.perf_counter() - start) * 1000)
    return times


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    repeat = 3 if args.quick else 10
    print(f"{'day':<26}{'operation':<12}{'min ms':>9}{'median ms':>11}{'max ms':>9}")
    for groups in (100, 200):
        event = make_event(groups, 15, 6, method="trimmed", trim=2)
        ranking = ranking_sheets(event, seed=7)
        state = DayState.initial(event)
        state.sheets = {key: dict(sheet) for key, sheet in ranking.sheets.items()}
        state.locked = set(state.sheets)
        scale = Scale(event)
        label = f"{groups} groups × 15 jurors"
        rows = {
            "rank": timed(lambda: rank(event, state, ranking.overtime, scale), repeat),
            "analysis": timed(lambda: analyse(event, state, ranking.overtime, scale), repeat),
        }
        for name, times in rows.items():
            print(f"{label:<26}{name:<12}{min(times):>9.1f}{statistics.median(times):>11.1f}{max(times):>9.1f}")
        ratio = statistics.median(rows["analysis"]) / statistics.median(rows["rank"])
        print(f"{'':<26}{'ratio':<12}{ratio:>9.1f}  (analysis / one ranking, medians)")


if __name__ == "__main__":
    main()

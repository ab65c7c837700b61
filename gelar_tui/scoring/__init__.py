"""From sheets to a ranking: juror totals, methods, tie-breaks, the live ranking, awards, the analysis, finality.

Reads the day's state; never writes.

The submodules are imported where they are used, never here: the console's start-up stays light.
"""

__all__ = [
    "analysis",
    "awards",
    "day_results",
    "finality",
    "live_ranking",
    "ordering",
    "rules",
]

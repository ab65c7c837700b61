"""From sheets to a ranking: juror totals (one group, or every group in one pass), methods, tie-breaks, the live ranking (also per category), rankings per category and the top-N cut, awards, the analysis, finality; stages: panels, z-scores, the cut, the weighted final.

Reads the day's state; never writes.

The submodules are imported where they are used, never here: the console's start-up stays light.
"""

__all__ = [
    "analysis",
    "awards",
    "categories",
    "day_results",
    "finality",
    "live_categories",
    "live_ranking",
    "normalise",
    "ordering",
    "panels",
    "rules",
    "stages",
    "tally",
]

"""The hash-chained SQLite journal: appending and reading records, checking the chain, the clocks, the watcher (inotify on Linux, watchfiles elsewhere, polling), one console per journal, the records in the shape replay reads them (replay_rows).

Knows nothing of the event or the day: records are kinds and data.

The submodules are imported where they are used, never here: the console's start-up stays light.
"""

__all__ = [
    "chain_guard",
    "clock",
    "consolelock",
    "replay_rows",
    "store",
    "verify",
    "watch",
    "watch_inotify",
    "watch_poll",
]

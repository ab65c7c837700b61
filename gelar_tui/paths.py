"""Where files live: the journal next to the event file, or in the user's data folder for the demo."""

from __future__ import annotations

from pathlib import Path

import platformdirs

JOURNAL_SUFFIX = ".gelar-journal"


def data_dir() -> Path:
    """The per-user folder for the demo's journal."""
    return platformdirs.user_data_path("gelar", appauthor=False)


def default_journal(event_path: Path, bundled: bool) -> Path:
    """The demo's journal lives in the user's data folder; a user's event keeps its journal beside it."""
    if bundled:
        return data_dir() / f"demo{JOURNAL_SUFFIX}"
    return event_path.with_name(event_path.stem + JOURNAL_SUFFIX)

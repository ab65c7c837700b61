"""What every command needs: the event, where its journal is, and the language to speak.

It sits below the command line and the console alike, so that both import it and
neither imports the other.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .clock import Clock
from .day import Day
from .errors import GelarError
from .event import Event
from .i18n import Messages


@dataclass
class Context:
    """The event a command works on, its file, its journal and the language to speak."""

    event: Event
    event_path: Path
    journal_path: Path
    t: Messages

    def open_day(self, origin: str = "cli", *, create: bool = False) -> Day:
        """The day so far; commands that only look do not create a journal."""
        return Day.open(self.event, self.journal_path, origin=origin, create=create)

    def look_at_day(self, origin: str = "cli", clock: Clock | None = None) -> Day:
        """The day so far, for a view that only reads it: refused when no journal is at the path
        (it would show an empty day, and a view that made one would hide that the journal is gone)."""
        if not self.journal_path.exists():
            raise GelarError("console.no_journal", path=str(self.journal_path))
        return Day.open(self.event, self.journal_path, clock, origin=origin, create=False)


def make_context(event_path: Path | None, journal: Path | None, language: str | None, *, use_cache: bool = True) -> Context:
    """The context of *event_path* (the bundled demo when None), checked in full unless *use_cache*."""
    from .eventfile import bundled_event_path, load_event
    from .paths import default_journal

    bundled = event_path is None
    path = bundled_event_path() if bundled else event_path
    event = load_event(path, use_cache=use_cache)
    journal_path = journal if journal is not None else default_journal(path, bundled)
    return Context(event, path, journal_path, Messages(language or event.event.language))

"""The app's end of the journal watcher: records from any process reach every open view.

:class:`~gelar_tui.journal.watch.JournalWatcher` notices, on its own thread, that the
journal's files changed; :class:`LiveJournal` (a mixin of the app) hands that to
the app's thread, catches the day up and tells every screen (``DayChanged``).
While one catch-up waits to run, further notices are folded into it.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

from ..errors import GelarError
from ..journal.store import JournalWriteError
from .messages import DayChanged

if TYPE_CHECKING:
    from ..journal.watch import JournalWatcher


HUB_LOST_SHOWN = 24 * 3600.0
"""Seconds the hub-lost notice stays: until the hub is back, which takes it away."""


class LiveJournal:
    """Watching the journal for the app (a mixin of DayApp: ``self`` is the app)."""

    watcher: JournalWatcher | None = None
    journal_notices = 0
    """Catch-ups the watcher asked for (tests and benchmarks read it)."""
    journal_lost = False
    """The journal's file was deleted or moved while the app had it open (nothing more is written to it)."""
    hub_lost = False
    """A day read from the hub lost its connection: the view shows the last it had, and says so."""

    def start_watching(self) -> None:
        """Subscribe the app to the journal's watcher (started here)."""
        loop = asyncio.get_running_loop()
        self._catch_up_pending = False

        def changed() -> None:  # on the watcher's thread
            if self._catch_up_pending:
                return
            self._catch_up_pending = True
            try:
                loop.call_soon_threadsafe(self._journal_changed)
            except RuntimeError:  # the app's loop has closed: it is quitting
                pass

        from ..journal.watch import watcher_for  # started after the first frame (DayApp.console_drawn)

        self.watcher = watcher_for(self.day.journal)
        self.watcher.subscribe(changed)
        self.watcher.start()
        self.poll_journal()  # what was written between opening the day and watching it

    def stop_watching(self) -> None:
        if self.watcher is not None:
            self.watcher.stop()
            self.watcher = None

    def _journal_changed(self) -> None:
        self._catch_up_pending = False
        self.journal_notices += 1
        self.poll_journal()

    def poll_journal(self) -> None:
        """Take in records other processes wrote (jury stations, `gelar show`, `gelar scores import`);
        notice that the journal's file was deleted or moved (its folder's watch reports that too)."""
        view = self.day.display_view()
        try:
            records = self.day.refresh()
        except GelarError as exc:
            self.notify(exc.render(self.t), severity="error")
            records = []
        if records or self.day.display_view() != view:  # a hub's lobby choice changes the view with no record
            self.broadcast_change(records)
        self._follow_hub()
        there = self.day.journal.still_there()
        if self.journal_lost == there:  # it went (or the same file was put back)
            self.journal_lost = not there
            if there:
                self.retry_unsaved()  # what waited is written now
            else:
                # A write fault like any other: what the moderator does next waits in memory, and the banner says so.
                self.day.fault = JournalWriteError("moved", self.day.journal.path, "deleted or moved")
            self.broadcast_change()

    def _follow_hub(self) -> None:
        """A view read from the hub (``--hub``) says while the hub is lost that what it shows may be behind;
        the notice goes when the hub is back. (The listener tells the watcher at both moments.)"""
        lost = bool(getattr(self.day.journal, "lost", False))
        if lost == self.hub_lost:
            return
        self.hub_lost = lost
        if lost:
            self.notify(self.t("hubread.desk.lost"), severity="warning", timeout=HUB_LOST_SHOWN)
        else:
            self.clear_notifications()

    def broadcast_change(self, records=None) -> None:
        """Tell every screen the day changed: by *records* from elsewhere, or (None) by an action here."""
        for screen in self.screen_stack:
            screen.post_message(DayChanged(records))

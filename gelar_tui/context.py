"""What every command needs: the event, where its journal is, and the language to speak.

It sits below the command line and the console alike, so that both import it and
neither imports the other.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import astuple
from pathlib import Path
from typing import TYPE_CHECKING

from .journal.clock import Clock
from .day.facade import Day
from .errors import GelarError, Msg
from .event.frozen import Frozen, fill, record
from .event.model import Event
from .i18n import Messages

if TYPE_CHECKING:
    from .hub.reader import HubJournal


class Context:
    """The event a command works on, its file, its journal and the language to speak.

    A plain class, not a dataclass: the console's start compiles no methods for it."""

    def __init__(
        self, event: Event, event_path: Path, journal_path: Path, t: Messages, bundled: bool = False, hub: HubJournal | None = None
    ) -> None:
        self.event = event
        self.event_path = event_path
        self.journal_path = journal_path
        self.t = t
        self.bundled = bundled
        self.hub = hub
        """The journal read from the hub (``--hub URL --event ID``): the day to read comes from it, not from a file."""

    def open_day(self, origin: str = "cli", *, create: bool = False, clock: Clock | None = None) -> Day:
        """The day so far; commands that only look do not create a journal.

        A command that writes (*create*) records the event it runs on with its first record;
        one that only looks says, on stderr, when the journal holds another version of it.
        """
        day = Day.open(self.event, self.journal_path, clock, origin=origin, create=create)
        day.records_event, day.event_path = create, self.event_path
        if not create:
            from .day.eventrecord import drift_warning

            warning = drift_warning(day, self.t)
            if warning:
                import sys

                print(warning, file=sys.stderr)
        return day

    def announce(self) -> None:
        """Name the event (title and file) on stderr: what a command that writes says first."""
        print(self.t("commands.writing", title=self.event.event.title, path=str(self.event_path)), file=sys.stderr)

    @contextmanager
    def writing_day(self, origin: str = "cli") -> Iterator[Day]:
        """The day, for a command that writes: it names the event first, and fails unless all it wrote is stored.

        The console keeps records in memory while the journal cannot take them (see
        :mod:`gelar_tui.day.unsaved`); a one-shot command must not: when the block ends with
        records still unstored, GelarError says that nothing of it was stored.
        """
        self.announce()
        from .journal.store import JournalWriteError

        try:
            day = self.open_day(origin, create=True)
        except JournalWriteError as fault:
            raise GelarError("commands.nothing_stored", path=str(self.journal_path), cause=Msg(fault.key, fault.params)) from None
        try:
            try:
                yield day
            except JournalWriteError as fault:  # an action that writes on its own (a spill file taken back): rolled back
                raise GelarError("commands.nothing_stored", path=str(self.journal_path), cause=Msg(fault.key, fault.params)) from None
            if day.unsaved and not day.flush_unsaved():
                fault = day.fault
                raise GelarError(
                    "commands.not_stored",
                    count=len(day.unsaved),
                    path=str(self.journal_path),
                    cause=Msg(fault.key, fault.params) if fault is not None else "",
                )
        finally:
            day.close()

    def command(self, command: str, *rest: str) -> str:
        """A command line to suggest: names this event file (and the journal when not its default), runs as printed."""
        from .paths import default_journal
        from .terminal import command_line

        # The printed command names the event file, so its default journal is the one beside it
        # (the bundled demo's own journal, in the user's data folder, must then be named).
        journal = None if self.journal_path == default_journal(self.event_path, False) else self.journal_path
        return command_line(command, self.event_path, *rest, journal=journal)

    def look_at_day(self, origin: str = "cli", clock: Clock | None = None) -> Day:
        """The day so far, for a view that only reads it: refused when no journal is at the path
        (it would show an empty day, and a view that made one would hide that the journal is gone).

        With ``--hub URL --event ID`` the day is read from the hub: the same Day, on the hub's records.
        """
        if self.hub is not None:
            return Day(self.event, self.hub, clock, origin)  # type: ignore[arg-type]
        if not self.journal_path.exists():
            raise GelarError("console.no_journal", path=str(self.journal_path))
        return self.open_day(origin, clock=clock)


def make_context(
    event_path: Path | None, journal: Path | None, language: str | None, *, use_cache: bool = True, hub: HubRequest | None = None
) -> Context:
    """The context of *event_path* (the bundled demo when None), checked in full unless *use_cache*;
    with *hub*, of the event read from the hub (*event_path*, if given, only names the hub's address)."""
    from .event.eventfile import bundled_event_path
    from .paths import default_journal

    if hub is not None:
        return hub_context(hub, event_path, language)

    bundled = event_path is None
    path = bundled_event_path() if bundled else event_path
    event = load_checked_event(path, use_cache=use_cache)
    journal_path = journal if journal is not None else default_journal(path, bundled)
    return Context(event, path, journal_path, Messages(language or event.event.language), bundled)


@record
class HubRequest(Frozen):
    """``--hub URL`` and ``--event ID`` as given (either may be None: see :func:`hub_request`)."""

    url: str | None
    event: str | None

    def __init__(self, url: str | None, event: str | None) -> None:
        fill(self, url, event)


def hub_request(args: object) -> HubRequest | None:
    """What the command line asks of the hub: None unless ``--hub`` or ``--event`` was given to a
    command that reads its day from the hub (``gelar hub push`` and ``gelar run --hub`` name the hub
    they ship to, and read their day from the file)."""
    if not getattr(args, "reads_hub", False):
        return None
    url, event = getattr(args, "hub", None), getattr(args, "hub_event", None)
    return HubRequest(url, event) if url or event else None


def hub_context(request: HubRequest, event_path: Path | None, language: str | None) -> Context:
    """The context of an event read from the hub: its event is the journal's ``event_file`` record."""
    from .hub.reader import hub_address, hub_event, open_hub_journal

    url = hub_address(request.url, event_path)
    if url is None:
        raise GelarError("hubread.event_needs_hub" if request.event else "hubread.no_address")
    journal = open_hub_journal(url, request.event)
    try:
        event = hub_event(journal)
    except BaseException:
        journal.close()
        raise
    # no file stands for the event or the journal: their names only label what is printed
    return Context(event, event_path or Path(journal.event), Path(journal.journal), Messages(language or event.event.language), hub=journal)


def load_checked_event(path: Path, *, use_cache: bool = True) -> Event:
    """The event file at *path*, checked with what it names beside it: what every command and station starts on.

    The event file's own checks live in :mod:`gelar_tui.event.eventfile`; the organiser's sound
    files are the hall's to judge (:func:`gelar_tui.hall.sound.sound_file_problems`).
    """
    from .event.eventfile import load_event

    return load_event(path, use_cache=use_cache, checks=(_sound_files,))


def _sound_files(event: Event, path: Path) -> list:
    """The hall's check of the organiser's own sound files; without any, the sound code is not even imported."""
    if not any(astuple(event.sound.files)):
        return []
    from .hall.sound import sound_file_problems

    return sound_file_problems(event, path)

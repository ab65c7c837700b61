"""The one write path of a day: every verb of :class:`~gelar_tui.day.facade.Day` goes through :meth:`Pipeline.write`.

A write takes a *decision* (a plain function of the day's state and the moment, see
:mod:`gelar_tui.day.decide`) and does, in this order: write the records held in memory
(the journal failed before), take the journal's write lock, catch up with what other
processes wrote, put first the segments that began by themselves, decide, check what this
origin may write (a station: only its juror's sheets), put the event first when the journal
holds another version, note the boot's bridge on the wall clock, append, and apply.

When the journal cannot be written (a full disk, a pulled stick, a file held busy), the
decision is taken on the state in memory and its records are held there, in order, with
the moment they happened (see :mod:`gelar_tui.day.unsaved`); they are written as soon as the
journal takes writes again, followed by a ``journal_fault`` record. A write that must not be
held (a PIN tried) is refused instead.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cached_property
from pathlib import Path
from typing import Any, Generic, TypeVar, overload

from ..errors import GelarError
from ..event.model import Event
from ..journal.clock import Clock, Stamp
from ..journal.store import Journal, JournalWriteError, Record
from .checkpoint import open_state, uses_checkpoint
from .decide import Decided, Records
from .eventrecord import event_record, note_event
from .rundown import due_segment_records
from .state import DayState, Kind
from .stations import check_rights, station_of
from .unsaved import Unsaved, as_record

Decision = Callable[[DayState, float], "Records | Decided[Any]"]
"""A decision as the pipeline takes it: the state after catching up, and the moment on its timeline."""


class Pipeline:
    """One day's journal, its state in memory, and the one way records get from a decision into both."""

    def __init__(self, event: Event, journal: Journal, clock: Clock, origin: str) -> None:
        self.event = event
        self.journal = journal
        self.clock = clock
        self.origin = origin
        journal.changed()  # before reading: a record written after this point is noticed by refresh()
        # a view: from the checkpoint and the records after it, when it holds; a command: the whole journal
        self.state = open_state(event, journal, trust=uses_checkpoint(origin))
        self.unsaved: list[Unsaved] = []
        """Records decided but not written (the journal failed), in order."""
        self.fault: JournalWriteError | None = None
        """Why the journal last failed to take a write (None once it took them again)."""
        self.station_open = False
        """Whether this day's station was opened with its juror's PIN (rights of a ``jury:`` origin)."""
        self.records_event = False
        """Whether this day is a writer that puts its event first when the journal holds another version."""

    @cached_property
    def event_record(self) -> dict[str, Any]:
        """The ``event_file`` record of the event this day runs on."""
        return event_record(self.event)

    def now(self) -> float:
        """The present moment on the day's timeline."""
        return self.state.timeline(self.clock.stamp())

    # -- reading ---------------------------------------------------------------

    def refresh(self) -> list[Record]:
        """Apply records that other processes appended; return them (empty when none).

        While records are held in memory, this tries to write them first.
        """
        if self.unsaved and not self.flush():
            return []
        if not self.journal.changed():
            return []
        return self.catch_up()

    def catch_up(self) -> list[Record]:
        records = self.journal.records(after=self.state.seq)
        self.state.apply_all(self.event, records)
        return records

    def replay(self) -> None:
        """Rebuild the state from the journal: after a fault, its order is the truth."""
        self.journal.changed()
        self.state = DayState.from_rows(self.event, *self.journal.replay_rows())

    # -- writing ---------------------------------------------------------------

    def write(self, decide: Decision, *, keep: bool = True, refused: str = "") -> Any:
        """Take *decide*'s records into the journal and the state; return what it answers (None for bare records).

        With *keep* false, a write the journal cannot take is refused with the message *refused*
        (GelarError) and nothing is held. A refusal of the decision itself writes nothing.
        """
        flushed = self.flush()
        if not flushed and not keep:
            raise GelarError(refused)
        if flushed:
            decided = False
            pending: Records = []
            result = None
            try:
                with self.journal.transaction():
                    self.catch_up()
                    now = self.now()
                    due = [] if station_of(self.origin) is not None else due_segment_records(self.event, self.state, now)
                    decided = True
                    records, result = _split(decide(self.state, now))
                    check_rights(self.origin, self.station_open, records)
                    pending = self._noted(due + records)  # segments that began by themselves, first
                    if not pending:
                        return result
                    stamp = self.clock.stamp()
                    appended = [self.journal.append(kind, data, stamp, self.origin) for kind, data in self._bridged(pending, stamp)]
                # No journal.changed() here: a connection's own commits do not move its data_version,
                # so refresh() still notices any other process that committed after us.
                self.state.apply_all(self.event, appended)
                return result
            except JournalWriteError as fault:
                self.fault = fault
                if not keep:
                    raise GelarError(refused) from None
                if decided:
                    self.hold(pending)
                    return result
        records, result = _split(decide(self.state, self.now()))
        check_rights(self.origin, self.station_open, records)
        self.hold(self._noted(records))
        return result

    def _noted(self, pending: Records) -> Records:
        return note_event(self.state, self.event_record, pending) if self.records_event else pending

    def _bridged(self, pending: Records, stamp: Stamp) -> Records:
        """This boot's first record: note that its durations meet the earlier boots' across the wall clock."""
        anchors = self.state.anchors
        if stamp.boot is not None and anchors and stamp.boot_id not in anchors:
            return [(Kind.CLOCK_BRIDGED, {"boot_before": next(reversed(anchors)), "boot": stamp.boot_id}), *pending]
        return pending

    # -- while the journal fails -------------------------------------------------

    def hold(self, pending: Records) -> None:
        """Hold *pending* in memory and apply it to the state, as if written."""
        if not pending:
            return
        stamp = self.clock.stamp()
        kept = [Unsaved(kind, data, stamp, self.origin) for kind, data in self._bridged(pending, stamp)]
        self.unsaved.extend(kept)
        self.state.apply_all(self.event, [as_record(item, self.state.seq) for item in kept])

    def flush(self) -> bool:
        """Write the records held in memory, in order; True when none are held any more."""
        if not self.unsaved:
            return True
        try:
            with self.journal.transaction():
                for item in self.unsaved:
                    self.journal.append(item.kind, item.data, item.stamp, item.origin)
                fault = self.fault
                note = {"reason": fault.reason if fault else "unknown", "records": len(self.unsaved)}
                self.journal.append(Kind.JOURNAL_FAULT, note, self.clock.stamp(), self.origin)
        except JournalWriteError as fault:
            self.fault = fault
            return False
        self.unsaved.clear()
        self.fault = None
        self.replay()
        return True

    def spill(self) -> Path:
        """Write the records held in memory to a spill file (see :mod:`gelar_tui.day.spill`); return where it went."""
        if not self.unsaved:
            raise GelarError("trust.nothing_to_spill")
        from .spill import write_spill

        return write_spill(self.journal, self.origin, self.unsaved)

    def take_back(self, path: Path) -> int:
        """Write a spill file's records the journal does not have yet, each checked; how many."""
        from .spill import take_back

        return take_back(self, path)


T = TypeVar("T")


class Held(Generic[T]):
    """An attribute of the day that its pipeline holds: ``day.state`` reads and sets ``day.pipeline.state``."""

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    @overload
    def __get__(self, day: None, owner: type) -> Held[T]: ...
    @overload
    def __get__(self, day: object, owner: type) -> T: ...
    def __get__(self, day: Any, owner: type) -> Any:
        return self if day is None else getattr(day.pipeline, self.name)

    def __set__(self, day: Any, value: T) -> None:
        setattr(day.pipeline, self.name, value)


def _split(decided: Records | Decided[Any]) -> tuple[Records, Any]:
    return (decided.records, decided.result) if isinstance(decided, Decided) else (decided, None)

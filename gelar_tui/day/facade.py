"""The day: an event, its journal and the state replayed from it, and every action on it.

Each action takes the journal's write lock, catches up with records other
processes wrote, checks that the action makes sense *now*, and appends its
records before anything else sees the change. The console, the command line
and the tests all act through this class.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from .alerts import AlertActions
from ..journal.clock import Clock, Stamp, SystemClock
from ..errors import GelarError
from ..event.model import Event
from .eventrecord import EventRecordActions
from .hall import HallActions
from ..journal.store import Journal, JournalWriteError, Record
from .recusal import RecusalActions
from .rundown import RundownActions
from .scorebook import ScoreActions, ScoreRow, parse_score  # noqa: F401 (ScoreRow and parse_score are re-exported)
from .state import DayState, GroupStatus, Kind
from .stations import StationActions
from .timing import Phase, SlotView, view_slot
from .unsaved import UnsavedRecords
from .withdrawal import WithdrawalActions

MINUTE = 60


class Day(
    ScoreActions, RecusalActions, AlertActions, StationActions, HallActions, RundownActions, WithdrawalActions, UnsavedRecords,
    EventRecordActions,
):
    """An event day bound to its journal: its state, its clock, and every action of the day.

    The actions on score sheets live in :class:`~gelar_tui.day.scorebook.ScoreActions`,
    recusals in :class:`~gelar_tui.day.recusal.RecusalActions`, recording the alerts that fired in
    :class:`~gelar_tui.day.alerts.AlertActions`, and what happens while the journal cannot be
    written in :class:`~gelar_tui.day.unsaved.UnsavedRecords`. PINs, jury stations and what each
    origin may write are in :class:`~gelar_tui.day.stations.StationActions`; what the audience
    display shows, in :class:`~gelar_tui.day.hall.HallActions`; segments, breaks and the
    schedule, in :class:`~gelar_tui.day.rundown.RundownActions`; withdrawing a group, in
    :class:`~gelar_tui.day.withdrawal.WithdrawalActions`; the event recorded in the journal,
    in :class:`~gelar_tui.day.eventrecord.EventRecordActions`.
    """

    def __init__(self, event: Event, journal: Journal, clock: Clock | None = None, origin: str = "console") -> None:
        self.event = event
        self.journal = journal
        self.clock = clock or SystemClock()
        self.origin = origin
        journal.changed()  # before reading: a record written after this point is noticed by refresh()
        self.state = DayState.from_rows(event, *journal.replay_rows())
        self.unsaved = []
        self.fault = None
        self._overtime_state: DayState | None = None
        self._overtime_kept: dict[str, tuple[int, int]] = {}
        self.taken_back = 0

    @classmethod
    def open(
        cls, event: Event, journal_path: Path, clock: Clock | None = None, origin: str = "console", *, create: bool = True
    ) -> Day:
        """The day recorded in the journal at *journal_path* (see Journal for *create*)."""
        return cls(event, Journal(journal_path, event.identity, create=create), clock, origin)

    def close(self) -> None:
        self.journal.close()

    # -- reading -------------------------------------------------------------

    def refresh(self) -> list[Record]:
        """Apply records that other processes appended; return them (empty when none).

        While records wait in memory (the journal could not be written), this tries to write them first.
        """
        if self.unsaved and not self.flush_unsaved():
            return []
        if not self.journal.changed():
            return []
        return self._catch_up()

    def _catch_up(self) -> list[Record]:
        records = self.journal.records(after=self.state.seq)
        self.state.apply_all(self.event, records)
        return records

    def now(self) -> float:
        """The present moment on the day's timeline (see :mod:`gelar_tui.day.state`): what durations are computed from."""
        return self.state.timeline(self.clock.stamp())

    def wall_now(self) -> float:
        """The wall-clock time: for the time of day people read, never for durations."""
        return self.clock.now()

    def slot(self, group: str | None = None, now: float | None = None) -> SlotView:
        """The clock of *group* (the current group by default)."""
        group = self.state.current if group is None else group
        return view_slot(self.event, self.state, group, self.now() if now is None else now)

    def overtimes(self, now: float | None = None) -> dict[str, int]:
        """Each group's overtime that counts for penalties (in segments with ``penalty``).

        A slot that is not running cannot change by itself: its figure is kept until a record
        names its group (``DayState.touched``), so a busy scoreboard asks the clock only of the
        slot on stage.
        """
        now = self.now() if now is None else now
        state = self.state
        if self._overtime_state is not state:  # replayed afresh: nothing kept is valid
            self._overtime_state, self._overtime_kept = state, {}
        kept, touched = self._overtime_kept, state.touched
        overtime: dict[str, int] = {}
        for group in state.order:
            mark = touched.get(group, 0)
            running = state.slots[group].running_since is not None
            found = None if running else kept.get(group)
            if found is not None and found[0] == mark:
                overtime[group] = found[1]
                continue
            value = view_slot(self.event, state, group, now).penalised_overtime
            if not running:
                kept[group] = (mark, value)
            overtime[group] = value
        return overtime

    def next_up(self) -> str | None:
        """The group that 'next' would call."""
        return self._following(self.state.current)

    # -- writing -------------------------------------------------------------

    @contextmanager
    def _action(self, *, keep: bool = True, refused: str = "") -> Iterator[list[tuple[str, dict[str, Any]]]]:
        """Lock, catch up, let the caller decide what to write, then write it durably.

        When the journal cannot be written (see :mod:`gelar_tui.day.unsaved`), the action is
        decided on the state in memory and its records wait there, in order, to be written;
        or, with *keep* false, it is refused with the message *refused*, and nothing is kept.
        """
        pending: list[tuple[str, dict[str, Any]]] = []
        decided = False
        flushed = self.flush_unsaved()
        if not flushed and not keep:
            raise GelarError(refused)
        if flushed:
            try:
                with self.journal.transaction():
                    self._catch_up()
                    due = self._due_records()
                    decided = True
                    yield pending
                    self._check_rights(pending)
                    pending[:0] = due  # segments that began by themselves, first
                    self._note_event(pending)  # a writer's first record: the event it runs on (eventrecord)
                    if not pending:
                        return
                    stamp = self.clock.stamp()
                    self._bridge(pending, stamp)
                    records = [self.journal.append(kind, data, stamp, self.origin) for kind, data in pending]
                # No journal.changed() here: a connection's own commits do not move its data_version,
                # so refresh() still notices any other process that committed after us.
                self.state.apply_all(self.event, records)
                return
            except JournalWriteError as fault:
                self.fault = fault
                if not keep:
                    raise GelarError(refused) from None
                if decided:
                    self._keep(pending)
                    return
        yield pending
        self._check_rights(pending)
        self._note_event(pending)
        self._keep(pending)

    def _due_records(self) -> list[tuple[str, dict[str, Any]]]:
        """What any action writes down first: segments that began by themselves (not at a station)."""
        if self.station_juror is not None:
            return []
        return self._due_segment_records()

    def _bridge(self, pending: list[tuple[str, dict[str, Any]]], stamp: Stamp) -> None:
        """This boot's first record: note that its durations meet the earlier boots' across the wall clock."""
        anchors = self.state.anchors
        if stamp.boot is not None and anchors and stamp.boot_id not in anchors:
            before = next(reversed(anchors))
            pending.insert(0, (Kind.CLOCK_BRIDGED, {"boot_before": before, "boot": stamp.boot_id}))

    def _current(self) -> str:
        if self.state.current is None:
            raise GelarError("action.no_current")
        return self.state.current

    def toggle(self) -> str:
        """Space: start, pause or resume the current slot. Returns what it did."""
        view = self.slot()
        if view.phase == Phase.READY:
            self.start()
            return "started"
        if view.phase in (Phase.RUNNING, Phase.OVERTIME):
            self.pause()
            return "paused"
        if view.phase in (Phase.PAUSED, Phase.DONE):
            self.resume()
            return "resumed"
        raise GelarError("action.no_current")

    def start(self) -> None:
        with self._action() as out:
            group = self._current()
            if self.state.slots[group].started:
                raise GelarError("action.already_started")
            self._close_break(out)  # the hall is back
            out.append((Kind.SLOT_STARTED, {"group": group}))

    def pause(self) -> None:
        with self._action() as out:
            group = self._current()
            if self.slot(group).phase not in (Phase.RUNNING, Phase.OVERTIME):
                raise GelarError("action.not_running")
            out.append((Kind.SLOT_PAUSED, {"group": group}))

    def resume(self) -> None:
        """Resume a paused slot, or reopen a finished one (its clock goes on from where it stopped)."""
        with self._action() as out:
            group = self._current()
            view = self.slot(group)
            if view.phase not in (Phase.PAUSED, Phase.DONE):
                raise GelarError("action.not_paused")
            if self.event.timing.overtime == "stop" and view.remaining <= 0:
                raise GelarError("action.slot_ended")
            out.append((Kind.SLOT_RESUMED, {"group": group}))

    def extend(self, seconds: int) -> None:
        """Add (or, negative, take off) time from the current slot."""
        with self._action() as out:
            group = self._current()
            slot = self.state.slots[group]
            if slot.finished:
                raise GelarError("action.slot_finished")
            if self.slot(group).phase == Phase.DONE:  # overtime = "stop": it ended at zero
                raise GelarError("action.slot_ended")
            data: dict[str, Any] = {"group": group, "seconds": int(seconds)}
            if self.event.segmented(group):  # the segment on stage gets the time
                view = self.slot(group)
                if view.length + seconds < min(MINUTE, view.planned):
                    raise GelarError("action.too_short")
                data["segment"] = view.segment
            elif slot.length + seconds < MINUTE:
                raise GelarError("action.too_short")
            out.append((Kind.SLOT_EXTENDED, data))

    def restart(self) -> None:
        with self._action() as out:
            group = self._current()
            out.append((Kind.SLOT_RESTARTED, {"group": group}))

    def next_group(self) -> str | None:
        """Finish the current slot if it is under way and call the next group."""
        with self._action() as out:
            self._finish_current(out)
            following = self._following(self.state.current)
            out.append((Kind.CURRENT_CHANGED, {"group": following}))
        return following

    def previous_group(self) -> str:
        with self._action() as out:
            order, current = self.state.order, self.state.current
            if current is None:
                target = order[-1]
            else:
                index = order.index(current)
                if index == 0:
                    raise GelarError("action.first_group")
                target = order[index - 1]
            self._finish_current(out)
            out.append((Kind.CURRENT_CHANGED, {"group": target}))
        return target

    def call(self, group: str) -> None:
        """Make *group* the current one (a late group that arrived, a skipped one coming back)."""
        with self._action() as out:
            self._known_group(group)
            if group != self.state.current:
                self._finish_current(out)
                out.append((Kind.CURRENT_CHANGED, {"group": group}))

    def skip(self) -> str | None:
        """Set the current group aside (it can be called back later) and call the next one."""
        with self._action() as out:
            group = self._current()
            slot = self.state.slots[group]
            if slot.finished:
                raise GelarError("action.slot_finished")
            if slot.started:
                out.append((Kind.SLOT_RESTARTED, {"group": group}))
            out.append((Kind.GROUP_SKIPPED, {"group": group}))
            following = self._following(group, skipping=group)
            out.append((Kind.CURRENT_CHANGED, {"group": following}))
        return following

    def move(self, group: str, position: int) -> None:
        """Move a group that has not presented yet to *position* (0-based) in the running order.

        While the current group has not started, the first group still waiting in the
        new order becomes the current one (the moderator reorders before calling anyone).
        """
        with self._action() as out:
            self._known_group(group)
            if self.state.slots[group].started:
                raise GelarError("action.already_presented", group=self.event.group(group).name)
            order = [g for g in self.state.order if g != group]
            position = max(0, min(position, len(order)))
            order.insert(position, group)
            if order == self.state.order:
                return
            out.append((Kind.ORDER_CHANGED, {"order": order}))
            # Nobody on stage yet: the group called is the first still waiting in the new order.
            current = self.state.current
            if current is not None and not self.state.slots[current].started:
                waiting = [g for g in order if self.state.status(g) == GroupStatus.WAITING]
                if waiting and waiting[0] != current:
                    out.append((Kind.CURRENT_CHANGED, {"group": waiting[0]}))

    def _finish_current(self, out: list) -> None:
        current = self.state.current
        if current is None:
            return
        slot = self.state.slots[current]
        if slot.started and not slot.finished:
            data: dict[str, Any] = {"group": current}
            view = self.slot(current)
            if view.phase == Phase.DONE:  # the clock stopped at zero by itself
                data["at"] = slot.running_since + (slot.length - slot.run_before) if slot.running_since else self.now()
            out.append((Kind.SLOT_FINISHED, data))

    def _following(self, current: str | None, skipping: str | None = None) -> str | None:
        """The next waiting group after *current* (wrapping round), else a skipped one, else None."""
        order = self.state.order
        start = order.index(current) + 1 if current in order else 0
        rotated = order[start:] + order[:start]
        for wanted in (GroupStatus.WAITING, GroupStatus.SKIPPED):
            for group in rotated:
                if group in (current, skipping):
                    continue
                if self.state.status(group) == wanted:
                    return group
        return None

    def _known_group(self, group: str) -> None:
        if group not in self.state.slots:
            raise GelarError("action.unknown_group", group=group, known=", ".join(self.state.order))

    # -- results -------------------------------------------------------------

    def reveal_results(self, revealed: bool = True) -> None:
        with self._action() as out:
            if self.state.revealed != revealed:
                out.append((Kind.RESULTS_REVEALED, {"revealed": revealed}))

    def show_awards(self, shown: int) -> None:
        """Record how many places of the winner announcement the hall has seen."""
        with self._action() as out:
            if self.state.awards_shown != shown:
                out.append((Kind.AWARD_REVEALED, {"shown": int(shown)}))

"""The day: an event, its journal and the state replayed from it, and every verb of the day.

This file is the table of contents of the domain. Each verb is a few lines: a *decision*
(a plain function in the module of its domain, see :mod:`gelar_tui.day.decide`) handed to
the one write path, :meth:`Pipeline.write <gelar_tui.day.pipeline.Pipeline.write>`, which takes
the journal's write lock, catches up with records other processes wrote, decides, checks
what this origin may write, and appends the records before anything else sees the change
(or holds them in memory while the journal fails). The console, the command line and the
tests all act through this class.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..errors import GelarError, Problem
from ..event.model import Break, Event
from ..journal.clock import Clock, SystemClock
from ..journal.store import Journal, JournalWriteError, Record
from . import alerts, days, eventrecord, hall, recusal, rundown, scorebook, slots, stages, stations, withdrawal
from .alerts import Alert
from .decide import Decided, Records
from .pipeline import Held, Pipeline
from .rundown import BreakView
from .schedule import Schedule, build_schedule
from .scorebook import Score, ScoreRow, parse_score  # noqa: F401 (ScoreRow and parse_score are re-exported)
from .state import DayState, Kind
from .timing import Phase, SlotView, view_slot
from .unsaved import SPILL_SUFFIX, Unsaved


class Day:
    """An event day bound to its journal: its state, its clock, and every verb of the day.

    What each verb decides lives with its domain: the slot clock in :mod:`~gelar_tui.day.slots`,
    score sheets in :mod:`~gelar_tui.day.scorebook`, recusals in :mod:`~gelar_tui.day.recusal`,
    PINs and stations in :mod:`~gelar_tui.day.stations`, what the hall sees in :mod:`~gelar_tui.day.hall`,
    segments and breaks in :mod:`~gelar_tui.day.rundown`, withdrawals in :mod:`~gelar_tui.day.withdrawal`,
    alerts in :mod:`~gelar_tui.day.alerts`, the event recorded in :mod:`~gelar_tui.day.eventrecord`.
    How it gets written is :class:`~gelar_tui.day.pipeline.Pipeline`'s alone. The ranking is not
    the day's: :mod:`gelar_tui.scoring` computes it, and each view keeps its own live ranking.
    """

    station_client: str = ""
    """The address this station is used from (a browser's, under `gelar serve`; "" in a terminal).
    Wrong PINs make that address wait, not the juror's other devices."""
    spill_refused: GelarError | None = None
    """Why the spill file beside the journal was not taken back (see take_back_spill)."""
    event_path: Path | None = None
    """The event file the event was loaded from, when known (the console watches it)."""
    event_replaced: list[str] | None = None
    """After record_event: the tables where this day's event differs from the version it replaced."""

    def __init__(self, event: Event, journal: Journal, clock: Clock | None = None, origin: str = "console") -> None:
        self.pipeline = Pipeline(event, journal, clock or SystemClock(), origin)
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

    # -- what the pipeline holds (read and set through the day) ------------------

    event: Held[Event] = Held()
    journal: Held[Journal] = Held()
    clock: Held[Clock] = Held()
    origin: Held[str] = Held()
    """Whom the day writes for: "console", a command, or a juror's station ("jury:<id>")."""
    state: Held[DayState] = Held()
    """The day's state: the journal replayed, with what this process holds unwritten."""
    unsaved: Held[list[Unsaved]] = Held()
    """Records decided but not yet written (the journal failed), in order."""
    fault: Held[JournalWriteError | None] = Held()
    """Why the journal last failed to take a write."""
    records_event: Held[bool] = Held()
    """Whether this day is a writer that records its event (the console, commands that write)."""

    # -- reading -------------------------------------------------------------

    def refresh(self) -> list[Record]:
        """Apply records that other processes appended; return them (held records are written first)."""
        return self.pipeline.refresh()

    def now(self) -> float:
        """The present moment on the day's timeline (see :mod:`gelar_tui.day.state`): what durations are computed from."""
        return self.pipeline.now()

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
        return slots.following(self.state, self.state.current)

    # -- the slot clock (slots.py) --------------------------------------------

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
        self.pipeline.write(lambda state, now: slots.start(self.event, state, now))

    def pause(self) -> None:
        self.pipeline.write(lambda state, now: slots.pause(self.event, state, now))

    def resume(self) -> None:
        """Resume a paused slot, or reopen a finished one (its clock goes on from where it stopped)."""
        self.pipeline.write(lambda state, now: slots.resume(self.event, state, now))

    def extend(self, seconds: int) -> None:
        """Add (or, negative, take off) time from the current slot."""
        self.pipeline.write(lambda state, now: slots.extend(self.event, state, now, seconds))

    def restart(self) -> None:
        self.pipeline.write(lambda state, now: slots.restart(state))

    def next_group(self) -> str | None:
        """Finish the current slot if it is under way and call the next group."""
        return self.pipeline.write(lambda state, now: slots.next_group(self.event, state, now))

    def previous_group(self) -> str:
        return self.pipeline.write(lambda state, now: slots.previous_group(self.event, state, now))

    def call(self, group: str) -> None:
        """Make *group* the current one (a late group that arrived, a skipped one coming back)."""
        self.pipeline.write(lambda state, now: slots.call(self.event, state, now, group))

    def skip(self) -> str | None:
        """Set the current group aside (it can be called back later) and call the next one."""
        return self.pipeline.write(lambda state, now: slots.skip(state))

    def move(self, group: str, position: int) -> None:
        """Move a group that has not presented yet to *position* (0-based); before anyone starts, the first waiting is called."""
        self.pipeline.write(lambda state, now: slots.move(self.event, state, group, position))

    # -- what the hall sees (hall.py, alerts.py) -------------------------------

    def reveal_results(self, revealed: bool = True) -> None:
        self.pipeline.write(lambda state, now: hall.reveal_results(state, revealed))

    def show_awards(self, shown: int) -> None:
        """How many places of the winner announcement the hall has seen."""
        self.pipeline.write(lambda state, now: hall.show_awards(state, shown))

    def show_on_display(self, view: str) -> None:
        """Make the audience display show *view* (one of DISPLAY_VIEWS)."""
        self.pipeline.write(lambda state, now: hall.show_on_display(state, view))

    def reset_announcement(self) -> None:
        """Hide every place of the hall's announcement again (journaled, even when none was shown)."""
        self.pipeline.write(lambda state, now: hall.reset_announcement())

    def show_category(self, category: str) -> None:
        """Make every scoreboard show *category* (a category's id, or hall.OVERALL): the hall follows."""
        self.pipeline.write(lambda state, now: hall.show_category(self.event, state, category))

    def display_view(self) -> str:
        """What the display shows now: the moderator's choice, else the clock (the title once no group is current);
        a day read from the hub shows what ``gelar show --hub`` chose for the hub's displays, when chosen."""
        return hall.display_view(self.state, getattr(self.journal, "lobby_view", None))

    def record_takeover(self, by: str, previous: str | None, last_seq: int, last_hash: str) -> None:
        """Note that this laptop took the journal over from *previous* (the hub's writer), after record *last_seq*."""
        self.pipeline.write(
            lambda state, now: [(Kind.TAKEOVER, {"by": by, "from": previous, "last": last_seq, "last_hash": last_hash})]
        )

    def record_alert(self, alert: Alert, sound: str | None = None) -> bool:
        """Write *alert* unless this run of its slot has it (two processes that saw it write it once); True when written."""
        return self.pipeline.write(lambda state, now: _answer(alerts.record_alert(state, alert, sound)))

    # -- score sheets (scorebook.py) and recusals (recusal.py) ------------------

    def parse_score(self, text: str) -> Score:
        """Read a score as typed ("85", "85.5", "85,5"); raise GelarError if it is not allowed."""
        return parse_score(text, self.event)

    def set_score(self, group: str, juror: str, criterion: str, value: str | Score | None, stage: str | None = None) -> None:
        """Store one score (None clears it): text as typed, or a Score already read. Refused on a locked sheet.
        *stage*: a stage's id (None: the presentation stage)."""
        self.pipeline.write(lambda state, now: scorebook.set_score(self.event, state, group, juror, criterion, value, stage))

    def lock_sheet(self, group: str, juror: str, stage: str | None = None) -> None:
        self.pipeline.write(lambda state, now: scorebook.lock_sheet(self.event, state, group, juror, stage))

    def unlock_sheet(self, group: str, juror: str, reason: str, stage: str | None = None) -> None:
        self.pipeline.write(lambda state, now: scorebook.unlock_sheet(self.event, state, group, juror, reason, stage))

    def import_scores(self, rows: Iterable[ScoreRow], problems: Iterable[Problem] = ()) -> tuple[int, int]:
        """Store paper sheets, all or nothing (*problems* already found in their file included); complete sheets are
        locked. Returns (scores, sheets locked)."""
        rows = list(rows)
        return self.pipeline.write(lambda state, now: scorebook.import_scores(self.event, state, rows, problems))

    def is_recused(self, group: str, juror: str) -> bool:
        """Whether *juror* stands aside for *group* (by the event file or the journal)."""
        return (group, juror) in self.state.recused

    def scores_kept(self, group: str, juror: str) -> int:
        """How many scores *juror* gave *group*: they stay in the journal, out of the results, once recused."""
        return recusal.scores_kept(self.state, group, juror)

    def recuse(self, group: str, juror: str, reason: str) -> None:
        """Take *juror* off *group*'s jury, for *reason*; refused when the method could no longer apply."""
        self.pipeline.write(lambda state, now: recusal.recuse(self.event, state, group, juror, reason))

    def withdraw_recusal(self, group: str, juror: str, reason: str) -> None:
        """Bring *juror* back to *group*'s jury, for *reason*; a recusal of the event file stays."""
        self.pipeline.write(lambda state, now: recusal.withdraw_recusal(self.event, state, group, juror, reason))

    # -- withdrawn groups (withdrawal.py) ----------------------------------------

    def withdraw(self, group: str, reason: str) -> None:
        """Withdraw *group* for *reason*: refused once it has presented, or while its clock runs."""
        self.pipeline.write(lambda state, now: withdrawal.withdraw(self.event, state, group, reason))

    def withdraw_refusal(self, group: str) -> GelarError | None:
        """Why *group* cannot be withdrawn now (None when it can): asked before a reason is typed."""
        return withdrawal.withdraw_refusal(self.event, self.state, group)

    def reinstate(self, group: str, reason: str) -> None:
        """Undo a withdrawal, for *reason*: the group waits in the running order again."""
        self.pipeline.write(lambda state, now: withdrawal.reinstate(self.event, state, group, reason))

    # -- stages: panels and the cut (stages.py) ----------------------------------

    def set_panels(self, stage: str, panels: dict[str, tuple[str, ...]], source: str, seed: int | None = None) -> None:
        """Journal a review stage's panels (group -> jurors); refused once a score of the stage came in."""
        self.pipeline.write(lambda state, now: stages.set_panels(self.event, state, stage, panels, source, seed))

    def close_stage(self, stage: str, result_of: Any, chosen: Iterable[str] = (), reason: str = "", let_through: bool = False) -> list[str]:
        """Close *stage* and journal who goes on (see :func:`~gelar_tui.day.stages.close_stage`); the finalists.
        *result_of*: the stage's result on a state (the ranking is scoring's, not the day's)."""
        chosen = list(chosen)
        self.pipeline.write(lambda state, now: stages.close_stage(self.event, state, stage, result_of, chosen, reason, let_through))
        return list(self.state.closed[stage]["finalists"])

    # -- segments, breaks and the schedule (rundown.py) ---------------------------

    def segments_due(self) -> bool:
        """Whether a segment began by itself and is not in the journal yet (cheap: for every tick)."""
        return rundown.segments_due(self.state, self.slot())

    def sync_segments(self) -> bool:
        """Write down the segments that began by themselves; True when there were any."""
        before = self.state.seq
        self.pipeline.write(lambda state, now: [])  # the pipeline writes what is due
        return self.state.seq != before

    def next_segment(self) -> str:
        """Start the current slot's next segment now (with manual advance, or to end one early). Returns its name."""
        return self.pipeline.write(lambda state, now: rundown.next_segment(self.event, state, now))

    def undo_segment(self) -> str:
        """Take back the last segment change of the slot on stage (a stray `t`), journaled; returns the name of the
        segment that goes on, with the time it would show had the change never been made."""
        return self.pipeline.write(lambda state, now: rundown.undo_segment(self.event, state, now))

    def due_break(self) -> Break | None:
        """The break the moderator would start: the first not taken that comes before the current group."""
        return rundown.due_break(self.event, self.state)

    def break_after(self, group: str | None) -> Break | None:
        """The break right after *group* in the day's items, if still to be taken."""
        return rundown.break_after(self.event, self.state, group)

    def start_break(self) -> str:
        """Start the break that is due (the group before it has finished). Returns its name."""
        return self.pipeline.write(lambda state, now: rundown.start_break(self.event, state))

    def end_break(self) -> None:
        """End the break under way."""
        self.pipeline.write(lambda state, now: rundown.end_break(state))

    def break_view(self, now: float | None = None) -> BreakView | None:
        """The break under way at *now*, or None."""
        now = self.now() if now is None else now
        return rundown.break_view(self.event, self.state, now, self.wall_now() - now)

    def schedule(self, now: float | None = None) -> Schedule:
        """Planned and expected times of every item, the delay and the expected end (see :mod:`gelar_tui.day.schedule`)."""
        present = self.now()
        offset = self.wall_now() - present
        now = present if now is None else now
        return build_schedule(self.event, self.state, now, now + offset)

    # -- PINs and jury stations (stations.py) --------------------------------------

    @property
    def station_juror(self) -> str | None:
        """The juror whose station this day is, or None (the console, the command line)."""
        return stations.station_of(self.origin)

    @property
    def station_open(self) -> bool:
        """Whether this station was opened with its juror's PIN."""
        return self.pipeline.station_open

    def has_pin(self, juror: str) -> bool:
        return juror in self.state.pins

    def issue_pins(self, reset: str | None = None) -> dict[str, str]:
        """New PINs: for every juror when none has one yet, or for *reset* only; returned in clear (the only time)."""
        return self.pipeline.write(lambda state, now: stations.issue_pins(self.event, state, reset))

    def pin_wait(self, juror: str, now: float | None = None, client: str | None = None) -> int:
        """Whole seconds this station's address (or *client*) must still wait before it may try *juror*'s PIN (0: none)."""
        client = self.station_client if client is None else client
        return stations.pin_wait(self.state, juror, client, self.now() if now is None else now)

    def open_station(self, pin: str) -> None:
        """Open this juror's station with *pin*; a wrong PIN is journaled and refused (the fifth in a row from this
        address waits a minute). No PIN is checked while the journal fails: a try not journaled would be free."""
        juror, client = self.station_juror, self.station_client
        if juror is None:
            raise GelarError("station.not_a_station")
        wrong = self.pipeline.write(
            lambda state, now: stations.open_station(self.event, state, now, juror, client, pin),
            keep=False,
            refused="station.journal_busy",
        )
        if wrong:
            raise stations.wrong_pin(wrong)
        self.pipeline.station_open = True

    def clear_pin_wait(self, juror: str) -> None:
        """The moderator lets *juror*'s PIN be tried again at once, from every address (journaled)."""
        self.pipeline.write(lambda state, now: stations.clear_pin_wait(self.event, state, juror))

    def close_station(self) -> None:
        """The station is left (its app quits): the console stops counting it as open."""
        juror = self.station_juror
        if juror is None or not self.station_open:
            return
        self.pipeline.write(lambda state, now: stations.close_station(juror))
        self.pipeline.station_open = False

    def open_stations(self) -> dict[str, int]:
        """Juror id -> how many of their stations are open now (a killed station on this machine is not counted)."""
        return stations.open_stations(self.state)

    # -- the event recorded in the journal (eventrecord.py) -------------------------

    @property
    def event_record(self) -> dict[str, Any]:
        """The ``event_file`` record of the event this day runs on."""
        return self.pipeline.event_record

    @property
    def event_recorded(self) -> bool:
        """Whether the journal's last version of the event is the one this day runs on."""
        return self.state.event_digest == self.event_record["digest"]

    def record_event(self) -> bool:
        """Write the event this day runs on, unless the journal's last version is it; True when written (or held)."""
        if self.event_recorded:
            return False
        drift = eventrecord.event_drift(self)
        self.pipeline.write(lambda state, now: eventrecord.record_event(state, self.event_record))
        if drift is not None:
            self.event_replaced = drift[1]
        return True

    # -- the day being run of several (days.py; issue 21) ----------------------------

    def running_order(self) -> list[str]:
        """The running order of the day being run (every group when no day is opened)."""
        return days.running_order(self.state)

    def open_day(self, number: int) -> list[int]:
        """Run day *number* (journaled, so every view follows); answers the earlier days this closed."""
        return self.pipeline.write(lambda state, now: days.open_day(self.event, state, number))

    def move_to_day(self, group: str, number: int) -> None:
        """Move *group* to day *number*, last of its running order (its bus broke down)."""
        self.pipeline.write(lambda state, now: days.move_to_day(self.event, state, group, number))

    def close_day(self, number: int) -> bool:
        """Close day *number*: its scores are locked unless the event keeps them open; False when closed already."""
        return self.pipeline.write(lambda state, now: days.close_day(self.event, state, number))

    # -- while the journal cannot be written (pipeline.py, spill.py) -----------------

    def flush_unsaved(self) -> bool:
        """Write the records waiting in memory, in order; True when none wait any more."""
        return self.pipeline.flush()

    def spill(self) -> Path:
        """Write the records waiting in memory to a spill file (they stay held too); return where it went."""
        return self.pipeline.spill()

    def take_back_spill(self, path: Path | None = None) -> int:
        """Write a spill file's records the journal does not have, each checked (see :mod:`gelar_tui.day.spill`); how many.

        Without *path*, the file beside the journal, renamed ``….taken`` once taken back; when refused, it
        stays and ``spill_refused`` says why (a console starting must not fail on a file).
        """
        beside = path is None
        path = path or self.journal.path.with_name(self.journal.path.name + SPILL_SUFFIX)
        if beside and not path.exists():
            return 0
        try:
            count = self.pipeline.take_back(path)
        except GelarError as exc:
            if not beside:
                raise
            self.spill_refused = exc
            return 0
        if beside:
            path.rename(path.with_name(path.name + ".taken"))
        return count


def _answer(records: Records) -> Decided[bool]:
    """A decision whose verb answers whether it wrote anything."""
    return Decided(records, bool(records))

"""The state of the day, rebuilt by replaying the journal's records in order.

Replay only applies what the records say: every decision (which group is next,
whether a score is in range) was taken and checked when the record was written.
Records naming groups, jurors or criteria the event no longer has are counted
in ``ignored`` and otherwise passed over, so editing the event file never
makes a journal unreadable. A record whose details do not fit its kind at all (a
score that is no number, a field missing, a list where a number belongs) is counted
in ``ignored`` and ``unfit`` too: nothing a file holds makes replaying it raise.

Durations never subtract wall-clock times. Each moment is placed on the day's
*timeline*: the first record of each boot anchors that boot (its wall time, its boot
time), and every later moment of the same boot is the anchor's wall time plus the
boot clock's progress since. So a wall clock stepped forward or back moves nothing,
and two processes replaying one journal place every moment alike. Across a reboot
the wall clock is the only bridge: a boot not yet in the journal is placed by its
wall time until its first record anchors it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from ..event.days import event_days
from ..event.model import Event
from ..event.stages import criteria_of, stages_of
from ..journal.clock import Stamp
from ..journal.store import Record
from . import fold
from .kinds import ALERT_DETAILS, SHEET_RECORD_KINDS, STATION_RECORD_KINDS, Kind, alert_key
from .slot import BreakRun, GroupStatus, Sheet, Slot, hundredths

__all__ = [
    "ALERT_DETAILS",
    "SHEET_RECORD_KINDS",
    "STATION_RECORD_KINDS",
    "BreakRun",
    "DayState",
    "GroupStatus",
    "Kind",
    "Sheet",
    "Slot",
    "alert_key",
    "hundredths",
]
"""The state's own and, for the modules that import them from here, the kinds (:mod:`.kinds`) and the slot (:mod:`.slot`)."""


@dataclass
class DayState:
    """Everything the journal says, as of its record number ``seq``."""

    order: list[str]
    current: str | None
    slots: dict[str, Slot]
    sheets: dict[tuple[str, str], Sheet] = field(default_factory=dict)
    locked: set[tuple[str, str]] = field(default_factory=set)
    revealed: bool = False
    awards_shown: int = 0
    pins: dict[str, dict] = field(default_factory=dict)
    """Juror id -> the salted hash of their PIN (see pins.hash_pin)."""
    wrong_pins: dict[tuple[str, str], int] = field(default_factory=dict)
    """(juror id, client address) -> wrong PINs typed in a row for that juror from that address."""
    pin_wait_until: dict[tuple[str, str], float] = field(default_factory=dict)
    """(juror id, client address) -> the time until which that address may not try the juror's PIN."""
    stations: dict[str, set[tuple[str, int]]] = field(default_factory=dict)
    """Juror id -> the stations (host, process id) opened with their PIN and not closed."""
    display: str | None = None
    """What the moderator chose for the audience display (None: not chosen yet)."""
    board_category: str | None = None
    """The category the scoreboards show (see day.hall.board_category; None: not chosen yet)."""
    seq: int = 0
    ignored: int = 0
    unfit: int = 0
    """Records passed over because their details do not fit their kind (counted in ``ignored`` too)."""
    unfit_records: list[int] = field(default_factory=list, compare=False)
    """The numbers of those records, when they were applied one by one (apply_all: `gelar verify` names them)."""
    event_digest: str | None = None
    """The digest of the last ``event_file`` record: the version of the event the journal holds (see eventrecord)."""
    anchors: dict[str, tuple[float, float]] = field(default_factory=dict)
    """Each boot in the journal: (wall time, boot time) of its first timed record."""
    recused: dict[tuple[str, str], str] = field(default_factory=dict)
    """(group, juror) -> reason: every recusal in force, the event file's and the journal's."""
    recused_in_file: frozenset[tuple[str, str]] = frozenset()
    """The recusals the event file declares: the journal cannot withdraw them."""
    breaks: dict[str, BreakRun] = field(default_factory=dict)
    """The event's breaks by name."""
    on_break: str | None = None
    """The break under way, if any."""
    clock_used: bool = False
    """A slot has started at some point of the day (a restart does not undo it): see :mod:`gelar_tui.scoring.finality`."""
    changes: int = field(default=0, compare=False)
    """Records applied one by one since this state was built (``apply_all``; not counted by ``from_rows``)."""
    touched: dict[str, int] = field(default_factory=dict, compare=False)
    """Group id -> the value of ``changes`` when a record naming the group was last applied:
    what a live view compares to know which groups changed (see :mod:`gelar_tui.scoring.live_ranking`)."""
    # -- stages (issue 22) --
    stage_sheets: dict[str, dict[tuple[str, str], Sheet]] = field(default_factory=dict)
    """Stage id -> (group, juror) -> sheet, for every stage but the presentation stage (whose sheets are ``sheets``)."""
    stage_locked: dict[str, set[tuple[str, str]]] = field(default_factory=dict)
    """Stage id -> the locked (group, juror) sheets of that stage (the presentation stage's are ``locked``)."""
    panels: dict[str, dict[str, tuple[str, ...]]] = field(default_factory=dict)
    """Stage id -> group -> its panel's jurors: the last ``panels_set`` record of each review stage."""
    closed: dict[str, dict] = field(default_factory=dict)
    """Stage id -> its ``stage_closed`` record: the finalists in ranking order, and the decision on a tie, if any."""
    stage_criteria: dict[str, frozenset[str]] = field(default_factory=dict, compare=False)
    """Stage id -> its criterion ids, for every stage whose scores carry ``stage`` (from the event)."""
    presentation_stage: str | None = field(default=None, compare=False)
    """The id of the event's presentation stage: its scores carry no ``stage`` (they are ``sheets``)."""
    cut_before_stage: str | None = field(default=None, compare=False)
    """The stage whose cut makes the presentation stage's entries (the nearest before it with ``advance``), if any."""
    # -- issue 21: the day being run of several (see :mod:`gelar_tui.day.days`) --
    group_day: dict[str, int] = field(default_factory=dict)
    """Group id -> the number of the day it presents on (from 1): the plan, then ``group_moved``."""
    days: int = 1
    """How many days the event has."""
    day: int | None = None
    """The day being run (the last ``day_opened``); None: none opened, every group runs in one order."""
    closed_days: set[int] = field(default_factory=set)
    """The days closed (``day_closed``)."""
    names: dict[str, str] = field(default_factory=dict, compare=False)
    """Each id of the event (group, juror, criterion) to the event's own string object. Replay keys the sheets and
    locks by these very objects (a record's ids are other, equal strings), so a ranking's 36,000 lookups match
    by identity, without comparing characters."""

    def timeline(self, stamp: Stamp) -> float:
        """Where *stamp* falls on the day's timeline (seconds, close to the epoch's)."""
        wall, boot, boot_id = stamp
        if boot is None:
            return wall
        anchor = self.anchors.get(boot_id)
        if anchor is None:
            return wall
        return anchor[0] + (boot - anchor[1])

    def _place(self, stamp: Stamp) -> float:
        """The timeline of a record's moment; the first record of a boot anchors it."""
        wall, boot, boot_id = stamp
        if boot is not None and boot_id not in self.anchors:
            self.anchors[boot_id] = (wall, boot)
            return wall
        return self.timeline(stamp)

    @classmethod
    def initial(cls, event: Event) -> DayState:
        order = list(event.group_ids)  # a copy: the state's order changes, the event's does not
        slots = {group: Slot(planned=event.slot_of(group)) for group in order}
        recused = {(r.group, r.juror): r.reason for r in event.recusals}
        breaks = {item.name: BreakRun() for item in event.breaks}
        staged = {s.id: frozenset(c.id for c in criteria_of(event, s)) for s in stages_of(event) if s.kind != "presentation"}
        planned = event_days(event)
        group_day = {group: day.number for day in planned for group in day.groups}
        if event.days:  # the days' running orders, one after the other
            order = [group for day in planned for group in day.groups] + [g for g in order if g not in group_day]
        return cls(
            order=order,
            current=order[0] if order else None,
            slots=slots,
            recused=recused,
            recused_in_file=frozenset(recused),
            breaks=breaks,
            stage_criteria=staged,
            presentation_stage=next((s.id for s in stages_of(event) if s.kind == "presentation"), None),
            cut_before_stage=_cut_before_presentation(event),
            group_day=group_day,
            days=len(planned),
            names={name: name for name in (*order, *event.juror_ids, *event.criterion_ids, *(c for ids in staged.values() for c in ids))},
        )

    @classmethod
    def replay(cls, event: Event, records: Iterable[Record]) -> DayState:
        state = cls.initial(event)
        state.apply_all(event, records)
        return state

    @classmethod
    def from_rows(cls, event: Event, rows: Iterable[tuple[str, dict, Stamp | None]], last_seq: int) -> DayState:
        """The state from Journal.replay_rows (kind, data, stamp): the same rules as apply_all."""
        state = cls.initial(event)
        state.fold_rows(event, rows, last_seq)
        return state

    def fold_rows(self, event: Event, rows: Iterable[tuple[str, dict, Stamp | None]], last_seq: int) -> None:
        """Apply the rows of Journal.replay_rows (the records after ``seq``), as from_rows does from the start:
        what a checkpoint's state takes on to reach the journal's last record (see :mod:`gelar_tui.day.checkpoint`)."""
        fold.fold_rows(self, event, rows, last_seq)

    def apply_all(self, event: Event, records: Iterable[Record]) -> None:
        """Apply *records* one by one (each counted in ``changes``, its group in ``touched``): see :mod:`gelar_tui.day.fold`."""
        fold.apply_all(self, event, records)

    # -- questions ---------------------------------------------------------

    def status(self, group: str) -> GroupStatus:
        return self.slots[group].status

    def stage_order(self) -> list[str]:
        """The presentation stage's running order over every day: the order, less the groups that did not go on
        to the presentation stage once the stage before it has closed (see :mod:`gelar_tui.day.stages`). What the
        ranking covers; the slot clock calls the day's part of it (:func:`gelar_tui.day.days.running_order`)."""
        closed = self.closed.get(self.cut_before_stage) if self.cut_before_stage is not None else None
        if closed is None:
            return self.order
        going = set(closed["finalists"])
        return [group for group in self.order if group in going]

    def withdrawn(self) -> dict[str, str]:
        """Group id -> the reason it was withdrawn, in running order."""
        return {g: self.slots[g].withdrawn for g in self.order if self.slots[g].withdrawn is not None}  # type: ignore[misc]

    def scores_in(self) -> int:
        return sum(len(sheet) for sheet in self.sheets.values())


def _cut_before_presentation(event: Event) -> str | None:
    stages = stages_of(event)
    index = next((i for i, s in enumerate(stages) if s.kind == "presentation"), 0)
    return next((s.id for s in reversed(stages[:index]) if s.advance is not None), None)

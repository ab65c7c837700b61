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
from enum import StrEnum

import re
from decimal import Decimal
from itertools import repeat
from operator import contains, itemgetter
from functools import lru_cache

from ..journal.clock import Stamp
from ..event.days import event_days
from ..event.model import Event
from ..event.stages import criteria_of, stages_of
from ..journal.replay_rows import ReplayRows
from ..journal.store import Record


class Kind(StrEnum):
    """The kinds of journal records."""

    SLOT_STARTED = "slot_started"
    SLOT_PAUSED = "slot_paused"
    SLOT_RESUMED = "slot_resumed"
    SLOT_EXTENDED = "slot_extended"
    SLOT_FINISHED = "slot_finished"
    SLOT_RESTARTED = "slot_restarted"
    GROUP_SKIPPED = "group_skipped"
    CURRENT_CHANGED = "current_changed"
    ORDER_CHANGED = "order_changed"
    SCORE_SET = "score_set"
    SHEET_LOCKED = "sheet_locked"
    SHEET_UNLOCKED = "sheet_unlocked"
    RESULTS_REVEALED = "results_revealed"
    AWARD_REVEALED = "award_revealed"
    CLOCK_BRIDGED = "clock_bridged"
    JOURNAL_FAULT = "journal_fault"
    TAKEOVER = "takeover"
    """Another laptop took the journal over from the hub (who, and the last record it had): changes nothing on stage."""
    RECUSAL_DECLARED = "recusal_declared"
    RECUSAL_WITHDRAWN = "recusal_withdrawn"
    ALERT = "alert"
    PIN_SET = "pin_set"
    PIN_FAILED = "pin_failed"
    PIN_WAIT_CLEARED = "pin_wait_cleared"
    STATION_OPENED = "station_opened"
    STATION_CLOSED = "station_closed"
    DISPLAY_SHOWN = "display_shown"
    SEGMENT_STARTED = "segment_started"
    SEGMENT_UNDONE = "segment_undone"
    BREAK_STARTED = "break_started"
    BREAK_FINISHED = "break_finished"
    GROUP_WITHDRAWN = "group_withdrawn"
    GROUP_REINSTATED = "group_reinstated"
    EVENT_FILE = "event_file"
    BOARD_CATEGORY = "board_category"
    """The category the scoreboard shows, on the console and in the hall (``"*"``: the overall ranking)."""
    # -- stages (issue 22): a review stage's panels and the cut that closes a stage --
    PANELS_SET = "panels_set"
    """A review stage's panels: {stage, panels: {group: [jurors]}, seed?, source}."""
    STAGE_CLOSED = "stage_closed"
    """A stage closed: {stage, finalists: [groups in ranking order], decision?: {tied, chosen, reason}}."""
    # -- issue 21: the day being run of several (see :mod:`gelar_tui.day.days`) --
    DAY_OPENED = "day_opened"
    """The console opened on day ``day``: every view runs that day's running order."""
    GROUP_MOVED = "group_moved"
    """A group presents on day ``day`` instead (its bus broke down): last of that day's order."""
    DAY_CLOSED = "day_closed"
    """Day ``day`` is over: its groups' scores are locked unless ``[scoring] scores_open_across_days``."""


class GroupStatus(StrEnum):
    """Where a group stands in the running order."""

    WAITING = "waiting"
    PRESENTING = "presenting"
    DONE = "done"
    SKIPPED = "skipped"
    WITHDRAWN = "withdrawn"


@dataclass
class Slot:
    """One group's slot: its planned length, extensions and the time it has run."""

    planned: int
    extension: int = 0
    started_at: float | None = None
    running_since: float | None = None
    run_before: float = 0.0
    finished_at: float | None = None
    skipped: bool = False
    alerted: set[tuple] = field(default_factory=set)
    """The alerts recorded in this run of the slot (see alert_key)."""
    marks: dict[int, float] = field(default_factory=dict)
    """Segments started by a record: segment index -> the slot's time run when it began."""
    segment_extension: dict[int, int] = field(default_factory=dict)
    """Seconds added to (or taken off) each segment."""
    withdrawn: str | None = None
    """Why the group was withdrawn (it will not present and is left out of the ranking); None: it was not."""

    @property
    def started(self) -> bool:
        return self.started_at is not None

    @property
    def finished(self) -> bool:
        return self.finished_at is not None

    @property
    def running(self) -> bool:
        return self.running_since is not None

    @property
    def length(self) -> int:
        """Planned seconds plus extensions."""
        return self.planned + self.extension

    def time_run(self, now: float) -> float:
        """Seconds the slot has run, pauses excluded."""
        return self.run_before + (now - self.running_since if self.running_since is not None else 0.0)

    @property
    def status(self) -> GroupStatus:
        if self.withdrawn is not None:
            return GroupStatus.WITHDRAWN
        if self.finished:
            return GroupStatus.DONE
        if self.started:
            return GroupStatus.PRESENTING
        return GroupStatus.SKIPPED if self.skipped else GroupStatus.WAITING

    def _stop(self, at: float) -> None:
        if self.running_since is not None:
            self.run_before += max(0.0, at - self.running_since)
            self.running_since = None


Sheet = dict[str, int]
"""One juror's scores for one group: criterion id -> score in hundredths (85.5 -> 8550)."""


@lru_cache(maxsize=65536)
def hundredths(value: str) -> int:
    """A score as written in the journal ("85.5") in whole hundredths (8550). Cached: replay sees few distinct values."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = repr(value)
    if not isinstance(value, str) or len(value) > 24 or not _PLAIN_NUMBER.fullmatch(value):
        raise ValueError(f"not a score: {value!r}")  # "abc", "NaN", "1e999999": the record does not fit
    return int(Decimal(value).scaleb(2))


_PLAIN_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)")


@dataclass
class BreakRun:
    """A break of the running order: when it started and ended on the timeline."""

    started_at: float | None = None
    finished_at: float | None = None


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
        jurors, criteria, apply, place = set(event.juror_ids), set(event.criterion_ids), self._apply, self._place
        ignored = 0
        if isinstance(rows, ReplayRows):
            ignored = self._apply_scores(rows.scores, jurors, criteria)
            rows = rows.others
        for kind, data, stamp in rows:
            try:  # free when nothing is raised: no extra call on the fast path
                if not apply(kind, data, place(stamp) if stamp else 0.0, jurors, criteria):
                    ignored += 1
            except _UNFIT:
                self.unfit += 1
                ignored += 1
        self.ignored += ignored
        self.seq = last_seq

    def _apply_scores(self, datas: list, jurors: set[str], criteria: set[str]) -> int:
        """Apply the details of score records, oldest first; the number passed over. They touch nothing
        but the sheets, and nothing but the sheets decides whether they apply: they replay apart.

        The usual day (every record names a group, juror and criterion of the event and a value that is
        a number or none) takes a path in C: the last record of each cell wins. Else one by one.
        """
        try:
            if any(map(contains, datas, repeat("stage"))):  # scores of a review stage: those alone one by one
                presentation = self.presentation_stage
                staged = [data for data in datas if "stage" in data and data["stage"] != presentation]
                if staged:  # (a record may name the presentation stage: its scores are the plain sheets)
                    ignored = self._apply_one_by_one(staged, jurors, criteria)
                    plain = [data for data in datas if "stage" not in data or data["stage"] == presentation]
                    return ignored + self._apply_scores(plain, jurors, criteria)
            last = dict(zip(map(_CELL, datas), map(_VALUE, datas)))
            worth = {value: None if value is None else hundredths(value) for value in set(map(_VALUE, datas))}
        except _UNFIT:  # not a dict, a field missing, a value that is no number (or no key can be)
            return self._apply_one_by_one(datas, jurors, criteria)
        sheets, slots = self.sheets, self.slots
        if sheets and not all(g in slots and j in jurors and c in criteria for g, j, c in last):
            return self._apply_one_by_one(datas, jurors, criteria)  # sheets held already (a checkpoint's) are never wiped
        for (group, juror, criterion), value in last.items():
            key = (group, juror)
            sheet = sheets.get(key)
            if sheet is None:
                if group not in slots or juror not in jurors:
                    break
                sheet = sheets[key] = {}
            if criterion not in criteria:
                break
            if (number := worth[value]) is not None:
                sheet[criterion] = number
            else:  # cleared last: a score from before these records (a checkpoint's) goes
                sheet.pop(criterion, None)
        else:
            return 0
        self.sheets = {}  # a record names what the event does not have: each counts alone
        return self._apply_one_by_one(datas, jurors, criteria)

    def _apply_one_by_one(self, datas: Iterable[dict], jurors: set[str], criteria: set[str]) -> int:
        ignored = 0
        for data in datas:
            try:
                if not self._apply(_SCORE_SET, data, 0.0, jurors, criteria):
                    ignored += 1
            except _UNFIT:
                self.unfit += 1
                ignored += 1
        return ignored

    def apply_all(self, event: Event, records: Iterable[Record]) -> None:
        jurors, criteria = set(event.juror_ids), set(event.criterion_ids)
        for record in records:
            # score records carry no time that matters (the fast path reads none): they anchor nothing
            try:
                at = 0.0 if record.kind == _SCORE_SET else self._place(record.stamp)
                applied = self._apply(record.kind, record.data, at, jurors, criteria)
            except _UNFIT:
                self.unfit += 1
                self.unfit_records.append(record.seq)
                applied = False
            if applied:
                self.changes += 1
                group = record.data.get("group")
                if group is not None:
                    self.touched[group] = self.changes
            else:
                self.ignored += 1
            self.seq = record.seq

    def _apply(self, kind: str, data: dict, ts: float, jurors: set[str], criteria: set[str]) -> bool:
        """Apply one record; False when it names a group, juror or criterion the event does not have."""
        group = data.get("group")
        if group is not None and group not in self.slots:
            return False
        if kind == _SCORE_SET:  # by far the most common record: the shortest path
            criterion, juror = data["criterion"], data["juror"]
            sheets = self.sheets
            if "stage" in data and (stage := data["stage"]) != self.presentation_stage:
                known = self.stage_criteria.get(stage)  # None: a stage the event does not have
                if known is None or juror not in jurors or criterion not in known or group is None:
                    return False
                sheets = self.stage_sheets.setdefault(stage, {})
            elif juror not in jurors or criterion not in criteria:
                return False
            key = (group, juror)
            sheet = sheets.get(key)
            if sheet is None:
                sheet = sheets[key] = {}
            value = data["value"]
            if value is None:
                sheet.pop(criterion, None)
            else:
                sheet[criterion] = hundredths(value)
            return True
        if kind in _SLOT_KINDS:
            slot = self.slots[group]
            if kind == Kind.SLOT_STARTED:
                self.clock_used = True
                slot.started_at = ts
                slot.running_since = ts
                slot.finished_at = None
                slot.skipped = False
                slot.alerted = set()
            elif kind == Kind.SLOT_PAUSED:
                slot._stop(ts)
            elif kind == Kind.SLOT_RESUMED:
                slot.finished_at = None
                slot.running_since = ts
            elif kind == Kind.SLOT_EXTENDED:
                seconds, segment = int(data["seconds"]), int(data.get("segment", 0))
                slot.extension += seconds
                slot.segment_extension[segment] = slot.segment_extension.get(segment, 0) + seconds
            elif kind == Kind.SLOT_FINISHED:
                at = data.get("at", ts)
                slot._stop(at)
                slot.finished_at = at
            elif kind == Kind.SLOT_RESTARTED:
                self.slots[group] = Slot(planned=slot.planned, skipped=slot.skipped, withdrawn=slot.withdrawn)
            elif kind == Kind.GROUP_SKIPPED:
                slot.skipped = True
            elif kind == Kind.SEGMENT_STARTED:
                # "run": where an automatic change fell in the slot's time; else the record's moment
                slot.marks[int(data["segment"])] = float(data["run"]) if "run" in data else slot.time_run(ts)
            elif kind == Kind.SEGMENT_UNDONE:
                # The segment never began: the one before it goes on, its time counted as if it had not stopped.
                undone = int(data["segment"])
                slot.marks = {index: run for index, run in slot.marks.items() if index < undone}
            return True
        if kind in _BREAK_KINDS:
            run = self.breaks.get(data.get("break"))
            if run is None:
                return False
            if kind == Kind.BREAK_STARTED:
                run.started_at, run.finished_at = ts, None
                self.on_break = data["break"]
            else:
                run.finished_at = data.get("at", ts)
                if self.on_break == data["break"]:
                    self.on_break = None
            return True
        if kind == Kind.CURRENT_CHANGED:
            self.current = group
            return True
        if kind in _WITHDRAWAL_KINDS:
            if group is None:
                return False
            withdrawn = kind == Kind.GROUP_WITHDRAWN
            self.slots[group].withdrawn = str(data.get("reason", "")) if withdrawn else None
            return True
        if kind == Kind.ORDER_CHANGED:
            order = [g for g in data["order"] if g in self.slots]
            missing = [g for g in self.order if g not in order]
            self.order = order + missing
            return True
        if kind in _SHEET_KINDS:
            juror = data.get("juror")
            if juror not in jurors:
                return False
            locked = self.locked
            if "stage" in data and data["stage"] in self.stage_criteria:
                locked = self.stage_locked.setdefault(data["stage"], set())
            if kind == Kind.SHEET_LOCKED:
                locked.add((group, juror))
            else:
                locked.discard((group, juror))
            return True
        if kind == Kind.RESULTS_REVEALED:
            self.revealed = bool(data.get("revealed", True))
            return True
        if kind == Kind.ALERT:
            self.slots[group].alerted.add(alert_key(data))
            return True
        if kind == Kind.AWARD_REVEALED:
            self.awards_shown = int(data["shown"])
            return True
        if kind in (Kind.CLOCK_BRIDGED, Kind.JOURNAL_FAULT, Kind.TAKEOVER):
            return True
        if kind in _RECUSAL_KINDS:
            key = (group, data.get("juror"))
            if group is None or key[1] not in jurors:
                return False
            if kind == Kind.RECUSAL_DECLARED:
                self.recused[key] = str(data.get("reason", ""))
            elif key not in self.recused_in_file:
                self.recused.pop(key, None)
            return True
        if kind in _STATION_KINDS:
            juror = data.get("juror")
            if juror not in jurors:
                return False
            self._apply_station(kind, juror, data, ts)
            return True
        if kind == Kind.DISPLAY_SHOWN:
            self.display = str(data["view"])
            return True
        if kind == Kind.BOARD_CATEGORY:
            self.board_category = str(data["category"])
            return True
        if kind == _EVENT_FILE:
            self.event_digest = str(data["digest"])
            return True
        if kind in _STAGE_KINDS:
            return self._apply_stage(kind, data, jurors)
        if kind in _DAY_KINDS:
            return self._apply_day(kind, group, int(data["day"]))
        return False

    def _apply_stage(self, kind: str, data: dict, jurors: set[str]) -> bool:
        """A review stage's panels, or a stage closed (see day/stages.py): groups the event no longer has are left out."""
        stage = str(data["stage"])
        if kind == Kind.PANELS_SET:
            if stage not in self.stage_criteria:
                return False
            self.panels[stage] = {
                str(g): tuple(str(j) for j in panel if j in jurors) for g, panel in dict(data["panels"]).items() if g in self.slots
            }
            return True
        finalists = [str(g) for g in data["finalists"] if g in self.slots]
        self.closed[stage] = {**data, "finalists": finalists}
        return True

    def _apply_day(self, kind: str, group: str | None, day: int) -> bool:
        """Issue 21: a day opened, a group moved to another day, a day closed (False: a day the event does not have)."""
        if not 1 <= day <= self.days:
            return False
        if kind == Kind.DAY_OPENED:
            self.day = day
        elif kind == Kind.DAY_CLOSED:
            self.closed_days.add(day)
        else:  # group_moved: last of the day it moves to
            if group is None:
                return False
            self.group_day[group] = day
            rest = [g for g in self.order if g != group]
            after = max((i for i, g in enumerate(rest) if self.group_day.get(g, 1) <= day), default=-1)
            rest.insert(after + 1, group)
            self.order = rest
        return True

    def _apply_station(self, kind: str, juror: str, data: dict, ts: float) -> None:
        from .pins import bounded_wait

        client = (juror, str(data.get("client", "")))  # records written before addresses were kept: ""
        if kind in (Kind.PIN_SET, Kind.PIN_WAIT_CLEARED):
            if kind == Kind.PIN_SET:
                self.pins[juror] = {k: v for k, v in data.items() if k != "juror"}
            for key in [key for key in {*self.wrong_pins, *self.pin_wait_until} if key[0] == juror]:
                self.wrong_pins.pop(key, None)
                self.pin_wait_until.pop(key, None)
        elif kind == Kind.PIN_FAILED:
            self.wrong_pins[client] = self.wrong_pins.get(client, 0) + 1
            if "wait_until" in data:
                self.pin_wait_until[client] = bounded_wait(data["wait_until"], ts)
        elif kind == Kind.STATION_OPENED:
            self.wrong_pins.pop(client, None)
            self.pin_wait_until.pop(client, None)
            self.stations.setdefault(juror, set()).add((str(data.get("host", "")), int(data.get("pid", 0))))
        elif kind == Kind.STATION_CLOSED:
            self.stations.get(juror, set()).discard((str(data.get("host", "")), int(data.get("pid", 0))))

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


ALERT_DETAILS = frozenset({"group", "alert_s", "remaining_s", "sound"})
"""The keys of an alert record that say when and where it fired; every other key names the alert."""


def alert_key(data: dict) -> tuple:
    """What names an alert within a run of a slot: its record's keys but group and timing.

    Today that is ``stage``; a key added later (a segment of the slot) names it too.
    """
    return tuple(sorted((key, value) for key, value in data.items() if key not in ALERT_DETAILS))


_UNFIT = (LookupError, TypeError, ValueError, ArithmeticError, AttributeError)
"""What a record whose details do not fit its kind raises while it is applied."""
_SCORE_SET = Kind.SCORE_SET.value  # a plain str compares faster than the enum member
_CELL = itemgetter("group", "juror", "criterion")
_VALUE = itemgetter("value")
_EVENT_FILE = Kind.EVENT_FILE.value
_SHEET_KINDS = frozenset({Kind.SHEET_LOCKED.value, Kind.SHEET_UNLOCKED.value})
_RECUSAL_KINDS = frozenset({Kind.RECUSAL_DECLARED.value, Kind.RECUSAL_WITHDRAWN.value})
SHEET_RECORD_KINDS = frozenset({_SCORE_SET, *_SHEET_KINDS, *_RECUSAL_KINDS})
"""The kinds of record that change only the score sheets (neither the clock, the order nor the stage)."""
_STATION_KINDS = frozenset(
    {Kind.PIN_SET.value, Kind.PIN_FAILED.value, Kind.PIN_WAIT_CLEARED.value, Kind.STATION_OPENED.value, Kind.STATION_CLOSED.value}
)
STATION_RECORD_KINDS = _STATION_KINDS
_SLOT_KINDS = frozenset(
    {
        Kind.SLOT_STARTED,
        Kind.SLOT_PAUSED,
        Kind.SLOT_RESUMED,
        Kind.SLOT_EXTENDED,
        Kind.SLOT_FINISHED,
        Kind.SLOT_RESTARTED,
        Kind.GROUP_SKIPPED,
        Kind.SEGMENT_STARTED,
        Kind.SEGMENT_UNDONE,
    }
)
_BREAK_KINDS = frozenset({Kind.BREAK_STARTED, Kind.BREAK_FINISHED})
_WITHDRAWAL_KINDS = frozenset({Kind.GROUP_WITHDRAWN, Kind.GROUP_REINSTATED})
_STAGE_KINDS = frozenset({Kind.PANELS_SET.value, Kind.STAGE_CLOSED.value})
_DAY_KINDS = frozenset({Kind.DAY_OPENED.value, Kind.GROUP_MOVED.value, Kind.DAY_CLOSED.value})

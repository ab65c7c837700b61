"""The fold: each journal record applied to the day's state (see :mod:`gelar_tui.day.state` for the rules).

Replay only applies what the records say; a record naming what the event does not have, or whose details
do not fit its kind, is counted in ``ignored`` (and ``unfit``) and passed over. Score records, nineteen in
twenty, replay apart on a path in C (:func:`apply_scores`).
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import repeat
from operator import contains, itemgetter
from typing import TYPE_CHECKING

from ..event.model import Event
from ..journal.clock import Stamp
from ..journal.replay_rows import ReplayRows
from ..journal.store import Record
from .kinds import (
    BREAK_KINDS,
    DAY_KINDS,
    EVENT_FILE,
    RECUSAL_KINDS,
    SCORE_SET,
    SHEET_KINDS,
    SLOT_KINDS,
    STAGE_KINDS,
    STATION_KINDS,
    WITHDRAWAL_KINDS,
    Kind,
    alert_key,
)
from .pins import bounded_wait
from .slot import Slot, hundredths

if TYPE_CHECKING:
    from .state import DayState

_UNFIT = (LookupError, TypeError, ValueError, ArithmeticError, AttributeError)
"""What a record whose details do not fit its kind raises while it is applied."""
_CELL = itemgetter("group", "juror", "criterion")
_VALUE = itemgetter("value")


def _ids(ids: Iterable[str]) -> dict[str, str]:
    """The event's ids, each to itself: a membership test as a set's, and the event's own string object."""
    return {name: name for name in ids}


def fold_rows(state: DayState, event: Event, rows: Iterable[tuple[str, dict, Stamp | None]], last_seq: int) -> None:
    """Apply the rows of Journal.replay_rows (the records after ``seq``), as from_rows does from the start:
    what a checkpoint's state takes on to reach the journal's last record (see :mod:`gelar_tui.day.checkpoint`)."""
    jurors, criteria, place = _ids(event.juror_ids), _ids(event.criterion_ids), state._place
    ignored = 0
    if isinstance(rows, ReplayRows):
        ignored = apply_scores(state, rows.scores, jurors, criteria)
        rows = rows.others
    for kind, data, stamp in rows:
        try:  # free when nothing is raised: no extra call on the fast path
            if not apply(state, kind, data, place(stamp) if stamp else 0.0, jurors, criteria):
                ignored += 1
        except _UNFIT:
            state.unfit += 1
            ignored += 1
    state.ignored += ignored
    state.seq = last_seq

def apply_scores(state: DayState, datas: list, jurors: dict[str, str], criteria: dict[str, str]) -> int:
    """Apply the details of score records, oldest first; the number passed over. They touch nothing
    but the sheets, and nothing but the sheets decides whether they apply: they replay apart.

    The usual day (every record names a group, juror and criterion of the event and a value that is
    a number or none) takes a path in C: the last record of each cell wins. Else one by one.
    """
    try:
        if any(map(contains, datas, repeat("stage"))):  # scores of a review stage: those alone one by one
            presentation = state.presentation_stage
            staged = [data for data in datas if "stage" in data and data["stage"] != presentation]
            if staged:  # (a record may name the presentation stage: its scores are the plain sheets)
                ignored = apply_one_by_one(state, staged, jurors, criteria)
                plain = [data for data in datas if "stage" not in data or data["stage"] == presentation]
                return ignored + apply_scores(state, plain, jurors, criteria)
        last = dict(zip(map(_CELL, datas), map(_VALUE, datas)))
        worth = {value: None if value is None else hundredths(value) for value in set(map(_VALUE, datas))}
    except _UNFIT:  # not a dict, a field missing, a value that is no number (or no key can be)
        return apply_one_by_one(state, datas, jurors, criteria)
    sheets, slots = state.sheets, state.slots
    if sheets and not all(g in slots and j in jurors and c in criteria for g, j, c in last):
        return apply_one_by_one(state, datas, jurors, criteria)  # sheets held already (a checkpoint's) are never wiped
    names = state.names
    for (group, juror, criterion), value in last.items():
        key = (group, juror)
        sheet = sheets.get(key)
        if sheet is None:
            if group not in slots or juror not in jurors:
                break
            sheet = sheets[(names.get(group, group), names.get(juror, juror))] = {}  # keyed by the event's own strings
        criterion = criteria.get(criterion)  # (the event's own string, or None)
        if criterion is None:
            break
        if (number := worth[value]) is not None:
            sheet[criterion] = number
        else:  # cleared last: a score from before these records (a checkpoint's) goes
            sheet.pop(criterion, None)
    else:
        return 0
    state.sheets = {}  # a record names what the event does not have: each counts alone
    return apply_one_by_one(state, datas, jurors, criteria)

def apply_one_by_one(state: DayState, datas: Iterable[dict], jurors: dict[str, str], criteria: dict[str, str]) -> int:
    ignored = 0
    for data in datas:
        try:
            if not apply(state, SCORE_SET, data, 0.0, jurors, criteria):
                ignored += 1
        except _UNFIT:
            state.unfit += 1
            ignored += 1
    return ignored

def apply_all(state: DayState, event: Event, records: Iterable[Record]) -> None:
    jurors, criteria = _ids(event.juror_ids), _ids(event.criterion_ids)
    for record in records:
        # score records carry no time that matters (the fast path reads none): they anchor nothing
        try:
            at = 0.0 if record.kind == SCORE_SET else state._place(record.stamp)
            applied = apply(state, record.kind, record.data, at, jurors, criteria)
        except _UNFIT:
            state.unfit += 1
            state.unfit_records.append(record.seq)
            applied = False
        if applied:
            state.changes += 1
            group = record.data.get("group")
            if group is not None:
                state.touched[group] = state.changes
        else:
            state.ignored += 1
        state.seq = record.seq

def apply(state: DayState, kind: str, data: dict, ts: float, jurors: dict[str, str], criteria: dict[str, str]) -> bool:
    """Apply one record; False when it names a group, juror or criterion the event does not have."""
    group = data.get("group")
    if group is not None and group not in state.slots:
        return False
    if kind == SCORE_SET:  # by far the most common record: the shortest path
        criterion, juror = data["criterion"], data["juror"]
        sheets = state.sheets
        if "stage" in data and (stage := data["stage"]) != state.presentation_stage:
            known = state.stage_criteria.get(stage)  # None: a stage the event does not have
            if known is None or juror not in jurors or criterion not in known or group is None:
                return False
            sheets = state.stage_sheets.setdefault(stage, {})
        elif juror not in jurors or criterion not in criteria:
            return False
        key = (group, juror)
        sheet = sheets.get(key)
        names = state.names
        if sheet is None:
            sheet = sheets[(names.get(group, group), names.get(juror, juror))] = {}
        value = data["value"]
        if value is None:
            sheet.pop(criterion, None)
        else:
            sheet[names.get(criterion, criterion)] = hundredths(value)
        return True
    if kind in SLOT_KINDS:
        slot = state.slots[group]
        if kind == Kind.SLOT_STARTED:
            state.clock_used = True
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
            state.slots[group] = Slot(planned=slot.planned, skipped=slot.skipped, withdrawn=slot.withdrawn)
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
    if kind in BREAK_KINDS:
        run = state.breaks.get(data.get("break"))
        if run is None:
            return False
        if kind == Kind.BREAK_STARTED:
            run.started_at, run.finished_at = ts, None
            state.on_break = data["break"]
        else:
            run.finished_at = data.get("at", ts)
            if state.on_break == data["break"]:
                state.on_break = None
        return True
    if kind == Kind.CURRENT_CHANGED:
        state.current = group
        return True
    if kind in WITHDRAWAL_KINDS:
        if group is None:
            return False
        withdrawn = kind == Kind.GROUP_WITHDRAWN
        state.slots[group].withdrawn = str(data.get("reason", "")) if withdrawn else None
        return True
    if kind == Kind.ORDER_CHANGED:
        order = [g for g in data["order"] if g in state.slots]
        missing = [g for g in state.order if g not in order]
        state.order = order + missing
        return True
    if kind in SHEET_KINDS:
        juror = data.get("juror")
        if juror not in jurors:
            return False
        locked = state.locked
        if "stage" in data and data["stage"] in state.stage_criteria:
            locked = state.stage_locked.setdefault(data["stage"], set())
        if kind == Kind.SHEET_LOCKED:
            locked.add((state.names.get(group, group), state.names.get(juror, juror)))
        else:
            locked.discard((group, juror))
        return True
    if kind == Kind.RESULTS_REVEALED:
        state.revealed = bool(data.get("revealed", True))
        return True
    if kind == Kind.ALERT:
        state.slots[group].alerted.add(alert_key(data))
        return True
    if kind == Kind.AWARD_REVEALED:
        state.awards_shown = int(data["shown"])
        return True
    if kind in (Kind.CLOCK_BRIDGED, Kind.JOURNAL_FAULT, Kind.TAKEOVER):
        return True
    if kind in RECUSAL_KINDS:
        key = (group, data.get("juror"))
        if group is None or key[1] not in jurors:
            return False
        if kind == Kind.RECUSAL_DECLARED:
            state.recused[key] = str(data.get("reason", ""))
        elif key not in state.recused_in_file:
            state.recused.pop(key, None)
        return True
    if kind in STATION_KINDS:
        juror = data.get("juror")
        if juror not in jurors:
            return False
        _apply_station(state, kind, juror, data, ts)
        return True
    if kind == Kind.DISPLAY_SHOWN:
        state.display = str(data["view"])
        return True
    if kind == Kind.BOARD_CATEGORY:
        state.board_category = str(data["category"])
        return True
    if kind == EVENT_FILE:
        state.event_digest = str(data["digest"])
        return True
    if kind in STAGE_KINDS:
        return _apply_stage(state, kind, data, jurors)
    if kind in DAY_KINDS:
        return _apply_day(state, kind, group, int(data["day"]))
    return False

def _apply_stage(state: DayState, kind: str, data: dict, jurors: set[str]) -> bool:
    """A review stage's panels, or a stage closed (see day/stages.py): groups the event no longer has are left out."""
    stage = str(data["stage"])
    if kind == Kind.PANELS_SET:
        if stage not in state.stage_criteria:
            return False
        state.panels[stage] = {
            str(g): tuple(str(j) for j in panel if j in jurors) for g, panel in dict(data["panels"]).items() if g in state.slots
        }
        return True
    finalists = [str(g) for g in data["finalists"] if g in state.slots]
    state.closed[stage] = {**data, "finalists": finalists}
    return True

def _apply_day(state: DayState, kind: str, group: str | None, day: int) -> bool:
    """Issue 21: a day opened, a group moved to another day, a day closed (False: a day the event does not have)."""
    if not 1 <= day <= state.days:
        return False
    if kind == Kind.DAY_OPENED:
        state.day = day
    elif kind == Kind.DAY_CLOSED:
        state.closed_days.add(day)
    else:  # group_moved: last of the day it moves to
        if group is None:
            return False
        state.group_day[group] = day
        rest = [g for g in state.order if g != group]
        after = max((i for i, g in enumerate(rest) if state.group_day.get(g, 1) <= day), default=-1)
        rest.insert(after + 1, group)
        state.order = rest
    return True

def _apply_station(state: DayState, kind: str, juror: str, data: dict, ts: float) -> None:
    client = (juror, str(data.get("client", "")))  # records written before addresses were kept: ""
    if kind in (Kind.PIN_SET, Kind.PIN_WAIT_CLEARED):
        if kind == Kind.PIN_SET:
            state.pins[juror] = {k: v for k, v in data.items() if k != "juror"}
        for key in [key for key in {*state.wrong_pins, *state.pin_wait_until} if key[0] == juror]:
            state.wrong_pins.pop(key, None)
            state.pin_wait_until.pop(key, None)
    elif kind == Kind.PIN_FAILED:
        state.wrong_pins[client] = state.wrong_pins.get(client, 0) + 1
        if "wait_until" in data:
            state.pin_wait_until[client] = bounded_wait(data["wait_until"], ts)
    elif kind == Kind.STATION_OPENED:
        state.wrong_pins.pop(client, None)
        state.pin_wait_until.pop(client, None)
        state.stations.setdefault(juror, set()).add((str(data.get("host", "")), int(data.get("pid", 0))))
    elif kind == Kind.STATION_CLOSED:
        state.stations.get(juror, set()).discard((str(data.get("host", "")), int(data.get("pid", 0))))

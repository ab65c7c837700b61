"""Each kind of record a spill file may hold, checked as the console's own action checks it.

:func:`check_record` refuses (GelarError) a record the action that writes its kind would not
have written on the day as it stands: ids the event has, a score in range with at most two
decimals written as the console writes it, no score on a locked or recused sheet, a slot
started once, a known view, no field the record does not have. PIN and station records are
never taken from a file (see :mod:`gelar_tui.day.spill`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from ..errors import GelarError
from ..event.model import Event
from .days import move_to_day
from .decide import check_ids
from .scorebook import lock_sheet, set_score, unlock_sheet
from .state import DayState, Kind


@dataclass(frozen=True, slots=True)
class _Standing:
    """What the checks read: the event, the state, and the ``event_file`` record of the event."""

    event: Event
    state: DayState
    event_record: dict[str, Any]


def check_record(event: Event, state: DayState, event_record: dict[str, Any], kind: str, data: dict[str, Any]) -> None:
    """Refuse a record the console's own action would not have written on the day as it stands
    (*event_record*: the ``event_file`` record of *event*, the only one a file may hold)."""
    check = _CHECKS.get(kind)
    if check is None:
        if kind in _NEVER:
            raise GelarError("trust.spill_station_record", kind=kind)
        raise GelarError("trust.spill_unknown_kind", kind=kind)
    fields, optional, rule = check
    if not set(fields) <= set(data) or optional is not ANY and not set(data) <= set(fields) | set(optional):
        raise GelarError("trust.spill_fields", kind=kind, fields=", ".join(sorted(data)), expected=", ".join(fields))
    rule(_Standing(event, state, event_record), data)


def _group(day: _Standing, data: dict) -> str:
    group = data["group"]
    if not isinstance(group, str):
        raise GelarError("trust.spill_value", field="group", value=repr(group))
    check_ids(day.event, day.state, group)
    return group


def _sheet(day: _Standing, data: dict, *, criterion_here: bool = True) -> tuple[str, str]:
    """The group and juror of a sheet record, their ids checked (and its criterion's, unless the action checks it
    against the stage's criteria)."""
    group, juror = data["group"], data["juror"]
    if not isinstance(group, str) or not isinstance(juror, str):
        raise GelarError("trust.spill_value", field="group/juror", value=repr((group, juror)))
    criterion = data.get("criterion")
    if criterion is not None and not isinstance(criterion, str):
        raise GelarError("trust.spill_value", field="criterion", value=repr(criterion))
    check_ids(day.event, day.state, group, juror, criterion if criterion_here else None)
    return group, juror


def _reason(data: dict) -> None:
    if not isinstance(data["reason"], str) or not data["reason"].strip():
        raise GelarError("action.reason_needed")


def _number(data: dict, field: str, low: float, high: float, *, whole: bool = True) -> None:
    value = data[field]
    kinds = (int,) if whole else (int, float)
    if isinstance(value, bool) or not isinstance(value, kinds) or not math.isfinite(value) or not low <= value <= high:
        raise GelarError("trust.spill_value", field=field, value=repr(value))


def _stage(data: dict) -> str | None:
    stage = data.get("stage")
    if stage is not None and not isinstance(stage, str):
        raise GelarError("trust.spill_value", field="stage", value=repr(stage))
    return stage


def _as_written(data: dict, records: list) -> None:
    """What the action wrote for the same call must be the record itself (no record: it changed nothing)."""
    if records and records[0][1] != data:
        field = "stage" if records[0][1].get("stage") != data.get("stage") else "value"
        raise GelarError("trust.spill_value", field=field, value=repr(data.get(field)))


def _score(day: _Standing, data: dict) -> None:
    """Checked by the action itself (scorebook.set_score): the stage's entries, jurors, panels and criteria,
    a closed stage, a locked day, a recusal, a locked sheet, the score's range and its shortest text."""
    group, juror = _sheet(day, data, criterion_here=False)
    if not isinstance(data["criterion"], str):
        raise GelarError("trust.spill_value", field="criterion", value=repr(data["criterion"]))
    value = data["value"]
    if value is not None and not isinstance(value, str):
        raise GelarError("trust.spill_value", field="value", value=repr(value))
    _as_written(data, set_score(day.event, day.state, group, juror, data["criterion"], value, _stage(data)))


def _lock(day: _Standing, data: dict) -> None:
    group, juror = _sheet(day, data)
    if data.get("source", "import") != "import":
        raise GelarError("trust.spill_value", field="source", value=repr(data["source"]))
    written = {k: v for k, v in data.items() if k != "source"}
    _as_written(written, lock_sheet(day.event, day.state, group, juror, _stage(data)))


def _unlock(day: _Standing, data: dict) -> None:
    group, juror = _sheet(day, data)
    _reason(data)
    _as_written(data, unlock_sheet(day.event, day.state, group, juror, data["reason"], _stage(data)))


def _day(day: _Standing, data: dict) -> None:
    """A day opened or closed (issue 21): a day the event has."""
    _number(data, "day", 1, day.state.days)


def _moved(day: _Standing, data: dict) -> None:
    """A group moved to another day: what :func:`gelar_tui.day.days.move_to_day` would write."""
    _number(data, "day", 1, day.state.days)
    group = _group(day, data)
    move_to_day(day.event, day.state, group, data["day"])


def _recuse(day: _Standing, data: dict) -> None:
    group, juror = _sheet(day, data)
    _reason(data)
    if (group, juror) in day.state.recused:
        raise GelarError("recusal.already", juror=juror, group=group)
    if "scores_kept" in data:
        _number(data, "scores_kept", 0, len(day.event.criteria))


def _withdraw(day: _Standing, data: dict) -> None:
    group, juror = _sheet(day, data)
    _reason(data)
    if (group, juror) in day.state.recused_in_file or (group, juror) not in day.state.recused:
        raise GelarError("recusal.not_recused", juror=juror, group=group)


def _slot(rule, *, on_stage: bool = True):
    """A check of a slot record: the console writes these only for the group on stage (the current one)."""

    def check(day: _Standing, data: dict) -> None:
        group = _group(day, data)
        if on_stage and group != day.state.current:
            raise GelarError("trust.spill_not_current", group=group, current=str(day.state.current))
        rule(day, day.state.slots[group], data)

    return check


def _started(day: _Standing, slot, data: dict) -> None:
    if slot.started:
        raise GelarError("action.already_started")


def _paused(day: _Standing, slot, data: dict) -> None:
    if not slot.running:
        raise GelarError("action.not_running")


def _resumed(day: _Standing, slot, data: dict) -> None:
    if not slot.started or slot.running:
        raise GelarError("action.not_paused")


def _extended(day: _Standing, slot, data: dict) -> None:
    if slot.finished:
        raise GelarError("action.slot_finished")
    _number(data, "seconds", -slot.length, 24 * 3600)
    if "segment" in data:
        _number(data, "segment", 0, len(day.event.segments_of(data["group"])) - 1)


def _finished(day: _Standing, slot, data: dict) -> None:
    if not slot.started or slot.finished:
        raise GelarError("action.slot_finished")
    if "at" in data:
        _number(data, "at", 0, 1e11, whole=False)


def _skipped(day: _Standing, slot, data: dict) -> None:
    if slot.finished:
        raise GelarError("action.slot_finished")


def _segment(day: _Standing, slot, data: dict) -> None:
    _number(data, "segment", 0, len(day.event.segments_of(data["group"])) - 1)
    if "run" in data:
        _number(data, "run", 0, 24 * 3600, whole=False)


def _alert(day: _Standing, slot, data: dict) -> None:
    for key, value in data.items():
        if value is not None and not isinstance(value, (str, int, float)):
            raise GelarError("trust.spill_value", field=key, value=repr(value))


def _current(day: _Standing, data: dict) -> None:
    if data["group"] is not None:
        _group(day, data)


def _order(day: _Standing, data: dict) -> None:
    order = data["order"]
    if not isinstance(order, list) or sorted(map(str, order)) != sorted(day.state.order) or len(set(order)) != len(order):
        raise GelarError("trust.spill_value", field="order", value=repr(order)[:80])


def _break(day: _Standing, data: dict) -> None:
    if data["break"] not in day.state.breaks:
        raise GelarError("trust.spill_value", field="break", value=repr(data["break"]))
    if "at" in data:
        _number(data, "at", 0, 1e11, whole=False)


def _revealed(day: _Standing, data: dict) -> None:
    if not isinstance(data["revealed"], bool):
        raise GelarError("trust.spill_value", field="revealed", value=repr(data["revealed"]))


def _awards(day: _Standing, data: dict) -> None:
    _number(data, "shown", 0, 2 * len(day.event.groups) + 1)  # with categories and overall = true, a group can win twice


def _display(day: _Standing, data: dict) -> None:
    from .hall import DISPLAY_VIEWS

    if data["view"] not in DISPLAY_VIEWS:
        raise GelarError("trust.spill_value", field="view", value=repr(data["view"]))


def _board_category(day: _Standing, data: dict) -> None:
    from .hall import board_choices

    if data["category"] not in board_choices(day.event):
        raise GelarError("trust.spill_value", field="category", value=repr(data["category"]))


def _texts(*fields: str):
    def check(day: _Standing, data: dict) -> None:
        for field in fields:
            if not isinstance(data[field], str):
                raise GelarError("trust.spill_value", field=field, value=repr(data[field]))

    return check


def _fault(day: _Standing, data: dict) -> None:
    _texts("reason")(day, data)
    _number(data, "records", 0, 10**9)


def _event(day: _Standing, data: dict) -> None:
    if data != day.event_record:
        raise GelarError("trust.spill_other_event")


_SLOT = ("group",)
ANY = ("*",)
"""Any further fields."""
_CHECKS: dict[str, tuple[tuple[str, ...], tuple[str, ...], Any]] = {
    Kind.SCORE_SET: (("group", "juror", "criterion", "value"), ("stage",), _score),
    Kind.SHEET_LOCKED: (("group", "juror"), ("source", "stage"), _lock),
    Kind.SHEET_UNLOCKED: (("group", "juror", "reason"), ("stage",), _unlock),
    Kind.RECUSAL_DECLARED: (("group", "juror", "reason"), ("scores_kept",), _recuse),
    Kind.RECUSAL_WITHDRAWN: (("group", "juror", "reason"), (), _withdraw),
    Kind.SLOT_STARTED: (_SLOT, (), _slot(_started)),
    Kind.SLOT_PAUSED: (_SLOT, (), _slot(_paused)),
    Kind.SLOT_RESUMED: (_SLOT, (), _slot(_resumed)),
    Kind.SLOT_EXTENDED: (("group", "seconds"), ("segment",), _slot(_extended)),
    Kind.SLOT_FINISHED: (_SLOT, ("at",), _slot(_finished)),
    Kind.SLOT_RESTARTED: (_SLOT, (), _slot(lambda day, slot, data: None)),
    Kind.GROUP_SKIPPED: (_SLOT, (), _slot(_skipped)),
    Kind.SEGMENT_STARTED: (("group", "segment"), ("run",), _slot(_segment, on_stage=False)),
    Kind.ALERT: (_SLOT, ANY, _slot(_alert, on_stage=False)),  # what names an alert may grow (see state.alert_key)
    Kind.CURRENT_CHANGED: (_SLOT, (), _current),
    Kind.ORDER_CHANGED: (("order",), (), _order),
    Kind.BREAK_STARTED: (("break",), (), _break),
    Kind.BREAK_FINISHED: (("break",), ("at",), _break),
    Kind.RESULTS_REVEALED: (("revealed",), (), _revealed),
    Kind.AWARD_REVEALED: (("shown",), (), _awards),
    Kind.DISPLAY_SHOWN: (("view",), (), _display),
    Kind.BOARD_CATEGORY: (("category",), (), _board_category),
    Kind.CLOCK_BRIDGED: (("boot_before", "boot"), (), _texts("boot_before", "boot")),
    Kind.JOURNAL_FAULT: (("reason", "records"), (), _fault),
    Kind.EVENT_FILE: (("format", "digest", "event"), (), _event),
    Kind.DAY_OPENED: (("day",), (), _day),
    Kind.DAY_CLOSED: (("day",), (), _day),
    Kind.GROUP_MOVED: (("group", "day"), (), _moved),
}
_NEVER = frozenset({Kind.PIN_SET, Kind.PIN_FAILED, Kind.STATION_OPENED, Kind.STATION_CLOSED})
"""PINs and stations: a file cannot vouch that a PIN was issued or typed."""


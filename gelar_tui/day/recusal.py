"""Recusals declared during the day: a juror steps aside for one group, or comes back.

Plain decisions of the event and the day's state (see :mod:`gelar_tui.day.decide`).
Recusals written in the event file (``[[recusals]]``) are in force from the start and
cannot be withdrawn here: the file is where they were declared, and where they change.
"""

from __future__ import annotations

from ..errors import GelarError
from ..event.model import Event
from ..event.recusal_rules import recusal_refusal
from .decide import Records, check_ids
from .state import DayState, Kind


def scores_kept(state: DayState, group: str, juror: str) -> int:
    """How many scores *juror* gave *group*: they stay in the journal, out of the results, once recused."""
    return len(state.sheets.get((group, juror), {}))


def recuse(event: Event, state: DayState, group: str, juror: str, reason: str) -> Records:
    """Take *juror* off *group*'s jury, for *reason*; refused when the method could no longer apply."""
    check_ids(event, state, group, juror)
    if not reason.strip():
        raise GelarError("recusal.reason_needed")
    if (group, juror) in state.recused:
        raise GelarError("recusal.already", juror=event.juror_name(juror), group=event.group(group).name)
    refusal = recusal_refusal(event, {*state.recused, (group, juror)}, group)
    if refusal is not None:
        raise GelarError(refusal[0], **refusal[1])
    data = {"group": group, "juror": juror, "reason": reason.strip(), "scores_kept": scores_kept(state, group, juror)}
    return [(Kind.RECUSAL_DECLARED, data)]


def withdraw_recusal(event: Event, state: DayState, group: str, juror: str, reason: str) -> Records:
    """Bring *juror* back to *group*'s jury, for *reason*; a recusal of the event file stays."""
    check_ids(event, state, group, juror)
    if not reason.strip():
        raise GelarError("recusal.reason_needed")
    names = {"juror": event.juror_name(juror), "group": event.group(group).name}
    if (group, juror) in state.recused_in_file:
        raise GelarError("recusal.in_file", **names)
    if (group, juror) not in state.recused:
        raise GelarError("recusal.not_recused", **names)
    return [(Kind.RECUSAL_WITHDRAWN, {"group": group, "juror": juror, "reason": reason.strip()})]


def refuse_recused(event: Event, state: DayState, group: str, juror: str) -> None:
    """No score and no lock on the sheet of a recused juror."""
    if (group, juror) in state.recused:
        raise GelarError("recusal.sheet_recused", juror=event.juror_name(juror), group=event.group(group).name)

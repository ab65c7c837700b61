"""Withdrawing a group that will not present (it did not show up), and bringing it back.

Plain decisions of the event and the day's state (see :mod:`gelar_tui.day.decide`); each
writes one journaled record with its reason. A withdrawn group is left out of the ranking,
named with its reason in the documents, and no longer keeps the results provisional
(see :mod:`gelar_tui.scoring.finality`).
"""

from __future__ import annotations

from ..errors import GelarError
from ..event.model import Event
from .decide import Records, check_ids
from .slots import following
from .state import DayState, Kind

REASON_LIMIT = 300
"""The longest reason kept (a reason is printed in the documents)."""


def _reason(reason: str) -> str:
    """The reason as it is kept: one line of printable text, at most REASON_LIMIT characters."""
    text = " ".join("".join(c if c.isprintable() else " " for c in reason).split())
    if not text:
        raise GelarError("withdraw.needs_reason")
    return text[:REASON_LIMIT]


def withdraw(event: Event, state: DayState, group: str, reason: str) -> Records:
    """Withdraw *group* for *reason*: refused once it has presented, or while its clock runs.

    A group called but not started (or paused and set aside) leaves the stage: its clock is
    set back, and the next group is called when it was the current one.
    """
    check_ids(event, state, group)
    text = _reason(reason)
    refusal = withdraw_refusal(event, state, group)
    if refusal is not None:
        raise refusal
    out: Records = [(Kind.SLOT_RESTARTED, {"group": group})] if state.slots[group].started else []
    out.append((Kind.GROUP_WITHDRAWN, {"group": group, "reason": text}))
    if state.current == group:
        out.append((Kind.CURRENT_CHANGED, {"group": following(state, group, skipping=group)}))
    return out


def withdraw_refusal(event: Event, state: DayState, group: str) -> GelarError | None:
    """Why *group* cannot be withdrawn now (None when it can): asked before a reason is typed."""
    slot, name = state.slots[group], event.group(group).name
    if slot.withdrawn is not None:
        return GelarError("withdraw.already", group=name)
    if slot.finished:
        return GelarError("withdraw.presented", group=name)
    if slot.running:
        return GelarError("withdraw.on_stage", group=name)
    return None


def reinstate(event: Event, state: DayState, group: str, reason: str) -> Records:
    """Undo a withdrawal, for *reason*: the group waits in the running order again."""
    check_ids(event, state, group)
    text = _reason(reason)
    if state.slots[group].withdrawn is None:
        raise GelarError("withdraw.not_withdrawn", group=event.group(group).name)
    return [(Kind.GROUP_REINSTATED, {"group": group, "reason": text})]

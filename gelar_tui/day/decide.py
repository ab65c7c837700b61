"""What every decision of the day shares: the records it returns, the one id check, the group on stage.

A *decision* is a plain function: it takes what it needs (the event, the day's state, the
moment on the day's timeline, …) and returns the records to write, or raises the refusal
(GelarError). It never touches the journal: :class:`~gelar_tui.day.pipeline.Pipeline`
calls it under the write lock, after catching up, and writes what it returns.
"""

from __future__ import annotations

from typing import Any, Generic, NamedTuple, TypeVar

from ..errors import GelarError
from ..event.model import Event
from .state import DayState

Records = list[tuple[str, dict[str, Any]]]
"""Records to write, in order: (kind, data)."""

T = TypeVar("T")


class Decided(NamedTuple, Generic[T]):
    """A decision that also answers its caller: the records to write, and what the verb returns."""

    records: Records
    result: T


def check_ids(
    event: Event, state: DayState, group: str | None = None, juror: str | None = None, criterion: str | None = None
) -> None:
    """Refuse a group, juror or criterion the day does not have (each checked when given)."""
    if group is not None and group not in state.slots:
        raise GelarError("action.unknown_group", group=group, known=", ".join(state.order))
    if juror is not None and juror not in event.juror_ids:
        raise GelarError("action.unknown_juror", juror=juror, known=", ".join(event.juror_ids))
    if criterion is not None and criterion not in event.criterion_ids:
        raise GelarError("action.unknown_criterion", criterion=criterion, known=", ".join(event.criterion_ids))


def current_group(state: DayState) -> str:
    """The group on stage; refused when none is called."""
    if state.current is None:
        raise GelarError("action.no_current")
    return state.current

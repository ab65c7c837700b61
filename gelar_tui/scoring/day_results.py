"""The one convenience for a caller holding a day: its ranking as it stands, from :func:`~gelar_tui.scoring.rules.rank`.

The ranking itself takes what it needs (event, state, overtimes); this only fetches those from
anything shaped like a :class:`~gelar_tui.day.facade.Day`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from .rules import Results, rank

if TYPE_CHECKING:
    from ..day.state import DayState
    from ..event.model import Event


class DayView(Protocol):
    """What the ranking reads of a day: its event, its state and each group's overtime at a moment."""

    event: Event
    state: DayState

    def overtimes(self, now: float | None = None) -> dict[str, int]: ...


def results_of(day: DayView, now: float | None = None) -> Results:
    """The ranking of *day* at *now* (the present by default): ``rank(day.event, day.state, day.overtimes(now))``."""
    return rank(day.event, day.state, day.overtimes(now))

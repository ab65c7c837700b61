"""What the hall sees: the moderator's choice for the audience display, the results and awards shown.

The choices are plain decisions (see :mod:`gelar_tui.day.decide`), journaled, so a display
started late, or restarted, shows them at once. The ranking the hall sees is each view's own
(:class:`~gelar_tui.scoring.live_ranking.LiveRanking`).
"""

from __future__ import annotations

from ..errors import GelarError
from .decide import Records
from .state import DayState, Kind

DISPLAY_VIEWS = ("clock", "scoreboard", "winner", "title")
"""What the audience display can show."""
VIEW_NAMES = {
    "clock": "display.view_clock",
    "scoreboard": "display.view_scoreboard",
    "winner": "display.view_winner",
    "title": "display.view_title",
}
"""The message naming each view."""


def show_on_display(state: DayState, view: str) -> Records:
    """The audience display shows *view* (one of DISPLAY_VIEWS)."""
    if view not in DISPLAY_VIEWS:
        raise GelarError("display.unknown_view", view=view, known=", ".join(DISPLAY_VIEWS))
    return [] if state.display == view else [(Kind.DISPLAY_SHOWN, {"view": view})]


def reset_announcement() -> Records:
    """Every place of the hall's announcement hidden again (journaled, even when none was shown)."""
    return [(Kind.AWARD_REVEALED, {"shown": 0, "reset": True})]


def reveal_results(state: DayState, revealed: bool) -> Records:
    return [] if state.revealed == revealed else [(Kind.RESULTS_REVEALED, {"revealed": revealed})]


def show_awards(state: DayState, shown: int) -> Records:
    """How many places of the winner announcement the hall has seen."""
    return [] if state.awards_shown == shown else [(Kind.AWARD_REVEALED, {"shown": int(shown)})]


def display_view(state: DayState, lobby: str | None = None) -> str:
    """What the display shows now: the moderator's choice, else the clock (the title once no group is current).

    *lobby*: for a day read from the hub, what ``gelar show --hub`` chose for the hub's displays, if chosen.
    """
    if lobby in DISPLAY_VIEWS:
        return lobby
    if state.display is not None:
        return state.display
    return "clock" if state.current is not None else "title"

"""What the hall sees: the moderator's choice for the audience display, the category the scoreboards show, the results and awards shown.

The choices are plain decisions (see :mod:`gelar_tui.day.decide`), journaled, so a display
started late, or restarted, shows them at once. The ranking the hall sees is each view's own
(:class:`~gelar_tui.scoring.live_ranking.LiveRanking`).
"""

from __future__ import annotations

from ..errors import GelarError
from ..event.model import Event
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


# -- the category the scoreboards show (an event with [[categories]]) ---------------

OVERALL = "*"
"""The overall ranking's place among the scoreboard's choices (never a category's id: ids begin with a letter or digit)."""


def board_choices(event: Event) -> list[str]:
    """What the scoreboard can show, in the order its key cycles: each category, then the overall ranking
    when ``[scoring] overall = true`` (empty for an event without categories: one ranking, as ever)."""
    if not event.categories:
        return []
    return [c.id for c in event.categories] + ([OVERALL] if event.scoring.overall else [])


def board_category(event: Event, state: DayState) -> str | None:
    """The category the scoreboards show now: the moderator's last choice, else the first category
    (None: the event has no categories). A choice the event no longer has falls back to the first."""
    choices = board_choices(event)
    if not choices:
        return None
    return state.board_category if state.board_category in choices else choices[0]


def next_board_category(event: Event, state: DayState) -> str | None:
    """The choice after the one shown (after the last, the first again); None without categories."""
    choices = board_choices(event)
    if not choices:
        return None
    return choices[(choices.index(board_category(event, state)) + 1) % len(choices)]  # type: ignore[arg-type]


def show_category(event: Event, state: DayState, category: str) -> Records:
    """Every scoreboard (the console's, the audience display's) shows *category* (an id, or OVERALL)."""
    choices = board_choices(event)
    if category not in choices:
        known = ", ".join(choices) or "-"
        raise GelarError("catboard.unknown_category", category=category, known=known)
    return [] if state.board_category == category else [(Kind.BOARD_CATEGORY, {"category": category})]

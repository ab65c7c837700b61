"""What the hall sees: the moderator's choice for the audience display.

:class:`~gelar_tui.day.facade.Day` takes these from :class:`HallActions`; the choice is
journaled, so a display started late, or restarted, shows it at once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..errors import GelarError
from .state import Kind

if TYPE_CHECKING:
    from .facade import Day

DISPLAY_VIEWS = ("clock", "scoreboard", "winner", "title")
"""What the audience display can show."""
VIEW_NAMES = {
    "clock": "display.view_clock",
    "scoreboard": "display.view_scoreboard",
    "winner": "display.view_winner",
    "title": "display.view_title",
}
"""The message naming each view."""


class HallActions:
    """What a Day can do for the audience display (a mixin: ``self`` is the Day)."""

    def show_on_display(self: Day, view: str) -> None:
        """Make the audience display show *view* (one of DISPLAY_VIEWS)."""
        if view not in DISPLAY_VIEWS:
            raise GelarError("display.unknown_view", view=view, known=", ".join(DISPLAY_VIEWS))
        with self._action() as out:
            if self.state.display != view:
                out.append((Kind.DISPLAY_SHOWN, {"view": view}))

    def reset_announcement(self: Day) -> None:
        """Hide every place of the hall's announcement again (journaled, even when none was shown)."""
        with self._action() as out:
            out.append((Kind.AWARD_REVEALED, {"shown": 0, "reset": True}))

    def display_view(self: Day) -> str:
        """What the display shows now: the moderator's choice, else the clock (the title once no group is current).

        A day read from the hub shows what ``gelar show --hub`` chose for the hub's displays, when chosen.
        """
        lobby = getattr(self.journal, "lobby_view", None)
        if lobby in DISPLAY_VIEWS:
            return lobby
        if self.state.display is not None:
            return self.state.display
        return "clock" if self.state.current is not None else "title"

"""Read-only views of the day (`gelar watch`): the console's stage and the scoreboard, with no keys.

Their day writes nothing anyway (origin ``watch:<view>``); without keys they also show none.
"""

from __future__ import annotations

from ...timing import Phase, SlotView
from .console import ConsoleScreen
from .scoreboard import ScoreboardScreen


class WatchClock(ConsoleScreen, inherit_bindings=False):
    """The console's stage, read-only: no keys, and no word of the moderator's keys."""

    BINDINGS = []

    def _stage_text(self, view: SlotView) -> str:
        if view.phase == Phase.READY:
            return self.app.t("phase.ready").upper()
        return super()._stage_text(view)


class WatchScoreboard(ScoreboardScreen, inherit_bindings=False):
    """The live scoreboard, read-only: no keys."""

    BINDINGS = []

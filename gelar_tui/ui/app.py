"""The moderator's console: the day's app (:class:`~gelar_tui.ui.day_app.DayApp`) opening on the console's screen."""

from __future__ import annotations

from typing import Any

from textual.screen import Screen

from .day_app import HERE, DayApp


class GelarApp(DayApp):
    """The moderator's console: it drives the day, plays and records the alerts, writes the
    segments that fall due, and asks before quitting while a slot runs."""

    # The console's styles load with the app's: one stylesheet parse before the first frame.
    CSS_PATH = [HERE / "app.tcss", HERE / "screens/console.tcss", HERE / "widgets/slot_stage.tcss"]
    WRITES_SEGMENTS = True

    def __init__(self, *args: Any, rehearsal: float | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.rehearsal = rehearsal

    def first_screen(self) -> Screen:
        from .screens.console import ConsoleScreen

        return ConsoleScreen()

    async def action_quit(self) -> None:
        """Quit, asking first while a slot is under way."""
        from ..day.state import GroupStatus
        from .screens.confirm import ConfirmScreen

        current = self.day.state.current
        if current is not None and self.day.state.status(current) == GroupStatus.PRESENTING:

            def answered(yes: bool | None) -> None:
                if yes:
                    self.exit(0)

            self.push_screen(ConfirmScreen(self.t("console.confirm_quit")), answered)
            return
        self.exit(0)

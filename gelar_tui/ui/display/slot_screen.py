"""A display screen that shows the slot clock: the audience display's and the presenter monitor's base."""

from __future__ import annotations

from textual.screen import Screen

from ..widgets.slot_stage import SlotStage


class SlotScreen(Screen):
    """Its SlotStage paints the app's clock driver's ticks; the screen redraws the group when the day changes."""

    def on_mount(self) -> None:
        self._stage = self.query_one(SlotStage)
        self.day_changed()
        self.call_after_refresh(self.app.console_drawn)

    def day_changed(self) -> None:
        """The journal has news: the stage's group, then the clock."""
        self._stage.show_group()
        self.tick()

    def tick(self) -> None:
        """The clock now (it moves, and alerts, even while another view shows: switching back shows it true)."""
        self.app.slot_clock.tick()

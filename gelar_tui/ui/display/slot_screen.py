"""A display screen that follows the slot clock: the audience display's and the presenter monitor's base."""

from __future__ import annotations

from textual.screen import Screen

from ..widgets.slot_stage import SlotStage, SlotTicker


class SlotScreen(Screen):
    """Keeps its SlotStage moving with the clock, waking only when the face changes."""

    def __init__(self) -> None:
        super().__init__()
        self._ticker = SlotTicker(self, self.tick)

    def on_mount(self) -> None:
        self._stage = self.query_one(SlotStage)
        self.day_changed()
        self.call_after_refresh(self.app.console_drawn)

    def day_changed(self) -> None:
        """The journal has news: the stage's group, then the clock."""
        self._stage.show_group()
        self.tick()

    def tick(self) -> None:
        """The clock moves (and alerts) even while another view shows: switching back shows it true."""
        pause = self.app.day.break_view()
        if pause is not None:  # "Ishoma · back at 12:45", with its countdown
            self._stage.show_break(pause)
            self._ticker.plan(pause)
            return
        view = self._ticker.view()
        self._stage.show(view)
        self._ticker.plan(view)

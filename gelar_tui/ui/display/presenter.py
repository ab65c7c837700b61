"""The presenter monitor: the group on stage and its countdown, as large as the screen allows."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.screen import Screen

from ..messages import DayChanged
from ..widgets.slot_stage import SlotStage, SlotTicker


class PresenterScreen(Screen):
    """For a tablet or monitor on the floor facing the speakers: nothing but the slot."""

    def __init__(self) -> None:
        super().__init__()
        self._ticker = SlotTicker(self, self.tick)

    def compose(self) -> ComposeResult:
        yield SlotStage(self.app.day.slot(), audience=True, id="stage", classes="-presenter")

    def on_mount(self) -> None:
        self._stage = self.query_one(SlotStage)
        self.day_changed()
        self.call_after_refresh(self.app.console_drawn)

    @on(DayChanged)
    def day_changed(self) -> None:
        self._stage.show_group()
        self.tick()

    def tick(self) -> None:
        view = self._ticker.view()
        self._stage.show(view)
        self._ticker.plan(view)

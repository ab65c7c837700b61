"""The presenter monitor: the group on stage and its countdown, as large as the screen allows."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult

from ..messages import DayChanged
from ..widgets.slot_stage import SlotStage
from .slot_screen import SlotScreen


class PresenterScreen(SlotScreen):
    """For a tablet or monitor on the floor facing the speakers: nothing but the slot."""

    def compose(self) -> ComposeResult:
        yield SlotStage(self.app.day.slot(), audience=True, id="stage", classes="-presenter")

    @on(DayChanged)
    def follow(self) -> None:
        self.day_changed()

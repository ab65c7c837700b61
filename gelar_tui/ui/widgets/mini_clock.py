"""The slot clock in small, on screens that cover the big one."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from ...day.timing import Phase, SlotView
from ..clock_driver import ClockTick


class MiniClock(Static):
    """"KBK Ceria 12:34" in the top bar of the scoreboard, jury sheet and announcement: it paints
    the app's clock driver's ticks."""

    _text: str | None = None

    def on_mount(self) -> None:
        self.app.slot_clock.subscribe(self, self.paint)

    def paint(self, tick: ClockTick) -> None:
        self.show(tick.view)

    def show(self, view: SlotView) -> None:
        if view.group is None or view.phase in (Phase.IDLE, Phase.READY):
            self._show("")
            return
        name = self.app.day.event.group(view.group).name
        self._show(f"{name} {view.shown}")
        for stage in ("normal", "alert", "last", "over"):
            self.set_class(view.stage.value == stage, f"-{stage}")

    def _show(self, text: str) -> None:
        """Repaint only when the text changes; a layout pass only when its width does (the flip of a second does not)."""
        if text == self._text:
            return
        same_width = self._text is not None and len(self._text) == len(text)
        self._text = text
        self.update(Content(text), layout=not same_width)  # a group's name is text

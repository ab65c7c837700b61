"""The slot clock in small, on screens that cover the big one."""

from __future__ import annotations

from textual.widgets import Static

from ...timing import Phase, SlotView


class MiniClock(Static):
    """"KBK Ceria 12:34" in the top bar of the scoreboard, jury sheet and announcement."""

    def show(self, view: SlotView) -> None:
        if view.group is None or view.phase in (Phase.IDLE, Phase.READY):
            self.update("")
            return
        name = self.app.day.event.group(view.group).name
        self.update(f"{name} {view.shown}")
        for stage in ("normal", "alert", "last", "over"):
            self.set_class(view.stage.value == stage, f"-{stage}")

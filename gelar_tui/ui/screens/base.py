"""What the screens opened from the console share: the day, and a top bar that keeps the slot clock in view."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from ...day.facade import Day
from ..widgets.mini_clock import MiniClock


class SubScreen(Screen[None]):
    """A full screen over the console; Escape goes back to it."""

    @property
    def day(self) -> Day:
        return self.app.day

    def compose_topbar(self, title: str) -> ComposeResult:
        with Horizontal(classes="topbar"):
            yield Static(Content(title), classes="screen-title")  # it may name the event or a group
            yield MiniClock(classes="mini-clock")

"""A jury station's door: the juror types their PIN, and the station opens on their sheet.

Wrong tries are the core's business (journaled per juror, a minute's wait after five
in a row); this screen shows what the core says, and counts the wait down.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Input, Static

from ...errors import GelarError


class PinScreen(Screen[None]):
    """Asks *juror* for their PIN; when it is right, the app opens the juror's sheet."""

    CSS_PATH = "pin.tcss"

    def __init__(self, juror: str) -> None:
        super().__init__()
        self.juror = juror
        self._wait_timer: Timer | None = None

    @property
    def juror_name(self) -> str:
        return self.app.day.event.juror_name(self.juror)

    def compose(self) -> ComposeResult:
        t, event = self.app.t, self.app.day.event
        with Vertical(classes="topbar"):
            yield Static(t("station.title", juror=self.juror_name), classes="screen-title", markup=False)
        with Vertical(id="door"):
            yield Static(event.event.title, id="door-event", markup=False)
            yield Static(t("station.pin_prompt", juror=self.juror_name), id="door-prompt", markup=False)
            yield Input(placeholder=t("station.pin_placeholder"), password=True, max_length=6, restrict=r"[0-9]*", id="pin")
            yield Static(t("station.pin_hint"), id="door-hint")
            yield Static("", id="door-message", markup=False)

    def on_mount(self) -> None:
        self.query_one("#pin", Input).focus()
        self.app.day.refresh()
        self._show_wait()
        self.call_after_refresh(self.app.console_drawn)  # the garbage collector may run again (see gelar_tui.start)

    @on(Input.Submitted, "#pin")
    def _typed(self, event: Input.Submitted) -> None:
        pin, event.input.value = event.value, ""  # the PIN leaves the screen at once
        if not pin:
            return
        try:
            self.app.day.open_station(pin)
        except GelarError as exc:
            self._say(exc.render(self.app.t))
            self._show_wait()
            return
        self.app.station_opened()

    def _say(self, text: str) -> None:
        self.query_one("#door-message", Static).update(text)

    def _show_wait(self) -> None:
        """While the core makes this juror wait, the field is closed and the seconds count down."""
        wait = self.app.day.pin_wait(self.juror)
        field = self.query_one("#pin", Input)
        field.disabled = wait > 0
        if wait:
            self._say(self.app.t("station.wait", seconds=wait))
            if self._wait_timer is None:
                self._wait_timer = self.set_interval(1.0, self._show_wait)
        elif self._wait_timer is not None:
            self._wait_timer.stop()
            self._wait_timer = None
            self._say("")
            field.focus()

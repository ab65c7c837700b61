"""The audience display and the presenter monitor: read-only views of the day for the hall."""

from __future__ import annotations

from textual.binding import Binding
from textual.screen import Screen

from ...day.timing import SlotView
from ..app import HERE, GelarApp


class DisplayApp(GelarApp):
    """A window for the projector (or, with ``presenter``, a monitor facing the speakers).

    It has no key bar and no controls: it follows the journal, where the moderator's
    console (or `gelar show`) records what it shows. ctrl+q quits without asking.
    """

    CSS_PATH = [HERE / "app.tcss", HERE / "widgets/slot_stage.tcss", HERE / "display/display.tcss"]
    BINDINGS = [Binding("ctrl+q", "quit", "Quit", show=False, priority=True)]
    ENABLE_COMMAND_PALETTE = False

    def __init__(self, *args, presenter: bool = False, sound: bool = False, second_console: bool = False, **kwargs) -> None:
        kwargs.setdefault("bell", False)  # a console on the same laptop rings already
        super().__init__(*args, sound=sound, **kwargs)
        self.presenter = presenter
        self.plays_alerts = sound  # `--sound`: this machine's audio goes to the hall
        self.second_console = second_console

    def on_mount(self) -> None:
        if self.second_console:
            self.notify(self.t("trust.second_console"), severity="warning", timeout=20)

    def first_screen(self) -> Screen:
        if self.presenter:
            from .presenter import PresenterScreen

            return PresenterScreen()
        from .audience import AudienceScreen

        return AudienceScreen()

    def alert_reached(self, view: SlotView, *, final: bool) -> None:
        """The clock crossed an alert or zero: the bell when started with ``--bell``
        (with ``--sound`` the alert's sound has been played by the hall alerts already)."""
        super().alert_reached(view, final=final)

    async def action_quit(self) -> None:
        """Quit at once: the display controls nothing, so nothing is lost."""
        self.exit(0)

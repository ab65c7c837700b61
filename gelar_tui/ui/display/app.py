"""The audience display and the presenter monitor: read-only views of the day for the hall."""

from __future__ import annotations

from textual.screen import Screen

from ..day_app import HERE, DayApp


class DisplayApp(DayApp):
    """A window for the projector (or, with ``presenter``, a monitor facing the speakers).

    It has no key bar and no controls: it follows the journal, where the moderator's
    console (or `gelar show`) records what it shows. ctrl+q quits without asking. Its
    clock rings with ``--bell``; with ``--sound`` it plays the alerts and records them
    (once each, whoever saw them first); it writes nothing else.
    """

    CSS_PATH = [HERE / "app.tcss", HERE / "widgets/slot_stage.tcss", HERE / "display/display.tcss"]
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

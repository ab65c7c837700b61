"""The Textual app: holds the day, the language and the themes; the screens do the rest."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen
from textual.theme import Theme

from ..day import Day
from ..errors import GelarError
from ..i18n import Messages
from ..timing import SlotView
from .live import LiveJournal
from .themes import DEFAULT_THEME

HERE = Path(__file__).parent


class GelarApp(LiveJournal, App[int]):
    """The moderator's console, and the base of every app on the day (the audience display,
    jury stations): the day, the language, the themes, and the journal watched live."""

    # The console's styles load with the app's: one stylesheet parse before the first frame.
    # Absolute paths, so that apps derived from this one in other folders load them too.
    CSS_PATH = [HERE / "app.tcss", HERE / "screens/console.tcss", HERE / "widgets/slot_stage.tcss"]
    TITLE = "gelar"
    BINDINGS = [Binding("ctrl+q", "quit", "Quit", show=False, priority=True)]

    def __init__(
        self,
        day: Day,
        messages: Messages,
        *,
        themes: dict[str, Theme] | None = None,
        theme: str | None = None,
        bell: bool = True,
        rehearsal: float | None = None,
        theme_problems: Iterable[str] = (),
    ) -> None:
        super().__init__()
        self.day = day
        self.t = messages
        self.bell_on = bell
        self.bells_rung = 0
        self.rehearsal = rehearsal
        self._theme_problems = list(theme_problems)
        themes = themes or {}
        for item in themes.values():
            self.register_theme(item)
        wanted = theme or DEFAULT_THEME
        if wanted in themes:
            self._start_with_theme(wanted)
        elif DEFAULT_THEME in themes:
            self._start_with_theme(DEFAULT_THEME)
            self._theme_problems.append(messages("console.theme_unknown", name=wanted))

    def _start_with_theme(self, name: str) -> None:
        """Make *name* the theme the app starts with, before it runs.

        Assigning ``self.theme`` would queue a full re-parse of every stylesheet
        for just after start-up: on the console that doubled the CSS work before
        the first frame. So the value is set without its watcher, and what the
        watcher does is done here, before anything is parsed: the stylesheet's
        variables, the light/dark classes (as ``App.__init__`` sets them) and
        the ANSI colour mapping. Switching themes later (the command palette)
        goes through the watcher as usual.
        """
        self.set_reactive(App.theme, name)
        self.stylesheet.set_variables(self.get_css_variables())  # nothing is parsed yet
        dark = self.current_theme.dark
        self.set_class(dark, "-dark-mode", update=False)
        self.set_class(not dark, "-light-mode", update=False)
        # A private method of Textual's: should a later 8.x drop it, ANSI colours keep their mapping.
        refresh_ansi = getattr(self, "_refresh_truecolor_filter", None)
        if refresh_ansi is not None:
            refresh_ansi(self.ansi_theme)

    def on_mount(self) -> None:
        for problem in self._theme_problems:
            self.notify(problem, title=self.t("console.theme_problem"), severity="warning", timeout=10)
        self.title = self.day.event.event.title
        self.push_screen(self.first_screen())
        self.start_watching()

    def on_unmount(self) -> None:
        self.stop_watching()

    def first_screen(self) -> Screen:
        """The screen the app opens on: the console here; other apps on the same day open theirs."""
        from .screens.console import ConsoleScreen

        return ConsoleScreen()

    def console_drawn(self) -> None:
        """The console's first frame is out: the garbage collector may run again.

        ``gelar`` starts with it off (see :mod:`gelar_tui.start`); what was built to
        start is frozen first, so the collector never walks it.
        """
        if not gc.isenabled():
            gc.freeze()
            gc.enable()

    # -- the journal -----------------------------------------------------------

    def clock_ticked(self, view: SlotView) -> None:
        """The console's clock moved: a screen covering it that shows the clock follows it."""
        follow = getattr(self.screen, "follow_clock", None)
        if follow is not None:
            follow(view)

    def act(self, action: Callable[[], Any]) -> bool:
        """Run a day action; show a refused one as a notification. True when it went through."""
        try:
            action()
        except GelarError as exc:
            self.notify(exc.render(self.t), severity="warning")
            return False
        self.broadcast_change()
        return True

    # -- the bell ----------------------------------------------------------------

    def alert_reached(self, view: SlotView, *, final: bool) -> None:
        """The clock on screen crossed an alert (or, *final*, zero): ring once, or three times at zero."""
        self.ring(3 if final else 1)

    def ring(self, times: int = 1) -> None:
        """Ring the terminal bell (unless switched off); counted so tests can see it was asked for."""
        if not self.bell_on:
            return
        for _ in range(times):
            self.bells_rung += 1
            self.bell()

    def action_toggle_bell(self) -> None:
        self.bell_on = not self.bell_on
        self.notify(self.t("console.bell_on" if self.bell_on else "console.bell_off"))

    # -- quitting ------------------------------------------------------------------

    async def action_quit(self) -> None:
        """Quit, asking first while a slot is under way."""
        from ..state import GroupStatus
        from .screens.confirm import ConfirmScreen

        current = self.day.state.current
        if current is not None and self.day.state.status(current) == GroupStatus.PRESENTING:

            def answered(yes: bool | None) -> None:
                if yes:
                    self.exit(0)

            self.push_screen(ConfirmScreen(self.t("console.confirm_quit")), answered)
            return
        self.exit(0)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """The command palette, in the app's language: the screen's actions, themes, bell, quit."""
        provider = getattr(screen, "palette_commands", None)
        if provider is not None:
            yield from provider()
        yield SystemCommand(self.t("palette.theme"), self.t("palette.theme_help"), self.action_change_theme)
        yield SystemCommand(self.t("console.key_bell"), self.t("palette.bell_help"), self.action_toggle_bell)
        yield SystemCommand(self.t("console.key_quit"), self.t("palette.quit_help"), self.action_quit)

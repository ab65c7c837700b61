"""The base of every app on the day: the day, the language, the themes, the journal watched live, its faults, the clock driver.

The console (:class:`~gelar_tui.ui.app.GelarApp`), the audience display and presenter
monitor (:class:`~gelar_tui.ui.display.app.DisplayApp`) and a juror's station
(:class:`~gelar_tui.ui.station_app.StationApp`) are each this app opening on its own screen.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen
from textual.theme import Theme

from ..day.facade import Day
from ..errors import GelarError
from ..hall.hall_alerts import HallAlerts
from ..i18n import Messages
from .clock_driver import ClockDriver
from .live import LiveJournal
from .plain import visible
from .themes import DEFAULT_THEME

HERE = Path(__file__).parent

UNSAVED_RETRY_SECONDS = 2.0
"""How often a journal that could not be written is tried again."""


class DayApp(LiveJournal, App[int]):
    """An app on the day: the day, the language, the themes, the journal watched live and its
    faults, the bell and the sound, and the slot clock's driver (:attr:`slot_clock`)."""

    # Absolute paths, so that apps derived from this one in other folders load them too.
    CSS_PATH = [HERE / "app.tcss"]
    TITLE = "gelar"
    BINDINGS = [Binding("ctrl+q", "quit", "Quit", show=False, priority=True)]
    PLAYS_ALERTS = True
    """Whether this app plays the alerts' sounds and records them (the console does; stations do not)."""
    WRITES_SEGMENTS = False
    """Whether this app's clock writes the segment records that fall due (the console's does)."""

    def notify(self, message: str, *, markup: bool = False, **kwargs: Any) -> None:
        """A notification, as plain text unless asked: what it says may name a group, a juror or a file."""
        super().notify(visible(message), markup=markup, **kwargs)

    def __init__(
        self,
        day: Day,
        messages: Messages,
        *,
        themes: dict[str, Theme] | None = None,
        theme: str | None = None,
        bell: bool = True,
        theme_problems: Iterable[str] = (),
        sound: bool = True,
        sound_player: str | None = None,
        event_folder: Path | None = None,
    ) -> None:
        super().__init__()
        self.day = day
        self.t = messages
        self.bell_on = bell
        self.bells_rung = 0
        self._unsaved_timer = None
        self.sound_notice = ""
        """What the top line says about the sound ("" when all is well)."""
        self._sound = {"sound": sound, "player": sound_player, "folder": event_folder}
        self.hall: HallAlerts | None = None
        self.plays_alerts = self.PLAYS_ALERTS
        self.slot_clock = ClockDriver(self, writes_segments=self.WRITES_SEGMENTS)
        """The one driver of the slot clock: every view of the clock subscribes to it."""
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
        backup = self.day.journal.upgraded_backup
        if backup is not None:
            self.notify(self.t("trust.upgraded", backup=str(backup)), severity="information", timeout=15)
        if self.day.taken_back:
            self.notify(self.t("trust.taken_back", count=self.day.taken_back), timeout=15)
        from .trust_notices import show_trust_notices

        show_trust_notices(self)  # a spill refused, records that do not fit, the event file's version and edits
        self.title = self.day.event.event.title
        # Started once the first screen is drawn (console_drawn): finding a player and making sounds waits for the first frame.
        if self.plays_alerts:
            self.hall = HallAlerts(
                self.day, self.t, notice=self.show_sound_notice, call_from_thread=self.call_from_thread, **self._sound
            )
        self.push_screen(self.first_screen())
        # The journal is watched from the first frame on (console_drawn): what is written before then is read as it starts.

    @property
    def _background_screens(self) -> list[Screen]:
        """The screens that may show through the top one: none under a full, opaque screen.

        Textual counts the screen just under the top one as showing through whatever the
        top one is. Under the scoreboard or a jury sheet the console's clock then moves every
        second, and each move repaints the whole covering screen: most of the console's CPU
        at a busy scoreboard. Only a dialog (a modal screen, dimmed) lets the console show.
        """
        from textual.screen import ModalScreen

        stack = self.screen_stack
        if stack and not isinstance(stack[-1], ModalScreen) and stack[-1].styles.background.a == 1:
            return []
        return super()._background_screens

    def first_screen(self) -> Screen:
        """The screen the app opens on (each app on the day opens its own)."""
        raise NotImplementedError

    def console_drawn(self) -> None:
        """The first screen's first frame is out: the garbage collector may run again, the journal's
        watcher and the sound start.

        ``gelar`` starts with it off (see :mod:`gelar_tui.start`); what was built to
        start is frozen first, so the collector never walks it. The watcher reads, as it
        starts, whatever other processes wrote since the day was opened.
        """
        if not gc.isenabled():
            gc.freeze()
            gc.enable()
        if self.watcher is None and self.is_running:
            self.start_watching()
        if self.hall is not None:
            self.hall.start()

    # -- the journal -----------------------------------------------------------

    def broadcast_change(self, records=None) -> None:
        """Tell every screen, and the clock, that the day changed."""
        super().broadcast_change(records)
        self.slot_clock.day_changed(records)

    def act(self, action: Callable[[], Any]) -> bool:
        """Run a day action; show a refused one as a notification. True when it went through."""
        try:
            action()
        except GelarError as exc:
            self.notify(exc.render(self.t), severity="warning")
            return False
        self.broadcast_change()
        if self.day.unsaved and self._unsaved_timer is None:
            self._unsaved_timer = self.set_interval(UNSAVED_RETRY_SECONDS, self.retry_unsaved)
        return True

    def retry_unsaved(self) -> None:
        """While the journal cannot be written, try again; the moment it can, everything waiting is written."""
        if self.day.flush_unsaved():
            if self._unsaved_timer is not None:
                self._unsaved_timer.stop()
                self._unsaved_timer = None
            self.broadcast_change()

    def action_spill(self) -> None:
        """Write the records not saved yet to a spill file beside the journal."""
        try:
            path = self.day.spill()
        except GelarError as exc:
            self.notify(exc.render(self.t), severity="warning")
            return
        self.notify(self.t("trust.spilled", count=len(self.day.unsaved), path=str(path)), timeout=15)

    # -- the bell and the sound ------------------------------------------------------

    @property
    def muted(self) -> bool:
        """`m`: the bell and the sounds are silent."""
        return self.hall is not None and self.hall.muted

    def ring(self, times: int = 1) -> None:
        """Ring the terminal bell (unless switched off or muted); counted so tests can see it was asked for."""
        if not self.bell_on or self.muted:
            return
        for _ in range(times):
            self.bells_rung += 1
            self.bell()

    def action_toggle_mute(self) -> None:
        """Mute or unmute the bell and the sounds together; the top line shows it."""
        if self.hall is None:
            return
        self.hall.muted = not self.hall.muted
        self.notify(self.t("sound.muted_on" if self.hall.muted else "sound.muted_off"))
        self.top_line_changed()

    def show_sound_notice(self, text: str | None) -> None:
        """What the sound has to say (no player, no device), in the top line, where the title leaves
        room; None clears it."""
        self.sound_notice = text or ""
        self.top_line_changed()

    def top_line_changed(self) -> None:
        for screen in self.screen_stack:
            show = getattr(screen, "show_top_line", None)
            if show is not None:
                show()

    # -- quitting ------------------------------------------------------------------

    def on_unmount(self) -> None:
        self.slot_clock.stop()
        self.stop_watching()
        if self.hall is not None:
            self.hall.close()

    async def action_quit(self) -> None:
        """Quit at once (the console asks first while a slot runs)."""
        self.exit(0)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """The command palette, in the app's language: the screen's actions, themes, bell, quit."""
        provider = getattr(screen, "palette_commands", None)
        if provider is not None:
            yield from provider()
        yield SystemCommand(self.t("palette.theme"), self.t("palette.theme_help"), self.action_change_theme)
        yield SystemCommand(self.t("sound.key_mute"), self.t("sound.mute_help"), self.action_toggle_mute)
        yield SystemCommand(self.t("console.key_quit"), self.t("palette.quit_help"), self.action_quit)

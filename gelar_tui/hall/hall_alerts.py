"""What an app does at its clock's alerts beyond its own screen: the sound in the hall and the journal's record.

Any app that shows a slot clock (the console; the audience display with ``--sound``)
attaches one with :meth:`HallAlerts.attach` and hands it each view of the clock it
draws (:meth:`HallAlerts.follow`). The sounds play from :class:`~gelar_tui.hall.sound.Speaker`'s
worker thread, never on the event loop; the record is written after the frame
that shows the alert.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from ..day.alerts import Alert, Cue, crossed, tick_due
from ..errors import GelarError, Problem

if TYPE_CHECKING:
    from textual.app import App

    from ..day.facade import Day
    from ..i18n import Messages
    from .sound import Speaker
    from ..day.timing import SlotView


class HallAlerts:
    """Watches one app's slot clock: at each alert it crosses, plays the stage's sound and records the alert.

    *sound* False (``--no-sound``, or ``[sound] enabled = false``) plays nothing; the
    alerts are recorded all the same. *notice* is told, on the app's thread, what
    the moderator should know about the sound (a text), or that all is well again (None).
    """

    def __init__(
        self,
        app: App,
        day: Day,
        messages: Messages,
        *,
        notice: Callable[[str | None], None],
        sound: bool = True,
        player: str | None = None,
        folder: Path | None = None,
    ) -> None:
        self.app = app
        self.day = day
        self.t = messages
        self.notice = notice
        self.sound = sound and day.event.sound.enabled
        self.player = player
        self.folder = folder or Path.cwd()
        self.muted = False
        self.speaker: Speaker | None = None
        self.played: list[Cue] = []
        """Every cue handed to the speaker, in order (what a test can see without a player)."""
        self._last: SlotView | None = None

    @classmethod
    def attach(cls, app: App, day: Day, messages: Messages, *, notice: Callable[[str | None], None], start: bool = True, **options) -> HallAlerts:
        """One call for an app that shows a clock: the watcher, its speaker started after the next frame (*start*)."""
        hall = cls(app, day, messages, notice=notice, **options)
        if start:
            app.call_after_refresh(hall.start)
        return hall

    def start(self) -> None:
        """Find the player and make the sounds, on the speaker's thread (call it once the first frame is out)."""
        if not self.sound or self.speaker is not None:
            return
        from .sound import Speaker  # subprocess, wave and the rest load after the first frame

        self.speaker = Speaker(self.day.event.sound, self.folder, self._reported, command=self.player)
        self.speaker.prepare()

    def close(self) -> None:
        if self.speaker is not None:
            self.speaker.close()

    def follow(self, view: SlotView) -> Alert | None:
        """The clock shows *view*: the alert it crossed since the last view, if any, played and (soon) recorded."""
        before, self._last = self._last, view
        alert = crossed(self.day.event, before, view)
        if alert is not None:
            self._play(alert.cue)
            self.app.call_after_refresh(self._record, alert, self._heard())
        elif self.day.event.sound.tick and tick_due(before, view):
            self._play(Cue.TICK)
        return alert

    def _heard(self) -> str:
        """What the hall heard, for the alert's record: "played" (handed to the player), "muted", "off", "no_player"."""
        if not self.sound:
            return "off"
        if self.muted:
            return "muted"
        return "played" if self.speaker is not None and self.speaker.player is not None else "no_player"

    def _play(self, cue: Cue) -> None:
        if self.muted or not self.sound:
            return
        self.played.append(cue)
        if self.speaker is not None:
            self.speaker.play(cue)

    def _record(self, alert: Alert, heard: str) -> None:
        try:
            self.day.record_alert(alert, heard)
        except GelarError as exc:
            self.app.notify(exc.render(self.t), severity="error")

    def _reported(self, problem: Problem | None) -> None:
        """From the speaker's threads: hand the news to the app's thread."""
        text = None if problem is None else problem.render(self.t)
        try:
            self.app.call_from_thread(self.notice, text)
        except Exception:  # noqa: BLE001 - the app has stopped, or is stopping: nobody left to tell
            pass

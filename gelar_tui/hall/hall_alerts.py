"""The hall's sound at the clock's alerts: the player, made ready after the first frame, muting, and what the hall heard.

An app that plays the alerts (the console; the audience display with ``--sound``)
has one :class:`HallAlerts`; its clock driver (``gelar_tui.ui.clock_driver``) decides
which alert the clock crossed and hands the cue here (:meth:`HallAlerts.play`), then
records the alert with what the hall heard (:meth:`HallAlerts.heard`). The sounds play
from :class:`~gelar_tui.hall.sound.Speaker`'s worker thread, never on the event loop.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from ..day.alerts import Cue
from ..errors import Problem

if TYPE_CHECKING:
    from ..day.facade import Day
    from ..i18n import Messages
    from .sound import Speaker


class HallAlerts:
    """One app's sound in the hall: the speaker, the mute, the cues played.

    *sound* False (``--no-sound``, or ``[sound] enabled = false``) plays nothing; the
    alerts are recorded all the same. *notice* is told, on the app's thread (through
    *call_from_thread*), what the moderator should know about the sound (a text), or
    that all is well again (None).
    """

    def __init__(
        self,
        day: Day,
        messages: Messages,
        *,
        notice: Callable[[str | None], None],
        call_from_thread: Callable[..., object],
        sound: bool = True,
        player: str | None = None,
        folder: Path | None = None,
    ) -> None:
        self.day = day
        self.t = messages
        self.notice = notice
        self._call_from_thread = call_from_thread
        self.sound = sound and day.event.sound.enabled
        self.player = player
        self.folder = folder or Path.cwd()
        self.muted = False
        self.speaker: Speaker | None = None
        self.played: list[Cue] = []
        """Every cue handed to the speaker, in order (what a test can see without a player)."""

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

    def heard(self) -> str:
        """What the hall heard, for the alert's record: "played" (handed to the player), "muted", "off", "no_player"."""
        if not self.sound:
            return "off"
        if self.muted:
            return "muted"
        return "played" if self.speaker is not None and self.speaker.player is not None else "no_player"

    def play(self, cue: Cue) -> None:
        """Play *cue* (unless muted or off)."""
        if self.muted or not self.sound:
            return
        self.played.append(cue)
        if self.speaker is not None:
            self.speaker.play(cue)

    def _reported(self, problem: Problem | None) -> None:
        """From the speaker's threads: hand the news to the app's thread."""
        text = None if problem is None else problem.render(self.t)
        try:
            self._call_from_thread(self.notice, text)
        except Exception:  # noqa: BLE001 - the app has stopped, or is stopping: nobody left to tell
            pass

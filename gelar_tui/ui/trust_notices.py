"""The notices of trust at start and during the day: a spill file refused, the journal holding another
version of the event, and the event file changing on disk (the console keeps the version it started with)."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

from ..errors import GelarError
from ..day.eventrecord import drift_warning, file_changes, file_stamp

if TYPE_CHECKING:
    from .app import GelarApp

CHECK_SECONDS = 3.0
"""How often the event file's time and size are looked at (one stat call)."""


class TrustNotices:
    """The notices for one app (see :func:`show_trust_notices`)."""

    def __init__(self, app: GelarApp) -> None:
        self.app = app
        self.day = app.day
        self.path = self.day.event_path
        self.stamp = file_stamp(self.path)
        self.told: list[str] | str | None = None
        """What the last notice said about the file on disk: not repeated while it stays so."""

    def start(self) -> None:
        t, day = self.app.t, self.day
        if day.state.unfit:
            self._say(t("trust.unfit_at_start", count=day.state.unfit))
        if day.spill_refused is not None:
            self._say(t("trust.spill_refused_at_start", reason=day.spill_refused.render(t)))
        if day.event_replaced is not None:
            self._say(t("trust.event_replaced", sections=", ".join(day.event_replaced) or "-"))
        elif not day.records_event:
            warning = drift_warning(day, t)  # a reader (the audience display, a station): compare and say
            if warning:
                self._say(warning)
        if self.path is not None and self.stamp is not None:
            asyncio.get_running_loop().call_later(CHECK_SECONDS, self._look)

    def _look(self) -> None:
        """Every CHECK_SECONDS, on the event loop itself, until the app has quit: a Textual timer would put
        a message through the app's queue each time, which the stat needs none of."""
        if not self.app.is_running:
            return
        try:
            self.check()
        finally:
            asyncio.get_running_loop().call_later(CHECK_SECONDS, self._look)

    def check(self) -> None:
        stamp = file_stamp(self.path)
        if stamp is None or stamp == self.stamp:
            return
        self.stamp = stamp
        # exit_on_error=False: a file that cannot be compared must never end the console
        self.app.run_worker(self._compare, thread=True, exclusive=True, group="event-watch", exit_on_error=False)

    def _compare(self) -> None:
        """On a worker thread: loading an edited file checks it afresh (pydantic)."""
        t = self.app.t
        try:
            sections: list[str] | str = file_changes(self.path, self.day)
            text = t("trust.event_file_changed", sections=", ".join(sections)) if sections else ""
        except GelarError as exc:
            sections = exc.problems[0].render(t) if exc.problems else exc.render(t)
            text = t("trust.event_file_broken", reason=sections)
        if sections == self.told:
            return
        self.told = sections
        if text:
            self.app.call_from_thread(self._say, text)

    def _say(self, text: str) -> None:
        self.app.notify(text, severity="warning", timeout=20, markup=False)  # paths and reasons are plain text


def show_trust_notices(app: GelarApp) -> TrustNotices:
    """Say what needs saying at start, and watch *app*'s event file for the rest of the day."""
    notices = TrustNotices(app)
    notices.start()
    return notices

"""The slot clock's one driver: each tick, the slot's view, its alerts, their sounds and records, published to the views.

Every app on the day (the console, the audience display, the presenter monitor, a
juror's station) has one :class:`ClockDriver`. It wakes when the clock's face next
changes (a deadline on the clock, never a count of ticks) and when the day changes,
and each time:

1. writes the segment records that fell due (the console only: ``writes_segments``),
2. takes the slot's view (or the break's) from the day,
3. decides what the clock crossed since the last tick (:mod:`gelar_tui.day.alerts`,
   pure functions): a new segment rings twice, an alert rings once and plays its sound
   (through the app's :class:`~gelar_tui.hall.hall_alerts.HallAlerts`, where it has
   one), zero rings three times; the alert's record is written after the frame that
   shows it (``Day.record_alert``, by an app with hall alerts, as before),
4. publishes a :class:`ClockTick` on :attr:`ClockDriver.signal`, a Textual ``Signal``.

Widgets and screens subscribe (:meth:`ClockDriver.subscribe`) and paint what they are
given: none of them asks the day for the time, decides an alert or writes a record.
"""

from __future__ import annotations

import asyncio
import time
import weakref
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.signal import Signal

from ..day.alerts import Alert, Cue, crossed, tick_due, watched_across
from ..day.state import SHEET_RECORD_KINDS, STATION_RECORD_KINDS
from ..errors import GelarError

if TYPE_CHECKING:
    from textual.dom import DOMNode

    from ..day.rundown import BreakView
    from ..day.timing import SlotView
    from ..journal.store import Record
    from .day_app import DayApp

MIN_TICK = 0.02
"""Never wake more often than this, even in a fast rehearsal (seconds of real time)."""
FLASH_ALERT, FLASH_SEGMENT, FLASH_ZERO = 2, 3, 6
"""How many times the big clock flashes at an alert, at a new segment, at zero."""
NOT_ON_CLOCK = SHEET_RECORD_KINDS | STATION_RECORD_KINDS
"""Records that change nothing the clock shows (jurors typing, stations opening)."""


@dataclass(frozen=True, slots=True)
class ClockTick:
    """What the slot clock shows now: what every view of the clock paints."""

    view: SlotView
    """The slot's view (during a break, of the slot on stage: the small clocks show it)."""
    pause: BreakView | None = None
    """The break's view while one runs: the big clock shows it."""
    before: SlotView | None = None
    """The slot's view published before this one (None at first, and after a break)."""
    flash: int = 0
    """How many times the big clock flashes now (0: it does not)."""


class ClockDriver:
    """The one object that moves an app's slot clock (see the module's docstring)."""

    def __init__(self, app: DayApp, *, writes_segments: bool = False) -> None:
        self.app = app
        self.writes_segments = writes_segments
        """Whether this app writes the segment records that fall due (the console does)."""
        self.signal: Signal[ClockTick] = Signal(app, "slot-clock")
        self.last: ClockTick | None = None
        """The tick published last (None before the first)."""
        self.ticks = 0
        """Ticks computed so far (what a test or a benchmark can read)."""
        self.next_wake: float | None = None
        """Seconds of real time until the planned wake-up, as planned at the last tick (None: none planned)."""
        self._wake: asyncio.TimerHandle | None = None
        self._views: weakref.WeakSet[DOMNode] = weakref.WeakSet()
        self._ticking = False

    # -- the views' side ------------------------------------------------------------

    def subscribe(self, node: DOMNode, paint: Callable[[ClockTick], object]) -> None:
        """*paint* is called with every tick while *node* is mounted, first with the last one.

        The driver runs while some view is mounted: an app with no view of the clock
        (a station at its PIN screen) never wakes for it.
        """

        def painted(tick: ClockTick) -> None:
            try:
                paint(tick)
            except Exception as error:  # noqa: BLE001 - a Signal would only log it: fail as any handler does
                self.app.call_later(_raise, error)

        self.signal.subscribe(node, painted, immediate=True)
        started = self._running()
        self._views.add(node)
        if not started or self.last is None:
            self.tick()
        else:
            painted(self.last)

    def _running(self) -> bool:
        """Whether some view of the clock is mounted."""
        return any(node.is_running and node.is_attached for node in self._views)

    # -- the ticks --------------------------------------------------------------------

    def day_changed(self, records: Sequence[Record] | None = None) -> None:
        """The day changed (*records* from elsewhere; None: an action here): the clock again, at once."""
        if records is not None and all(record.kind in NOT_ON_CLOCK for record in records):
            return
        self.tick()

    def tick(self) -> None:
        """Take the clock's view now, decide its alerts, publish it, and plan the next wake-up."""
        if self._ticking:  # a segment record this tick writes comes back as a day change
            return
        if not self._running():  # nobody shows the clock (yet, or any more): no wake-ups
            self._plan(None, 0.0)
            self.last = None  # nobody watched what the clock crosses meanwhile
            return
        self._ticking = True
        try:
            self._tick()
        finally:
            self._ticking = False

    def _tick(self) -> None:
        day = self.app.day
        self.ticks += 1
        taken = time.monotonic()
        pause = day.break_view()
        if pause is not None:  # "Ishoma · back at 12:45", with its countdown
            self._publish(ClockTick(day.slot(), pause))
            self._plan(pause.until_next_change(), taken)
            return
        if self.writes_segments and day.segments_due():  # a segment began by itself: into the journal
            self.app.act(day.sync_segments)
        taken = time.monotonic()
        view = day.slot()
        before = self.last.view if self.last is not None and self.last.pause is None else None
        self._publish(ClockTick(view, None, before, self._crossed(before, view)))
        self._plan(view.until_next_change(), taken)

    def _publish(self, tick: ClockTick) -> None:
        self.last = tick
        self.signal.publish(tick)

    def _crossed(self, before: SlotView | None, now: SlotView) -> int:
        """Ring, play and record what the clock crossed from *before* to *now*; how many flashes it calls for."""
        app = self.app
        flash = 0
        if watched_across(before, now) and now.segment > before.segment:  # (an undone change rings nothing)
            flash = FLASH_SEGMENT  # one segment ended, the next began
            app.ring(2)
        alert = crossed(app.day.event, before, now)
        hall = app.hall
        if alert is None:
            if hall is not None and app.day.event.sound.tick and tick_due(before, now):
                hall.play(Cue.TICK)
            return flash
        if hall is not None:  # an app with hall alerts plays the sound and records what the hall heard
            hall.play(alert.cue)
            app.call_after_refresh(self._record, alert, hall.heard())
        app.ring(3 if alert.time_up else 1)
        return FLASH_ZERO if alert.time_up else FLASH_ALERT

    def _record(self, alert: Alert, heard: str) -> None:
        try:
            self.app.day.record_alert(alert, heard)
        except GelarError as exc:
            self.app.notify(exc.render(self.app.t), severity="error")

    def _plan(self, delay: float | None, taken: float) -> None:
        """Wake when the face next changes, *delay* seconds of clock time after the view taken at *taken*.

        The wake-up is the event loop's own timer, not a Textual ``Timer``: that would start
        a task and send the app a message each second, for nothing a tick needs.
        """
        if self._wake is not None:
            self._wake.cancel()
            self._wake = None
        self.next_wake = None
        if delay is None:
            return
        clock = self.app.day.clock
        # The view was taken at *taken*; the work since then is not waited for twice.
        wait = delay / clock.speed - (time.monotonic() - taken) + 0.002
        if clock.speed > 1:
            wait = max(MIN_TICK, wait)  # a fast rehearsal would otherwise redraw without pause
        self.next_wake = max(0.001, wait)
        self._wake = asyncio.get_running_loop().call_later(self.next_wake, self._woken)

    def _woken(self) -> None:
        self._wake = None
        try:
            self.tick()
        except Exception as error:  # noqa: BLE001 - the loop would only log it: fail as a Textual timer does
            self.app.call_later(_raise, error)

    def stop(self) -> None:
        """No more wake-ups (the app is quitting)."""
        if self._wake is not None:
            self._wake.cancel()
            self._wake = None
        self._views.clear()


def _raise(error: Exception) -> None:
    raise error

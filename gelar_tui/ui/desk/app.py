"""The results desk: a Textual app over every journal on the hub, live by LISTEN/NOTIFY; it writes nothing.

Each journal is a :class:`~gelar_tui.day.facade.Day` on a
:class:`~gelar_tui.hub.reader.HubJournal`, all sharing one connection and one listener.
A notification marks its journal; a timer once a second takes in what arrived (one query
per journal that changed), recomputes the lines (:mod:`gelar_tui.hub.overview`), and
redraws only the cells that changed. Enter opens the journal's scoreboard: the console's
own screen, on that day.
"""

from __future__ import annotations

import asyncio
import threading
from pathlib import Path

from textual.app import App
from textual.binding import Binding

from ...day.facade import Day
from ...errors import GelarError
from ...hub.overview import JournalLine, journal_line
from ...scoring.live_ranking import LiveRanking
from ...event.hub_url import masked
from ...hub.reader import Hub, HubJournal, hub_event
from ...i18n import Messages
from ...journal.clock import Clock, SystemClock
from ..messages import DayChanged
from ..plain import visible
from ..clock_driver import ClockDriver

HERE = Path(__file__).parent
TICK = 1.0
"""Seconds between looks at what arrived (and between clock updates)."""


class DeskApp(App[int]):
    """Every journal of every event on the hub; Enter: that journal's scoreboard."""

    CSS_PATH = [HERE.parent / "app.tcss", HERE / "desk.tcss"]
    TITLE = "gelar desk"
    BINDINGS = [Binding("ctrl+q", "quit", "Quit", show=False, priority=True)]
    ENABLE_COMMAND_PALETTE = False

    def __init__(self, hub: Hub, messages: Messages, *, themes=None, theme: str | None = None, clock: Clock | None = None) -> None:
        super().__init__()
        self.hub = hub
        self.t = messages
        self.clock = clock or SystemClock()
        self.address = masked(hub.url)
        self.days: dict[str, tuple[Day, str]] = {}
        """Each journal's day and its event id, by journal id."""
        self.rankings: dict[str, LiveRanking] = {}
        """The desk's own live ranking of each journal."""
        self.day: Day | None = None
        """The day whose scoreboard is open (the console's screens read ``app.day``)."""
        self.lines: list[JournalLine] = []
        self.hall = None
        """The desk plays nothing in a hall (the clock driver asks)."""
        self.slot_clock = ClockDriver(self)
        """The small clock of the open scoreboard (the console's screens paint its ticks)."""
        self.refreshes = 0
        """Ticks that found something to take in (tests and the benchmark read it)."""
        self._dirty: set[str] = set()
        self._unknown = False
        self._lock = threading.Lock()
        for item in (themes or {}).values():
            self.register_theme(item)
        if theme and theme in (themes or {}):
            self.theme = theme

    def notify(self, message: str, *, markup: bool = False, **kwargs) -> None:
        super().notify(visible(message), markup=markup, **kwargs)

    def on_mount(self) -> None:
        from .screen import DeskScreen

        self._loop = asyncio.get_running_loop()
        self._unsubscribe = self.hub.listener.subscribe(self._heard)
        self.push_screen(DeskScreen())
        self.load_journals()
        self.tick()
        self.set_interval(TICK, self.tick)

    def _heard(self, payload: str | None) -> None:
        """On the listener's thread: note which journal changed (None: anything may have)."""
        with self._lock:
            if payload is None:
                self._dirty.update(self.days)
                self._unknown = True
                return
            journal = payload.partition(" ")[0]
            if journal in self.days:
                self._dirty.add(journal)
            elif journal != "lobby":
                self._unknown = True  # a journal the desk does not know yet: look at the hub's list again

    def load_journals(self) -> None:
        """Open every journal on the hub that the desk does not hold yet (each replayed once)."""
        for journal, event, _title, last in self.hub.journals():
            if journal in self.days or last == 0:
                continue
            reader = HubJournal(self.hub, journal, event)
            try:
                day = Day(hub_event(reader), reader, self.clock, "desk")  # type: ignore[arg-type]
            except GelarError as exc:
                reader.close()
                self.notify(exc.render(self.t), severity="warning")
                continue
            self.days[journal] = (day, event)

    def tick(self) -> None:
        """Take in what arrived, and show every line as of now."""
        if self.hub.listener.lost:  # no query while the listener makes the connection again (it would wait on this thread)
            self._show(lost=True)
            return
        with self._lock:
            dirty, self._dirty = self._dirty, set()
            unknown, self._unknown = self._unknown, False
        try:
            if unknown:
                self.load_journals()
            changed = {}
            for journal in dirty:
                day = self.days[journal][0]
                records = day.refresh()
                if records:
                    changed[journal] = records
        except GelarError:  # the hub went away: the last lines stay, marked as such
            with self._lock:
                self._dirty |= dirty
                self._unknown |= unknown
            self._show(lost=True)
            return
        if changed:
            self.refreshes += 1
            if self.day is not None:
                key = next((j for j, (day, _) in self.days.items() if day is self.day), None)
                if key in changed:
                    self.screen.post_message(DayChanged(changed[key]))
                    self.slot_clock.day_changed(changed[key])
        self._show(lost=self.hub.listener.lost)

    def _ranking(self, journal: str, day) -> LiveRanking:
        """The desk's own live ranking of *journal* (each view owns its ranking; a new event starts it afresh)."""
        kept = self.rankings.get(journal)
        if kept is None or kept.event is not day.event:
            kept = self.rankings[journal] = LiveRanking(day.event)
        return kept

    def _show(self, *, lost: bool) -> None:
        from .screen import DeskScreen

        self.lines = sorted(
            (journal_line(day, journal, event, ranking=self._ranking(journal, day)) for journal, (day, event) in self.days.items()),  # the last records held, as of now
            key=lambda line: (line.event, line.title, line.journal),
        )
        for screen in self.screen_stack:
            if isinstance(screen, DeskScreen):
                screen.show_lines(self.lines, lost=lost)

    def open_scoreboard(self, journal: str) -> None:
        """The console's scoreboard on *journal*'s day."""
        from .screen import DeskScoreboard

        found = self.days.get(journal)
        if found is None or isinstance(self.screen, DeskScoreboard):  # Enter typed twice in a burst: one scoreboard
            return
        self.day = found[0]
        self.push_screen(DeskScoreboard(), self._scoreboard_closed)

    def _scoreboard_closed(self, _result: object) -> None:
        self.slot_clock.stop()  # no wake-up finds the day gone
        self.day = None

    def ring(self, times: int = 1) -> None:
        """The desk never rings: the clocks it shows are other rooms'."""

    def act(self, action) -> bool:
        """What the console's screens call to act: the desk writes nothing, so it is refused with why."""
        try:
            action()
        except GelarError as exc:
            self.notify(exc.render(self.t), severity="warning")
            return False
        return True

    def on_unmount(self) -> None:
        """Let go of every journal and of the hub (its connection and listener)."""
        self._unsubscribe()
        for day, _ in self.days.values():
            day.close()
        self.hub.close()

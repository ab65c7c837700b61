"""The moderator's console: the group on stage, the big countdown, its alerts, the running order."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Iterator

from textual import on
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.events import Resize
from textual.screen import Screen
from textual.timer import Timer

from ...day.days import day_hours
from ...day.rundown import delay_text
from ...day.state import SHEET_RECORD_KINDS, STATION_RECORD_KINDS, GroupStatus
from ..bindings import translate_bindings
from ..clock_driver import MIN_TICK, ClockTick
from ..messages import DayChanged
from ..widgets.fault_banner import FaultBanner
from ..widgets.key_bar import KeyBar
from ..widgets.running_order import CompactOrder, RunningOrder
from ..widgets.slot_stage import SlotStage
from ..widgets.top_bar import TopBar

NARROW = 110
SHORT = 22
TINY = 12

_NOT_ON_STAGE = SHEET_RECORD_KINDS | STATION_RECORD_KINDS
"""Records that change nothing the console's own screen shows (it shows no score; the jury sheet shows the stations)."""


class ConsoleScreen(Screen):
    """What the hall sees, and the keys the moderator drives it with."""

    # console.tcss is loaded with the app's stylesheet (GelarApp.CSS_PATH).

    BINDINGS = [
        Binding("space", "toggle", "console.key_toggle"),
        Binding("question_mark,f1", "help", "console.key_help", key_display="?"),
        Binding("n", "next", "console.key_next"),
        Binding("b", "back", "console.key_back"),
        Binding("plus,equals_sign", "extend(60)", "console.key_plus", key_display="+"),
        Binding("minus", "extend(-60)", "console.key_minus", key_display="-"),
        Binding("r", "restart", "console.key_restart"),
        Binding("x", "skip", "console.key_skip"),
        Binding("t", "next_segment", "rundown.key_segment"),
        Binding("u", "undo_segment", "console.key_undo_segment", show=False),
        Binding("i", "break", "rundown.key_break"),
        Binding("o", "order", "console.key_order", show=False),
        Binding("s", "scoreboard", "console.key_scoreboard"),
        Binding("j", "jury", "console.key_jury"),
        Binding("w", "winner", "console.key_winner"),
        Binding("a", "analysis", "analysis.key_open", show=False),
        Binding("d", "display", "display.key_show", show=False),
        Binding("m", "app.toggle_mute", "sound.key_mute", show=False),
        Binding("f2", "app.spill", "trust.key_spill", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._minute_timer: Timer | None = None

    def compose(self) -> ComposeResult:
        # Few widgets, and no container that is not needed: each one costs start-up time
        # (styling, layout, a first paint) and a share of every repaint.
        yield TopBar(id="topbar", classes="topbar")
        yield SlotStage(self.app.day.slot(), below=CompactOrder(id="compact-order"), id="stage")
        yield RunningOrder(id="order")
        yield KeyBar()

    def on_mount(self) -> None:
        t = self.app.t
        # The widgets the clock moves every second, found once.
        self._stage = self.query_one("#stage", SlotStage)
        self._order = self.query_one("#order", RunningOrder)
        translate_bindings(self)
        self.query_one(KeyBar).show_bindings(self._shown_bindings(), t)
        self._layout_for(self.size.width, self.size.height)
        self.app.slot_clock.subscribe(self, self._clock_moved)
        self.refresh_view()
        self._update_wallclock()
        self.call_after_refresh(self.app.console_drawn)
        self._say_day()
        shipper = getattr(self.app, "hub_shipper", None)
        if shipper is not None:  # the shipper's thread says when the hub's state changes: no timer here
            loop = asyncio.get_running_loop()

            def changed() -> None:
                try:
                    loop.call_soon_threadsafe(self._show_hub)
                except RuntimeError:  # the app's loop has closed: it is quitting
                    pass

            shipper.on_change = changed

    # -- drawing --------------------------------------------------------------

    @on(DayChanged)
    def _day_changed(self, message: DayChanged) -> None:
        if message.only(_NOT_ON_STAGE):  # jurors typing: nothing here shows a score
            self._show_fault()
        else:
            self.refresh_view()

    def refresh_view(self) -> None:
        """Redraw everything from the day's state (after an action, or a record from another process)."""
        self._stage.show_group()
        self.query_one("#compact-order", CompactOrder).show()
        self._order.show()
        self._show_fault()
        self.show_top_line()
        self.tick()

    def _show_fault(self) -> None:
        """The banner while the journal cannot be written: what is wrong, and how many records wait."""
        FaultBanner.show_in(self._stage, self.app.day, self.app.t, before=self._stage.query_one("#group"), lost=self.app.journal_lost)

    def tick(self) -> None:
        """The clock now: the app's clock driver ticks, and the stage and this screen paint it."""
        self.app.slot_clock.tick()

    def _clock_moved(self, tick: ClockTick) -> None:
        """A slot that ends at zero (or a segment that begins) changes the order's row without an action;
        the hub's lag on the top line ages with the clock."""
        before, view = tick.before, tick.view
        if tick.pause is None and (before is None or (before.group, before.phase, before.segment) != (view.group, view.phase, view.segment)):
            self._order.show()
        self._show_hub()

    def _show_hub(self) -> None:
        """The hub's state on the top line (only when the journal is shipped to one)."""
        shipper = getattr(self.app, "hub_shipper", None)
        if shipper is None:
            return
        found = self.query(TopBar)
        if found:
            found.first(TopBar).show_hub(*shipper.state.summary(self.app.t, time.time()))

    def _update_wallclock(self) -> None:
        now = self.show_top_line()
        delay = (60 - now % 60) / self.app.day.clock.speed + 0.01
        self._minute_timer = self.set_timer(max(MIN_TICK, delay), self._update_wallclock)

    def show_top_line(self) -> float:
        """The top line: the event, what the sound has to say, the badges, the time of day (of the clock's now)."""
        app = self.app
        now = app.day.wall_now()
        event = app.day.event.event
        badges = [app.t("console.rehearsal", speed=f"{app.rehearsal:g}")] if app.rehearsal else []
        if app.muted:
            badges.append(app.t("sound.muted"))
        schedule, late = "", False
        if day_hours(app.day.event, app.day.state)[0] is not None:  # how late the day (being run) runs
            planned = app.day.schedule()
            schedule, late = delay_text(planned, app.t), planned.late_end
        found = self.query(TopBar)
        if not found:  # the console is being taken down (quitting): nothing to show it on
            return now
        top = found.first(TopBar)
        clock = time.strftime("%H:%M", time.localtime(now))
        top.show(f"{event.title} · {event.venue}", badges, clock, app.sound_notice, schedule, late)
        self._show_hub()
        return now

    # -- sizes ----------------------------------------------------------------------

    def on_resize(self, event: Resize) -> None:
        self._layout_for(event.size.width, event.size.height)

    def _layout_for(self, width: int, height: int) -> None:
        self.set_class(width < NARROW, "-narrow")
        self.set_class(height < SHORT, "-short")
        self.set_class(height < TINY or width < 40, "-tiny")

    # -- actions ----------------------------------------------------------------------

    def _under_way(self) -> bool:
        state = self.app.day.state
        return state.current is not None and state.status(state.current) == GroupStatus.PRESENTING

    def _confirmed(self, question: str, action: Callable[[], object], ask: bool = True) -> None:
        if not ask:
            self.app.act(action)
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self.app.act(action)

        from .confirm import ConfirmScreen  # a dialog is not in the first frame

        self.app.push_screen(ConfirmScreen(question), answered)

    def action_toggle(self) -> None:
        self.app.act(self.app.day.toggle)

    def action_next(self) -> None:
        self._confirmed(self.app.t("console.confirm_next"), self.app.day.next_group, self._under_way())

    def action_back(self) -> None:
        self._confirmed(self.app.t("console.confirm_back"), self.app.day.previous_group, self._under_way())

    def action_extend(self, seconds: int) -> None:
        self.app.act(lambda: self.app.day.extend(seconds))

    def action_restart(self) -> None:
        self._confirmed(self.app.t("console.confirm_restart"), self.app.day.restart)

    def action_skip(self) -> None:
        self._confirmed(self.app.t("console.confirm_skip"), self.app.day.skip, self._under_way())

    def action_order(self) -> None:
        from .order import OrderScreen

        self.app.push_screen(OrderScreen())

    def action_help(self) -> None:
        from .help import HelpScreen

        self.app.push_screen(HelpScreen(self._help_rows()))

    def action_scoreboard(self) -> None:
        from .scoreboard import ScoreboardScreen

        self.app.push_screen(ScoreboardScreen())

    def action_jury(self) -> None:
        from .jury import JuryScreen

        self.app.push_screen(JuryScreen())

    def action_next_segment(self) -> None:
        """The next segment at once (the moderator is not slowed down by a question); `u` takes it back."""
        names: list[str] = []
        if self.app.act(lambda: names.append(self.app.day.next_segment())):
            self.app.notify(self.app.t("console.segment_started_undo", name=names[0]), timeout=8)

    def action_undo_segment(self) -> None:
        """Back to the segment before, its time as if the change had never been made (a stray `t`)."""
        names: list[str] = []
        if self.app.act(lambda: names.append(self.app.day.undo_segment())):
            self.app.clear_notifications()  # "… started · u takes it back" is no longer true
            self.app.notify(self.app.t("console.segment_undone", name=names[0]))

    def action_break(self) -> None:
        """Start the break that is due; during a break, end it."""
        day = self.app.day
        self.app.act(day.end_break if day.state.on_break is not None else day.start_break)

    def _shown_bindings(self) -> list[Binding]:
        """The key bar's keys: the segment and break keys only for an event that has segments or breaks."""
        event = self.app.day.event
        hidden = set()
        if not any(event.segmented(group) for group in event.group_ids):
            hidden.update(("next_segment", "undo_segment"))
        if not event.breaks:
            hidden.add("break")
        return [b for b in self.BINDINGS if isinstance(b, Binding) and b.action not in hidden]

    def action_analysis(self) -> None:
        from .analysis import AnalysisScreen

        self.app.push_screen(AnalysisScreen())

    def action_winner(self) -> None:
        from .winner import open_winner

        open_winner(self.app)

    def action_display(self, view: str = "") -> None:
        """What the audience display shows: *view*, or (the key) the next of the four."""
        from ...day.hall import DISPLAY_VIEWS, VIEW_NAMES

        day = self.app.day
        if not view:
            view = DISPLAY_VIEWS[(DISPLAY_VIEWS.index(day.display_view()) + 1) % len(DISPLAY_VIEWS)]
        if self.app.act(lambda: day.show_on_display(view)):
            self.app.notify(self.app.t("display.shown", view=self.app.t(VIEW_NAMES[view])))

    def _say_day(self) -> None:
        """Which day of several the console runs, and the earlier days its opening closed (issue 21)."""
        app, state = self.app, self.app.day.state
        if state.day is None or state.days < 2:
            return
        from ...event.days import event_days

        date = event_days(app.day.event)[state.day - 1].date.isoformat()
        lines = [app.t("today.opened", day=state.day, count=state.days, date=date)]
        closed = getattr(app, "days_closed_on_open", [])
        if closed:
            key = "today.closed_before_open" if app.day.event.scoring.scores_open_across_days else "today.closed_before"
            lines.append(app.t(key, days=", ".join(map(str, closed))))
        app.notify("\n".join(lines), timeout=10)

    def _day_commands(self) -> Iterator[SystemCommand]:
        """With several days: move the group on stage to another day; close the day being run."""
        day, t = self.app.day, self.app.t
        if day.state.days < 2:
            return
        current = day.state.current
        if current is not None:
            from .day_chooser import move_group_to_day

            yield SystemCommand(t("today.palette.move"), t("today.palette.move_help"), lambda: move_group_to_day(self.app, current, self.refresh_view))
        number = day.state.day
        if number is not None and number not in day.state.closed_days:

            def close() -> None:
                if self.app.act(lambda: day.close_day(number)):
                    self.app.notify(t("today.closed", day=number))

            yield SystemCommand(
                t("today.palette.close", day=number),
                t("today.palette.close_help"),
                lambda: self._confirmed(t("today.palette.close", day=number) + "?", close),
            )

    def _help_rows(self) -> list[tuple[str, str]]:
        rows = []
        for binding in self.BINDINGS:
            assert isinstance(binding, Binding)
            rows.append((binding.key_display or binding.key.split(",")[0], self.app.t(binding.description)))
        rows += [("ctrl+p", self.app.t("console.key_palette")), ("ctrl+q", self.app.t("console.key_quit"))]
        return rows

    def palette_commands(self) -> Iterator[SystemCommand]:
        """Every console action, for the command palette."""
        for binding in self.BINDINGS:
            assert isinstance(binding, Binding)
            action = binding.action
            yield SystemCommand(
                self.app.t(binding.description),
                f"{binding.key_display or binding.key.split(',')[0]}",
                lambda action=action: self.run_action(action),
            )
        from ...day.hall import DISPLAY_VIEWS, VIEW_NAMES

        for view in DISPLAY_VIEWS:
            yield SystemCommand(
                self.app.t("display.palette_show", view=self.app.t(VIEW_NAMES[view])),
                self.app.t("display.palette_show_help"),
                lambda view=view: self.action_display(view),
            )
        yield from self._day_commands()


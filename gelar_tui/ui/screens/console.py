"""The moderator's console: the group on stage, the big countdown, its alerts, the running order."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator

from textual import on
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Vertical
from textual.events import Resize
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Static

from ...durations import format_clock, format_duration
from ...rundown import segment_text
from ...state import GroupStatus
from ...timing import Phase, SlotView, Stage
from ..bindings import translate_bindings
from ..messages import DayChanged
from ..widgets.bigclock import BigClock
from ..widgets.group_card import GroupCard
from ..widgets.key_bar import KeyBar
from ..widgets.running_order import CompactOrder, RunningOrder
from ..widgets.segment_title import SegmentTitle
from ..widgets.slot_bar import SlotBar
from ..widgets.top_bar import TopBar
from .confirm import ConfirmScreen
from .rundown_console import RundownConsole

MIN_TICK = 0.02
"""Never wake more often than this, even in a fast rehearsal (seconds of real time)."""
FLASH_STEP = 0.25
NARROW = 110
SHORT = 22
TINY = 12
STAGE_CLASSES = tuple(f"-{stage.value}" for stage in Stage) + ("-ready", "-paused", "-done", "-idle", "-break")


class ConsoleScreen(RundownConsole, Screen):
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
        Binding("a", "next_segment", "rundown.key_segment"),
        Binding("i", "break", "rundown.key_break"),
        Binding("o", "order", "console.key_order", show=False),
        Binding("s", "scoreboard", "console.key_scoreboard"),
        Binding("j", "jury", "console.key_jury"),
        Binding("w", "winner", "console.key_winner"),
        Binding("m", "app.toggle_bell", "console.key_bell", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._tick_timer: Timer | None = None
        self._minute_timer: Timer | None = None
        self._flash_timer: Timer | None = None
        self._last: SlotView | None = None
        self._clock_face = ""
        self._texts: dict[str, str] = {}
        self._view_time = 0.0
        self._stage_now: set[str] = set()

    def compose(self) -> ComposeResult:
        # Few widgets, and no container that is not needed: each one costs start-up time
        # (styling, layout, a first paint) and a share of every repaint.
        yield TopBar(id="topbar", classes="topbar")
        # Born with the stage's classes: setting them after mount would restyle the stage again.
        self._stage_now = self._stage_classes(self.app.day.slot())
        with Vertical(id="stage", classes=" ".join(sorted(self._stage_now))):
            yield GroupCard(id="group")
            yield SegmentTitle(id="segment")
            with Vertical(id="clock-frame"):
                yield BigClock("", id="clock")
            yield Static(id="stage-label")
            yield SlotBar(id="bar")
            yield Static(id="next")
            yield CompactOrder(id="compact-order")
        yield RunningOrder(id="order")
        yield KeyBar()

    def on_mount(self) -> None:
        t = self.app.t
        # The widgets the clock moves every second, found once.
        self._stage = self.query_one("#stage", Vertical)
        self._clock = self.query_one("#clock", BigClock)
        self._bar = self.query_one("#bar", SlotBar)
        self._order = self.query_one("#order", RunningOrder)
        self._segment = self.query_one("#segment", SegmentTitle)
        translate_bindings(self)
        self.query_one(KeyBar).show_bindings(self._shown_bindings(), t)
        self._layout_for(self.size.width, self.size.height)
        self.refresh_view()
        self._update_wallclock()
        self.call_after_refresh(self.app.console_drawn)

    # -- drawing --------------------------------------------------------------

    @on(DayChanged)
    def refresh_view(self) -> None:
        """Redraw everything from the day's state (after an action, or a record from another process)."""
        day = self.app.day
        current = day.state.current
        order = day.state.order
        position = order.index(current) + 1 if current in order else 0
        self.query_one("#group", GroupCard).show(current, position, len(order))
        self._set_text("#next", self._next_text())
        self.query_one("#compact-order", CompactOrder).show()
        self._order.show()
        self._show_top_line()
        self.tick()

    def tick(self) -> None:
        """What moves with the clock: the face, its stage, the label and the bar; then plan the next wake-up.

        It runs once a second while a slot runs, so it touches only what changed.
        """
        self._view_time = time.monotonic()
        day = self.app.day
        pause = day.break_view()
        if pause is not None:
            self._break_tick(pause)
            return
        if day.segments_due():  # a segment began by itself: into the journal (the redraw follows)
            self.app.act(day.sync_segments)
        view = day.slot()
        before, self._last = self._last, view
        self._signal(before, view)
        if before is None or (before.group, before.phase, before.segment) != (view.group, view.phase, view.segment):
            self._order.show()  # a slot that ends at zero changes the order's row without an action
        self._set_stage(self._stage_classes(view))
        self._set_face(view.shown if view.group is not None else "--:--")
        self._segment.show(segment_text(view, self.app.t))
        self._set_text("#stage-label", self._stage_text(view), layout=False)  # always one line
        self._bar.set_progress(view.slot_progress, self._bar_label(view))
        self.app.clock_ticked(view)
        self._plan_tick(view.until_next_change())

    def _set_stage(self, wanted: set[str]) -> None:
        if wanted != self._stage_now:
            self._stage_now = wanted
            for name in STAGE_CLASSES:
                self._stage.set_class(name in wanted, name)

    def _set_face(self, face: str) -> None:
        if face != self._clock_face:
            self._clock_face = face
            self._clock.text = face

    def _set_text(self, selector: str, text: str, layout: bool = True) -> None:
        """Update a Static only when its text changes (with *layout*, an update costs a layout pass)."""
        if self._texts.get(selector) != text:
            self._texts[selector] = text
            self.query_one(selector, Static).update(text, layout=layout)

    def _plan_tick(self, delay: float | None) -> None:
        """Wake up when the face next changes (*delay* clock seconds on): a deadline on the clock, not a count of ticks."""
        if self._tick_timer is not None:
            self._tick_timer.stop()
            self._tick_timer = None
        if delay is None:
            return
        clock = self.app.day.clock
        # The view was computed at view_time; the work since then is not waited for twice.
        wait = delay / clock.speed - (time.monotonic() - self._view_time) + 0.002
        if clock.speed > 1:
            wait = max(MIN_TICK, wait)  # a fast rehearsal would otherwise redraw without pause
        self._tick_timer = self.set_timer(max(0.001, wait), self.tick)

    def _update_wallclock(self) -> None:
        now = self._show_top_line()
        delay = (60 - now % 60) / self.app.day.clock.speed + 0.01
        self._minute_timer = self.set_timer(max(MIN_TICK, delay), self._update_wallclock)

    def _stage_classes(self, view: SlotView) -> set[str]:
        if view.phase == Phase.IDLE:
            return {"-idle"}
        wanted = {f"-{view.stage.value}"}
        if view.phase in (Phase.READY, Phase.PAUSED, Phase.DONE):
            wanted.add(f"-{view.phase.value}")
        return wanted

    def _stage_text(self, view: SlotView) -> str:
        t = self.app.t
        if view.phase == Phase.IDLE:
            return t("console.all_done")
        if view.phase == Phase.READY:
            return t("console.ready")
        if view.phase == Phase.DONE:
            if not self.app.day.state.slots[view.group].finished:  # overtime = "stop": it ended at zero
                return t("console.time_up")
            return t("console.finished", used=format_clock(int(view.time_run)))
        if view.phase == Phase.PAUSED:
            return t("console.paused")
        if view.stage == Stage.OVER:
            if self.app.day.event.timing.overtime == "stop":
                return t("console.time_up")
            return t("console.over_by", over=format_clock(view.overtime))
        if view.alert is not None:
            return _left_text(t, view.alert)
        return ""

    def _bar_label(self, view: SlotView) -> str:
        if view.group is None:
            return ""
        label = f"{format_clock(int(view.slot_time_run))} / {format_clock(view.slot_length)}"
        if view.slot_extension:
            sign = "+" if view.slot_extension > 0 else "-"
            label += f" ({sign}{format_duration(abs(view.slot_extension))})"
        return label

    def _next_text(self) -> str:
        day, t = self.app.day, self.app.t
        due = day.due_break()
        if due is not None and not self._under_way():
            return t("rundown.break_due", name=due.name, length=format_duration(due.length))
        following = day.state.current if day.state.on_break is not None else day.next_up()
        if following is None:
            return t("console.next_none")
        group = day.event.group(following)
        return t("console.next", name=group.name, agency=group.agency)

    # -- alerts -------------------------------------------------------------------

    def _signal(self, before: SlotView | None, now: SlotView) -> None:
        """Flash and ring when the clock crosses an alert or zero while this console watches it."""
        if before is None or before.group != now.group or now.phase not in (Phase.RUNNING, Phase.OVERTIME, Phase.DONE):
            return
        if before.phase not in (Phase.RUNNING, Phase.OVERTIME):
            return
        if now.segment != before.segment:  # one segment ended, the next began
            self.flash(3)
            self.app.ring(2)
        elif now.stage == Stage.OVER and before.stage != Stage.OVER:
            self.flash(6)
            self.app.ring(3)
        elif now.alerts_reached > before.alerts_reached:
            self.flash(2)
            self.app.ring(1)

    def flash(self, steps: int) -> None:
        """Invert the clock *steps* times, FLASH_STEP apart, and end un-inverted."""
        stage = self.query_one("#stage")
        if self._flash_timer is not None:
            self._flash_timer.stop()
        remaining = steps * 2 - 1
        stage.add_class("-flash")

        def toggle() -> None:
            nonlocal remaining
            remaining -= 1
            stage.set_class(remaining > 0 and remaining % 2 == 0, "-flash")
            if remaining <= 0 and self._flash_timer is not None:
                self._flash_timer.stop()
                self._flash_timer = None

        self._flash_timer = self.set_interval(FLASH_STEP, toggle)

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

    def action_winner(self) -> None:
        from .winner import open_winner

        open_winner(self.app)

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


def _left_text(t: Callable[..., str], alert: int) -> str:
    if alert % 60 == 0:
        minutes = alert // 60
        return t("console.left_minute" if minutes == 1 else "console.left_minutes", count=minutes)
    return t("console.left_seconds", count=alert)

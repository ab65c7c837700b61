"""The group on stage and its countdown, with the alert stages: the console's, the display's and the presenter's.

One widget for every view of the slot clock, so the console, the audience display
and the presenter monitor cannot drift apart in how an alert looks.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Static

from ...event.durations import format_clock, format_duration
from ...day.rundown import BreakView, break_text, segment_text
from ...day.timing import Phase, SlotView, Stage
from ..clock_driver import ClockTick
from .bigclock import BigClock
from .group_card import GroupCard
from .segment_title import SegmentTitle
from .slot_bar import SlotBar

FLASH_STEP = 0.25
STAGE_CLASSES = tuple(f"-{stage.value}" for stage in Stage) + ("-ready", "-paused", "-done", "-idle", "-break")


def stage_classes(view: SlotView) -> set[str]:
    """The classes of the stage for *view*: its alert stage, and ready/paused/done/idle."""
    if view.phase == Phase.IDLE:
        return {"-idle"}
    wanted = {f"-{view.stage.value}"}
    if view.phase in (Phase.READY, Phase.PAUSED, Phase.DONE):
        wanted.add(f"-{view.phase.value}")
    return wanted


class SlotStage(Vertical):
    """The group card, the framed big clock, the stage's line, the slot bar and the next group.

    It paints the app's clock driver's ticks (``paint``): ``show(view)`` moves what
    changes with the clock (once a second while a slot runs) and touches only what
    changed, and the clock flashes when the tick says so (an alert, a new segment,
    zero). ``show_group()`` redraws the group and the next one (after an action).
    With ``audience`` the lines speak to the hall, not to the moderator.
    """

    def __init__(
        self,
        initial: SlotView,
        *,
        audience: bool = False,
        below: Widget | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        # Born with the stage's classes: setting them after mount would restyle the stage again.
        self._now = stage_classes(initial)
        super().__init__(id=id, classes=" ".join(sorted(self._now | set((classes or "").split()))))
        self.audience = audience
        self._below = below
        self._face = ""
        self._texts: dict[str, str] = {}
        self._flash_timer: Timer | None = None

    def compose(self) -> ComposeResult:
        yield GroupCard(id="group")
        event = self.app.day.event
        if event.breaks or any(event.segmented(group) for group in event.group_ids):
            yield SegmentTitle(id="segment")  # only a day with segments or breaks has names to show
        with Vertical(id="clock-frame"):
            yield BigClock("", id="clock")
        yield Static(id="stage-label", markup=False)  # names (a break's, a segment's) are text
        yield SlotBar(id="bar")
        yield Static(id="next", markup=False)
        if self._below is not None:
            yield self._below

    def on_mount(self) -> None:
        self._clock = self.query_one("#clock", BigClock)
        self._bar = self.query_one("#bar", SlotBar)
        found = self.query("#segment")
        self._segment: SegmentTitle | None = found.first(SegmentTitle) if found else None
        self.app.slot_clock.subscribe(self, self.paint)

    # -- what changes with the clock ------------------------------------------

    def paint(self, tick: ClockTick) -> None:
        """The clock driver's tick: the break's countdown or the slot's, and the flash it calls for."""
        if tick.pause is not None:
            self.show_break(tick.pause)
        else:
            self.show(tick.view)
        if tick.flash:
            self.flash(tick.flash)

    def show(self, view: SlotView) -> None:
        """Show *view*: the face, the alert stage, the lines and the bar."""
        self._set_classes(stage_classes(view))
        self._set_face(view.shown if view.group is not None else "--:--")
        if self._segment is not None:
            self._segment.show(segment_text(view, self.app.t))
        self._set_text("#stage-label", self.stage_text(view), layout=False)  # always one line
        self._bar.set_progress(view.slot_progress, self._bar_label(view))

    def show_break(self, pause: BreakView) -> None:
        """During a break: its name, its countdown, when the hall is back."""
        t = self.app.t
        self._set_classes({"-break", "-over"} if pause.over else {"-break"})
        self._set_face(pause.shown)
        if self._segment is not None:
            self._segment.show(pause.name)
        if pause.over:
            label = t("rundown.break_over", name=pause.name, over=pause.shown.lstrip("+"))
        else:
            label = break_text(pause, t)
        self._set_text("#stage-label", label, layout=False)
        fraction = min(1.0, pause.time_run / pause.length) if pause.length else 1.0
        self._bar.set_progress(fraction, f"{format_clock(int(pause.time_run))} / {format_clock(pause.length)}")

    def _set_classes(self, wanted: set[str]) -> None:
        if wanted != self._now:
            self._now = wanted
            for name in STAGE_CLASSES:
                self.set_class(name in wanted, name)

    def _set_face(self, face: str) -> None:
        if face != self._face:
            self._face = face
            self._clock.text = face

    def show_group(self) -> None:
        """The group on stage and the one after it (after an action, or a record from elsewhere)."""
        day = self.app.day
        current, order = day.state.current, day.running_order()  # of the day being run
        position = order.index(current) + 1 if current in order else 0
        self.query_one("#group", GroupCard).show(current, position, len(order))
        self._set_text("#next", next_text(self.app))

    def _set_text(self, selector: str, text: str, layout: bool = True) -> None:
        """Update a Static only when its text changes (with *layout*, an update costs a layout pass)."""
        if self._texts.get(selector) != text:
            self._texts[selector] = text
            self.query_one(selector, Static).update(text, layout=layout)

    def stage_text(self, view: SlotView) -> str:
        t, day = self.app.t, self.app.day
        if view.phase == Phase.IDLE:
            number = day.state.day
            if number is not None and day.state.days > 1:  # one day of several is over, not the event
                return t("today.day_done", day=number, count=day.state.days)
            return t("console.all_done")
        if view.phase == Phase.READY:
            return t("display.ready" if self.audience else "console.ready")
        if view.phase == Phase.DONE:
            if not day.state.slots[view.group].finished:  # overtime = "stop": it ended at zero
                return t("console.time_up")
            return t("console.finished", used=format_clock(int(view.time_run)))
        if view.phase == Phase.PAUSED:
            return t("console.paused")
        if view.stage == Stage.OVER:
            if day.event.timing.overtime == "stop":
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

    # -- alerts -------------------------------------------------------------------

    def flash(self, steps: int) -> None:
        """Invert the clock *steps* times, FLASH_STEP apart, and end un-inverted."""
        if self._flash_timer is not None:
            self._flash_timer.stop()
        remaining = steps * 2 - 1
        self.add_class("-flash")

        def toggle() -> None:
            nonlocal remaining
            remaining -= 1
            self.set_class(remaining > 0 and remaining % 2 == 0, "-flash")
            if remaining <= 0 and self._flash_timer is not None:
                self._flash_timer.stop()
                self._flash_timer = None

        self._flash_timer = self.set_interval(FLASH_STEP, toggle)


def next_text(app) -> str:
    """"Next: KBK Ceria (Dispenda)", or that nobody comes after this group."""
    day, t = app.day, app.t
    due = day.due_break()
    current = day.state.current
    under_way = current is not None and day.state.slots[current].started and not day.state.slots[current].finished
    if due is not None and not under_way:
        return t("rundown.break_due", name=due.name, length=format_duration(due.length))
    after = day.break_after(current) if under_way else None
    if after is not None:  # the hall's next item is the break that follows this group
        return t("rundown.break_next", name=after.name, length=format_duration(after.length))
    following = current if day.state.on_break is not None else day.next_up()
    if following is None:
        return t("console.next_none")
    group = day.event.group(following)
    return t("console.next", name=group.name, agency=group.agency)


def _left_text(t: Callable[..., str], alert: int) -> str:
    if alert % 60 == 0:
        minutes = alert // 60
        return t("console.left_minute" if minutes == 1 else "console.left_minutes", count=minutes)
    return t("console.left_seconds", count=alert)

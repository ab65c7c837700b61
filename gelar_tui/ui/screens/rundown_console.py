"""The console's part in the rundown: breaks on stage, how late the day runs, the segment and break keys."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from textual.binding import Binding

from ...durations import format_clock
from ...rundown import BreakView, break_text, delay_text
from ..widgets.top_bar import TopBar

if TYPE_CHECKING:
    from .console import ConsoleScreen


class RundownConsole:
    """A mixin of :class:`~gelar_tui.ui.screens.console.ConsoleScreen` (``self`` is the screen)."""

    def _break_tick(self: ConsoleScreen, pause: BreakView) -> None:
        """During a break: its name, its countdown, when the hall is back."""
        t = self.app.t
        self._last = None
        self._set_stage({"-break", "-over"} if pause.over else {"-break"})
        self._set_face(pause.shown)
        self._segment.show(pause.name)
        if pause.over:
            label = t("rundown.break_over", name=pause.name, over=pause.shown.lstrip("+"))
        else:
            label = break_text(pause, t)
        self._set_text("#stage-label", label, layout=False)
        fraction = min(1.0, pause.time_run / pause.length) if pause.length else 1.0
        self._bar.set_progress(fraction, f"{format_clock(int(pause.time_run))} / {format_clock(pause.length)}")
        self._plan_tick(pause.until_next_change())

    def _show_top_line(self: ConsoleScreen) -> float:
        """The event, how late the day runs (with a planned start) and the time of day; returns the wall time."""
        app = self.app
        now = app.day.wall_now()
        event = app.day.event.event
        badge = app.t("console.rehearsal", speed=f"{app.rehearsal:g}") if app.rehearsal else ""
        late, status = False, ""
        if event.start is not None:
            schedule = app.day.schedule()
            status, late = delay_text(schedule, app.t), schedule.late_end
        self.query_one(TopBar).show(f"{event.title} · {event.venue}", badge, time.strftime("%H:%M", time.localtime(now)), status, late)
        return now

    def action_next_segment(self: ConsoleScreen) -> None:
        self.app.act(self.app.day.next_segment)

    def action_break(self: ConsoleScreen) -> None:
        """Start the break that is due; during a break, end it."""
        day = self.app.day
        self.app.act(day.end_break if day.state.on_break is not None else day.start_break)

    def _shown_bindings(self: ConsoleScreen) -> list[Binding]:
        """The key bar's keys: the segment and break keys only for an event that has segments or breaks."""
        event = self.app.day.event
        hidden = set()
        if not any(event.segmented(group) for group in event.group_ids):
            hidden.add("next_segment")
        if not event.breaks:
            hidden.add("break")
        return [b for b in self.BINDINGS if isinstance(b, Binding) and b.action not in hidden]

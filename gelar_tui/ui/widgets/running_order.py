"""The running order: every group with its state and the time it used."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from ...durations import format_clock, format_duration
from ...state import GroupStatus

MARKS = {
    GroupStatus.WAITING: "·",
    GroupStatus.PRESENTING: "▶",
    GroupStatus.DONE: "✓",
    GroupStatus.SKIPPED: "↷",
}


class RunningOrder(Static):
    """Lists the groups in running order; the current one is highlighted."""

    def show(self, compact: bool = False) -> None:
        """Redraw from the app's day (cheap: a few lines of text)."""
        day, t = self.app.day, self.app.t
        now = day.now()
        state = day.state
        if compact:
            parts = []
            for number, group in enumerate(state.order, start=1):
                mark = MARKS[state.status(group)]
                name = day.event.group(group).name
                text = f"{number}{mark} {name}"
                parts.append(f"[b $accent]{text}[/]" if group == state.current else text)
            self.update(Content.from_markup("  ".join(parts)))
            return
        lines = [f"[b]{t('console.running_order')}[/]", ""]
        for number, group in enumerate(state.order, start=1):
            status = state.status(group)
            view = day.slot(group, now)
            name = day.event.group(group).name
            used = format_clock(int(view.time_run)) if status != GroupStatus.WAITING and status != GroupStatus.SKIPPED else ""
            extra = ""
            if view.extension:
                sign = "+" if view.extension > 0 else "-"
                extra += f" {sign}{format_duration(abs(view.extension))}"
            if view.overtime:
                extra += f" [$error]+{format_clock(view.overtime)}[/]"
            line = f"{MARKS[status]} {number}. {Content(name).markup}"
            detail = f"   {t('status.' + status.value)} {used}{extra}".rstrip()
            if group == state.current:
                lines.append(f"[b reverse $accent] {line} [/]")
            else:
                lines.append(f" {line}")
            lines.append(f"[dim]{detail}[/]")
        self.update(Content.from_markup("\n".join(lines)))

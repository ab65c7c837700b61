"""The running order: every group with its state and the time it used."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
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


class _Text(Static):
    """A Static that skips updates which would not change what it shows (each costs a layout pass)."""

    _markup: str | None = None

    def show_markup(self, markup: str) -> None:
        if markup != self._markup:
            same_height = self._markup is not None and markup.count("\n") == self._markup.count("\n")
            self._markup = markup
            self.update(Content.from_markup(markup), layout=not same_height)


class RunningOrder(Vertical):
    """Lists the groups in running order with their state and the time each used; the current one is highlighted.

    One row per group, each redrawn only when what it shows changes.
    """

    def compose(self) -> ComposeResult:
        yield _Text(classes="order-title")
        for _ in self.app.day.state.order:  # one row a group, made with the screen (not mounted later)
            yield _Text(classes="order-row")

    def show(self) -> None:
        day, t = self.app.day, self.app.t
        now = day.now()
        state = day.state
        self.query_one(".order-title", _Text).show_markup(f"[b]{Content(t('console.running_order')).markup}[/]\n")
        rows = list(self.query(".order-row").results(_Text))
        if len(rows) != len(state.order):
            for row in rows:
                row.remove()
            rows = [_Text(classes="order-row") for _ in state.order]
            self.mount_all(rows)
        for number, (group, row) in enumerate(zip(state.order, rows), start=1):
            status = state.status(group)
            view = day.slot(group, now)
            name = Content(day.event.group(group).name).markup
            # The group presenting has its time on the big clock and the bar beside this list;
            # a running count here too would repaint the list every second for nothing.
            used = format_clock(int(view.time_run)) if status == GroupStatus.DONE else ""
            extra = ""
            if view.extension:
                sign = "+" if view.extension > 0 else "-"
                extra += f" {sign}{format_duration(abs(view.extension))}"
            if view.overtime and status == GroupStatus.DONE:
                extra += f" [$error]+{format_clock(view.overtime)}[/]"
            head = f"{MARKS[status]} {number}. {name}"
            head = f"[b reverse $accent] {head} [/]" if group == state.current else f" {head}"
            detail = " ".join(part for part in (t("status." + status.value), used) if part) + extra
            row.show_markup(f"{head}\n[dim]   {detail}[/]")


class CompactOrder(_Text):
    """The running order on one line, for narrow screens."""

    def show(self) -> None:
        day = self.app.day
        state = day.state
        parts = []
        for number, group in enumerate(state.order, start=1):
            text = Content(f"{number}{MARKS[state.status(group)]} {day.event.group(group).name}").markup
            parts.append(f"[b $accent]{text}[/]" if group == state.current else text)
        self.show_markup("  ".join(parts))

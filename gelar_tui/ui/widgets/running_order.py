"""The running order: every group with its state and the time it used."""

from __future__ import annotations

from textual.app import RenderResult
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Static

from ...event.durations import format_clock, format_duration
from ...day.days import day_hours, day_of, other_days, running_order
from ...day.schedule import GROUP, day_items
from ...day.state import GroupStatus
from ...event.days import event_days

MARKS = {
    GroupStatus.WAITING: "·",
    GroupStatus.PRESENTING: "▶",
    GroupStatus.DONE: "✓",
    GroupStatus.SKIPPED: "↷",
    GroupStatus.WITHDRAWN: "✗",
}


class RunningOrder(Widget):
    """Lists the groups in running order, two lines each: the name, then the state and the time used.

    The group on stage is highlighted. When the list is longer than the panel,
    the panel shows the part around the group on stage (a third of the way
    down), so the moderator always sees who is on and who comes next.
    It is one widget drawing lines, not a widget per group: the console starts
    sooner, and it is redrawn only after an action, never every second.
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._title = Content()
        self._rows: list[tuple[Content, Content]] = []
        self._current: int | None = None
        self._wrapped: set[int] = set()
        self._key: object = None

    def show(self) -> None:
        """Read the day's order and state; repaint when what is shown changes."""
        day, t = self.app.day, self.app.t
        now = day.now()
        state = day.state
        rows: list[tuple[Content, Content]] = []
        current = None
        times = _times(day, now)
        before, after = other_days(state)
        rows += _other_days_rows(day, t, before, done=True)
        wrapped = set(range(len(rows)))  # the other days' lines of names wrap; a group's detail line never does
        breaks = {item.name: item for item in day.event.breaks}
        number = 0
        for kind, group, _ in day_items(day.event, state):  # the day's groups, each followed by its breaks
            if kind != GROUP:
                rows.append(_break_row(day, breaks[group], times.get(("break", group), Content())))
                continue
            number += 1
            status = state.status(group)
            view = day.slot(group, now)
            # The group presenting has its time on the big clock and the bar beside this list;
            # a running count here too would repaint the list every second for nothing.
            used = format_clock(int(view.time_run)) if status == GroupStatus.DONE else ""
            detail = " ".join(part for part in (t("status." + status.value), used) if part)
            if view.extension:
                sign = "+" if view.extension > 0 else "-"
                detail += f" {sign}{format_duration(abs(view.extension))}"
            detail_line = Content.from_markup("[dim]   $detail[/]", detail=detail) + times.get(("group", group), Content())
            if view.overtime and status == GroupStatus.DONE:
                detail_line += Content.from_markup(" [$error]+$over[/]", over=format_clock(view.overtime))
            head = f"{MARKS[status]} {number}. {day.event.group(group).name}"
            if group == state.current:
                current = len(rows)
                head_line = Content.from_markup("[b reverse $accent] $head [/]", head=head)
            else:
                head_line = Content(f" {head}")
            rows.append((head_line, detail_line))
        later = _other_days_rows(day, t, after, done=False)
        wrapped |= set(range(len(rows), len(rows) + len(later)))
        rows += later
        title = Content.from_markup("[b]$title[/]", title=t("console.running_order"))
        if state.day is not None and state.days > 1:  # which day of several this is
            title += Content.from_markup(" [dim]· $day[/]", day=t("today.title", day=state.day, count=state.days))
        # Content compares only its text; the markup also tells a highlight that moved.
        key = (title.markup, [(head.markup, detail.markup) for head, detail in rows], current)
        if key != self._key:
            self._key = key
            self._title, self._rows, self._current, self._wrapped = title, rows, current, wrapped
            self.refresh()

    def render(self) -> RenderResult:
        room = max(0, self.content_size.height - 2)  # under the title and a blank line
        start = _first_row(len(self._rows), room // 2, self._current)
        width = self.content_size.width
        lines = [self._title, Content()]
        for index, (head, detail) in enumerate(self._rows[start:], start=start):
            lines += [*hanging(head, width), *(detail.wrap(max(1, width)) if index in self._wrapped and width > 0 else [detail])]
        return Content("\n").join(lines)


def hanging(head: Content, width: int) -> list[Content]:
    """A row's first line in lines of *width*: a long name wraps under its own first character
    ("▶ 1. KBK Gesit Melayani" / "      Sepenuh Hati"), not under the mark and the number."""
    plain = head.plain
    if width <= 0 or head.cell_length <= width:
        return [head]
    number = plain.find(". ")
    indent = number + 2 if 0 <= number < width // 2 else 0
    lines = head[indent:].wrap(max(1, width - indent))
    pad = Content(" " * indent)
    return [head[:indent] + lines[0], *(pad + line for line in lines[1:])]


def _times(day, now: float) -> dict[tuple[str, str], Content]:
    """With a planned start: each item's planned start, and where it differs by a minute or more,
    its actual (started) or expected start: " 10:30→11:35"."""
    if day_hours(day.event, day.state)[0] is None:  # no planned start (of the day being run)
        return {}
    schedule = day.schedule(now)
    found = {}
    for item in schedule.items:
        planned = schedule.local(item.planned_start)
        other = item.actual_start if item.started else item.expected_start
        text = Content(f" {planned:%H:%M}")
        if other is not None and abs(other - item.planned_start) >= 60:
            colour = "$warning" if other > item.planned_start else "$success"
            text += Content.from_markup(f"[{colour}]→$time[/]", time=f"{schedule.local(other):%H:%M}")
        found[(item.kind, item.item)] = text
    return found


def _break_row(day, item, times: Content) -> tuple[Content, Content]:
    """A break's two lines: "= Ishoma 45m", then whether it is under way or over, and its times."""
    run = day.state.breaks[item.name]
    if day.state.on_break == item.name:
        head = Content.from_markup("[b reverse $accent] = $name [/]", name=f"{item.name} {format_duration(item.length)}")
    else:
        head = Content.from_markup(" [i]= $name[/]", name=f"{item.name} {format_duration(item.length)}")
    if run.finished_at is not None:
        state = "✓"
    elif run.started_at is not None:
        state = "▶"
    else:
        state = ""
    return head, Content.from_markup("[dim]   $state[/]", state=state) + times


def _other_days_rows(day, t, groups: list[str], *, done: bool) -> list[tuple[Content, Content]]:
    """The other days' groups, dimmed: a line per day ("Day 1 · 2026-08-11 ✓"), then its groups' names.
    Next never calls them; the moderator sees what was done and what is to come (a group moved)."""
    rows = []
    state = day.state
    for planned in event_days(day.event):
        on_day = [g for g in groups if day_of(state, g) == planned.number]
        if not on_day:
            continue
        closed = " ✓" if planned.number in state.closed_days or done else ""
        head = Content.from_markup("[dim] $line[/]", line=f"{t('today.day_line', day=planned.number, count=len(on_day))} · {planned.date.isoformat()}{closed}")
        names = ", ".join(f"{MARKS[state.status(g)]} {day.event.group(g).name}" for g in on_day)
        rows.append((head, Content.from_markup("[dim]   $names[/]", names=names)))
    return rows


def _first_row(count: int, fits: int, current: int | None) -> int:
    """The first of *count* rows to show when *fits* rows fit, keeping *current* a third of the way down."""
    if count <= fits or fits <= 0:
        return 0
    wanted = 0 if current is None else current - fits // 3
    return max(0, min(wanted, count - fits))


class CompactOrder(Static):
    """The running order on one line, for narrow screens."""

    _shown: tuple | None = None

    def show(self) -> None:
        day = self.app.day
        state = day.state
        order = running_order(state)  # the day being run's
        names = tuple(f"{number}{MARKS[state.status(group)]} {day.event.group(group).name}" for number, group in enumerate(order, start=1))
        current = order.index(state.current) if state.current in order else None
        # one day of several: the line says which (a narrow console has no running order's title)
        which = self.app.t("today.title", day=state.day, count=state.days) if state.day is not None and state.days > 1 else None
        if (names, current, which) == self._shown:
            return
        self._shown = (names, current, which)
        # Built from Content pieces, never from markup: a group's name is text ("[" and all).
        parts = [Content.from_markup("[b $accent]$name[/]", name=name) if index == current else Content(name) for index, name in enumerate(names)]
        if which is not None:
            parts.insert(0, Content.from_markup("[dim]$which:[/]", which=which))
        self.update(Content("  ").join(parts))

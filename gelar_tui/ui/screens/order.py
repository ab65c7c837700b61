"""Changing the running order: move a group that has not presented, or call any group to the stage."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from rich.text import Text
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import DataTable, Footer, Static

from ...event.durations import format_clock
from ...day.days import day_of
from ...day.state import GroupStatus
from ..bindings import translate_bindings
from ..messages import DayChanged
from ..plain import visible
from ..widgets.running_order import MARKS
from .confirm import ConfirmScreen


class OrderScreen(ModalScreen[None]):
    """The running order as a list the moderator can rearrange (a group arrives late)."""

    CSS_PATH = "dialogs.tcss"
    BINDINGS = [
        Binding("shift+up,left_square_bracket", "move(-1)", "order.key_up", key_display="⇧↑"),
        Binding("shift+down,right_square_bracket", "move(1)", "order.key_down", key_display="⇧↓"),
        Binding("enter", "call", "order.key_call", priority=True),
        Binding("x", "withdraw", "withdraw.key"),
        Binding("h", "move_day", "today.key_move"),
        Binding("escape,o", "close", "order.key_close"),
    ]

    def compose(self) -> ComposeResult:
        t = self.app.t
        with Vertical(classes="dialog order"):
            yield Static(Content.from_markup("[b]$title[/]", title=t("order.title")))
            yield DataTable(cursor_type="row", zebra_stripes=True, id="order-table")
            yield Static(t("order.hint"), classes="hint", markup=False)  # "[ ]" are keys there, not markup
        yield Footer()

    def on_mount(self) -> None:
        translate_bindings(self)
        t = self.app.t
        table = self.query_one(DataTable)
        table.add_columns("#", t("results.group"), t("results.agency"), t("order.state"), t("order.time"))
        if self._days:
            table.add_column(t("today.day_column"))
        self._fill()
        current = self.app.day.state.current
        if current in self.app.day.state.order:
            table.move_cursor(row=self.app.day.state.order.index(current))
        table.focus()

    def _fill(self) -> None:
        day, t = self.app.day, self.app.t
        table = self.query_one(DataTable)
        row = table.cursor_row
        table.clear()
        counted: dict[int, int] = {}  # with several days, each day's groups are numbered from 1, as on the console
        for number, group_id in enumerate(day.state.order, start=1):
            if self._days:
                on = day_of(day.state, group_id)
                number = counted[on] = counted.get(on, 0) + 1
            group = day.event.group(group_id)
            status = day.state.status(group_id)
            view = day.slot(group_id)
            used = "" if status in (GroupStatus.WAITING, GroupStatus.SKIPPED, GroupStatus.WITHDRAWN) else format_clock(int(view.time_run))
            mark = "▶ " if group_id == day.state.current else ""
            cells = [str(number), mark + group.name, group.agency, f"{MARKS[status]} {t('status.' + status.value)}", used]
            if self._days:
                cells.append(str(day_of(day.state, group_id)))
            # Text cells: DataTable reads a str as markup, and a name is text.
            table.add_row(*(Text(visible(cell)) for cell in cells), key=group_id)
        table.move_cursor(row=row)

    def on_screen_resume(self) -> None:
        """Back from a dialog (the chooser of days, a reason): the arrows move the cursor again."""
        self.query_one(DataTable).focus()

    def on_day_changed(self, message: DayChanged) -> None:
        self._fill()

    def _selected(self) -> str | None:
        table = self.query_one(DataTable)
        order = self.app.day.state.order
        return order[table.cursor_row] if 0 <= table.cursor_row < len(order) else None

    def action_move(self, step: int) -> None:
        group = self._selected()
        if group is None:
            return
        state = self.app.day.state
        position = state.order.index(group) + step
        if self._days:  # past the group before or after it on its own day (another day's group is not a neighbour)
            same = [i for i, g in enumerate(state.order) if day_of(state, g) == day_of(state, group)]
            index = same.index(state.order.index(group)) + step
            if not 0 <= index < len(same):
                return
            position = same[index]
        if self.app.act(lambda: self.app.day.move(group, position)):
            self._fill()
            self.query_one(DataTable).move_cursor(row=self.app.day.state.order.index(group))

    def action_call(self) -> None:
        group = self._selected()
        day = self.app.day
        if group is None or group == day.state.current:
            return
        current = day.state.current
        under_way = current is not None and day.state.status(current) == GroupStatus.PRESENTING

        def call() -> None:
            if self.app.act(lambda: day.call(group)):
                self.dismiss(None)

        if under_way:
            self.app.push_screen(ConfirmScreen(self.app.t("order.confirm_call")), lambda yes: call() if yes else None)
        else:
            call()

    def action_withdraw(self) -> None:
        """Withdraw the selected group (or bring a withdrawn one back), asking why: the reason is journaled."""
        from textual.content import Content

        from .reason import ReasonScreen

        group = self._selected()
        if group is None:
            return
        day, t = self.app.day, self.app.t
        name = day.event.group(group).name
        back = day.state.status(group) == GroupStatus.WITHDRAWN
        refusal = None if back else day.withdraw_refusal(group)
        if refusal is not None:  # said before a reason is typed for nothing
            self.app.notify(refusal.render(t), severity="warning", markup=False)
            return

        def answered(reason: str | None) -> None:
            if reason and self.app.act(lambda: day.reinstate(group, reason) if back else day.withdraw(group, reason)):
                self._fill()

        question = t("withdraw.reinstate_prompt" if back else "withdraw.prompt", group=name)
        self.app.push_screen(ReasonScreen(Content(question), hint="withdraw.hint"), answered)  # the name is plain text, never markup

    @property
    def _days(self) -> bool:
        """Whether the event has several days (a column says each group's day; `h` moves one)."""
        return self.app.day.state.days > 1

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return self._days if action == "move_day" else True

    def action_move_day(self) -> None:
        """Move the selected group to another day, chosen in a small list."""
        from .day_chooser import move_group_to_day

        group = self._selected()
        if group is not None and self._days:
            move_group_to_day(self.app, group, self._fill)

    def action_close(self) -> None:
        self.dismiss(None)

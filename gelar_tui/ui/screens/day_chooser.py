"""A small chooser of the event's days: where a group moves (its bus broke down)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ...day.days import day_of, groups_on
from ...event.days import event_days


class DayChooser(ModalScreen[int | None]):
    """The event's days, one line each (date and how many groups); Enter answers the day chosen, Escape None.

    It answers once: keys typed in a burst after the first Enter change nothing (the screen is going)."""

    DEFAULT_CSS = """
    DayChooser { align: center middle; background: $background 70%; }
    DayChooser .dialog { width: auto; max-width: 90%; height: auto; padding: 1 2; border: thick $primary; background: $surface; }
    DayChooser OptionList { height: auto; max-height: 12; width: auto; min-width: 40; }
    DayChooser .question { text-style: bold; margin-bottom: 1; }
    DayChooser .hint { color: $foreground 70%; margin-top: 1; }
    """
    BINDINGS = [Binding("escape", "cancel", "dialog.cancel", priority=True)]

    def __init__(self, group: str) -> None:
        super().__init__()
        self.group = group
        self._answered = False

    def compose(self) -> ComposeResult:
        day, t = self.app.day, self.app.t
        name = day.event.group(self.group).name
        here = day_of(day.state, self.group)
        options = []
        for planned in event_days(day.event):
            count = len(groups_on(day.state, planned.number))
            closed = planned.number in day.state.closed_days  # a group cannot move to a day that is over
            key = "today.chooser.option_here" if planned.number == here else "today.chooser.option_closed" if closed else "today.chooser.option"
            text = t(key, day=planned.number, date=planned.date.isoformat(), count=count)
            options.append(Option(Content(text), id=str(planned.number), disabled=planned.number == here or closed))
        with Vertical(classes="dialog"):
            yield Static(Content(t("today.chooser.title", group=name)), classes="question")  # a name is text, never markup
            yield OptionList(*options, id="days")
            yield Static(Content(t("today.chooser.hint")), classes="hint")

    def on_mount(self) -> None:
        from ..bindings import translate_bindings

        translate_bindings(self)
        chooser = self.query_one(OptionList)
        chooser.highlighted = next((i for i in range(chooser.option_count) if not chooser.get_option_at_index(i).disabled), None)
        chooser.focus()

    def on_option_list_option_selected(self, message: OptionList.OptionSelected) -> None:
        message.stop()
        self._answer(int(message.option.id or 0) or None)

    def action_cancel(self) -> None:
        self._answer(None)

    def _answer(self, number: int | None) -> None:
        if self._answered:
            return
        self._answered = True
        self.dismiss(number)


def move_group_to_day(app, group: str, done=None) -> None:
    """Ask which day *group* moves to, then move it (a refusal is a notification); *done* runs after a move."""
    day, t = app.day, app.t

    def chosen(number: int | None) -> None:
        if number is not None and app.act(lambda: day.move_to_day(group, number)):
            app.notify(t("today.moved", group=day.event.group(group).name, day=number))
            if done is not None:
                done()

    app.push_screen(DayChooser(group), chosen)

"""A yes/no question: Enter confirms, Escape cancels."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static


class ConfirmScreen(ModalScreen[bool]):
    """Asks before an action that cannot be taken back lightly."""

    CSS_PATH = "dialogs.tcss"
    BINDINGS = [
        Binding("enter", "answer(True)", "dialog.confirm", priority=True),
        Binding("escape", "answer(False)", "dialog.cancel", priority=True),
    ]

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        t = self.app.t
        with Vertical(classes="dialog"):
            yield Static(self.question, classes="question", markup=False)  # it may name a group
            yield Static(t("dialog.hint"), classes="hint", markup=False)

    def on_mount(self) -> None:
        from ..bindings import translate_bindings

        translate_bindings(self)

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)

"""A yes/no question: Enter confirms, Escape cancels; and what every dialog with a question shares."""

from __future__ import annotations

from typing import TypeVar

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

T = TypeVar("T")

QUESTION_WIDTH = 70
"""The widest a dialog's question runs (columns), where the terminal has room."""
DIALOG_FRAME = 6
"""Columns a dialog takes around its question: its border and padding (dialogs.tcss)."""


class QuestionDialog(ModalScreen[T]):
    """A dialog whose question wraps within the room the terminal leaves it: at most
    QUESTION_WIDTH columns, and never wider than the dialog can be (90 % of the screen),
    so that no word at a line's end is cut off on a small terminal."""

    CSS_PATH = "dialogs.tcss"

    def on_mount(self) -> None:
        self._fit_question()

    def on_resize(self, event: events.Resize) -> None:
        self._fit_question()

    def _fit_question(self) -> None:
        room = int(self.size.width * 0.9) - DIALOG_FRAME
        for question in self.query(".question"):
            question.styles.max_width = max(10, min(QUESTION_WIDTH, room))


class ConfirmScreen(QuestionDialog[bool]):
    """Asks before an action that cannot be taken back lightly."""

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

        super().on_mount()
        translate_bindings(self)

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)

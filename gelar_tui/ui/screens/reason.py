"""Asking for a short text: why a locked sheet is opened again."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Static

from .confirm import QuestionDialog


class ReasonScreen(QuestionDialog[str | None]):
    """Returns the text typed (Enter), or None (Escape); *hint* says what Enter does (a message key)."""

    BINDINGS = [Binding("escape", "cancel", show=False, priority=True)]

    def __init__(self, question: str, hint: str = "jury.reason_hint") -> None:
        super().__init__()
        self.question = question
        self.hint = hint

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self.question, classes="question", markup=False)  # it names a group and a juror
            yield Input(id="reason")
            yield Static(self.app.t(self.hint), classes="hint", markup=False)

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        if event.value.strip():
            self.dismiss(event.value.strip())
        else:
            self.app.notify(self.app.t("action.reason_needed"), severity="warning")

    def action_cancel(self) -> None:
        self.dismiss(None)

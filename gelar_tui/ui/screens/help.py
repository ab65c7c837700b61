"""The list of keys."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static


class HelpScreen(ModalScreen[None]):
    """Every key of the screen it was opened from, with what it does."""

    CSS_PATH = "dialogs.tcss"
    BINDINGS = [Binding("escape,question_mark,f1,q", "dismiss", show=False)]

    def __init__(self, rows: list[tuple[str, str]]) -> None:
        super().__init__()
        self.rows = rows

    def compose(self) -> ComposeResult:
        t = self.app.t
        width = max((len(key) for key, _ in self.rows), default=0)
        lines = [Content.from_markup("[b]$title[/]\n", title=t("help.title"))]
        for key, text in self.rows:
            lines.append(Content.from_markup("[b $accent]$key[/]  $text", key=key.ljust(width), text=text))
        with Vertical(classes="dialog help"):
            yield Static(Content("\n").join(lines))
            yield Static(t("help.close"), classes="hint", markup=False)

    def action_dismiss(self) -> None:
        self.dismiss(None)

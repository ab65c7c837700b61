"""One score on a jury sheet: a juror's score for one criterion of one group."""

from __future__ import annotations

from textual.message import Message
from textual.widgets import Input


class ScoreCell(Input):
    """An input that knows whose score it holds; left/right leave it at its edges."""

    class Leave(Message):
        """Ask the sheet to move focus sideways (at the start or end of the text)."""

        def __init__(self, cell: ScoreCell, step: int) -> None:
            super().__init__()
            self.cell = cell
            self.step = step

    def __init__(self, juror: str, criterion: str, **kwargs) -> None:
        super().__init__(compact=True, **kwargs)
        self.juror = juror
        self.criterion = criterion

    def action_cursor_left(self, select: bool = False) -> None:
        if self.cursor_position == 0 and not select:
            self.post_message(self.Leave(self, -1))
        else:
            super().action_cursor_left(select)

    def action_cursor_right(self, select: bool = False) -> None:
        if self.cursor_position >= len(self.value) and not select:
            self.post_message(self.Leave(self, 1))
        else:
            super().action_cursor_right(select)

"""The name of what is on stage now, above the big clock: a segment ("PAPARAN · 1 of 2") or a break."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static


class SegmentTitle(Static):
    """One bold line naming the segment or break the big clock counts down; hidden when there is none.

    A slot without segments has no name to show, so the console looks exactly as it did before segments.
    """

    DEFAULT_CSS = """
    SegmentTitle {
        display: none;
        height: 1;
        width: 1fr;
        text-align: center;
        text-style: bold;
        background: $accent;
        color: $background;
    }
    """

    _shown: str | None = None

    def show(self, text: str) -> None:
        """Show *text* (empty: hide the line); nothing is redrawn when it did not change."""
        if text == self._shown:
            return
        self._shown = text
        self.display = bool(text)
        self.update(Content(text))  # a segment's or break's name is text, never markup

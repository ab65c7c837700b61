"""The floor for bench/console.py's running window: a bare Textual app showing a ticking clock.

    python -m bench.clock_app           # a Digits face; ctrl+q quits
    python -m bench.clock_app --line    # the face as one line of text (a Static, no layout pass)

A countdown from 30:00, updated once a second (on a deadline, so it does not drift;
only when the text changed): what Textual itself costs to repaint a clock each second,
with nothing else to do. The console's running CPU less this app's is gelar's own share.
"""

from __future__ import annotations

import sys
import time

from textual.app import App, ComposeResult
from textual.widgets import Digits, Static

SLOT = 30 * 60


class ClockApp(App[None]):
    """A countdown and nothing else: Textual's own cost of a repaint a second."""

    def __init__(self, line: bool = False) -> None:
        super().__init__()
        self.line = line
        """One line of text (a Static updated without a layout pass) instead of Digits."""

    def compose(self) -> ComposeResult:
        yield Static(self._face()) if self.line else Digits(self._face())

    def on_mount(self) -> None:
        self._start = time.monotonic()
        self._shown = self._face()
        self._next()

    def _face(self) -> str:
        left = SLOT - int(time.monotonic() - getattr(self, "_start", time.monotonic()))
        return f"{left // 60:02d}:{left % 60:02d}"

    def _next(self) -> None:
        elapsed = time.monotonic() - self._start
        self.set_timer(1 - elapsed % 1 + 0.001, self._tick)

    def _tick(self) -> None:
        face = self._face()
        if face != self._shown:
            self._shown = face
            if self.line:
                self.query_one(Static).update(face, layout=False)
            else:
                self.query_one(Digits).update(face)
        self._next()


if __name__ == "__main__":
    ClockApp(line="--line" in sys.argv[1:]).run()

"""The baseline for bench/console.py: the barest Textual app, one Static saying "Hello".

    python -m bench.hello_app      # ctrl+q quits
"""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Static


class HelloApp(App[None]):
    """A bare Textual app: what any Textual program costs before it does anything."""

    def compose(self) -> ComposeResult:
        yield Static("Hello")


if __name__ == "__main__":
    HelloApp().run()

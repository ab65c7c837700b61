"""A one-line list of the screen's keys: lighter to start than Textual's Footer."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from textual.binding import Binding
from textual.content import Content
from textual.widgets import Static


class KeyBar(Static):
    """"space Start/pause  ? Help  n Next …" from the screen's bindings shown in the footer.

    The console's first frame comes sooner without a widget per key; the help
    screen (?) lists every key.
    """

    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        background: $panel;
        color: $foreground;
    }
    """

    def show_bindings(self, bindings: Iterable[Binding | tuple], t: Callable[[str], str]) -> None:
        """Show the bindings marked to show, their descriptions (message keys) in the app's language."""
        parts = []
        for binding in bindings:
            if isinstance(binding, Binding) and binding.show:
                key = binding.key_display or binding.key.split(",")[0]
                parts.append(Content.from_markup("[b $accent]$key[/] $text", key=key, text=t(binding.description)))
        self.update(Content("  ").join(parts))

"""One score on a jury sheet: a juror's score for one criterion of one group."""

from __future__ import annotations

import inspect

from textual import events
from textual.actions import parse
from textual.widgets import Input


class ScoreCell(Input):
    """An input that knows whose score it holds and takes each key the moment it arrives.

    Textual queues a key for the focused widget and resolves the widget's own key
    bindings (Backspace, Delete, Home, ...) only when the key has bubbled back up to
    the app, against whatever has the focus by then. The sheet moves the focus as a
    key arrives (Tab, arrows, PageDown), so in a burst a key typed before a Tab could
    be applied after it, to the next cell. A cell therefore applies its editing keys
    synchronously, as the app hands them over: every key lands, in order, in the cell
    that had the focus when it was typed.
    """

    def __init__(self, juror: str, criterion: str, **kwargs) -> None:
        super().__init__(compact=True, select_on_focus=False, **kwargs)  # the sheet selects as it moves the focus
        self.juror = juror
        self.criterion = criterion

    def _forward_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key) and self.take_key(event):
            return
        if isinstance(event, events.Paste):  # pasted text too lands now, before the keys that follow it
            self._on_paste(event)
            return
        super()._forward_event(event)

    def take_key(self, event: events.Key) -> bool:
        """Apply an editing key now; False for a key that is not the cell's (it is handed on as usual)."""
        for binding in self._bindings.key_to_bindings.get(event.key, ()):
            _, name, params = parse(binding.action)
            method = getattr(self, f"action_{name}", None)
            if method is None or inspect.iscoroutinefunction(method):
                return False
            method(*params)
            self._restart_blink()
            return True
        if event.is_printable and event.character is not None:
            selection = self.selection
            if selection.is_empty:
                self.insert_text_at_cursor(event.character)
            else:
                self.replace(event.character, *selection)
            self._restart_blink()
            return True
        return False

    @property
    def at_start(self) -> bool:
        return self.cursor_position == 0

    @property
    def at_end(self) -> bool:
        return self.cursor_position >= len(self.value)

"""A juror's lock button on the jury sheet, which takes each key the moment it arrives."""

from __future__ import annotations

from textual import events
from textual.widgets import Button, Input

_EDITING_KEYS = frozenset({key for binding in Input.BINDINGS for key in binding.key.split(",")} | {"up", "down", "left", "right"})
"""Keys that edit or move inside a score cell: at a button they do nothing."""


class LockButton(Button):
    """The button under a juror's column: Enter presses it; typing and editing keys do nothing.

    Textual hands a key to the focused widget through its queue and resolves the widget's key
    bindings only when the key has come back up to the app, against whatever has the focus *by
    then*. The sheet moves the focus the moment Tab or PageDown arrives, so in a burst a Backspace
    typed at this button would be applied to the cell the next Tab entered, deleting a score
    nobody deleted. Like :class:`~gelar_tui.ui.widgets.score_cell.ScoreCell`, the button therefore
    decides a key as it arrives: Enter presses now, a key that would edit a cell is dropped now,
    and every other key (the app's and the screen's own) goes on as usual.
    """

    def _forward_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key):
            if event.key == "enter":
                self.press()
                return
            if event.is_printable or event.key in _EDITING_KEYS:
                return  # typed at a button: nothing, and never later in another widget
        super()._forward_event(event)

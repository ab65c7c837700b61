"""Messages the console's parts send each other."""

from __future__ import annotations

from textual.message import Message


class DayChanged(Message):
    """The journal has new records (written here or by another process): views should refresh."""

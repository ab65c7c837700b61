"""Messages the console's parts send each other."""

from __future__ import annotations

from collections.abc import Collection, Sequence

from textual.message import Message

from ..journal.store import Record


class DayChanged(Message):
    """The journal has new records (written here or by another process): views should refresh.

    ``records`` are the records taken in from other processes; None when the change is
    this app's own action (anything may have changed).
    """

    def __init__(self, records: Sequence[Record] | None = None) -> None:
        super().__init__()
        self.records = records

    def only(self, kinds: Collection[str]) -> bool:
        """True when every record is known and of one of *kinds*: a view that shows none of them can stay as it is."""
        return self.records is not None and all(record.kind in kinds for record in self.records)

    def groups(self) -> set[str] | None:
        """The groups the records name (None: unknown, anything may have changed)."""
        if self.records is None:
            return None
        return {group for record in self.records if (group := record.data.get("group")) is not None}

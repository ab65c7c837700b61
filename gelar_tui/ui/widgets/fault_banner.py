"""The banner while the journal cannot be written: what is wrong, and how many records wait.

The console shows it above the group on stage, a jury station above its PIN screen or
sheet: the same words, the same look.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.widget import Widget
from textual.widgets import Static

if TYPE_CHECKING:
    from ...day.facade import Day
    from ...i18n import Messages

FAULT_WHY = {
    "full": "trust.why_full",
    "readonly": "trust.why_readonly",
    "gone": "trust.why_gone",
    "busy": "trust.why_busy",
    "moved": "console.why_moved",
}
"""What the banner says of each reason the journal cannot be written."""


class FaultBanner(Static):
    """Shown while records wait in memory; hidden (and never built, see :meth:`show_in`) otherwise."""

    DEFAULT_CSS = """
    FaultBanner { display: none; height: auto; padding: 0 1; background: $error; color: $text; text-style: bold; }
    FaultBanner.-shown { display: block; }
    """

    def __init__(self, **kwargs) -> None:
        super().__init__("", markup=False, **kwargs)

    def show_fault(self, day: Day, t: Messages, *, lost: bool = False) -> None:
        """Say why the journal cannot be written and how many records wait; *lost*: its file is gone from its path."""
        waiting = bool(day.unsaved) or lost
        if lost:
            self.update(t("console.banner_moved", path=str(day.journal.path), count=len(day.unsaved)))
        elif waiting:
            reason = day.fault.reason if day.fault is not None else "busy"
            self.update(t("trust.banner", fault=t(FAULT_WHY.get(reason, "trust.why_busy")), count=len(day.unsaved)))
        self.set_class(waiting, "-shown")

    @classmethod
    def show_in(cls, parent: Widget, day: Day, t: Messages, *, before: Widget | int | None = None, lost: bool = False) -> None:
        """Show or hide *parent*'s banner; it is made the first time it is needed (a widget less on every start)."""
        found = parent.query_children(cls)
        if not found:
            if not day.unsaved and not lost:
                return
            banner = cls(id="fault-banner")
            parent.mount(banner, before=before)
        else:
            banner = found.first()
        banner.show_fault(day, t, lost=lost)

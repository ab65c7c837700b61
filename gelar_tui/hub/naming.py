"""Names on the hub: the event's id (several events may share a hub) and the journal's id."""

from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..event.model import Event
    from ..journal.store import Record


def event_id(event: Event) -> str:
    """``[hub] event`` of the event file when given, else a slug of the title and the date
    (``gelar-budaya-kerja-2026-2026-12-07``)."""
    hub = getattr(event, "hub", None)
    chosen = getattr(hub, "event", None)
    if chosen:
        return str(chosen)
    text = unicodedata.normalize("NFKD", event.event.title).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return f"{slug}-{event.event.date.isoformat()}" if slug else event.event.date.isoformat()


def journal_id(first_record: Record) -> str:
    """A journal's id: the hash of its first record (a format-1 journal is upgraded before it is shipped)."""
    return first_record.hash

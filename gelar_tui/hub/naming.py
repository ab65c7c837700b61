"""The names the hub files things under: the event's id and the journal's id."""

from __future__ import annotations

import re
import unicodedata

from ..event.model import Event
from ..journal.store import Record


def slug(text: str) -> str:
    """Lower-case ASCII letters and digits joined by single hyphens ("Gelar Budaya" -> "gelar-budaya")."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def event_id(event: Event) -> str:
    """The event's id on the hub: ``[hub] event`` when the file gives one, else a slug of its title and date."""
    given = event.hub.event
    if given:
        return given
    return "-".join(part for part in (slug(event.event.title) or "event", event.event.date.isoformat()) if part)


def journal_id(first_record: Record) -> str:
    """The journal's id: its first record's hash (a format-1 journal is upgraded, and so hashed, before it is shipped)."""
    if not first_record.hash:
        raise ValueError("a record without a hash (a format-1 journal) has no id on the hub")
    return first_record.hash

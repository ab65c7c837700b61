"""The event in the journal: the rules the day's numbers were computed by, covered by the fingerprint.

The first time a writer (the console, or a command that writes) acts on a day, and whenever
the event it loaded differs from the version the journal last holds, it writes an
``event_file`` record before its own: the whole checked event in JSON form (criteria,
weights, method, penalties, ties, awards, groups, jurors, recusals, timing, sound, breaks)
and the SHA-256 of its canonical text. The hash chain then covers the rules too: the same
scores under another method or weight give another fingerprint. Readers (the audience
display, ``gelar status``, ``gelar results``) never write it: they compare and warn.

The record alone rebuilds the event (:func:`event_from_record`): a reader elsewhere needs only
the journal to know the rules it was kept by.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import MISSING, Field, fields, is_dataclass
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import GelarError
from ..event.model import Event, event_from_data
from ..journal.store import Journal, Record
from .state import DayState, Kind

if TYPE_CHECKING:
    from .decide import Records
    from .facade import Day
    from ..i18n import Messages

RECORD_FORMAT = 1
"""The layout of an ``event_file`` record's details: {"format", "digest", "event"}."""


ADDED_LATER = frozenset({
    ("Event", "days"), ("Event", "categories"), ("Event", "document"), ("Event", "stages"),
    ("Scoring", "overall"), ("Scoring", "finalists"), ("Scoring", "combine"), ("Scoring", "scores_open_across_days"),
    ("Group", "category"), ("Juror", "conflicts"),
})
"""Sections added after events were first recorded: left out of the record while they hold their
default, so that an event which does not use them keeps the digest it had (a journal kept by an
earlier version is not told that its event file changed)."""


def event_data(event: Event) -> dict[str, Any]:
    """The event in JSON form (decimals as text, dates and times in ISO form): what
    :func:`gelar_tui.event.model.event_from_data` takes back into the very same event.

    The ``[hub]`` table is left out: where the journal is shipped is no rule of the day (a
    takeover ships it from elsewhere), and journals kept before it existed keep their digest."""
    data = _json(event)
    data.pop("hub", None)
    return data


def _json(value: Any) -> Any:
    if is_dataclass(value) and not isinstance(value, type):
        kind = type(value).__name__
        return {
            item.name: _json(getattr(value, item.name))
            for item in fields(value)
            if (kind, item.name) not in ADDED_LATER or getattr(value, item.name) != _default(item)
        }
    if isinstance(value, (tuple, list)):
        return [_json(item) for item in value]
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    return value


def _default(item: Field) -> Any:
    return item.default_factory() if item.default_factory is not MISSING else item.default


def digest(data: dict[str, Any]) -> str:
    """SHA-256, in hex, of the event data's canonical text (compact JSON, sorted keys, UTF-8)."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def event_record(event: Event) -> dict[str, Any]:
    """The details of the ``event_file`` record that stores *event*."""
    data = event_data(event)
    return {"format": RECORD_FORMAT, "digest": digest(data), "event": data}


def event_from_record(data: dict[str, Any]) -> Event:
    """The event an ``event_file`` record stores, rebuilt from the record alone.

    GelarError when the record does not hold one (its digest not matching what it holds included).
    """
    try:
        held = data["event"]
        if digest(held) != data["digest"]:
            raise ValueError("digest")
        return event_from_data(held)
    except (LookupError, TypeError, ValueError, AttributeError, ArithmeticError):
        raise GelarError("trust.event_record_bad") from None


def recorded_event(journal: Journal, upto: int | None = None) -> Record | None:
    """The last ``event_file`` record of *journal* (at or before record *upto*), if any."""
    return journal.last_of_kind(Kind.EVENT_FILE.value, upto)


def journal_event(journal: Journal, upto: int | None = None) -> Event | None:
    """The event as *journal* holds it (at record *upto*): all a reader needs besides the journal.

    None when the journal holds no version; GelarError when its record does not hold a whole event.
    """
    held = recorded_event(journal, upto)
    return None if held is None else event_from_record(held.data)


def changed_sections(before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    """The tables of the event file that differ between two versions ("scoring", "groups")."""
    held = before.get("event") if isinstance(before.get("event"), dict) else {}
    now = after["event"]
    return [key for key in now if held.get(key) != now[key]] + [key for key in held if key not in now]


def record_event(state: DayState, record: dict[str, Any]) -> Records:
    """The ``event_file`` *record*, unless the journal's last version of the event is that one already."""
    return [] if state.event_digest == record["digest"] else [(Kind.EVENT_FILE, record)]


def note_event(state: DayState, record: dict[str, Any], pending: Records) -> Records:
    """A writer's records, with its event first when the journal holds another version (the write pipeline)."""
    if not pending or state.event_digest == record["digest"] or any(kind == Kind.EVENT_FILE for kind, _ in pending):
        return pending
    return [(Kind.EVENT_FILE, record), *pending]


def event_drift(day: Day) -> tuple[Record, list[str]] | None:
    """The journal's last version of the event and the tables where the day's event differs
    from it; None when they are the same, or the journal holds no version yet."""
    if day.state.event_digest is None or day.event_recorded:
        return None
    held = recorded_event(day.journal)
    if held is None:
        return None
    return held, changed_sections(held.data, day.event_record)


def drift_warning(day: Day, t: Messages) -> str:
    """What a reader says when its event file is not the version the journal holds ("" when it is)."""
    drift = event_drift(day)
    if drift is None:
        return ""
    held, sections = drift
    return t("trust.event_differs_reader", version=held.seq, when=when(held.ts), sections=", ".join(sections) or "-")


def when(ts: float | None) -> str:
    """A record's wall time as people read it ("-" when there is none)."""
    if ts is None:
        return "-"
    try:
        return dt.datetime.fromtimestamp(ts).strftime("%Y-%m-%d %H:%M:%S")
    except (OverflowError, OSError, ValueError, TypeError):  # a time no clock gives (edited by hand)
        return str(ts)


def file_stamp(path: Path | None) -> tuple[int, int] | None:
    """What changes when the file is written (its time and size); None when it cannot be read."""
    if path is None:
        return None
    try:
        stat = path.stat()
    except OSError:
        return None
    return stat.st_mtime_ns, stat.st_size


def file_changes(path: Path, day: Day) -> list[str]:
    """The tables where the event file on disk now differs from the event *day* runs on ([] : none).

    GelarError when the file no longer loads (what is wrong with it).
    """
    from ..event.eventfile import load_event

    return changed_sections(day.event_record, event_record(load_event(path)))

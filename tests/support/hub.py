"""Filling a hub for the readers' tests: the hub's tables (`gelar hub init`), and a local journal's
records shipped into them by the room's own shipping code (:func:`gelar_tui.hub.ship.ship_pending`)."""

from __future__ import annotations

from pathlib import Path

from gelar_tui.day.eventrecord import journal_event
from gelar_tui.day.facade import Day
from gelar_tui.event.eventfile import load_event
from gelar_tui.hub.client import connect
from gelar_tui.hub.local import LocalJournal
from gelar_tui.hub.naming import journal_id
from gelar_tui.hub.schema import init
from gelar_tui.hub.ship import ship_pending
from gelar_tui.journal.clock import FakeClock
from gelar_tui.journal.store import Journal


def create_tables(url: str) -> None:
    """The hub's tables in the database at *url*, as `gelar hub init` makes them (running it twice is fine)."""
    with connect(url) as conn:
        init(conn)


def ship(url: str, journal_path: Path, *, after: int = 0, writer: str = "test-writer") -> str:
    """Ship what the hub lacks of the local journal at *journal_path* as the room's shipper does (*after*:
    the records the caller knows the hub holds, checked); the journal's id on the hub."""
    create_tables(url)
    local = LocalJournal(journal_path)
    try:
        journal = Journal(journal_path, _identity(journal_path), create=False)
        try:
            event = journal_event(journal)
        finally:
            journal.close()
        with connect(url) as conn:
            shipped = ship_pending(conn, local, event, writer)
    finally:
        local.close()
    assert shipped.hub_seq >= after
    assert shipped.journal == journal_id_of(journal_path)
    return shipped.journal


def journal_id_of(journal_path: Path) -> str:
    """The id the journal at *journal_path* has on a hub (gelar_tui.hub.naming.journal_id of its first record)."""
    local = Journal(journal_path, _identity(journal_path), create=False)
    try:
        return journal_id(local.records()[0])
    finally:
        local.close()


def _identity(journal_path: Path) -> str:
    """The event identity a local journal was made for (its meta row): the helper opens any journal."""
    import sqlite3

    db = sqlite3.connect(journal_path)
    try:
        return db.execute("SELECT value FROM meta WHERE key = 'event'").fetchone()[0]
    finally:
        db.close()


def room_day(event_path: Path, clock: FakeClock | None = None) -> Day:
    """The room's day on the journal beside *event_path*, as the console writes it: its event recorded,
    the first group on stage two minutes in, two sheets complete (one locked), one score of another."""
    event = load_event(event_path)
    day = Day.open(event, event_path.with_name(event_path.stem + ".gelar-journal"), clock or FakeClock(), origin="console")
    day.records_event, day.event_path = True, event_path
    day.record_event()
    first, second = day.state.order[:2]
    day.start()
    day.clock.advance(120)
    for juror in event.juror_ids[:2]:
        for number, criterion in enumerate(event.criteria):
            day.set_score(first, juror, criterion.id, str(70 + number + len(juror) % 5))
    day.lock_sheet(first, event.juror_ids[0])
    day.set_score(second, event.juror_ids[0], event.criteria[0].id, "80")
    return day

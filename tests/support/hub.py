"""Filling a hub for the readers' tests: the hub's tables, and a local journal's records in them.

The DDL below is this test helper's own copy of the schema the hub's streams share
(replace with gelar_tui.hub.schema at merge): the tables, the NOTIFY after each insert.
:func:`ship` inserts a local journal's records as the schema says (the canonical line,
the data as compact JSON exactly as in it), as the room's shipping would.
"""

from __future__ import annotations

from pathlib import Path

import psycopg

from gelar_tui.day.eventrecord import journal_event
from gelar_tui.day.facade import Day
from gelar_tui.event.eventfile import load_event
from gelar_tui.hub.naming import event_id, journal_id
from gelar_tui.journal.clock import FakeClock
from gelar_tui.journal.store import GENESIS, Journal, canonical_line

# replace with gelar_tui.hub.schema at merge
DDL = """
CREATE SCHEMA IF NOT EXISTS gelar_hub;
CREATE TABLE IF NOT EXISTS gelar_hub.meta (key text PRIMARY KEY, value text NOT NULL);
INSERT INTO gelar_hub.meta VALUES ('schema', '1') ON CONFLICT DO NOTHING;
CREATE TABLE IF NOT EXISTS gelar_hub.journals (
    journal     text PRIMARY KEY,
    event       text NOT NULL,
    title       text NOT NULL,
    writer      text NOT NULL,
    writer_name text NOT NULL,
    taken_at    timestamptz,
    created     timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE IF NOT EXISTS gelar_hub.records (
    journal   text NOT NULL REFERENCES gelar_hub.journals,
    seq       bigint NOT NULL,
    prev      text NOT NULL,
    hash      text NOT NULL,
    canonical text NOT NULL,
    ts        double precision NOT NULL,
    kind      text NOT NULL,
    data      text NOT NULL,
    origin    text NOT NULL,
    boot      double precision,
    boot_id   text NOT NULL,
    received  timestamptz NOT NULL DEFAULT clock_timestamp(),
    PRIMARY KEY (journal, seq)
);
CREATE OR REPLACE FUNCTION gelar_hub.notify_record() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('gelar_hub', NEW.journal || ' ' || NEW.seq);
    RETURN NULL;
END $$;
DROP TRIGGER IF EXISTS records_notify ON gelar_hub.records;
CREATE TRIGGER records_notify AFTER INSERT ON gelar_hub.records FOR EACH ROW EXECUTE FUNCTION gelar_hub.notify_record();
"""


def create_tables(url: str) -> None:
    """The hub's tables in the database at *url* (running it twice is fine)."""
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(DDL)


def ship(url: str, journal_path: Path, *, after: int = 0, writer: str = "test-writer", writer_name: str = "ROOM-LAPTOP") -> str:
    """Insert the records of the local journal at *journal_path* past record *after*; the journal's id on the hub."""
    create_tables(url)
    local = Journal(journal_path, _identity(journal_path), create=False)
    try:
        rows = list(local.raw_rows())
        event = journal_event(local)
    finally:
        local.close()
    assert rows, "an empty journal has no id"
    first = rows[0]
    journal = first[7]
    with psycopg.connect(url) as conn:
        conn.execute(
            "INSERT INTO gelar_hub.journals (journal, event, title, writer, writer_name) VALUES (%s, %s, %s, %s, %s)"
            " ON CONFLICT DO NOTHING",
            (journal, event_id(event), event.event.title, writer, writer_name),
        )
        previous = GENESIS if after == 0 else rows[after - 1][7]
        for seq, ts, kind, data, origin, boot, boot_id, digest in rows[after:]:
            conn.execute(
                "INSERT INTO gelar_hub.records (journal, seq, prev, hash, canonical, ts, kind, data, origin, boot, boot_id)"
                " VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)",
                (journal, seq, previous, digest, canonical_line(seq, ts, boot, boot_id, kind, data, origin), ts, kind, data, origin, boot, boot_id),
            )
            previous = digest
    assert journal == journal_id_of(journal_path)
    return journal


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

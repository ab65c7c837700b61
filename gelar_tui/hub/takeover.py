"""Taking a journal over from the hub: the standby laptop carries the day on when the moderator's dies.

In one transaction on the hub: the journal's row is locked (the old laptop's appends wait, then
are refused), every record is read and checked (each hash covers its canonical line and links to
the one before), the copy is written into a new local SQLite journal, and this laptop becomes the
journal's writer. Then a ``takeover`` record (who, from whom, the last record it had) is written
through the day, which puts a ``clock_bridged`` record before it when this machine's boot is new
to the journal: a slot that was running goes on with its remaining time, bridged across the wall
clock as across a reboot. Last, the new records are shipped.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from ..errors import GelarError
from ..event.model import Event
from ..journal.clock import Clock
from ..journal.store import GENESIS, Journal, Record, chain_hash
from . import client
from ..event.hub_url import masked
from .local import LocalJournal


@dataclass(frozen=True)
class TakenOver:
    """What a takeover did."""

    event: Event
    event_id: str
    journal: str
    journal_path: Path
    copied: int
    previous_writer: str
    shipped: int


def checked_records(rows: list[tuple]) -> list[Record]:
    """The hub's rows as records, each hash checked against its line and its predecessor (GelarError naming the first that fails)."""
    records, previous = [], GENESIS
    for seq, prev, digest, canonical, ts, kind, data, origin, boot, boot_id in rows:
        try:
            details = json.loads(data)
            record = Record(int(seq), float(ts), kind, details, origin, boot, boot_id, digest)
            good = (
                isinstance(details, dict) and seq == len(records) + 1 and prev == previous
                and record.canonical() == canonical and chain_hash(previous, canonical) == digest
            )
        except (ValueError, TypeError):
            good = False
        if not good:
            raise GelarError("hubcore.takeover_bad_record", seq=seq)
        records.append(record)
        previous = digest
    return records


def take_over(url: str, event_id: str, output: Path, *, clock: Clock | None = None, event_folder: Path | None = None) -> TakenOver:
    """Copy the hub's journal of *event_id* into a new journal at *output*, make this laptop its writer,
    and write the ``takeover`` record (see the module's docstring)."""
    from ..day.eventrecord import event_from_record
    from ..day.facade import Day
    from ..day.state import Kind
    from .ship import ship_pending

    if output.exists():
        raise GelarError("hubcore.takeover_exists", path=str(output))
    conn = client.connect(url, autocommit=False)
    committed = False
    try:
        with client.speaking(url), conn.transaction():
            row = conn.execute(
                "SELECT journal, writer_name FROM gelar_hub.journals WHERE event = %s ORDER BY created DESC LIMIT 1 FOR UPDATE",
                (event_id,),
            ).fetchone()
            if row is None:
                raise GelarError("hubcore.takeover_no_journal", url=masked(url), event=event_id)
            jid, previous_writer = row
            records = checked_records(client.hub_records(conn, jid))
            held = next((r for r in reversed(records) if r.kind == Kind.EVENT_FILE.value), None)
            if held is None:
                raise GelarError("hubcore.takeover_no_event")
            event = event_from_record(held.data)
            journal = Journal(output, event.identity)
            try:
                journal.append_copies(records)
            finally:
                journal.close()
            writer = client.writer_id(output)
            conn.execute(
                "UPDATE gelar_hub.journals SET writer = %s, writer_name = %s, taken_at = now() WHERE journal = %s",
                (writer, client.host_name(), jid),
            )
        committed = True
        conn.autocommit = True
        day = Day.open(event, output, clock, origin="takeover")
        try:
            last = records[-1]
            day.record_takeover(client.host_name(), previous_writer, last.seq, last.hash)
        finally:
            day.close()
        try:  # the takeover stands once committed: what is not shipped now, the console ships
            with LocalJournal(output) as journal, client.speaking(url):
                shipped = ship_pending(conn, journal, event, writer, registered=True).shipped
        except client.HubUnreachable:
            shipped = 0
    except BaseException:
        if not committed:  # the hub still names the old writer: the copy made here is nobody's
            _remove_copy(output)
        raise
    finally:
        conn.close()
    return TakenOver(event, event_id, jid, output, len(records), previous_writer, shipped)


def _remove_copy(output: Path) -> None:
    from .client import writer_file

    for path in (output, output.with_name(output.name + "-wal"), output.with_name(output.name + "-shm"), writer_file(output)):
        try:
            path.unlink()
        except OSError:
            pass

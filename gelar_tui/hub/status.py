"""Where the hub stands with a local journal (``gelar hub status``): how far it holds it, and
whether it refuses it (another writer, a takeover, a fork), with the local records it never got."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

from ..event.model import Event
from ..journal.store import Journal
from . import client
from .client import HubRefused
from .naming import event_id
from .local import LocalJournal
from .ship import local_journal_id


def hub_status(conn, journal_path: Path, event: Event) -> dict:
    """The fields of ``gelar hub status --json``, and ``refusal`` (a HubRefused, or None)."""
    journal = LocalJournal(journal_path)
    try:
        jid = local_journal_id(journal)
        local_seq, local_hash = journal.head()
        report = {
            "event": event_id(event), "journal": jid, "local_seq": local_seq, "hub_seq": 0, "behind": local_seq,
            "last_ack": None, "fingerprint_local": local_hash, "fingerprint_hub": None, "writer": None,
            "refusal": None, "lost": [],
        }
        if jid is None:
            return report
        found = client.owner(conn, jid)
        mine = client.writer_id(journal_path, create=False)
        refusal: HubRefused | None = None
        if found is None:
            other = conn.execute(
                "SELECT journal, writer_name FROM gelar_hub.journals WHERE event = %s ORDER BY created LIMIT 1", (report["event"],)
            ).fetchone()
            if other is not None:
                refusal = HubRefused("hubcore.refused_other_journal", event=report["event"], journal=other[0][:12], writer=other[1])
        else:
            report["writer"] = found.writer_name
            if found.writer != mine:
                refusal = client.refused_writer(found)
        hub_seq, hub_hash = client.head(conn, jid)
        row = conn.execute(
            "SELECT received FROM gelar_hub.records WHERE journal = %s AND seq = %s", (jid, hub_seq)
        ).fetchone()
        report.update(
            hub_seq=hub_seq, behind=max(0, local_seq - hub_seq), fingerprint_hub=hub_hash if hub_seq else None,
            last_ack=row[0].astimezone(timezone.utc).isoformat(timespec="seconds") if row else None,
        )
        common = min(local_seq, hub_seq)
        if common and refusal is None:
            local_at = journal.rows(after=common - 1)[:1]
            if not local_at or local_at[0][7] != client.hash_at(conn, jid, common):
                refusal = HubRefused("hubcore.refused_fork", seq=common)
        if refusal is not None:
            held = client.hub_hashes(conn, jid, 0)
            records = _records(journal_path, event)
            report["lost"] = [
                {
                    "seq": record.seq, "kind": record.kind, "origin": record.origin, "data": record.data,
                    "time": datetime.fromtimestamp(record.ts).astimezone().isoformat(timespec="seconds"),
                }
                for record in records
                if held.get(record.seq) != record.hash
            ]
            report["behind"] = len(report["lost"])  # the hub may hold as many records, but not these
        report["refusal"] = refusal
        return report
    finally:
        journal.close()


def _records(journal_path: Path, event: Event) -> list:
    """Every record with its details (a command's own process: a Journal of its own is safe here)."""
    journal = Journal(journal_path, event.identity, create=False, upgrade=False)
    try:
        return journal.records()
    finally:
        journal.close()

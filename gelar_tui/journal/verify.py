"""Checking a journal's hash chain, and finding where a printed fingerprint stands in it.

Every record's hash is the SHA-256 of the previous record's hash followed by the
record's canonical line (see :func:`gelar_tui.journal.store.canonical_line`), so a record
changed, deleted, inserted or moved breaks the chain at that record or the next.
The last record's number and hash (the *head*) are also kept apart from the records,
written in the same transaction, so deleting records at the end shows as well. Someone
with the file can rebuild the whole chain, head included; what the chain guarantees is
that any edit shows against a fingerprint that was printed or noted before it.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from .store import GENESIS, Journal, canonical_line, chain_hash, format1_line


@dataclass(frozen=True)
class ChainReport:
    """What checking the chain found: the records, their first and last wall time, the fingerprint,
    and the first record that does not match (None when the chain holds)."""

    records: int
    first_ts: float | None
    last_ts: float | None
    fingerprint: str
    broken_at: int | None = None
    missing_before: bool = False
    """True when records are missing just before ``broken_at`` (its number skips)."""
    missing_tail: int = 0
    """Records missing at the end (``broken_at`` is then the first of them): the head kept beside
    the records, or SQLite's own numbering, says the journal had more."""
    head_kept: bool = True
    """False for a journal written before gelar kept its head: a deleted tail then shows only
    through SQLite's numbering (see Journal.highest_seq), until the next record stores the head."""


def check_chain(journal: Journal) -> ChainReport:
    """Walk the chain from the first record; stop at the first record that does not match.

    Then the end: the head kept beside the records (Journal.head) must be the last record, and
    SQLite must never have numbered a record past it, or records were deleted at the tail.
    """
    previous, count, expected_seq = GENESIS, 0, 1
    first = last = None
    for seq, ts, kind, data, origin, boot, boot_id, stored in journal.raw_rows():
        digest = _link(previous, seq, ts, boot, boot_id, kind, data, origin)
        if seq != expected_seq or digest != stored:
            return ChainReport(count, first, last, previous, broken_at=seq, missing_before=seq > expected_seq)
        first = ts if first is None else first
        last, previous, count, expected_seq = ts, stored, count + 1, seq + 1
    head = journal.head()
    ended = max(journal.highest_seq(), head[0] if head else 0)
    if ended > count:  # records numbered past the last one are gone
        return ChainReport(count, first, last, previous, broken_at=count + 1, missing_tail=ended - count, head_kept=head is not None)
    if head is not None and head[0] == count and head[1] != previous:  # the last record was replaced
        return ChainReport(count - 1, first, last, previous, broken_at=count)
    # a head behind the last record: records written since by a gelar that keeps no head
    return ChainReport(count, first, last, previous, head_kept=head is not None and head[0] == count)


def _link(previous: str, *fields) -> str | None:
    """The hash a record must have; None when a field is of a type gelar never writes (edited by hand)."""
    try:
        return chain_hash(previous, canonical_line(*fields))
    except (TypeError, ValueError):
        return None


def locate(journal: Journal, fingerprint: str) -> tuple[int, str] | None:
    """The record a fingerprint stands at, and its kind ("chain", or "format 1" for documents
    printed before journals had a chain); None when it is no fingerprint of this journal."""
    wanted = fingerprint.strip().lower()
    if wanted == GENESIS:
        return 0, "chain"
    format1 = hashlib.sha256()
    for seq, ts, kind, data, origin, _boot, _boot_id, stored in journal.raw_rows():
        if stored == wanted:
            return seq, "chain"
        try:
            format1.update((format1_line(seq, ts, kind, data, origin) + "\n").encode())
        except (TypeError, ValueError):
            return None  # a field gelar never writes: no fingerprint stands past it
        if format1.hexdigest() == wanted:
            return seq, "format 1"
    return None



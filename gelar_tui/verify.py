"""Checking a journal's hash chain, and finding where a printed fingerprint stands in it.

Every record's hash is the SHA-256 of the previous record's hash followed by the
record's canonical line (see :func:`gelar_tui.journal.canonical_line`), so a record
changed, deleted, inserted or moved breaks the chain at that record or the next.
Someone with the file can rebuild the whole chain; what the chain guarantees is
that any edit shows against a fingerprint that was printed or noted before it.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from .journal import GENESIS, Journal, canonical_line, chain_hash, format1_line


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


def check_chain(journal: Journal) -> ChainReport:
    """Walk the chain from the first record; stop at the first record that does not match."""
    previous, count, expected_seq = GENESIS, 0, 1
    first = last = None
    for seq, ts, kind, data, origin, boot, boot_id, stored in journal.raw_rows():
        digest = chain_hash(previous, canonical_line(seq, ts, boot, boot_id, kind, data, origin))
        if seq != expected_seq or digest != stored:
            return ChainReport(count, first, last, previous, broken_at=seq, missing_before=seq > expected_seq)
        first = ts if first is None else first
        last, previous, count, expected_seq = ts, stored, count + 1, seq + 1
    return ChainReport(count, first, last, previous)


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
        format1.update((format1_line(seq, ts, kind, data, origin) + "\n").encode())
        if format1.hexdigest() == wanted:
            return seq, "format 1"
    return None


def format1_fingerprint(journal: Journal) -> tuple[int, str]:
    """The fingerprint format-1 documents printed: SHA-256 of every record's format-1 line."""
    digest, last = hashlib.sha256(), 0
    for seq, ts, kind, data, origin, *_ in journal.raw_rows():
        digest.update((format1_line(seq, ts, kind, data, origin) + "\n").encode())
        last = seq
    return last, digest.hexdigest()

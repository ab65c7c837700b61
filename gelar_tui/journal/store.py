"""The journal: an append-only record of everything that happens on the day.

It is a SQLite database in WAL mode. Every append is its own transaction, synced
to disk before it returns (``synchronous=FULL``), so a crash or a power cut loses
no record that was acknowledged. Several processes may write to one journal at
once: SQLite serialises the writers, ``busy_timeout`` makes them wait their turn.

The journal is never overwritten: a file that is not a gelar journal, belongs to
another event, or was written by a newer version is refused with a clear error.

Each record carries its wall-clock time, its boot-clock time and boot id (see
:mod:`gelar_tui.journal.clock`), and a link of a hash chain: the SHA-256 of the previous
record's hash followed by this record's canonical line (:meth:`Record.canonical`).
The last record's hash is the journal's fingerprint. A journal of format 1 (no boot
clock, no chain) is upgraded once, in place, after a backup copy beside it.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NamedTuple

from .clock import Stamp
from .replay_rows import SCORE_SET, ReplayRows, decode_all, decode_joined
from ..errors import GelarError

FORMAT_VERSION = 2
"""Bumped whenever the record format changes in a way older versions cannot read.

1: seq, ts, kind, data, origin. 2: adds boot, boot_id and the hash chain."""

GENESIS = "0" * 64
"""The "previous hash" of the first record."""

APPLICATION_ID = 0x67656C72
"""SQLite's application_id header field for gelar journals ("gelr")."""

_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE records (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    ts REAL NOT NULL,
    kind TEXT NOT NULL,
    data TEXT NOT NULL,
    origin TEXT NOT NULL,
    boot REAL,
    boot_id TEXT NOT NULL DEFAULT '',
    hash TEXT NOT NULL DEFAULT ''
);
"""

_UPGRADE_FROM_1 = (
    "ALTER TABLE records ADD COLUMN boot REAL",
    "ALTER TABLE records ADD COLUMN boot_id TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE records ADD COLUMN hash TEXT NOT NULL DEFAULT ''",
)



class JournalWriteError(GelarError):
    """The journal cannot take a record now (disk full, made read-only, gone, or busy too long).

    Unlike a damaged journal this may pass: ``reason`` is "full", "readonly", "gone" or "busy".
    """

    def __init__(self, reason: str, path: Path, detail: str) -> None:
        super().__init__(_FAULT_MESSAGES[reason], path=str(path), reason=detail)
        self.reason = reason


_FAULT_MESSAGES = {
    "full": "trust.fault_full",
    "readonly": "trust.fault_readonly",
    "gone": "trust.fault_gone",
    "busy": "trust.fault_busy",
    "moved": "console.fault_moved",
}

_WRITE_FAULTS = (
    ("full", ("database or disk is full", "disk full")),
    ("readonly", ("readonly", "read-only", "permission denied")),
    ("gone", ("disk i/o error", "unable to open", "no such file")),
    ("busy", ("database is locked", "database is busy")),
)


def write_fault(exc: BaseException, path: Path) -> JournalWriteError | None:
    """The passing fault *exc* stands for, if it is one."""
    message = str(exc).lower()
    for reason, phrases in _WRITE_FAULTS:
        if any(phrase in message for phrase in phrases):
            return JournalWriteError(reason, path, str(exc))
    return None


class Record(NamedTuple):
    """One thing that happened: its place in the journal, wall-clock time, kind, details and origin,
    its boot-clock time and boot id, and its link in the hash chain.

    A named tuple rather than a dataclass: replaying 100,000 of them is twice as fast.
    """

    seq: int
    ts: float
    kind: str
    data: dict[str, Any]
    origin: str
    boot: float | None = None
    boot_id: str = ""
    hash: str = ""

    @property
    def stamp(self) -> Stamp:
        return Stamp(self.ts, self.boot, self.boot_id)

    def canonical(self) -> str:
        """The record's canonical line, which its hash covers (see :func:`chain_hash`)."""
        return canonical_line(self.seq, self.ts, self.boot, self.boot_id, self.kind, _encode(self.data), self.origin)

    def line(self) -> str:
        """The record's line in format 1, which the fingerprints of format-1 documents covered."""
        return format1_line(self.seq, self.ts, self.kind, _encode(self.data), self.origin)


def format1_line(seq: int, wall: float, kind: str, data: str, origin: str) -> str:
    """A record's line in format 1: seq, wall time with six decimals, kind, data as stored, origin."""
    return f"{seq}\t{wall:.6f}\t{kind}\t{data}\t{origin}"


def canonical_line(seq: int, wall: float, boot: float | None, boot_id: str, kind: str, data: str, origin: str) -> str:
    """seq, wall time and boot time with six decimals (boot empty when unknown), boot id, kind,
    the data as compact JSON with sorted keys, and origin, separated by tabs."""
    boot_text = "" if boot is None else f"{boot:.6f}"
    return f"{seq}\t{wall:.6f}\t{boot_text}\t{boot_id}\t{kind}\t{data}\t{origin}"


def chain_hash(previous: str, line: str) -> str:
    """SHA-256, in hex, of the previous record's hash (32 bytes) followed by this record's line in UTF-8."""
    return hashlib.sha256(bytes.fromhex(previous) + line.encode("utf-8")).hexdigest()


_A_TIME = "typeof({0}) IN ('real', 'integer') AND abs({0}) < 1e11"
"""SQL: the column holds a time in seconds since the epoch (before the year 5138), not text or infinity."""


def _encode(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


class Journal:
    """An open journal file bound to one event (identified by its title and date)."""

    def __init__(
        self, path: Path, identity: str, *, create: bool = True, upgrade: bool = True, busy_timeout: float = 30.0
    ) -> None:
        """Open (creating it when *create*) the journal at *path*.

        With ``create=False`` a journal that does not exist yet reads as empty,
        and no file is made: for commands that only look. With ``upgrade=False`` a
        format-1 journal is read as it is (``version`` says which it is).
        """
        self.path = Path(path)
        self.identity = identity
        self.version = FORMAT_VERSION
        self.upgraded_backup: Path | None = None
        """The backup copy made when this open upgraded a format-1 journal."""
        self._upgrade = upgrade
        self._busy_timeout = busy_timeout
        self._lock = threading.RLock()  # a watcher thread may read while the app writes
        self._last_data_version: int | None = None
        self.seen: tuple[int, str] = (0, GENESIS)
        """The number and hash of the last record this connection read or stored (what a spill file is bound to)."""
        self._appended: tuple[int, str] | None = None
        self._memory = not create and not self.path.exists()
        if self.path.is_dir():
            raise GelarError("error.journal_is_folder", path=str(self.path))
        try:
            if not self._memory:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                if not self.path.exists():  # it holds PIN hashes: owner only (SQLite gives -wal and -shm the same mode)
                    os.close(os.open(self.path, os.O_WRONLY | os.O_CREAT, 0o600))
            self._db = sqlite3.connect(
                ":memory:" if self._memory else self.path,
                isolation_level=None,
                timeout=busy_timeout,
                check_same_thread=False,
            )
        except (OSError, sqlite3.Error) as exc:
            raise GelarError("error.journal_unwritable", path=str(self.path), reason=str(exc)) from None
        self._file_id = self._identify()  # the file SQLite opened (it makes it when there was none)
        try:
            self._open()
        except sqlite3.DatabaseError as exc:
            self._db.close()
            raise self._corrupt(exc) from None
        except GelarError:
            self._db.close()
            raise

    def _identify(self) -> tuple[int, int] | None:
        """The device and inode of the file at the path now (None: no file there)."""
        try:
            info = os.stat(self.path)
        except OSError:
            return None
        return info.st_dev, info.st_ino

    def still_there(self) -> bool:
        """Whether the path still holds the file this journal opened: False once it was deleted, moved
        or replaced (SQLite would go on writing into the file nobody can find any more)."""
        return self._memory or self._identify() == self._file_id

    def _corrupt(self, exc: BaseException) -> GelarError:
        message = str(exc).lower()
        if "readonly" in message or "unable to open" in message or "permission" in message:
            return GelarError("error.journal_unwritable", path=str(self.path), reason=str(exc))
        return GelarError("error.journal_corrupt", path=str(self.path), reason=str(exc))

    def _open(self) -> None:
        db = self._db
        db.execute(f"PRAGMA busy_timeout = {int(self._busy_timeout * 1000)}")
        header = b""
        if not self._memory:
            with open(self.path, "rb") as file:
                header = file.read(16)
        if header and header != b"SQLite format 3\x00":
            raise GelarError("error.journal_corrupt", path=str(self.path), reason="not a SQLite database")
        # Classify the file under the write lock (a second process may be creating it right now);
        # a file that is not ours, or is newer, is only read, then left exactly as it is.
        self._begin()  # held busy past the wait (twice): a clear "busy", never "damaged"
        try:
            application_id = db.execute("PRAGMA application_id").fetchone()[0]
            version = db.execute("PRAGMA user_version").fetchone()[0]
            tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            fresh = not tables and application_id == 0
            if not fresh and application_id != APPLICATION_ID:
                raise GelarError("error.journal_foreign", path=str(self.path))
            if version > FORMAT_VERSION:
                raise GelarError("error.journal_newer", path=str(self.path), version=version, ours=FORMAT_VERSION)
            if fresh:
                for statement in filter(None, (s.strip() for s in _SCHEMA.split(";"))):
                    db.execute(statement)
                db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
                db.execute(f"PRAGMA user_version = {FORMAT_VERSION}")
                db.execute("INSERT INTO meta (key, value) VALUES ('event', ?)", (self.identity,))
                version = FORMAT_VERSION
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
        self.version = version
        self._check_event()
        if not self._memory:
            self._use_wal()
        db.execute("PRAGMA synchronous = FULL")
        if self.version < FORMAT_VERSION and self._upgrade:
            self._upgrade_from_1()

    def _upgrade_from_1(self) -> None:
        """Give a format-1 journal the boot columns and the hash chain, after a backup copy beside it."""
        backup = self.path.with_name(self.path.name + ".v1.bak")
        if not backup.exists():
            target = sqlite3.connect(backup)
            try:
                self._db.backup(target)
            finally:
                target.close()
        db = self._db
        db.execute("BEGIN IMMEDIATE")
        try:
            if db.execute("PRAGMA user_version").fetchone()[0] == 1:  # another process may have just done it
                for statement in _UPGRADE_FROM_1:
                    db.execute(statement)
                previous = GENESIS
                rows = db.execute("SELECT seq, ts, kind, data, origin FROM records ORDER BY seq").fetchall()
                for seq, ts, kind, data, origin in rows:
                    previous = chain_hash(previous, canonical_line(seq, ts, None, "", kind, data, origin))
                    db.execute("UPDATE records SET hash = ? WHERE seq = ?", (previous, seq))
                if rows:  # the head, as every append keeps it (see head())
                    db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('head', ?)", (f"{rows[-1][0]} {previous}",))
                db.execute(f"PRAGMA user_version = {FORMAT_VERSION}")
                self.upgraded_backup = backup
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
        self.version = FORMAT_VERSION

    def _check_event(self) -> None:
        try:
            row = self._db.execute("SELECT value FROM meta WHERE key = 'event'").fetchone()
        except sqlite3.OperationalError:
            row = None
        if row is None:
            raise GelarError("error.journal_foreign", path=str(self.path))
        if row[0] != self.identity:
            title, _, date = row[0].rpartition("|")
            raise GelarError("error.journal_other_event", path=str(self.path), title=title, date=date)

    def _use_wal(self, patience: float = 30.0) -> None:
        """Switch to WAL mode, waiting while another process briefly holds a lock (no busy handler applies here)."""
        deadline = time.monotonic() + patience
        while True:
            try:
                mode = self._db.execute("PRAGMA journal_mode").fetchone()[0]
                if str(mode).lower() != "wal":
                    mode = self._db.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) and "busy" not in str(exc) or time.monotonic() > deadline:
                    raise
                threading.Event().wait(0.05)  # not time.sleep: it fails under a faked wall clock
                continue
            if str(mode).lower() != "wal":
                raise GelarError("error.journal_unwritable", path=str(self.path), reason=f"journal_mode {mode}")
            return

    # -- writing -----------------------------------------------------------

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Hold the write lock: records read and appended inside see no other writer."""
        with self._lock:
            self._refuse_old_format()
            if not self.still_there():  # deleted or moved: what it took would be lost with it
                raise JournalWriteError("moved", self.path, "the file at this path is not the journal opened")
            self._begin()
            self._appended = None
            try:
                yield
            except BaseException:
                self._rollback()
                raise
            try:
                self._db.execute("COMMIT")
            except sqlite3.DatabaseError as exc:
                self._rollback()
                raise self._fault(exc) from None
            if self._appended is not None:  # seen once it is stored, never when the commit failed
                self.seen = self._appended

    def _begin(self) -> None:
        """Take the write lock; busy past the busy timeout, try once more before giving up."""
        for attempt in (1, 2):
            try:
                self._db.execute("BEGIN IMMEDIATE")
                return
            except sqlite3.DatabaseError as exc:
                fault = self._fault(exc)
                if not (isinstance(fault, JournalWriteError) and fault.reason == "busy" and attempt == 1):
                    raise fault from None

    def _rollback(self) -> None:
        if self._db.in_transaction:
            try:
                self._db.execute("ROLLBACK")
            except sqlite3.DatabaseError:
                pass  # the file is gone or broken: there is nothing left to undo

    def _fault(self, exc: BaseException) -> GelarError:
        """A write that failed: a passing fault (JournalWriteError) where it may pass, else damage."""
        return write_fault(exc, self.path) or self._corrupt(exc)

    def _refuse_old_format(self) -> None:
        if self.version < FORMAT_VERSION:
            raise GelarError("error.journal_old_format", path=str(self.path), version=self.version)

    def append(self, kind: str, data: dict[str, Any], stamp: Stamp | float, origin: str) -> Record:
        """Write one record, linked into the hash chain. Outside a transaction() it is its own, durable on return.

        *stamp* is the moment it happened (a bare number: a wall-clock time with no boot clock).
        """
        if not isinstance(stamp, Stamp):
            stamp = Stamp(float(stamp), None, "")
        if not self._db.in_transaction:
            with self.transaction():
                return self.append(kind, data, stamp, origin)
        wall = round(stamp.wall, 6)
        boot = None if stamp.boot is None else round(stamp.boot, 6)
        text = _encode(data)
        try:
            last = self._db.execute("SELECT seq, hash FROM records ORDER BY seq DESC LIMIT 1").fetchone()
            seq, previous = (last[0] + 1, last[1]) if last else (1, GENESIS)
            digest = chain_hash(previous, canonical_line(seq, wall, boot, stamp.boot_id, kind, text, origin))
            self._db.execute(
                "INSERT INTO records (seq, ts, kind, data, origin, boot, boot_id, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (seq, wall, kind, text, origin, boot, stamp.boot_id, digest),
            )
            # the head, in the same transaction: a tail deleted later shows against it (see head())
            self._db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('head', ?)", (f"{seq} {digest}",))
        except sqlite3.DatabaseError as exc:
            raise self._fault(exc) from None
        self._appended = (seq, digest)
        return Record(seq, wall, kind, data, origin, boot, stamp.boot_id, digest)

    def append_copies(self, records: list[Record]) -> None:
        """Store *records* exactly as given (seq, times, boot, hash), in one transaction: a copy of
        a journal checked elsewhere (a takeover from the hub). They must follow this journal's last record."""
        with self.transaction():
            last = self._db.execute("SELECT seq FROM records ORDER BY seq DESC LIMIT 1").fetchone()
            expected = (last[0] if last else 0) + 1
            for record in records:
                if record.seq != expected:
                    raise ValueError(f"record {record.seq} does not follow record {expected - 1}")
                self._db.execute(
                    "INSERT INTO records (seq, ts, kind, data, origin, boot, boot_id, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (record.seq, record.ts, record.kind, _encode(record.data), record.origin, record.boot, record.boot_id, record.hash),
                )
                expected += 1
            if records:
                self._db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('head', ?)", (f"{records[-1].seq} {records[-1].hash}",))
                self._appended = (records[-1].seq, records[-1].hash)

    # -- reading -----------------------------------------------------------

    def records(self, after: int = 0) -> list[Record]:
        """Every record with a sequence number above *after*, oldest first."""
        try:
            with self._lock:
                rows = self._db.execute(f"SELECT {self._record_columns} FROM records WHERE seq > ? ORDER BY seq", (after,)).fetchall()
        except sqlite3.DatabaseError as exc:
            raise self._fault(exc) from None
        datas = decode_all([row[3] for row in rows])
        if rows:
            self.seen = (rows[-1][0], rows[-1][7])
        return [Record(row[0], row[1], row[2], data, *row[4:]) for row, data in zip(rows, datas)]

    @property
    def _columns(self) -> str:
        """The columns as stored: what the chain is checked on (raw_rows)."""
        if self.version < 2:
            return "seq, ts, kind, data, origin, NULL, '', ''"
        return "seq, ts, kind, data, origin, boot, boot_id, hash"

    @property
    def _record_columns(self) -> str:
        """The columns a Record is made of: a time that is no number (edited by hand) reads as 0 or none."""
        ts = f"CASE WHEN {_A_TIME.format('ts')} THEN ts ELSE 0.0 END"
        if self.version < 2:
            return f"seq, {ts}, CAST(kind AS TEXT), data, CAST(origin AS TEXT), NULL, '', ''"
        boot = f"CASE WHEN {_A_TIME.format('boot')} THEN boot END"
        return f"seq, {ts}, CAST(kind AS TEXT), data, CAST(origin AS TEXT), {boot}, CAST(boot_id AS TEXT), hash"

    def raw_rows(self) -> Iterator[tuple]:
        """(seq, ts, kind, data as stored, origin, boot, boot_id, hash) of every record, oldest first: for checking the chain."""
        with self._lock:
            cursor = self._db.execute(f"SELECT {self._columns} FROM records ORDER BY seq")
            try:
                yield from cursor
            except sqlite3.DatabaseError as exc:
                raise self._corrupt(exc) from None

    def replay_rows(self, after: int = 0) -> tuple[ReplayRows, int]:
        """Every record after *after* as rebuilding the state wants them, and the last record number.

        The fast path that rebuilding the state takes: no Record objects, the score records
        apart in one text (see :mod:`.replay_rows`), the others with one JSON decode for the
        whole batch, and all of it read in one snapshot of the file.
        """
        # a time that is no number (a file edited by hand) reads as none: nothing a file holds crashes replay
        boot = "NULL, ''" if self.version < 2 else f"CASE WHEN {_A_TIME.format('boot')} THEN boot END, CAST(boot_id AS TEXT)"
        hash_column = "hash" if self.version >= 2 else "''"
        scores: list | None = None
        texts: list | None = None
        try:
            with self._lock:
                own = not self._db.in_transaction
                if own:
                    self._db.execute("BEGIN")  # one snapshot for the three reads: a writer between them changes nothing
                try:
                    others = self._db.execute(
                        f"SELECT kind, data, CASE WHEN {_A_TIME.format('ts')} THEN ts ELSE 0.0 END, {boot}"
                        f" FROM records WHERE seq > ? AND kind IS NOT '{SCORE_SET}' ORDER BY seq",
                        (after,),
                    ).fetchall()
                    # the details in the order of seq (the table's rowid): the subquery's order is the concatenation's
                    count, texts_in, joined = self._db.execute(
                        "SELECT count(*), total(typeof(data) = 'text'), group_concat(data) FROM"
                        f" (SELECT data FROM records WHERE seq > ? AND kind = '{SCORE_SET}' ORDER BY seq)",
                        (after,),
                    ).fetchone()
                    scores = [] if count == 0 else decode_joined(joined, count) if texts_in == count else None
                    if scores is None:  # one is no JSON (edited by hand): each alone
                        texts = [row[0] for row in self._db.execute(
                            f"SELECT data FROM records WHERE seq > ? AND kind = '{SCORE_SET}' ORDER BY seq", (after,)
                        )]
                    top = self._db.execute(f"SELECT seq, {hash_column} FROM records ORDER BY seq DESC LIMIT 1").fetchone()
                finally:
                    if own and self._db.in_transaction:
                        self._db.execute("COMMIT")
        except sqlite3.DatabaseError as exc:
            raise self._corrupt(exc) from None
        datas = decode_all([row[1] for row in others])
        last = after
        if top is not None:
            last = top[0]
            self.seen = (top[0], top[1])
        rows = [
            (kind, data, Stamp(ts, boot_time, boot_id))
            for (kind, _, ts, boot_time, boot_id), data in zip(others, datas)
        ]
        return ReplayRows(rows, decode_all(texts) if scores is None else scores), last

    def hash_at(self, seq: int) -> str | None:
        """The chain's hash stored with record *seq* (None: no such record, or a journal without a chain)."""
        if self.version < 2:
            return None
        try:
            with self._lock:
                row = self._db.execute("SELECT hash FROM records WHERE seq = ?", (seq,)).fetchone()
        except sqlite3.DatabaseError as exc:
            raise self._corrupt(exc) from None
        return row[0] if row is not None and isinstance(row[0], str) else None

    def changed(self) -> bool:
        """Whether another connection has committed since the last call (cheap to poll)."""
        try:
            with self._lock:
                version = self._db.execute("PRAGMA data_version").fetchone()[0]
        except sqlite3.DatabaseError as exc:
            raise self._fault(exc) from None
        changed = version != self._last_data_version
        self._last_data_version = version
        return changed

    def fingerprint(self) -> tuple[int, str]:
        """The last record's number and hash: printed documents can be checked against them (``gelar verify``)."""
        if self.version < 2:
            return format1_fingerprint(self)
        with self._lock:
            row = self._db.execute("SELECT seq, hash FROM records ORDER BY seq DESC LIMIT 1").fetchone()
        return (row[0], row[1]) if row else (0, GENESIS)

    def head(self) -> tuple[int, str] | None:
        """The head kept beside the records: the last record's number and hash, written in the same
        transaction as the record. None for a journal written before gelar kept a head."""
        with self._lock:
            row = self._db.execute("SELECT value FROM meta WHERE key = 'head'").fetchone()
        if row is None:
            return None
        seq, _, digest = str(row[0]).partition(" ")
        return (int(seq), digest) if seq.isdigit() else (-1, digest)

    def highest_seq(self) -> int:
        """The highest record number SQLite ever gave out here (its AUTOINCREMENT counter; 0: none)."""
        with self._lock:
            try:
                row = self._db.execute("SELECT seq FROM sqlite_sequence WHERE name = 'records'").fetchone()
            except sqlite3.OperationalError:
                return 0
        return int(row[0]) if row and isinstance(row[0], int) else 0

    def last_of_kind(self, kind: str, upto: int | None = None) -> Record | None:
        """The last record of *kind* (at or before record *upto*, when given)."""
        with self._lock:
            row = self._db.execute(
                f"SELECT {self._record_columns} FROM records WHERE kind = ? AND seq <= ? ORDER BY seq DESC LIMIT 1",
                (kind, upto if upto is not None else 2**62),
            ).fetchone()
        if row is None:
            return None
        return Record(row[0], row[1], row[2], decode_all([row[3]])[0], *row[4:])

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Journal:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def format1_fingerprint(journal: Journal) -> tuple[int, str]:
    """The fingerprint format-1 documents printed: SHA-256 of every record's format-1 line."""
    digest, last = hashlib.sha256(), 0
    for seq, ts, kind, data, origin, *_ in journal.raw_rows():
        digest.update((format1_line(seq, ts, kind, data, origin) + "\n").encode())
        last = seq
    return last, digest.hexdigest()

"""The journal: an append-only record of everything that happens on the day.

It is a SQLite database in WAL mode. Every append is its own transaction, synced
to disk before it returns (``synchronous=FULL``), so a crash or a power cut loses
no record that was acknowledged. Several processes may write to one journal at
once: SQLite serialises the writers, ``busy_timeout`` makes them wait their turn.

The journal is never overwritten: a file that is not a gelar journal, belongs to
another event, or was written by a newer version is refused with a clear error.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NamedTuple

from .errors import GelarError

FORMAT_VERSION = 1
"""Bumped whenever the record format changes in a way older versions cannot read."""

APPLICATION_ID = 0x67656C72
"""SQLite's application_id header field for gelar journals ("gelr")."""

_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE records (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    ts REAL NOT NULL,
    kind TEXT NOT NULL,
    data TEXT NOT NULL,
    origin TEXT NOT NULL
);
"""


class Record(NamedTuple):
    """One thing that happened: its place in the journal, wall-clock time, kind and details.

    A named tuple rather than a dataclass: replaying 100,000 of them is twice as fast.
    """

    seq: int
    ts: float
    kind: str
    data: dict[str, Any]
    origin: str

    def line(self) -> str:
        """The record as one canonical line (used for the log and the fingerprint)."""
        return f"{self.seq}\t{self.ts:.6f}\t{self.kind}\t{_encode(self.data)}\t{self.origin}"


def _encode(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


class Journal:
    """An open journal file bound to one event (identified by its title and date)."""

    def __init__(self, path: Path, identity: str, *, create: bool = True) -> None:
        """Open (creating it when *create*) the journal at *path*.

        With ``create=False`` a journal that does not exist yet reads as empty,
        and no file is made: for commands that only look.
        """
        self.path = Path(path)
        self.identity = identity
        self._last_data_version: int | None = None
        self._memory = not create and not self.path.exists()
        if self.path.is_dir():
            raise GelarError("error.journal_is_folder", path=str(self.path))
        try:
            if not self._memory:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(":memory:" if self._memory else self.path, isolation_level=None, timeout=30.0)
        except (OSError, sqlite3.Error) as exc:
            raise GelarError("error.journal_unwritable", path=str(self.path), reason=str(exc)) from None
        try:
            self._open()
        except sqlite3.DatabaseError as exc:
            self._db.close()
            raise self._corrupt(exc) from None
        except GelarError:
            self._db.close()
            raise

    def _corrupt(self, exc: BaseException) -> GelarError:
        message = str(exc).lower()
        if "readonly" in message or "unable to open" in message or "permission" in message:
            return GelarError("error.journal_unwritable", path=str(self.path), reason=str(exc))
        return GelarError("error.journal_corrupt", path=str(self.path), reason=str(exc))

    def _open(self) -> None:
        db = self._db
        db.execute("PRAGMA busy_timeout = 30000")
        header = b""
        if not self._memory:
            with open(self.path, "rb") as file:
                header = file.read(16)
        if header and header != b"SQLite format 3\x00":
            raise GelarError("error.journal_corrupt", path=str(self.path), reason="not a SQLite database")
        # Classify the file under the write lock (a second process may be creating it right now);
        # a file that is not ours, or is newer, is only read, then left exactly as it is.
        db.execute("BEGIN IMMEDIATE")
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
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
        self._check_event()
        if not self._memory:
            self._use_wal()
        db.execute("PRAGMA synchronous = FULL")

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
                time.sleep(0.05)
                continue
            if str(mode).lower() != "wal":
                raise GelarError("error.journal_unwritable", path=str(self.path), reason=f"journal_mode {mode}")
            return

    # -- writing -----------------------------------------------------------

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Hold the write lock: records read and appended inside see no other writer."""
        try:
            self._db.execute("BEGIN IMMEDIATE")
        except sqlite3.DatabaseError as exc:
            raise self._corrupt(exc) from None
        try:
            yield
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        try:
            self._db.execute("COMMIT")
        except sqlite3.DatabaseError as exc:
            raise self._corrupt(exc) from None

    def append(self, kind: str, data: dict[str, Any], ts: float, origin: str) -> Record:
        """Write one record. Outside a transaction() it is its own, durable on return."""
        try:
            cursor = self._db.execute(
                "INSERT INTO records (ts, kind, data, origin) VALUES (?, ?, ?, ?)",
                (ts, kind, _encode(data), origin),
            )
        except sqlite3.DatabaseError as exc:
            raise self._corrupt(exc) from None
        return Record(int(cursor.lastrowid or 0), ts, kind, data, origin)

    # -- reading -----------------------------------------------------------

    def records(self, after: int = 0) -> list[Record]:
        """Every record with a sequence number above *after*, oldest first."""
        try:
            rows = self._db.execute(
                "SELECT seq, ts, kind, data, origin FROM records WHERE seq > ? ORDER BY seq", (after,)
            ).fetchall()
            # one json.loads for the whole batch: far cheaper than one call per record
            datas = json.loads("[" + ",".join(row[3] for row in rows) + "]")
            return [Record(seq, ts, kind, data, origin) for (seq, ts, kind, _, origin), data in zip(rows, datas)]
        except (sqlite3.DatabaseError, ValueError) as exc:
            raise self._corrupt(exc) from None

    def replay_rows(self, after: int = 0) -> tuple[Iterator[tuple[str, dict[str, Any], float | None]], int]:
        """(kind, data, ts) of every record after *after*, oldest first, and the last record number.

        The fast path that rebuilding the state takes: no Record objects, one JSON decode for
        the whole batch, and no timestamp for score records (their time changes nothing).
        """
        try:
            rows = self._db.execute(
                "SELECT kind, data, CASE WHEN kind = 'score_set' THEN NULL ELSE ts END"
                " FROM records WHERE seq > ? ORDER BY seq",
                (after,),
            ).fetchall()
            last = self._db.execute("SELECT MAX(seq) FROM records").fetchone()[0] or after
            datas = json.loads("[" + ",".join([row[1] for row in rows]) + "]")
        except (sqlite3.DatabaseError, ValueError) as exc:
            raise self._corrupt(exc) from None
        return ((kind, data, ts) for (kind, _, ts), data in zip(rows, datas)), last

    def changed(self) -> bool:
        """Whether another connection has committed since the last call (cheap to poll)."""
        try:
            version = self._db.execute("PRAGMA data_version").fetchone()[0]
        except sqlite3.DatabaseError as exc:
            raise self._corrupt(exc) from None
        changed = version != self._last_data_version
        self._last_data_version = version
        return changed

    def fingerprint(self) -> str:
        """SHA-256, in hex, of every record's canonical line: printed sheets can be checked against it."""
        digest = hashlib.sha256()
        for record in self.records():
            digest.update(record.line().encode("utf-8") + b"\n")
        return digest.hexdigest()

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Journal:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

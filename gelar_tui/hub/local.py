"""The room's journal as the shipper reads it: a plain SQLite connection of its own, read only.

Not a :class:`~gelar_tui.journal.store.Journal`: opening one reads the file's header through
``open()``/``close()``, and closing any descriptor of a file drops every POSIX lock the process
holds on it, SQLite's included. In the console's process that would let another process take
the console's write-ahead log for unused and delete it under the console. SQLite's own
connections share their locks within a process, so a second one is safe.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from ..errors import GelarError
from ..journal.store import GENESIS, canonical_line

Row = tuple[int, float, str, str, str, float | None, str, str]
"""(seq, ts, kind, data as stored, origin, boot, boot_id, hash): a record as the journal holds it."""


class LocalJournal:
    """Reads a journal's records and head for shipping (see the module's docstring)."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        try:
            self._db = sqlite3.connect(
                f"file:{self.path.absolute()}?mode=rw", uri=True, isolation_level=None, check_same_thread=False, timeout=30
            )
            version = self._db.execute("PRAGMA user_version").fetchone()[0]
        except sqlite3.Error as exc:
            raise GelarError("error.journal_unwritable", path=str(self.path), reason=str(exc)) from None
        if version < 2:
            self._db.close()
            raise GelarError("hubcore.old_format", path=str(self.path))

    def head(self) -> tuple[int, str]:
        """The last record's number and hash ((0, GENESIS) when there is none)."""
        row = self._db.execute("SELECT seq, hash FROM records ORDER BY seq DESC LIMIT 1").fetchone()
        return (row[0], row[1]) if row else (0, GENESIS)

    def first_hash(self) -> str | None:
        """The first record's hash: the journal's id on the hub (None while it holds no record)."""
        row = self._db.execute("SELECT hash FROM records ORDER BY seq LIMIT 1").fetchone()
        return row[0] if row else None

    def hash_at(self, seq: int) -> str | None:
        row = self._db.execute("SELECT hash FROM records WHERE seq = ?", (seq,)).fetchone()
        return row[0] if row else None

    def rows(self, after: int) -> list[Row]:
        """Every record after *after*, oldest first, as stored."""
        return self._db.execute(
            "SELECT seq, ts, kind, data, origin, boot, boot_id, hash FROM records WHERE seq > ? ORDER BY seq", (after,)
        ).fetchall()

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> LocalJournal:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def hub_row(journal: str, previous: str, row: Row) -> tuple:
    """A stored record as the hub's ``records`` table takes it: its canonical line from the data exactly as stored."""
    seq, ts, kind, data, origin, boot, boot_id, digest = row
    line = canonical_line(seq, ts, boot, boot_id, kind, data, origin)
    return (journal, seq, previous, digest, line, ts, kind, data, origin, boot, boot_id)

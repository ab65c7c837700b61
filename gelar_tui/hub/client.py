"""Talking to the hub: connecting without waiting long, this laptop's writer id, registering a
journal, the hub's head, appending records in order, and reading a journal back.

Every call here does network I/O: the console makes them on the shipper's thread, never its own.
"""

from __future__ import annotations

import os
import socket
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from ..errors import GelarError
from ..journal.store import GENESIS
from ..event.hub_url import masked
from .address import reason_of
from .schema import REFUSED_FORK, REFUSED_GAP, REFUSED_HASH, REFUSED_WRITER

CONNECT_TIMEOUT = 3
"""Seconds a connection may take before the hub counts as unreachable."""

_OPTIONS = {
    "connect_timeout": CONNECT_TIMEOUT,
    "keepalives": 1,
    "keepalives_idle": 5,
    "keepalives_interval": 2,
    "keepalives_count": 2,
    "tcp_user_timeout": 10_000,  # a write the network swallows fails within seconds, never hangs
    "application_name": "gelar",
}


class HubUnreachable(GelarError):
    """The hub cannot be reached now (down, no network, refused the login): shipping waits and retries."""

    def __init__(self, url: str, reason: str) -> None:
        super().__init__("hubcore.unreachable", url=masked(url), reason=reason)
        self.reason = reason


class HubRefused(GelarError):
    """The hub refuses this journal's records: another writer (a takeover), or a fork. Retrying will not help."""

    def __init__(self, key: str, **params: object) -> None:
        super().__init__(key, **params)


def connect(url: str, *, autocommit: bool = True):
    """A psycopg connection to *url* (passed to libpq untouched, so ``sslmode`` and the password sources apply).

    The one way every part of gelar connects to the hub; psycopg, the optional ``hub`` extra, is
    imported here, and its absence is a clear message."""
    try:
        import psycopg
    except ImportError:
        raise GelarError("hubread.needs_psycopg") from None

    try:
        return psycopg.connect(url, autocommit=autocommit, **_OPTIONS)
    except psycopg.Error as exc:
        raise HubUnreachable(url, reason_of(exc, url)) from None
    except (ValueError, OSError) as exc:  # a URL libpq cannot read
        raise GelarError("hubcore.bad_url", url=masked(url), reason=_first_line(exc)) from None


@contextmanager
def speaking(url: str) -> Iterator[None]:
    """Turn a failure of the hub in the middle of a command (it stopped, the network went) into a
    clear error naming the hub, instead of a traceback."""
    import psycopg

    try:
        yield
    except psycopg.Error as exc:
        raise HubUnreachable(url, _first_line(exc)) from None


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text.splitlines()[0]


def writer_file(journal_path: Path) -> Path:
    """Where this laptop's writer id for a journal is kept: beside the journal."""
    return journal_path.with_name(journal_path.name + ".hub-writer")


def writer_id(journal_path: Path, *, create: bool = True) -> str | None:
    """This laptop's writer id for the journal at *journal_path* (a uuid made once, owner-only)."""
    path = writer_file(journal_path)
    try:
        found = path.read_text(encoding="ascii").strip()
        if found:
            return found
    except (OSError, UnicodeDecodeError):
        pass
    if not create:
        return None
    made = str(uuid.uuid4())
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="ascii") as file:
            file.write(made + "\n")
    except OSError as exc:  # a full disk, a folder in the way: said, and no half-written id left
        if path.is_file():
            path.unlink(missing_ok=True)
        raise GelarError("hubdrill.writer_unwritable", path=str(path), reason=exc.strerror or str(exc)) from None
    return made


def host_name() -> str:
    return socket.gethostname() or "?"


@dataclass(frozen=True)
class Owner:
    """Who writes a journal on the hub."""

    writer: str
    writer_name: str
    taken_at: str | None


def owner(conn, journal: str) -> Owner | None:
    row = conn.execute(
        "SELECT writer, writer_name, to_char(taken_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"
        " FROM gelar_hub.journals WHERE journal = %s",
        (journal,),
    ).fetchone()
    return None if row is None else Owner(*row)


def register(conn, journal: str, event: str, title: str, writer: str) -> Owner:
    """Make *journal* known to the hub with this laptop as its writer, unless it is known already;
    refuse (HubRefused) a journal written by another laptop, or a second journal for an event."""
    with conn.transaction():
        found = owner(conn, journal)
        if found is None:
            other = conn.execute(
                "SELECT journal, writer_name FROM gelar_hub.journals WHERE event = %s AND journal <> %s ORDER BY created LIMIT 1",
                (event, journal),
            ).fetchone()
            if other is not None:
                raise HubRefused("hubcore.refused_other_journal", event=event, journal=other[0][:12], writer=other[1])
            conn.execute(
                "INSERT INTO gelar_hub.journals (journal, event, title, writer, writer_name) VALUES (%s, %s, %s, %s, %s)"
                " ON CONFLICT (journal) DO NOTHING",
                (journal, event, title, writer, host_name()),
            )
            found = owner(conn, journal)
    assert found is not None
    if found.writer != writer:
        raise refused_writer(found)
    return found


def refused_writer(found: Owner) -> HubRefused:
    if found.taken_at:
        return HubRefused("hubcore.refused_taken_over", writer=found.writer_name, when=found.taken_at)
    if found.writer_name == host_name():  # most likely this laptop, its writer id file lost: say so, not "another laptop"
        return HubRefused("hubdrill.refused_writer_lost", writer=found.writer_name)
    return HubRefused("hubcore.refused_writer", writer=found.writer_name)


def head(conn, journal: str) -> tuple[int, str]:
    """The hub's last record of *journal*: its number and hash ((0, GENESIS) when it holds none)."""
    row = conn.execute(
        "SELECT seq, hash FROM gelar_hub.records WHERE journal = %s ORDER BY seq DESC LIMIT 1", (journal,)
    ).fetchone()
    return (int(row[0]), row[1]) if row else (0, GENESIS)


def hash_at(conn, journal: str, seq: int) -> str | None:
    row = conn.execute("SELECT hash FROM gelar_hub.records WHERE journal = %s AND seq = %s", (journal, seq)).fetchone()
    return row[0] if row else None


def append(conn, journal: str, writer: str, rows: list[tuple]) -> None:
    """Append *rows* (``local.hub_row``: in order, each linked to the one before) in one transaction."""
    import psycopg

    try:
        with conn.transaction():
            conn.execute("SELECT set_config('gelar_hub.writer', %s, true)", (writer,))
            with conn.cursor() as cursor:
                cursor.executemany(
                    "INSERT INTO gelar_hub.records (journal, seq, prev, hash, canonical, ts, kind, data, origin, boot, boot_id)"
                    " VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)",
                    rows,
                )
    except psycopg.Error as exc:
        if (getattr(exc, "sqlstate", None) or "").startswith("GH"):  # a check of the hub's trigger
            raise refusal(conn, journal, exc) from None
        raise


def refusal(conn, journal: str, exc) -> HubRefused:
    """The refusal a check of the hub's trigger stands for."""
    state = exc.sqlstate or ""
    detail = (exc.diag.message_detail or "") if exc.diag else ""
    if state == REFUSED_WRITER:
        try:
            found = owner(conn, journal)
        except Exception:
            found = None
        if found is not None:
            return refused_writer(found)
        return HubRefused("hubcore.refused_writer", writer="?")
    if state == REFUSED_GAP:
        return HubRefused("hubcore.refused_gap", held=detail)
    if state in (REFUSED_FORK, REFUSED_HASH):
        return HubRefused("hubcore.refused_fork", seq=detail)
    return HubRefused("hubcore.refused_other", reason=_first_line(exc))


def hub_records(conn, journal: str, after: int = 0) -> list[tuple]:
    """(seq, prev, hash, canonical, ts, kind, data, origin, boot, boot_id) of the hub's records after *after*, in order."""
    return conn.execute(
        "SELECT seq, prev, hash, canonical, ts, kind, data, origin, boot, boot_id FROM gelar_hub.records"
        " WHERE journal = %s AND seq > %s ORDER BY seq",
        (journal, after),
    ).fetchall()


def hub_hashes(conn, journal: str, after: int) -> dict[int, str]:
    return dict(conn.execute("SELECT seq, hash FROM gelar_hub.records WHERE journal = %s AND seq > %s", (journal, after)).fetchall())

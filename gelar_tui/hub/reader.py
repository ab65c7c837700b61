"""Reading a journal from the hub: the reading half of :class:`~gelar_tui.journal.store.Journal`, on PostgreSQL.

A :class:`HubJournal` is what a :class:`~gelar_tui.day.facade.Day` reads when it was opened
on another machine than the room's: the records of one journal on the hub, in order, with
their hash chain. It hears of new records by LISTEN/NOTIFY on the channel ``gelar_hub``
(one connection of its own, on a thread: :class:`HubListener`), so ``changed()`` is a
check of a flag. It writes nothing: every write is refused with a clear message (the room's
journal is the one that is written; the hub only receives its records).

A reader needs only the hub's address and the event's id: the event itself comes from the
journal's ``event_file`` record (:func:`gelar_tui.day.eventrecord.journal_event`).

The password never passes through here: it comes from libpq (``PGPASSWORD``, ``~/.pgpass``,
``PGSERVICE``), and an address is only ever shown masked (:func:`~gelar_tui.event.hub_url.masked`).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from ..errors import GelarError
from ..journal.clock import Stamp
from ..journal.replay_rows import decode_all
from ..journal.store import GENESIS, Record, canonical_line
from ..event.hub_url import masked
from .address import hub_address, reason_of
from .client import connect
from .listen import CHANNEL, HubListener, HubWatcher

__all__ = ["Hub", "HubJournal", "HubListener", "HubWatcher", "hub_address", "hub_event", "open_hub_journal"]

LOBBY_KEY = "lobby:"
"""``gelar_hub.meta`` keys ``lobby:<event>``: what hub displays of that event show (``gelar show --hub``)."""

_COLUMNS = "seq, ts, kind, data, origin, boot, boot_id, hash"


class Hub:
    """One hub: a connection for queries, and (on demand) one listener for every journal read from it."""

    def __init__(self, url: str) -> None:
        self.url = url
        self._conn = connect(url)
        self._lock = threading.RLock()
        self._listener: HubListener | None = None

    def query(self, sql: str, params: tuple = ()) -> list[tuple]:
        """Rows of *sql*; the connection is made again once when it was lost (the server restarted)."""
        import psycopg

        with self._lock:
            for attempt in (1, 2):
                try:
                    return self._conn.execute(sql, params).fetchall()
                except psycopg.errors.UndefinedTable:
                    raise GelarError("hubread.not_initialised", url=masked(self.url)) from None
                except psycopg.OperationalError as exc:
                    if attempt == 2:
                        raise GelarError("hubread.lost", url=masked(self.url), reason=reason_of(exc, self.url)) from None
                    try:
                        self._conn.close()
                    except psycopg.Error:
                        pass
                    self._conn = connect(self.url)
                except psycopg.Error as exc:  # a role without SELECT, a table changed by hand
                    raise GelarError("hubread.query_failed", url=masked(self.url), reason=reason_of(exc, self.url)) from None
        raise AssertionError("unreachable")

    @property
    def listener(self) -> HubListener:
        with self._lock:
            if self._listener is None:
                self._listener = HubListener(self.url)
            return self._listener

    def journals(self) -> list[tuple[str, str, str, int]]:
        """(journal, event, title, last seq) of every journal on the hub, by event then age."""
        return self.query(
            "SELECT j.journal, j.event, j.title, coalesce((SELECT max(seq) FROM gelar_hub.records r WHERE r.journal = j.journal), 0)"
            " FROM gelar_hub.journals j ORDER BY j.event, j.created, j.journal"
        )

    def find(self, event: str | None) -> tuple[str, str]:
        """The journal to read for the event id *event* (None: the hub's only event): (journal, event).

        An event with several journals is read from the one written last. GelarError, listing the
        known events, when the id is not on the hub (or none was given and the hub holds several).
        """
        journals = [row for row in self.journals() if row[3] > 0]
        events = sorted({row[1] for row in journals})
        if event is None:
            if len(events) != 1:
                key = "hubread.no_events" if not events else "hubread.choose_event"
                raise GelarError(key, url=masked(self.url), known=", ".join(events))
            event = events[0]
        mine = [row for row in journals if row[1] == event]
        if not mine:
            raise GelarError("hubread.unknown_event", event=event, url=masked(self.url), known=", ".join(events) or "-")
        latest = self.query(
            "SELECT journal FROM gelar_hub.records WHERE journal = ANY(%s) ORDER BY received DESC LIMIT 1", ([row[0] for row in mine],)
        )
        return latest[0][0], event

    def lobby_view(self, event: str) -> str | None:
        """What hub displays of *event* show, as ``gelar show --hub`` chose it (None: what the room shows)."""
        rows = self.query("SELECT value FROM gelar_hub.meta WHERE key = %s", (LOBBY_KEY + event,))
        return rows[0][0] if rows else None

    def choose_lobby_view(self, event: str, view: str | None) -> None:
        """Make hub displays of *event* show *view* (None: follow the room again), and tell them.

        GelarError when the hub refuses it (the read-only role of displays and desks may not).
        """
        import psycopg

        try:
            with self._lock, self._conn.transaction():
                if view is None:
                    self._conn.execute("DELETE FROM gelar_hub.meta WHERE key = %s", (LOBBY_KEY + event,))
                else:
                    self._conn.execute(
                        "INSERT INTO gelar_hub.meta (key, value) VALUES (%s, %s) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                        (LOBBY_KEY + event, view),
                    )
                self._conn.execute("SELECT pg_notify(%s, %s)", (CHANNEL, f"lobby {event}"))
        except psycopg.Error as exc:
            raise GelarError("hubread.show_refused", url=masked(self.url), reason=reason_of(exc, self.url)) from None

    def close(self) -> None:
        """Stop listening and close the connection (twice is fine)."""
        with self._lock:
            listener, self._listener = self._listener, None
        if listener is not None:
            listener.stop()
        self._conn.close()


class HubJournal:
    """One journal on the hub, read-only, with the reading half of Journal's interface.

    ``changed()`` is a flag that the hub's listener sets when a record of this journal
    arrives (or the connection was made again); the queries run on the hub's connection.
    """

    version = 2
    path: Path | None = None
    """No file: nothing here is written or watched on disk."""
    upgraded_backup = None

    def __init__(self, hub: Hub, journal: str, event: str, *, owns_hub: bool = False) -> None:
        self.hub = hub
        self.journal = journal
        self.event = event
        self.identity = f"hub:{journal}"
        self.seen: tuple[int, str] = (0, GENESIS)
        self._owns_hub = owns_hub
        self._dirty = True
        self._view_dirty = False
        self._subscribers: list[Callable[[], None]] = []
        self._sub_lock = threading.Lock()
        self._unsubscribe: Callable[[], None] | None = None
        self.lobby_view = hub.lobby_view(event)
        """What ``gelar show --hub`` chose for the hub's displays of this event (None: what the room shows)."""

    @property
    def source(self) -> str:
        """Where the records come from, as printed: the masked address and the event id."""
        return f"{masked(self.hub.url)} · {self.event}"

    # -- noticing changes ----------------------------------------------------

    def _notice(self, payload: str | None) -> None:
        """On the listener's thread: a record of ours, a choice for our displays, or a reconnection."""
        if payload is None or payload.partition(" ")[0] == self.journal:
            self._dirty = True
        elif payload == f"lobby {self.event}":
            self._dirty = self._view_dirty = True
        else:
            return
        with self._sub_lock:
            subscribers = list(self._subscribers)
        for callback in subscribers:
            callback()

    def listen(self) -> None:
        """Hear of this journal's records from now on (the hub's listener; a one-shot command never starts it).

        Whoever listens reads once more afterwards (the app does, see LiveJournal.start_watching):
        a record committed before the LISTEN is then read too.
        """
        if self._unsubscribe is None:
            self._unsubscribe = self.hub.listener.subscribe(self._notice)

    def changed(self) -> bool:
        """Whether a record (or a display choice) arrived since the last call: a check of a flag
        (True, always, until someone listens: until then nothing can be known to be unchanged)."""
        if self._unsubscribe is None:
            return True
        if self.hub.listener.lost:  # what came is read once the listener is back (it says so): no query to wait on now
            return False
        changed, self._dirty = self._dirty, False
        if self._view_dirty:
            self._view_dirty = False
            self.lobby_view = self.hub.lobby_view(self.event)
        return changed

    def watcher(self) -> HubWatcher:
        """What the app subscribes to instead of a file watcher (see journal.watch.watcher_for)."""
        return HubWatcher(self)

    def still_there(self) -> bool:
        return True

    @property
    def lost(self) -> bool:
        """Whether the hub's connection is lost now (the reader shows the last it had)."""
        return self._unsubscribe is not None and self.hub.listener.lost

    # -- reading -------------------------------------------------------------

    def _rows(self, where: str, params: tuple) -> list[tuple]:
        return self.hub.query(f"SELECT {_COLUMNS} FROM gelar_hub.records WHERE journal = %s {where}", (self.journal, *params))

    def records(self, after: int = 0) -> list[Record]:
        rows = self._rows("AND seq > %s ORDER BY seq", (after,))
        datas = decode_all([row[3] for row in rows])
        if rows:
            self.seen = (rows[-1][0], rows[-1][7])
        return [Record(row[0], row[1], row[2], data, *row[4:]) for row, data in zip(rows, datas)]

    def replay_rows(self, after: int = 0) -> tuple[Iterator[tuple[str, dict[str, Any], Stamp | None]], int]:
        records = self.records(after)
        last = records[-1].seq if records else max(after, self.seen[0])
        return (
            (r.kind, r.data, None if r.kind == "score_set" else Stamp(r.ts, r.boot, r.boot_id)) for r in records
        ), last

    def raw_rows(self) -> Iterator[tuple]:
        """(seq, ts, kind, data, origin, boot, boot_id, hash) of every record, for checking the chain.

        A record whose stored canonical line is not the one its fields make, or whose ``prev`` is
        not the hash before it (edited on the hub), reads with no hash: the chain breaks there.
        """
        rows = self.hub.query(
            f"SELECT {_COLUMNS}, canonical, prev FROM gelar_hub.records WHERE journal = %s ORDER BY seq", (self.journal,)
        )
        previous = GENESIS
        for row in rows:
            seq, ts, kind, data, origin, boot, boot_id, digest, canonical, prev = row
            try:
                rebuilt = canonical_line(seq, ts, boot, boot_id, kind, data, origin)
            except (TypeError, ValueError):
                rebuilt = None
            if rebuilt != canonical or prev != previous:
                digest = ""
            previous = row[7]
            yield (seq, ts, kind, data, origin, boot, boot_id, digest)

    def fingerprint(self) -> tuple[int, str]:
        rows = self._rows("ORDER BY seq DESC LIMIT 1", ())
        return (rows[0][0], rows[0][7]) if rows else (0, GENESIS)

    def head(self) -> tuple[int, str] | None:
        """The hub keeps no head apart from its records: its last record."""
        seq, digest = self.fingerprint()
        return (seq, digest) if seq else None

    def highest_seq(self) -> int:
        return self.fingerprint()[0]

    def last_of_kind(self, kind: str, upto: int | None = None) -> Record | None:
        rows = self._rows("AND kind = %s AND seq <= %s ORDER BY seq DESC LIMIT 1", (kind, upto if upto is not None else 2**62))
        if not rows:
            return None
        row = rows[0]
        return Record(row[0], row[1], row[2], decode_all([row[3]])[0], *row[4:])

    # -- writing: refused ----------------------------------------------------

    @contextmanager
    def transaction(self) -> Iterator[None]:
        raise GelarError("hubread.read_only", source=self.source)
        yield  # pragma: no cover

    def append(self, *args: object, **kwargs: object) -> Record:
        raise GelarError("hubread.read_only", source=self.source)

    def close(self) -> None:
        if self._unsubscribe is not None:
            self._unsubscribe()
        if self._owns_hub:
            self.hub.close()

    def __enter__(self) -> HubJournal:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_hub_journal(url: str, event: str | None) -> HubJournal:
    """The journal of the event *event* (None: the hub's only one) on the hub at *url*, with a hub of its own."""
    hub = Hub(url)
    try:
        journal, event = hub.find(event)
        return HubJournal(hub, journal, event, owns_hub=True)
    except BaseException:
        hub.close()
        raise


def hub_event(journal: HubJournal):
    """The event the journal holds (its ``event_file`` record); GelarError when it holds none."""
    from ..day.eventrecord import journal_event

    event = journal_event(journal)  # type: ignore[arg-type]
    if event is None:
        raise GelarError("hubread.no_event_record", source=journal.source)
    return event

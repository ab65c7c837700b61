"""Shipping a journal to the hub: every record the hub lacks, in order, in batches.

:func:`ship_pending` does it once (``gelar hub push``); :class:`Shipper` does it all day on a
thread of its own in the process that holds the console lock. The room's journal never waits
for it: the shipper reads the journal through its own connection (:mod:`.local`), wakes when the journal
changes (the journal watcher) or when a retry is due, and while the hub cannot be reached it
retries with a growing pause (at most ``retry_max`` seconds). Its :attr:`Shipper.state` says
where it stands: in step, N records behind since a moment, or refused (and why).
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..errors import GelarError
from ..event.model import Event
from ..i18n import Messages
from ..journal.store import GENESIS
from . import client
from .client import HubRefused, HubUnreachable
from .local import LocalJournal, hub_row
from .naming import event_id, journal_id

BATCH = 1000
"""Records sent in one transaction."""
WRITER_SHOWN = 16
"""Characters of the writing laptop's name the console's top line shows when the hub refuses this one."""
ROUND_TIMEOUT = 15.0
"""Seconds a round of shipping may take before it counts as failed (the hub stopped answering)."""


@dataclass(frozen=True)
class Shipped:
    """What one round of shipping did."""

    journal: str
    shipped: int
    local_seq: int
    hub_seq: int


def local_journal_id(journal: LocalJournal) -> str | None:
    """The hub's id of *journal*: its first record's hash (None while it holds no record)."""
    return journal.first_hash()


def ship_pending(conn, journal: LocalJournal, event: Event, writer: str, *, batch: int = BATCH, registered: bool = False) -> Shipped:
    """Send the hub every record of *journal* it lacks, in order; refuse (HubRefused) when the hub
    holds another version of it (a fork) or another writer writes it."""
    jid = local_journal_id(journal)
    local_seq = journal.head()[0]
    if jid is None:
        return Shipped("", 0, 0, 0)
    if not registered:
        client.register(conn, jid, event_id(event), event.event.title, writer)
    hub_seq, hub_hash = client.head(conn, jid)
    if hub_seq > local_seq:
        found = client.owner(conn, jid)
        if found is not None and found.writer != writer:
            raise client.refused_writer(found)
        raise HubRefused("hubcore.refused_hub_ahead", hub=hub_seq, local=local_seq)
    shipped = 0
    rows = journal.rows(after=max(0, hub_seq - 1))
    if hub_seq > 0:
        if not rows or rows[0][7] != hub_hash:
            found = client.owner(conn, jid)
            if found is not None and found.writer != writer:
                raise client.refused_writer(found)
            raise HubRefused("hubcore.refused_fork", seq=hub_seq)
        previous, rows = rows[0][7], rows[1:]
    else:
        previous = GENESIS
    for start in range(0, len(rows), batch):
        chunk = []
        for row in rows[start : start + batch]:
            chunk.append(hub_row(jid, previous, row))
            previous = row[7]
        client.append(conn, jid, writer, chunk)
        hub_seq = chunk[-1][1]
        shipped += len(chunk)
    return Shipped(jid, shipped, max(local_seq, hub_seq), hub_seq)


def held_in_common(conn, journal: LocalJournal) -> int:
    """How many of *journal*'s first records the hub holds as they are here: each record's hash
    covers the one before, so the records held alike are a prefix, found by halving."""
    jid = local_journal_id(journal)
    if jid is None:
        return 0
    low, high = 0, min(journal.head()[0], client.head(conn, jid)[0])
    while low < high:
        middle = (low + high + 1) // 2
        if journal.hash_at(middle) == client.hash_at(conn, jid, middle):
            low = middle
        else:
            high = middle - 1
    return low


@dataclass(frozen=True)
class HubState:
    """Where the shipper stands. ``status``: "connecting", "in_step", "behind" (shipping fails) or "refused"."""

    status: str = "connecting"
    local_seq: int = 0
    hub_seq: int = 0
    last_ack: float | None = None
    """Wall-clock time the hub last acknowledged everything it was sent."""
    failing_since: float | None = None
    """Wall-clock time shipping began to fail (None while it works)."""
    problem: GelarError | None = field(default=None, compare=False)
    """Why shipping fails or is refused."""

    @property
    def behind(self) -> int:
        return max(0, self.local_seq - self.hub_seq)

    def summary(self, t: Messages, now: float) -> tuple[str, bool]:
        """What the console's top line says of the hub, and whether in the warning colour."""
        if self.status == "in_step":
            return t("hubcore.top_in_step"), False
        if self.status == "connecting":
            return t("hubcore.top_connecting"), False
        if self.status == "refused":
            writer = (self.problem.params.get("writer") if self.problem is not None else None) or ""
            if writer and writer != "?":  # the laptop that writes the journal now, named (cut short: the line is narrow)
                writer = "".join(c for c in writer if c.isprintable())  # the name comes from the hub: no control characters
                writer = writer if len(writer) <= WRITER_SHOWN else writer[: WRITER_SHOWN - 1] + "…"
                return t("hubdrill.top_refused_by", writer=writer, behind=self.behind), True
            return t("hubcore.top_refused", behind=self.behind), True
        minutes = int(max(0.0, now - (self.failing_since or now)) // 60)
        if self.hub_seq == 0 and self.last_ack is None:
            return t("hubcore.top_unreachable", behind=self.behind, minutes=minutes), True
        return t("hubcore.top_behind", behind=self.behind, minutes=minutes), True


class Shipper:
    """Ships one journal to the hub on a thread of its own, all day (see the module's docstring)."""

    def __init__(
        self, url: str, journal_path: Path, event: Event, *, retry_max: float = 2.0, idle: float = 30.0,
        refused_retry: float = 30.0, watch: bool = True, batch: int = BATCH, round_timeout: float = ROUND_TIMEOUT,
    ) -> None:
        self.url = url
        self.journal_path = Path(journal_path)
        self.event = event
        self.retry_max = retry_max
        self.idle = idle
        self.refused_retry = refused_retry
        self.batch = batch
        self.round_timeout = round_timeout
        self.state = HubState()
        self.rounds = 0
        self.on_change = None
        """Called (on the shipper's thread, no arguments) when the status or the count behind changes."""
        """Rounds of shipping that reached the hub (tests wait on it)."""
        self._watch = watch
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._guard: threading.Thread | None = None
        self._round_lock = threading.Lock()
        self._round: tuple[float, int] | None = None
        """(monotonic start, the connection's socket) of the round under way."""
        self._watcher = None
        self._unsubscribe = None

    def start(self) -> Shipper:
        if self._watch:
            from ..journal.watch import JournalWatcher

            self._watcher = JournalWatcher(self.journal_path)
            self._unsubscribe = self._watcher.subscribe(self.wake)
            self._watcher.start()
        self._thread = threading.Thread(target=self._run, name="gelar-hub-ship", daemon=True)
        self._thread.start()
        self._guard = threading.Thread(target=self._watch_rounds, name="gelar-hub-guard", daemon=True)
        self._guard.start()
        return self

    def wake(self) -> None:
        """Ship now (a record was committed)."""
        self._wake.set()

    def stop(self) -> None:
        self._stop.set()
        self._wake.set()
        self._cut_round(0.0)  # a round a frozen hub holds ends now: quitting never waits for the hub
        if self._watcher is not None:
            self._watcher.stop()
            self._watcher = None
        if self._thread is not None:
            self._thread.join(timeout=10)
            self._thread = None
        if self._guard is not None:
            self._guard.join(timeout=2)
            self._guard = None

    def _watch_rounds(self) -> None:
        """End a round the hub stopped answering (a frozen server, a network that swallows replies):
        libpq would wait for ever, and the state would go on saying what it said before the round.
        Shutting the socket down makes the round fail at once; the shipper then waits and retries."""
        while not self._stop.wait(min(0.5, self.round_timeout / 4)):
            self._cut_round(self.round_timeout)

    def _cut_round(self, older_than: float) -> None:
        """Shut down the socket of the round under way if it has lasted *older_than* seconds."""
        import socket

        with self._round_lock:
            if self._round is None or time.monotonic() - self._round[0] < older_than:
                return
            try:
                stuck = socket.fromfd(self._round[1], socket.AF_INET, socket.SOCK_STREAM)
                try:
                    stuck.shutdown(socket.SHUT_RDWR)
                finally:
                    stuck.close()
            except OSError:
                pass
            self._round = None

    def _set(self, **changes) -> None:
        before = self.state
        self.state = replace(before, **changes)  # one assignment: readers on other threads see a whole state
        callback = self.on_change
        if callback is not None and (before.status, before.behind) != (self.state.status, self.state.behind):
            try:
                callback()
            except Exception:  # a screen that is gone must not stop the shipping
                pass

    def _run(self) -> None:
        journal = None
        conn = None
        registered = False
        pause = 0.25
        try:
            while not self._stop.is_set():
                try:
                    if journal is None:
                        journal = LocalJournal(self.journal_path)
                    self._wake.clear()
                    self._set(local_seq=journal.head()[0])
                    if conn is None:
                        conn, registered = client.connect(self.url), False
                    writer = client.writer_id(self.journal_path)
                    with self._round_lock:
                        if self._stop.is_set():  # stopped meanwhile: no round that stop() could not cut
                            break
                        self._round = (time.monotonic(), conn.pgconn.socket)
                    try:
                        done = ship_pending(conn, journal, self.event, writer, batch=self.batch, registered=registered)
                    finally:
                        with self._round_lock:  # before the connection is closed: its socket's number is reused
                            self._round = None
                    registered = bool(done.journal)
                    self.rounds += 1
                    self._set(status="in_step", local_seq=done.local_seq, hub_seq=done.hub_seq, last_ack=time.time(),
                              failing_since=None, problem=None)
                    pause = 0.25
                    self._wake.wait(self.idle)
                except HubRefused as exc:
                    try:  # what the hub holds of this journal: the rest is what the top line says it will not take
                        held = held_in_common(conn, journal) if conn is not None and journal is not None else self.state.hub_seq
                    except Exception:
                        held = self.state.hub_seq
                    conn = _close(conn)
                    self._set(status="refused", hub_seq=held, problem=exc, failing_since=self.state.failing_since or time.time())
                    self._count_while_refused(journal)
                except Exception as exc:  # the hub down, the network gone, the login refused: wait and retry
                    conn = _close(conn)
                    problem = exc if isinstance(exc, GelarError) else _problem(self.url, exc)
                    self._set(status="behind", problem=problem, failing_since=self.state.failing_since or time.time())
                    self._stop.wait(pause)
                    pause = min(self.retry_max, pause * 2)
        finally:
            _close(conn)
            if journal is not None:
                journal.close()

    def _count_while_refused(self, journal: LocalJournal | None) -> None:
        """Wait until the hub is asked again, counting each record written meanwhile: the console's
        top line says at once how many records the hub will not take."""
        deadline = time.monotonic() + self.refused_retry
        while not self._stop.is_set() and (left := deadline - time.monotonic()) > 0:
            if self._wake.wait(left) and not self._stop.is_set():
                self._wake.clear()
                try:
                    if journal is not None:
                        self._set(local_seq=journal.head()[0])
                except Exception:  # the file gone or locked a moment: counted at the next wake
                    pass


def _problem(url: str, exc: Exception) -> GelarError:
    """What a failed round says: the hub without its tables, or out of reach."""
    if type(exc).__name__ in ("UndefinedTable", "InvalidSchemaName"):
        from ..event.hub_url import masked

        return GelarError("hubcore.not_initialised", url=masked(url))
    return HubUnreachable(url, client._first_line(exc))


def _close(conn) -> None:
    if conn is not None:
        try:
            conn.close()
        except Exception:
            pass
    return None

"""Hearing of the hub's records: LISTEN/NOTIFY on a connection and a thread of their own.

The hub notifies the channel ``gelar_hub`` after each record it stores (payload ``"<journal> <seq>"``);
``gelar show --hub`` notifies ``"lobby <event>"``. A lost connection is made again every second,
and subscribers are told (None) so that they read from the last record they hold.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from ..errors import GelarError
from .client import connect

if TYPE_CHECKING:
    from .reader import HubJournal

CHANNEL = "gelar_hub"
"""The channel the hub notifies on after each insert (payload ``"<journal> <seq>"``)."""
RECONNECT_EVERY = 1.0
"""Seconds between attempts to listen again after the connection to the hub was lost."""


class HubListener:
    """LISTEN on ``gelar_hub`` on a connection and a thread of its own; tells subscribers what changed.

    A subscriber gets each notification's payload (``"<journal> <seq>"``, ``"lobby <event>"``), or
    None after the connection was lost and made again (notifications in between are lost: read
    from the last record held). Callbacks run on the listener's thread.
    """

    def __init__(self, url: str) -> None:
        self.url = url
        self.lost = False
        """Whether the connection is lost now (it is being made again)."""
        self._subscribers: list[Callable[[str | None], None]] = []
        self._lock = threading.Lock()
        self._stopped = threading.Event()
        self._conn = self._listen()  # before the caller reads: nothing committed after this is missed
        self._thread = threading.Thread(target=self._run, name="gelar-hub-listen", daemon=True)
        self._thread.start()

    def _listen(self):
        conn = connect(self.url)
        conn.execute(f"LISTEN {CHANNEL}")
        return conn

    def subscribe(self, callback: Callable[[str | None], None]) -> Callable[[], None]:
        with self._lock:
            self._subscribers.append(callback)

        def unsubscribe() -> None:
            with self._lock:
                if callback in self._subscribers:
                    self._subscribers.remove(callback)

        return unsubscribe

    def _tell(self, payload: str | None) -> None:
        with self._lock:
            subscribers = list(self._subscribers)
        for callback in subscribers:
            try:
                callback(payload)
            except Exception as exc:  # one subscriber's failure must not stop the others
                import sys

                print(f"gelar: a hub subscriber failed: {exc!r}", file=sys.stderr)

    def _run(self) -> None:
        import psycopg

        while not self._stopped.is_set():
            try:
                for notice in self._conn.notifies(timeout=0.5):
                    self._tell(notice.payload)
                    if self._stopped.is_set():
                        break
            except psycopg.Error:
                if self._stopped.is_set():
                    return
                self.lost = True
                self._tell(None)  # so that a view can say the hub is lost
                self._reconnect()

    def _reconnect(self) -> None:
        try:
            self._conn.close()
        except Exception:  # noqa: BLE001 (a broken connection may fail to close in any way)
            pass
        while not self._stopped.wait(RECONNECT_EVERY):
            try:
                self._conn = self._listen()
            except GelarError:
                continue
            self.lost = False
            self._tell(None)  # whatever came meanwhile: every reader reads from its last record
            return

    def stop(self) -> None:
        self._stopped.set()
        self._thread.join(timeout=3)
        try:
            self._conn.close()
        except Exception:  # noqa: BLE001
            pass


class HubWatcher:
    """A journal watcher's interface (subscribe, start, stop) over the hub's listener."""

    method = "listen"

    def __init__(self, journal: HubJournal) -> None:
        self.journal = journal
        self.notices = 0
        self._callbacks: list[Callable[[], None]] = []

    def subscribe(self, callback: Callable[[], None]) -> Callable[[], None]:
        self._callbacks.append(callback)
        return lambda: self._callbacks.remove(callback) if callback in self._callbacks else None

    def _notify(self) -> None:
        self.notices += 1
        for callback in list(self._callbacks):
            callback()

    def start(self) -> HubWatcher:
        self.journal.listen()
        with self.journal._sub_lock:
            self.journal._subscribers.append(self._notify)
        return self

    def stop(self) -> None:
        with self.journal._sub_lock:
            if self._notify in self.journal._subscribers:
                self.journal._subscribers.remove(self._notify)

"""Noticing that the journal changed: one watcher, which every view subscribes to.

SQLite in WAL mode appends each committed record to the journal's ``-wal`` file
(and a checkpoint later copies it into the main file), so a write by any process
shows up as a change to one of those two files. The watcher asks the operating
system to report such changes (inotify on Linux) and sleeps until it does: an idle
day costs no wake-ups at all. Where no such watch is possible, it falls back to
:mod:`gelar_tui.journal.watch_poll`, which looks at the files' sizes and times.

Callbacks run on the watcher's own thread: a user interface hands them over to
its own thread (Textual's ``call_from_thread``, or the event loop's
``call_soon_threadsafe``). Changes that come in a burst are reported once: after
the first, the watcher waits until the files are quiet for ``quiet`` seconds, but
never longer than ``debounce`` in all.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import select
import struct
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

DEBOUNCE = 0.05
"""The longest a change waits to be reported while more changes keep coming (seconds)."""
QUIET = 0.005
"""A change is reported once the files have been quiet this long (seconds)."""

# inotify(7): the events that mean a file was written, created, replaced, moved away or removed.
_IN_MODIFY, _IN_CLOSE_WRITE, _IN_MOVED_FROM, _IN_MOVED_TO, _IN_CREATE, _IN_DELETE = 0x2, 0x8, 0x40, 0x80, 0x100, 0x200
_IN_NONBLOCK, _IN_CLOEXEC = 0o4000, 0o2000000
_EVENT = struct.Struct("iIII")

Callback = Callable[[], None]


def watcher_for(journal) -> JournalWatcher:
    """What tells a view that *journal* changed: its own watcher when it has one (a journal read
    from the hub listens there), else a watcher of its file."""
    own = getattr(journal, "watcher", None)
    return own() if callable(own) else JournalWatcher(journal.path)


def journal_files(journal: Path) -> tuple[Path, ...]:
    """The files a journal's writes touch: the database and its write-ahead log."""
    return (journal, journal.with_name(journal.name + "-wal"))


class JournalWatcher:
    """Tells every subscriber, on its own thread, that the journal at *path* changed.

    ``start()`` begins watching (inotify where it works, else polling, see ``method``);
    ``stop()`` ends it and joins the thread. Subscribing and unsubscribing are safe
    from any thread.
    """

    def __init__(self, path: Path, *, debounce: float = DEBOUNCE, quiet: float = QUIET, poll_every: float | None = None) -> None:
        self.path = Path(path).absolute()
        self.debounce = debounce
        self.quiet = min(quiet, debounce)
        self.poll_every = poll_every
        """Seconds between looks when polling; None: the poller's default."""
        self.method = ""
        """How changes are noticed once started: "inotify" or "polling"."""
        self.notices = 0
        """How many times subscribers were told (one per burst of changes)."""
        self._subscribers: list[Callback] = []
        self._lock = threading.Lock()
        self._stop_read, self._stop_write = os.pipe()
        self._thread: threading.Thread | None = None
        self._poller = None

    def subscribe(self, callback: Callback) -> Callable[[], None]:
        """Call *callback* (with no arguments, on the watcher's thread) after each change; returns the unsubscriber."""
        with self._lock:
            self._subscribers.append(callback)

        def unsubscribe() -> None:
            with self._lock:
                if callback in self._subscribers:
                    self._subscribers.remove(callback)

        return unsubscribe

    def notify(self) -> None:
        """Tell every subscriber now (the watcher's threads call it; so may a test)."""
        self.notices += 1
        with self._lock:
            subscribers = list(self._subscribers)
        for callback in subscribers:
            try:
                callback()
            except Exception as exc:  # one subscriber's failure must not stop the others, or the watcher
                print(f"gelar: a journal subscriber failed: {exc!r}", file=sys.stderr)

    def start(self, *, force_polling: bool = False) -> JournalWatcher:
        fd = None if force_polling else _inotify_watch(self.path.parent)
        if fd is None:
            from .watch_poll import Poller

            self.method = "polling"
            self._poller = Poller(journal_files(self.path), self.notify, every=self.poll_every)
            self._poller.start()
            return self
        self.method = "inotify"
        self._thread = threading.Thread(target=self._run_inotify, args=(fd,), name="gelar-journal-watch", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._poller is not None:
            self._poller.stop()
            self._poller = None
        if self._thread is not None:
            os.write(self._stop_write, b"x")
            self._thread.join(timeout=2)
            self._thread = None
        for fd in (self._stop_read, self._stop_write):
            try:
                os.close(fd)
            except OSError:
                pass
        self._stop_read = self._stop_write = -1

    # -- inotify -----------------------------------------------------------------

    def _run_inotify(self, fd: int) -> None:
        names = {p.name.encode() for p in journal_files(self.path)}
        watched = [fd, self._stop_read]
        try:
            while True:
                ready, _, _ = select.select(watched, [], [])  # sleeps until a change or stop()
                if self._stop_read in ready:
                    return
                if not _ours(os.read(fd, 65536), names):
                    continue
                first = time.monotonic()
                while True:  # the burst: wait for quiet, at most `debounce` after the first change
                    left = self.debounce - (time.monotonic() - first)
                    if left <= 0:
                        break
                    ready, _, _ = select.select(watched, [], [], min(self.quiet, left))
                    if self._stop_read in ready:
                        return
                    if not ready:
                        break
                    os.read(fd, 65536)
                self.notify()
        finally:
            os.close(fd)


def _ours(buffer: bytes, names: set[bytes]) -> bool:
    """Whether a batch of inotify events names one of the journal's files."""
    offset = 0
    while offset + _EVENT.size <= len(buffer):
        _, _, _, length = _EVENT.unpack_from(buffer, offset)
        name = buffer[offset + _EVENT.size : offset + _EVENT.size + length].rstrip(b"\0")
        if name in names:
            return True
        offset += _EVENT.size + length
    return False


def _inotify_watch(folder: Path) -> int | None:
    """An inotify descriptor watching *folder*'s files, or None where inotify is not available.

    The folder is watched rather than the files: SQLite creates the ``-wal`` file
    on first write and removes it when the last connection closes.
    """
    if not sys.platform.startswith("linux") or os.environ.get("GELAR_WATCH") == "poll":
        return None
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        fd = libc.inotify_init1(_IN_NONBLOCK | _IN_CLOEXEC)
        if fd < 0:
            return None
        mask = _IN_MODIFY | _IN_CLOSE_WRITE | _IN_MOVED_FROM | _IN_MOVED_TO | _IN_CREATE | _IN_DELETE
        if libc.inotify_add_watch(fd, os.fsencode(folder), mask) < 0:
            os.close(fd)
            return None
    except (OSError, AttributeError):
        return None
    return fd

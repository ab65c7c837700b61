"""Noticing that the journal changed: one watcher, which every view subscribes to.

SQLite in WAL mode appends each committed record to the journal's ``-wal`` file
(and a checkpoint later copies it into the main file), so a write by any process
shows up as a change to one of those two files. The watcher asks the operating
system to report such changes: on Linux through inotify read directly
(:mod:`gelar_tui.journal.watch_inotify`), where its thread sleeps until a change comes;
elsewhere through the ``watchfiles`` library (Rust's ``notify``: FSEvents on macOS,
ReadDirectoryChangesW on Windows), which looks for news every ``quiet`` seconds. Where
no such report can come (a network share, ``GELAR_WATCH=poll``, no watch to be had), it
falls back to :mod:`gelar_tui.journal.watch_poll`, which looks at the files' sizes and times.

Callbacks run on the watcher's own thread: a user interface hands them over to
its own thread (Textual's ``call_from_thread``, or the event loop's
``call_soon_threadsafe``). Changes that come in a burst are reported once: after
the first, the watcher waits until the files are quiet for ``quiet`` seconds, but
never longer than ``debounce`` in all. After each notice it looks a few times more
(``LOOKS_AFTER``) whether a commit became visible since (:class:`CommitProbe`): one
synced after its writes were noticed makes no change of its own to be noticed by.
"""

from __future__ import annotations

import importlib.machinery
import importlib.util
import os
import select
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .watch_inotify import FolderEvents, folder_events

DEBOUNCE = 0.05
"""The longest a change waits to be reported while more changes keep coming (seconds)."""
QUIET = 0.02
"""A change is reported once the files have been quiet this long (seconds); on watchfiles, an idle watcher wakes this often.

Not shorter, though inotify could be quicker: SQLite writes a commit to the ``-wal`` file before it
syncs it, and a reader sees the commit only after the sync; a notice sent before then finds nothing
new. 20 ms covers a sync with room on an SSD; on a slower disk (a USB stick) the looks after the
notice (LOOKS_AFTER) tell the commit when it becomes visible."""

LOOKS_AFTER = (0.01, 0.02, 0.04) + (0.08,) * 12 + (0.25,) * 16 + (1.0,) * 25
"""After each notice, the pauses (seconds) before the watcher looks again whether a commit became
visible since: one whose writes came before its sync ended (see QUIET) is told when it does, with no
change of its own to say so. Every 80 ms for the first second, every 250 ms to 5 s, every second to
30 s (a USB stick may take a second or more for one commit's two syncs); a new notice starts them
again. A look reads the wal-index header, 96 bytes."""

NETWORK_FILESYSTEMS = frozenset({"nfs", "nfs4", "cifs", "smb3", "smbfs", "9p", "afs", "ncpfs", "davfs", "fuse.sshfs", "fuse.rclone"})
"""Filesystems (Linux's names) where a change made by another machine is never reported: polled."""

Callback = Callable[[], None]


def watcher_for(journal) -> JournalWatcher:
    """What tells a view that *journal* changed: its own watcher when it has one (a journal read
    from the hub listens there), else a watcher of its file."""
    own = getattr(journal, "watcher", None)
    return own() if callable(own) else JournalWatcher(journal.path)


def journal_files(journal: Path) -> tuple[Path, ...]:
    """The files a journal's writes touch: the database and its write-ahead log."""
    return (journal, journal.with_name(journal.name + "-wal"))


class CommitProbe:
    """Tells when a commit became visible to readers: the header of the wal-index SQLite keeps in the
    journal's ``-shm`` file (https://sqlite.org/walformat.html), which changes at each commit once it
    is synced.

    Read through the descriptor SQLite itself holds open in this process (found in ``/proc/self/fd``),
    never through one of its own: closing any descriptor of a file drops every POSIX lock the
    process holds on it, SQLite's locks on the wal-index among them; and a connection of its own
    would make the ``-wal`` and ``-shm`` again in a folder being removed. Where no connection of
    this process has the journal open, or there is no ``/proc`` (macOS, Windows), the version is
    None and nothing more is told than before.
    """

    def __init__(self, journal: Path) -> None:
        self.target = os.path.realpath(journal) + "-shm"
        self._fd: int | None = None

    def version(self) -> bytes | None:
        """The wal-index header now (None: not to be had)."""
        for _ in range(2):  # the descriptor found last, else a new search
            fd = self._fd if self._fd is not None else self._find()
            if fd is None:
                return None
            try:
                if os.readlink(f"/proc/self/fd/{fd}") == self.target:
                    header = os.pread(fd, 96, 0)  # a read at an offset: SQLite's file position is left alone
                    if len(header) == 96:
                        return header
            except OSError:
                pass
            self._fd = None  # closed, or the number reused since
        return None

    def _find(self) -> int | None:
        try:
            numbers = os.listdir("/proc/self/fd")
        except OSError:
            return None
        for number in numbers:
            try:
                if os.readlink(f"/proc/self/fd/{number}") == self.target:
                    self._fd = int(number)
                    return self._fd
            except (OSError, ValueError):
                continue
        return None


class LooksAfter:
    """The looks after each notice (LOOKS_AFTER): when the next is due, and whether a commit became
    visible since the notice or the last look (then the watcher tells again)."""

    def __init__(self, probe: CommitProbe) -> None:
        self.probe = probe
        self.shown = probe.version()
        self.pending: tuple[float, ...] = ()

    def next(self) -> float | None:
        """Seconds until the next look (None: none due, sleep until a change)."""
        return self.pending[0] if self.pending else None

    def noticed(self) -> None:
        """A notice is being sent: what readers see now is told by it; the looks start again."""
        self.shown, self.pending = self.probe.version(), LOOKS_AFTER

    def look(self) -> bool:
        """The look that was due: whether a commit became visible since (then it counts as told)."""
        self.pending = self.pending[1:]
        version = self.probe.version()
        changed, self.shown = version != self.shown, version
        return changed


class JournalWatcher:
    """Tells every subscriber, on its own thread, that the journal at *path* changed.

    ``start()`` begins watching (the system's change events where it can, else polling,
    see ``method``); ``stop()`` ends it and joins the thread. Subscribing and
    unsubscribing are safe from any thread.
    """

    def __init__(self, path: Path, *, debounce: float = DEBOUNCE, quiet: float = QUIET, poll_every: float | None = None) -> None:
        # resolved: SQLite follows a link to the journal and keeps its -wal beside the file itself
        self.path = Path(os.path.realpath(path))
        self.debounce = debounce
        self.quiet = min(quiet, debounce)
        self.poll_every = poll_every
        """Seconds between looks when polling; None: the poller's default."""
        self.method = ""
        """How changes are noticed once started: "native" (the system's change events) or "polling"."""
        self.backend = ""
        """Where native events come from: "inotify" (Linux) or "watchfiles"; "" when polling."""
        self.notices = 0
        """How many times subscribers were told (one per burst of changes)."""
        self._subscribers: list[Callback] = []
        self._lock = threading.Lock()
        self._switch = threading.Lock()
        """Held while a poller hands over to the system's events, and by stop() to see who runs."""
        self._stopping = threading.Event()
        self._wake: tuple[int, int] | None = None
        """The pipe that wakes the inotify thread to stop (read end, write end)."""
        self._thread: threading.Thread | None = None
        self._poller: Any = None

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
        self._stopping.clear()  # a watcher stopped before may be started again
        folder = self.path.parent
        if force_polling or os.environ.get("GELAR_WATCH") == "poll" or on_network_share(folder) or not self._native(folder):
            self._poll()
        return self

    def _native(self, folder: Path) -> bool:
        """Watch *folder* through the system's change events, on a thread; False where none can be had."""
        events = folder_events(folder)
        if events is not None:
            self.method, self.backend = "native", "inotify"
            self._wake = os.pipe()
            self._run_thread(self._run_inotify, events)
            return True
        native = _native_watch(folder)
        if native is None:
            return False
        self.method, self.backend = "native", "watchfiles"
        self._run_thread(self._run_native, native)
        return True

    def stop(self) -> None:
        self._stopping.set()
        with self._switch:  # not halfway through a poller handing over to the system's events
            thread, poller = self._thread, self._poller
        with self._lock:  # the thread closes the pipe when it ends: never write to a number reused since
            if self._wake is not None:
                os.write(self._wake[1], b"x")
        if thread is not None and thread is not threading.current_thread():
            thread.join(timeout=2)
            self._thread = None
        if poller is not None:
            poller.stop()
            self._poller = None

    def _run_thread(self, target: Callable[[Any], None], source: Any) -> None:
        self._thread = threading.Thread(target=target, args=(source,), name="gelar-journal-watch", daemon=True)
        self._thread.start()

    def _poll(self, *, until_back: bool = False) -> None:
        """Look at the files now and then; *until_back*: only until the watched folder, gone, is back
        (a USB stick put back): then the system's change events again."""
        from .watch_poll import Poller

        tell = self.notify
        if until_back:

            def tell() -> None:
                self.notify()
                self._native_again()

        self.method, self.backend = "polling", ""
        self._poller = Poller(journal_files(self.path), tell, every=self.poll_every, probe=CommitProbe(self.path).version)
        self._poller.start()

    def _native_again(self) -> None:
        """On the poller's thread, after a change: the folder is back, so its change events take over."""
        with self._switch:
            poller = self._poller
            if self._stopping.is_set() or poller is None or not self.path.parent.is_dir() or not self._native(self.path.parent):
                return
            self._poller = None
        poller.stop()  # from its own thread: it ends after this look
        self.notify()  # anything written while the watch was being made

    def _run_inotify(self, events: FolderEvents) -> None:
        names = frozenset(path.name for path in journal_files(self.path))
        assert self._wake is not None
        wake = self._wake[0]
        waiting = select.poll()  # not select(): it refuses descriptors past 1023
        waiting.register(events.fileno(), select.POLLIN)
        waiting.register(wake, select.POLLIN)

        def wait(seconds: float | None) -> set[int]:
            return {fd for fd, _ in waiting.poll(None if seconds is None else max(0, round(seconds * 1000)))}

        gone = False
        looks = LooksAfter(CommitProbe(self.path))
        try:
            while not gone:
                ready = wait(looks.next())  # asleep until a change, a look, or stop()
                if wake in ready:
                    return
                if not ready:  # a look after a notice: did a commit become visible since?
                    if looks.look():
                        self.notify()
                    continue
                ours, gone = events.read(names)
                if not ours and not gone:
                    continue
                first = time.monotonic()
                while not gone:  # the burst: wait for quiet, at most `debounce` after the first change
                    left = self.debounce - (time.monotonic() - first)
                    ready = wait(min(self.quiet, left)) if left > 0 else set()
                    if wake in ready:
                        return
                    if not ready:
                        break
                    gone = events.read(names)[1]
                looks.noticed()
                self.notify()
        except OSError:  # the watch broke: as when the folder goes
            pass
        finally:
            events.close()
            with self._lock:
                for fd in self._wake:
                    os.close(fd)
                self._wake = None
        if not self._stopping.is_set():  # the folder went away: look now and then instead (method says so)
            self._poll(until_back=True)

    def _run_native(self, native: Any) -> None:
        # by name: the folder is watched alone, and FSEvents reports it resolved (/private/var for /var)
        names = {path.name for path in journal_files(self.path)}
        debounce, quiet = max(1, round(self.debounce * 1000)), max(1, round(self.quiet * 1000))
        looks = LooksAfter(CommitProbe(self.path))
        try:
            while not self._stopping.is_set():
                # until a change (then until quiet, at most `debounce`), a look (see LOOKS_AFTER), or stop()
                due = looks.next()
                changes = native.watch(debounce, quiet, 0 if due is None else max(1, round(due * 1000)), self._stopping)
                if changes == "timeout":
                    if looks.look():
                        self.notify()
                elif isinstance(changes, set) and any(os.path.basename(path) in names for _, path in changes):
                    looks.noticed()
                    self.notify()
                    if not self.path.parent.is_dir():  # the folder went away: its watch hears nothing more
                        raise FileNotFoundError(self.path.parent)
        except Exception:  # the watch broke (its folder gone): look now and then instead (method says so)
            if not self._stopping.is_set():
                self._poll(until_back=True)
        finally:
            native.close()


def on_network_share(folder: Path) -> bool:
    """Whether *folder* is on a network filesystem (read from Linux's /proc/self/mountinfo),
    where changes made by another machine are never reported: the watcher polls there."""
    try:
        mounts = Path("/proc/self/mountinfo").read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return False
    target, best, kind = os.path.realpath(folder), "", ""
    for line in mounts:
        fields, _, rest = line.partition(" - ")
        parts = fields.split()
        if not rest or len(parts) < 5:
            continue
        point = parts[4].replace("\\040", " ")
        inside = target == point or target.startswith(point.rstrip("/") + "/")
        if inside and len(point) >= len(best):
            best, kind = point, rest.split()[0]
    return kind in NETWORK_FILESYSTEMS


def _native_watch(folder: Path) -> Any:
    """A watch of *folder*'s files through watchfiles (its RustNotify), or None where none can be had:
    the library missing, the system's watches used up.

    The folder is watched rather than the files: SQLite creates the ``-wal`` file
    on first write and removes it when the last connection closes.
    """
    RustNotify = _rust_notify()
    if RustNotify is None:
        return None
    try:  # paths, debug, force_polling, poll_delay_ms, recursive, ignore_permission_denied
        return RustNotify([str(folder)], False, False, 300, False, False)
    except (OSError, RuntimeError, ValueError):  # nothing printed: a console may be drawing the terminal
        return None


def _rust_notify() -> Any:
    """watchfiles' RustNotify class, loaded without the package's ``__init__``, which imports anyio
    for its async API: 60 ms of the console's start-up for nothing it uses. None: not installed."""
    module = sys.modules.get("watchfiles._rust_notify")
    if module is None:
        try:
            package = importlib.util.find_spec("watchfiles")  # finds the package; runs none of it
            if package is None or not package.submodule_search_locations:
                return None
            finder = importlib.machinery.FileFinder(
                package.submodule_search_locations[0],
                (importlib.machinery.ExtensionFileLoader, importlib.machinery.EXTENSION_SUFFIXES),
            )
            spec = finder.find_spec("watchfiles._rust_notify")
            if spec is None or spec.loader is None:
                return None
            module = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(module)
        except (ImportError, OSError):
            return None
        sys.modules.setdefault("watchfiles._rust_notify", module)  # `import watchfiles` later reuses it
    return getattr(module, "RustNotify", None)

"""One console per journal: an operating-system lock that dies with the process holding it.

The moderator's console takes an exclusive ``flock`` on the journal file itself (made,
owner-only, when it is not there yet: SQLite takes an empty file as a new database). The
lock belongs to the file, not to its name: a second console that reaches the same journal
through a symbolic link or a hard link finds it taken too, and opens read-only, as a
display. (``flock`` locks are apart from the POSIX locks SQLite takes on the same file.) The kernel drops the lock the moment the holding process ends, however it
ends, so restarting after a crash is never blocked by a lock left behind. Displays,
jury stations and commands take no lock. Where ``fcntl`` does not exist (Windows) every
console may write, as before.
"""

from __future__ import annotations

import os
from pathlib import Path


class ConsoleLock:
    """The console's hold on a journal; ``held`` is False when another console has it."""

    def __init__(self, journal: Path) -> None:
        self.path = journal
        self.held = False
        self._fd: int | None = None
        try:
            import fcntl
        except ImportError:  # no advisory locks here: nothing to hold
            self.held = True
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._fd = os.open(self.path, os.O_RDONLY | os.O_CREAT, 0o600)
        except OSError:
            self.held = True  # the folder takes no file: the journal's own errors will say why
            return
        try:
            fcntl.flock(self._fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(self._fd)
            self._fd = None
            return
        self.held = True

    def release(self) -> None:
        if self._fd is not None:
            # Closing drops the lock, and with it any POSIX lock of this process on the file:
            # the console releases only once its journal is closed.
            os.close(self._fd)
            self._fd = None
        self.held = False

"""One console per journal: an operating-system lock that dies with the process holding it.

The moderator's console takes an exclusive ``fcntl`` lock on a small file beside the
journal. A second console on the same journal finds it taken and opens read-only, as a
display. The kernel drops the lock the moment the holding process ends, however it
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
        self.path = journal.with_name(journal.name + ".console-lock")
        self.held = False
        self._fd: int | None = None
        try:
            import fcntl
        except ImportError:  # no advisory locks here: nothing to hold
            self.held = True
            return
        try:
            self._fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError:
            self.held = True  # the folder takes no file: the journal's own errors will say why
            return
        try:
            fcntl.flock(self._fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(self._fd)
            self._fd = None
            return
        os.ftruncate(self._fd, 0)
        os.write(self._fd, str(os.getpid()).encode())
        self.held = True

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)  # closing drops the lock
            self._fd = None
        self.held = False

"""The journal watcher's change events on Linux: inotify, read directly, so that the watcher sleeps until a change.

watchfiles (the watcher's native events elsewhere) looks for news every few
milliseconds whatever happens: 50 wake-ups a second for an idle console. Linux's
inotify hands a descriptor that ``select`` can wait on, so here the watcher's thread
wakes only when a file in the journal's folder changes (or it is told to stop).
Called through ``ctypes`` in the C library the process already has loaded.
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

# inotify(7): a file in the folder written, created, replaced, moved away or removed
_IN_MODIFY, _IN_CLOSE_WRITE, _IN_MOVED_FROM, _IN_MOVED_TO, _IN_CREATE, _IN_DELETE = 0x2, 0x8, 0x40, 0x80, 0x100, 0x200
# ... and the folder itself gone (removed, moved, its filesystem unmounted), or events lost
_IN_DELETE_SELF, _IN_MOVE_SELF, _IN_UNMOUNT, _IN_Q_OVERFLOW, _IN_IGNORED = 0x400, 0x800, 0x2000, 0x4000, 0x8000
_FILES = _IN_MODIFY | _IN_CLOSE_WRITE | _IN_MOVED_FROM | _IN_MOVED_TO | _IN_CREATE | _IN_DELETE
_GONE = _IN_DELETE_SELF | _IN_MOVE_SELF | _IN_UNMOUNT | _IN_IGNORED
_IN_NONBLOCK, _IN_CLOEXEC = 0o4000, 0o2000000
_EVENT = struct.Struct("iIII")  # wd, mask, cookie, len; then the name, NUL-padded to len


class FolderEvents:
    """An inotify watch of one folder's files: ``fileno()`` for ``select``, ``read()`` what happened."""

    def __init__(self, fd: int) -> None:
        self.fd = fd

    def fileno(self) -> int:
        return self.fd

    def read(self, names: frozenset[str]) -> tuple[bool, bool]:
        """Everything waiting, as (one of *names* changed or events were lost, the folder is gone)."""
        ours = gone = False
        while True:
            try:
                buffer = os.read(self.fd, 65536)
            except BlockingIOError:
                return ours, gone
            offset = 0
            while offset + _EVENT.size <= len(buffer):
                _, mask, _, length = _EVENT.unpack_from(buffer, offset)
                name = buffer[offset + _EVENT.size : offset + _EVENT.size + length].rstrip(b"\0")
                offset += _EVENT.size + length
                if mask & _IN_Q_OVERFLOW or (name and os.fsdecode(name) in names):
                    ours = True
                if mask & _GONE:
                    gone = True

    def close(self) -> None:
        if self.fd >= 0:
            os.close(self.fd)
            self.fd = -1


def folder_events(folder: Path) -> FolderEvents | None:
    """An inotify watch of *folder*'s files, or None where there is none: not Linux, no C library
    to be had, the system's watches used up, the folder missing."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        import ctypes  # not ctypes.util: finding the library by name runs ldconfig; the process has it loaded

        libc = ctypes.CDLL(None, use_errno=True)
        fd = libc.inotify_init1(_IN_NONBLOCK | _IN_CLOEXEC)
        if fd < 0:
            return None
        if libc.inotify_add_watch(fd, os.fsencode(folder), _FILES | _IN_DELETE_SELF | _IN_MOVE_SELF) < 0:
            os.close(fd)
            return None
    except (OSError, AttributeError, ImportError):
        return None
    return FolderEvents(fd)

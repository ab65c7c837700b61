"""Where files live: the journal next to the event file, or in the user's data folder for the demo."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

JOURNAL_SUFFIX = ".gelar-journal"


def data_dir() -> Path:
    """The per-user folder for the demo's journal."""
    return platformdirs.user_data_path("gelar", appauthor=False)


def default_journal(event_path: Path, bundled: bool) -> Path:
    """The demo's journal lives in the user's data folder; a user's event keeps its journal beside it."""
    if bundled:
        return data_dir() / f"demo{JOURNAL_SUFFIX}"
    return event_path.with_name(event_path.stem + JOURNAL_SUFFIX)


SQLITE_HEADER = b"SQLite format 3\x00"


def write_file(path: Path, data: bytes, *, private: bool = False) -> None:
    """Write *data* to *path* whole or not at all: a full disk leaves no truncated file, and an earlier one stays.

    The bytes go to a temporary file beside it, synced, then renamed over it. A *private*
    file (it holds PINs) is readable and writable by its owner alone (0600). Where no file
    can be made beside it (``/dev/stdout``), *path* is written directly.
    """
    if path.exists() and not path.is_file():
        with open(path, "wb") as file:
            file.write(data)
        return
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600 if private else 0o666)
    try:
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view):]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def protected_kind(output: Path, event_path: Path, journal_path: Path) -> str | None:
    """What *output* would destroy: "event" (the event file), "journal" (any journal or SQLite file), or None.

    Links count: a symbolic link is followed, a hard link is the same file.
    """
    resolved = output.resolve()
    if resolved == event_path.resolve() or _same_file(output, event_path):
        return "event"
    journal = journal_path.resolve()
    companions = [journal_path, *(journal_path.with_name(journal_path.name + tail) for tail in ("-wal", "-shm", "-journal"))]
    if resolved == journal or JOURNAL_SUFFIX in resolved.name or any(_same_file(output, other) for other in companions):
        return "journal"
    try:
        with open(resolved, "rb") as file:
            if file.read(len(SQLITE_HEADER)) == SQLITE_HEADER:
                return "journal"
    except OSError:
        pass
    return None


def _same_file(one: Path, other: Path) -> bool:
    try:
        return os.path.samefile(one, other)
    except OSError:
        return False

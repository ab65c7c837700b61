"""Verdicts of files already checked, kept in the user's cache folder.

A file's verdict is filed under a hash of this version of gelar and the file's
bytes (and whatever else the verdict depends on): any edit is a new hash, hence
a new check. A cache that cannot be read or written only costs a check.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

from . import __version__


def verdict_file(kind: str, *parts: bytes) -> Path:
    """Where the verdict on *parts* (the file's bytes, and what else it depends on) is kept."""
    import platformdirs

    digest = hashlib.sha256(__version__.encode() + b"\0" + b"\0".join(parts)).hexdigest()
    return platformdirs.user_cache_path("gelar", appauthor=False) / kind / f"{digest}.json"


def read_verdict(path: Path) -> dict[str, Any] | None:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def write_verdict(path: Path, verdict: dict[str, Any]) -> None:
    """Write atomically, so a second process never reads half a file."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(f".{os.getpid()}.tmp")
        temporary.write_text(json.dumps(verdict, ensure_ascii=False), encoding="utf-8")
        os.replace(temporary, path)
    except OSError:
        pass

"""Verdicts of files already checked or read, kept in the user's cache folder.

Event and theme files keep what their checks found; message catalogues, their
flattened messages. A file's verdict is filed under a hash of this version of gelar and the file's
bytes (and whatever else the verdict depends on): any edit is a new hash, hence
a new check. A cache that cannot be read or written only costs a check.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

from . import __version__


_RULES = ("event/model.py", "event/sections.py", "event/schema.py", "event/eventfile.py", "event/rundown_rules.py", "terminal.py", "i18n.py", "ui/theme_schema.py")
"""The modules whose rules a verdict depends on, besides the file's bytes."""


@cache
def _rules_stamp() -> bytes:
    """Size and modification time of the rule modules: a verdict kept by another build is not trusted."""
    here = Path(__file__).parent
    stamps = []
    for name in _RULES:
        try:
            info = os.stat(here / name)
            stamps.append(f"{name}:{info.st_size}:{info.st_mtime_ns}")
        except OSError:
            stamps.append(f"{name}:-")
    return ";".join(stamps).encode()


def verdict_file(kind: str, *parts: bytes) -> Path:
    """Where the verdict on *parts* (the file's bytes, and what else it depends on) is kept."""
    import platformdirs

    digest = hashlib.sha256(__version__.encode() + b"\0" + _rules_stamp() + b"\0" + b"\0".join(parts)).hexdigest()
    return platformdirs.user_cache_path("gelar", appauthor=False) / kind / f"{digest}.json"


def remembered(
    kind: str,
    parts: tuple[bytes, ...],
    work: Callable[[], dict[str, Any]],
    *,
    reuse: bool = True,
    usable: Callable[[dict[str, Any]], bool] = lambda verdict: True,
) -> dict[str, Any]:
    """The verdict on *parts*: the one kept from before when there is a *usable* one
    (and *reuse*), else what *work* returns, which is then kept. When *work*
    raises, nothing is kept."""
    path = verdict_file(kind, *parts)
    if reuse:
        found = read_verdict(path)
        if found is not None and usable(found):
            return found
    verdict = work()
    write_verdict(path, verdict)
    return verdict


def read_verdict(path: Path) -> dict[str, Any] | None:
    """The verdict kept at *path*; None when there is none, or what is there is not one (not a JSON table)."""
    try:
        found = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return found if isinstance(found, dict) else None


def write_verdict(path: Path, verdict: dict[str, Any]) -> None:
    """Write atomically, so a second process never reads half a file."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(f".{os.getpid()}.tmp")
        temporary.write_text(json.dumps(verdict, ensure_ascii=False), encoding="utf-8")
        os.replace(temporary, path)
    except OSError:
        pass

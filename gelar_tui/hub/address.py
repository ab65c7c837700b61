"""The hub's address: where it comes from, how it is printed (password masked), and connecting to it.

The password never passes through here: libpq takes it from ``PGPASSWORD``, ``~/.pgpass`` or
``PGSERVICE``; a URL goes to libpq untouched (so ``sslmode`` is honoured).
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from ..errors import GelarError

_PASSWORD_PARAMETER = re.compile(r"(password\s*=\s*)('(?:[^'\\]|\\.)*'|[^\s&]*)", re.IGNORECASE)
"""libpq takes a password as a parameter too: ``password=…`` in a conninfo string or a URL's query."""


def masked(url: str) -> str:
    """*url* with any password replaced by ``***``: how an address is printed.

    Both of libpq's forms: ``postgresql://user:secret@host/db`` (and ``?password=secret``),
    and ``host=… password=secret``.
    """
    text = _PASSWORD_PARAMETER.sub(lambda found: found.group(1) + "***", url)
    if "://" not in text:
        return text
    try:
        parts = urlsplit(text)
        password = parts.password
    except ValueError:
        return "***"
    if password is None:
        return text
    host = parts.netloc.rpartition("@")[2]
    user = parts.username or ""
    return urlunsplit((parts.scheme, f"{user}:***@{host}", parts.path, parts.query, parts.fragment))


def hub_address(given: str | None, event_path: Path | None = None) -> str | None:
    """The hub's address: ``--hub URL``, else ``GELAR_HUB``, else ``[hub] url`` of the event file; None: none."""
    if given:
        return given
    if os.environ.get("GELAR_HUB"):
        return os.environ["GELAR_HUB"]
    if event_path is not None:
        import tomllib

        try:
            hub = tomllib.loads(event_path.read_bytes().decode("utf-8-sig")).get("hub", {})
        except (OSError, ValueError):
            return None
        url = hub.get("url") if isinstance(hub, dict) else None
        return url if isinstance(url, str) and url else None
    return None


def connect(url: str):
    """An autocommit connection to the hub at *url*; a clear GelarError when it cannot be had
    (psycopg, the optional ``hub`` extra, not installed included)."""
    try:
        import psycopg
    except ImportError:
        raise GelarError("hubread.needs_psycopg") from None

    try:
        return psycopg.connect(url, autocommit=True, connect_timeout=10)
    except (psycopg.Error, ValueError) as exc:
        raise GelarError("hubread.unreachable", url=masked(url), reason=_reason(exc, url)) from None


def _reason(exc: BaseException, url: str) -> str:
    """What the server or libpq said, the address masked if it is repeated in it."""
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return _PASSWORD_PARAMETER.sub(lambda found: found.group(1) + "***", text.replace(url, masked(url)))

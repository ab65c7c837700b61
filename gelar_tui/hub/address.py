"""Where the hub is: ``--hub URL``, else ``GELAR_HUB``, else ``[hub] url`` of the event file, and how
an address is shown.

The URL is handed to libpq untouched (so ``sslmode`` and every other parameter are honoured);
the password comes from libpq's own places (``PGPASSWORD``, ``~/.pgpass``, ``PGSERVICE``).
Whenever an address is shown, any password in it is masked.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit, urlunsplit

if TYPE_CHECKING:  # the event file's check uses this module: no import of the event at run time
    from ..event.model import Event

ENVIRONMENT = "GELAR_HUB"
SCHEMES = ("postgresql://", "postgres://")
_PASSWORD_PARAMETER = re.compile(r"(password\s*=\s*)('(?:[^'\\]|\\.)*'|[^\s&]*)", re.IGNORECASE)
"""libpq takes a password as a parameter too: ``password=…`` in a conninfo string or a URL's query."""
_NETLOC_PASSWORD = re.compile(r"^([a-z]+://[^:/?#@]*):.*@", re.IGNORECASE | re.DOTALL)
"""A user part with a password: libpq reads ``?`` and ``#`` in a password
typed unencoded as part of it, and a ``/`` or ``@`` typed there must be masked too rather than shown:
up to the last ``@``, so that a stray ``@`` further on is masked rather than any of the password shown."""


def resolve(given: str | None, event: Event | None) -> str | None:
    """The hub's URL: *given* (``--hub``), else the environment's, else the event file's; None: no hub."""
    for candidate in (given, os.environ.get(ENVIRONMENT), event.hub.url if event is not None else None):
        if candidate and candidate.strip():
            return candidate.strip()
    return None


def hub_address(given: str | None, event_path: Path | None = None) -> str | None:
    """As :func:`resolve`, for a reader that has not loaded the event: ``[hub] url`` read from the file itself."""
    found = resolve(given, None)
    if found is not None or event_path is None:
        return found
    import tomllib

    try:
        hub = tomllib.loads(event_path.read_bytes().decode("utf-8-sig")).get("hub", {})
    except (OSError, ValueError):
        return None
    url = hub.get("url") if isinstance(hub, dict) else None
    return url.strip() if isinstance(url, str) and url.strip() else None


def has_password(url: str) -> bool:
    """Whether *url* carries a password (in its user part or as ``password=``)."""
    if _PASSWORD_PARAMETER.search(url) or _NETLOC_PASSWORD.search(url):
        return True
    try:
        return urlsplit(url).password is not None
    except ValueError:
        return False


def masked(url: str) -> str:
    """*url* as it may be shown, any password replaced by ``***``.

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
        password = None
    if password is None or any(c in password for c in "/?#") or ("@" in parts.path + parts.query + parts.fragment):
        # a password typed with "/", "?" or "#" unencoded: urlsplit cuts the user part short there
        return _NETLOC_PASSWORD.sub(lambda m: f"{m.group(1)}:***@", text)
    host = parts.netloc.rpartition("@")[2]
    user = parts.username or ""
    return urlunsplit((parts.scheme, f"{user}:***@{host}", parts.path, parts.query, parts.fragment))


def without_password(url: str) -> str:
    """*url* with any password taken out, to be written in a file or a command to run: libpq then
    takes the password from its own places (``PGPASSWORD``, ``~/.pgpass``, ``PGSERVICE``)."""
    text = _PASSWORD_PARAMETER.sub("", url)
    if "://" not in text:
        return " ".join(text.split())
    text = re.sub(r"&{2,}", "&", text.replace("?&", "?"))
    text = re.sub(r"[?&](?=#|$)", "", text)
    try:
        parts = urlsplit(text)
        password = parts.password
    except ValueError:
        password = None
    if password is None or any(c in password for c in "/?#") or ("@" in parts.path + parts.query + parts.fragment):
        return _NETLOC_PASSWORD.sub(lambda m: f"{m.group(1)}@", text)
    host = parts.netloc.rpartition("@")[2]
    user = parts.netloc.rpartition("@")[0].partition(":")[0]
    return urlunsplit((parts.scheme, f"{user}@{host}" if user else host, parts.path, parts.query, parts.fragment))


def looks_like_url(url: str) -> bool:
    """Whether *url* is a PostgreSQL URL (``postgresql://`` or ``postgres://``)."""
    return url.lower().startswith(SCHEMES)


def reason_of(exc: BaseException, url: str) -> str:
    """What the server or libpq said, in one line, the address masked if it is repeated in it."""
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return _PASSWORD_PARAMETER.sub(lambda found: found.group(1) + "***", text.replace(url, masked(url)))

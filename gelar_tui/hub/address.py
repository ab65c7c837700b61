"""Where the hub is: ``--hub URL``, else ``GELAR_HUB``, else ``[hub] url`` of the event file.

The URL is handed to libpq untouched (so ``sslmode`` and every other parameter are honoured);
the password comes from libpq's own places (``PGPASSWORD``, ``~/.pgpass``, ``PGSERVICE``).
Whenever an address is shown, any password in it is masked.
"""

from __future__ import annotations

import os
import re
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

if TYPE_CHECKING:  # the event file's check uses this module: no import of the event at run time
    from ..event.model import Event

ENVIRONMENT = "GELAR_HUB"
SCHEMES = ("postgresql://", "postgres://")
_QUERY_PASSWORD = re.compile(r"(?i)([?&]password=)[^&#]*")
_NETLOC_PASSWORD = re.compile(r"^([a-z]+://[^:/?#@]*):[^@/?#]*@", re.IGNORECASE)


def resolve(given: str | None, event: Event | None) -> str | None:
    """The hub's URL: *given* (``--hub``), else the environment's, else the event file's; None: no hub."""
    for candidate in (given, os.environ.get(ENVIRONMENT), event.hub.url if event is not None else None):
        if candidate and candidate.strip():
            return candidate.strip()
    return None


def has_password(url: str) -> bool:
    """Whether *url* carries a password (in its user part or as ``password=``)."""
    if _QUERY_PASSWORD.search(url):
        return True
    try:
        return urlsplit(url).password is not None
    except ValueError:
        return bool(_NETLOC_PASSWORD.search(url))


def masked(url: str) -> str:
    """*url* as it may be shown: ``postgresql://gelar:***@host/db`` (a password anywhere becomes ``***``)."""
    text = _NETLOC_PASSWORD.sub(lambda m: f"{m.group(1)}:***@", url)
    return _QUERY_PASSWORD.sub(lambda m: f"{m.group(1)}***", text)


def looks_like_url(url: str) -> bool:
    """Whether *url* is a PostgreSQL URL (``postgresql://`` or ``postgres://``)."""
    return url.lower().startswith(SCHEMES)

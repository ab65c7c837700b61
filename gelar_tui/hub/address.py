"""Where the hub is: ``--hub URL``, else ``GELAR_HUB``, else ``[hub] url`` of the event file, and what
the server said, in one line (how an address itself is shown or written: :mod:`gelar_tui.event.hub_url`).

The URL is handed to libpq untouched (so ``sslmode`` and every other parameter are honoured);
the password comes from libpq's own places (``PGPASSWORD``, ``~/.pgpass``, ``PGSERVICE``).
Whenever an address is shown, any password in it is masked.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from ..event.hub_url import PASSWORD_PARAMETER, masked

if TYPE_CHECKING:
    from ..event.model import Event

ENVIRONMENT = "GELAR_HUB"


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


def reason_of(exc: BaseException, url: str) -> str:
    """What the server or libpq said, in one line, the address masked if it is repeated in it."""
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return PASSWORD_PARAMETER.sub(lambda found: found.group(1) + "***", text.replace(url, masked(url)))

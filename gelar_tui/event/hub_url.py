"""A PostgreSQL URL, the text form of a hub's address: whether it is one, whether it carries a
password, and the URL as it may be shown (the password masked) or written (the password taken out).

The event file's ``[hub] url`` is checked with these (a password there is refused); the hub's own
modules (:mod:`gelar_tui.hub.address`) and the commands that print an address use them too.
"""

from __future__ import annotations

import re
from urllib.parse import SplitResult, urlsplit, urlunsplit

SCHEMES = ("postgresql://", "postgres://")
PASSWORD_PARAMETER = re.compile(r"(password\s*=\s*)('(?:[^'\\]|\\.)*'|[^\s&]*)", re.IGNORECASE)
"""libpq takes a password as a parameter too: ``password=…`` in a conninfo string or a URL's query."""
_NETLOC_PASSWORD = re.compile(r"^([a-z]+://[^:/?#@]*):.*@", re.IGNORECASE | re.DOTALL)
"""A user part with a password: libpq reads ``?`` and ``#`` in a password
typed unencoded as part of it, and a ``/`` or ``@`` typed there must be masked too rather than shown:
up to the last ``@``, so that a stray ``@`` further on is masked rather than any of the password shown."""


def has_password(url: str) -> bool:
    """Whether *url* carries a password (in its user part or as ``password=``)."""
    if PASSWORD_PARAMETER.search(url) or _NETLOC_PASSWORD.search(url):
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
    text = PASSWORD_PARAMETER.sub(lambda found: found.group(1) + "***", url)
    if "://" not in text:
        return text
    parts = _cleanly_split(text)
    if parts is None:
        return _NETLOC_PASSWORD.sub(lambda m: f"{m.group(1)}:***@", text)
    host = parts.netloc.rpartition("@")[2]
    user = parts.username or ""
    return urlunsplit((parts.scheme, f"{user}:***@{host}", parts.path, parts.query, parts.fragment))


def without_password(url: str) -> str:
    """*url* with any password taken out, to be written in a file or a command to run: libpq then
    takes the password from its own places (``PGPASSWORD``, ``~/.pgpass``, ``PGSERVICE``)."""
    text = PASSWORD_PARAMETER.sub("", url)
    if "://" not in text:
        return " ".join(text.split())
    text = re.sub(r"&{2,}", "&", text.replace("?&", "?"))
    text = re.sub(r"[?&](?=#|$)", "", text)
    parts = _cleanly_split(text)
    if parts is None:
        return _NETLOC_PASSWORD.sub(lambda m: f"{m.group(1)}@", text)
    host = parts.netloc.rpartition("@")[2]
    user = parts.netloc.rpartition("@")[0].partition(":")[0]
    return urlunsplit((parts.scheme, f"{user}@{host}" if user else host, parts.path, parts.query, parts.fragment))


def _cleanly_split(text: str) -> SplitResult | None:
    """*text* split as a URL when its password is one urlsplit reads whole; None when there is no
    password to find that way, or when one was typed with "/", "?", "#" or "@" unencoded (urlsplit
    cuts the user part short there): then the user part is matched up to its last "@" instead."""
    try:
        parts = urlsplit(text)
        password = parts.password
    except ValueError:
        return None
    if password is None or any(c in password for c in "/?#") or ("@" in parts.path + parts.query + parts.fragment):
        return None
    return parts


def looks_like_url(url: str) -> bool:
    """Whether *url* is a PostgreSQL URL (``postgresql://`` or ``postgres://``)."""
    return url.lower().startswith(SCHEMES)

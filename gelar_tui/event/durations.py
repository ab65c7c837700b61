"""Durations as organisers write them in the event file: "30m", "90s", "1h", "1m30s"."""

from __future__ import annotations

import re

_DURATION = re.compile(r"^\s*(?:(\d+)\s*h)?\s*(?:(\d+)\s*m)?\s*(?:(\d+)\s*s)?\s*$", re.IGNORECASE)


def parse_duration(text: str) -> int:
    """Return the number of whole seconds in *text*, or raise ValueError saying what is wrong."""
    match = _DURATION.match(text) if isinstance(text, str) else None
    if not match or not any(match.groups()):
        raise ValueError(f'not a duration: {text!r} (write it like "30m", "90s", "1h" or "1m30s")')
    hours, minutes, seconds = (int(part or 0) for part in match.groups())
    return hours * 3600 + minutes * 60 + seconds


def format_duration(seconds: int) -> str:
    """The inverse of parse_duration: 1800 -> "30m", 90 -> "1m30s", 0 -> "0s"."""
    hours, rest = divmod(int(seconds), 3600)
    minutes, secs = divmod(rest, 60)
    parts = [f"{hours}h" if hours else "", f"{minutes}m" if minutes else "", f"{secs}s" if secs else ""]
    return "".join(parts) or "0s"


def format_clock(seconds: int) -> str:
    """A clock face for whole seconds: 1799 -> "29:59", 3600 -> "1:00:00"."""
    hours, rest = divmod(int(seconds), 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"

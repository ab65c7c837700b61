"""An event file written back from the event a journal holds (its ``event_file`` record): what a
takeover leaves beside the copied journal, so that the console opens on it as on any event file."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from ..event.durations import format_duration


def _number(text: Any) -> int | float:
    """A decimal in JSON form ("12.5", "100") as the file writes it (Decimal(str(x)) gives it back exactly)."""
    value = str(text)
    return float(value) if any(c in value for c in ".eE") else int(value)


def _segment(entry: dict[str, Any]) -> dict[str, Any]:
    return {
        "name": entry["name"],
        "length": format_duration(entry["length"]),
        "alerts": [format_duration(a) for a in entry.get("alerts") or []],
        "penalty": bool(entry.get("penalty")),
    }


def _sound(sound: dict[str, Any], folder: Path | None) -> dict[str, Any]:
    if folder is None or not sound.get("files"):
        return sound
    files = {cue: name for cue, name in sound["files"].items() if name is None or (folder / name).is_file()}
    return {**sound, "files": files}


def _without_none(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _without_none(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_without_none(v) for v in value]
    return value


def event_file_data(held: dict[str, Any], hub: dict[str, str] | None = None, folder: Path | None = None) -> dict[str, Any]:
    """The event file's tables from an event in JSON form (``eventrecord.event_data``).

    With *folder* (where the file goes), an own sound file that is not there is left out: the
    built-in sound plays instead, rather than the console refusing to start on the standby laptop."""
    info = dict(held["event"])
    info["date"] = dt.date.fromisoformat(info["date"])
    for key in ("start", "end"):
        if info.get(key):
            info[key] = info[key][:5]
    timing = dict(held["timing"])
    timing["alerts"] = [format_duration(a) for a in timing["alerts"]]
    timing["penalty_per_minute"] = _number(timing["penalty_per_minute"])
    timing["changeover"] = format_duration(timing["changeover"]) if timing.get("changeover") else "0"
    timing["segments"] = [_segment(s) for s in timing.get("segments") or []]
    if timing["segments"]:
        timing.pop("slot")  # the slot is then their sum
    else:
        timing["slot"] = format_duration(timing["slot"])
    scoring = dict(held["scoring"])
    for key in ("min", "max", "outlier_gap"):
        if scoring.get(key) is not None:
            scoring[key] = _number(scoring[key])
    groups = []
    for group in held["groups"]:
        entry = dict(group)
        if entry.get("slot") is not None:
            entry["slot"] = format_duration(entry["slot"])
        if entry.get("segments") is not None:
            entry["segments"] = [_segment(s) for s in entry["segments"]]
        groups.append(entry)
    data = {
        "event": info,
        "timing": timing,
        "scoring": scoring,
        "criteria": [{**c, "weight": _number(c["weight"])} for c in held["criteria"]],
        "jurors": held["jurors"],
        "groups": groups,
        "awards": held["awards"],
        "recusals": held.get("recusals") or [],
        "sound": _sound(held.get("sound") or {}, folder),
        "breaks": [{**b, "length": format_duration(b["length"])} for b in held.get("breaks") or []],
    }
    if hub:
        data["hub"] = hub
    return _without_none(data)


def event_file_text(held: dict[str, Any], hub: dict[str, str] | None = None, folder: Path | None = None) -> str:
    """The event file (TOML) of an event in JSON form (see event_file_data for *folder*)."""
    import tomli_w

    return "# Written by gelar takeover from the journal on the hub.\n" + tomli_w.dumps(event_file_data(held, hub, folder))

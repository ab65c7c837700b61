"""The event file's rules for the rundown: segments, breaks and the day's planned times.

They tie fields together, so the schema alone cannot check them; ``eventfile.check_rules``
yields them with its own, as (key path, message key, values).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .durations import format_duration
from .model import Event, Segment

Rule = tuple[tuple[str | int, ...], str, dict[str, Any]]


def rundown_rules(event: Event) -> Iterator[Rule]:
    """Every rundown mistake of *event*."""
    yield from _segment_rules(("timing", "segments"), event.timing.segments)
    for index, group in enumerate(event.groups):
        if group.segments is not None:
            yield from _segment_rules(("groups", index, "segments"), group.segments)
        if group.slot is not None and event.segmented(group.id):
            yield ("groups", index, "slot"), "check.slot_with_segments", {}
    known = set(event.group_ids)
    names: dict[str, int] = {}
    for index, item in enumerate(event.breaks):
        if item.after not in known:
            yield ("breaks", index, "after"), "check.break_unknown_group", {"id": item.after, "known": ", ".join(event.group_ids)}
        if item.name in names:
            yield ("breaks", index, "name"), "check.break_twice", {"name": item.name, "other": f"breaks[{names[item.name]}]"}
        else:
            names[item.name] = index
    info = event.event
    if info.end is not None:
        if info.start is None:
            yield ("event", "end"), "check.end_without_start", {}
        elif info.end <= info.start:
            yield ("event", "end"), "check.end_not_after_start", {"end": info.end.strftime("%H:%M"), "start": info.start.strftime("%H:%M")}


def _segment_rules(path: tuple[str | int, ...], segments: tuple[Segment, ...]) -> Iterator[Rule]:
    seen: set[str] = set()
    for index, segment in enumerate(segments):
        if segment.name in seen:
            yield (*path, index, "name"), "check.segment_twice", {"name": segment.name}
        seen.add(segment.name)
        for number, alert in enumerate(segment.alerts):
            if alert >= segment.length:
                yield (*path, index, "alerts", number), "check.segment_alert_not_shorter", {
                    "alert": format_duration(alert),
                    "length": format_duration(segment.length),
                }
            if alert in segment.alerts[:number]:
                yield (*path, index, "alerts", number), "check.alert_twice", {"alert": format_duration(alert)}

"""The demo event with a rundown: segments, a break, a planned start, a changeover and an end."""

from __future__ import annotations

from gelar_tui.event.model import Event
from gelar_tui.event.eventfile import bundled_event_path, parse_event

PAPARAN, TANYA = 20 * 60, 10 * 60
"""The rundown's segments: a 20-minute presentation (alerts at 5m and 1m, penalised), 10 minutes of questions."""
CHANGEOVER = 2 * 60
ISHOMA = 45 * 60
START = "10:30"
"""The planned start: the FakeClock starts at 11:00 in Jakarta, so a day started at once is 30 minutes late."""


def rundown_source(advance: str = "auto", start: str | None = START, end: str | None = "13:30", overtime: str = "count") -> str:
    source = bundled_event_path().read_text(encoding="utf-8")
    timing = (
        '[timing]\nsegments = [\n'
        '  { name = "Paparan", length = "20m", alerts = ["5m", "1m"] },\n'
        '  { name = "Tanya jawab", length = "10m", alerts = ["2m"] },\n]\n'
        f'advance = "{advance}"\nchangeover = "2m"\n'
    )
    source = source.replace("[timing]\n", timing, 1).replace('overtime = "count"', f'overtime = "{overtime}"')
    extra = ""
    if start:
        extra += f'start = "{start}"\n'
    if end:
        extra += f'end = "{end}"\n'
    source = source.replace("max_members = 10\n", "max_members = 10\n" + extra, 1)
    source += '\n[[breaks]]\nafter = "GROUP2"\nname = "Ishoma"\nlength = "45m"\n'
    return source


def rundown_event(**kwargs) -> Event:
    """The demo event with the rundown above; the break follows the second group (melati)."""
    return parse_event(rundown_source(**kwargs).replace("GROUP2", "melati"), "rundown.toml")

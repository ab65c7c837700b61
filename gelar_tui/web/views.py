"""What the served page offers: the hall's screens, then each juror's station.

The screens are listed here and nowhere else. Each is a `gelar` command run for one
browser: the audience display (`gelar display`) and the presenter monitor
(`gelar display --presenter`), then each juror's station (`gelar jury --juror ID`).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..event.model import Event


@dataclass(frozen=True)
class Station:
    """One thing a browser can open: its key in the address, its label (a message key, or
    a name as it is), and the `gelar` command (without the event) it runs."""

    key: str
    label: str
    command: tuple[str, ...]
    juror: bool = False


HALL_SCREENS = (
    Station("display", "serve.view_display", ("display",)),
    Station("presenter", "serve.view_presenter", ("display", "--presenter")),
)
"""The hall's screens."""


def stations(event: Event) -> list[Station]:
    """Everything the page offers, in order: the screens, then one station per juror."""
    screens = HALL_SCREENS
    jurors = [Station(f"jury-{j.id}", j.name, ("jury", "--juror", j.id), juror=True) for j in event.jurors]
    return [*screens, *jurors]

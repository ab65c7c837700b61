"""What the served page offers: the hall's screens, then each juror's station.

The screens are listed here and nowhere else. Each is a `gelar` command run for one
browser; the audience display and the presenter monitor are `gelar display` and
`gelar display --presenter` once that command exists, and until then the read-only
clock and scoreboard of `gelar watch`.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..event import Event


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
"""The hall's screens, when `gelar display` exists."""

WATCH_SCREENS = (
    Station("clock", "serve.view_clock", ("watch", "--view", "clock")),
    Station("scoreboard", "serve.view_scoreboard", ("watch", "--view", "scoreboard")),
)
"""Read-only views offered instead while `gelar display` does not exist."""


def commands_known() -> set[str]:
    """The names of the `gelar` commands this version has."""
    import argparse

    from ..cli import build_parser

    parser = build_parser()
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return set(action.choices)
    return set()


def stations(event: Event, known: set[str] | None = None) -> list[Station]:
    """Everything the page offers, in order: the screens, then one station per juror."""
    known = commands_known() if known is None else known
    screens = HALL_SCREENS if "display" in known else WATCH_SCREENS
    jurors = [Station(f"jury-{j.id}", j.name, ("jury", "--juror", j.id), juror=True) for j in event.jurors]
    return [*screens, *jurors]

"""Events with stages for the tests: a desk review by panels, then the final."""

from __future__ import annotations

import datetime as dt
from typing import Any

import tomli_w

from gelar_tui.event.eventfile import parse_event
from gelar_tui.event.model import Event


def stages_data(groups: int = 12, jurors: int = 6, *, review: dict[str, Any] | None = None, final: dict[str, Any] | None = None,
                combine: dict[str, int] | None = None, agencies: int = 4) -> dict[str, Any]:
    """The data of an event file with a review stage (panels of 2, normalised, 4 go on) and a presentation stage."""
    data: dict[str, Any] = {
        "event": {"title": "Lomba Bertahap", "organizer": "Panitia", "venue": "Aula", "date": dt.date(2026, 8, 16)},
        "scoring": {"min": 0, "max": 100},
        "criteria": [{"id": "isi", "name": "Isi", "weight": 2}, {"id": "cara", "name": "Cara", "weight": 1}],
        "jurors": [{"id": f"j{n:02d}", "name": f"Juri {n}"} for n in range(1, jurors + 1)],
        "groups": [{"id": f"g{n:03d}", "name": f"KBK {n}", "agency": f"Dinas {n % agencies}"} for n in range(1, groups + 1)],
        "stages": [
            {"id": "review", "name": "Penilaian proposal", "kind": "review", "normalise": "zscore", "per_entry": 2, "advance": 4,
             "criteria": [{"id": "substansi", "name": "Substansi", "weight": 1}], **(review or {})},
            {"id": "presentation", "name": "Presentasi", "kind": "presentation", **(final or {})},
        ],
    }
    if combine is not None:
        data["scoring"]["combine"] = combine
    return data


def source_of(data: dict[str, Any]) -> str:
    """TOML text of event data."""
    return tomli_w.dumps(data)


def stages_event(**options: Any) -> Event:
    """A checked event with stages (see :func:`stages_data`)."""
    return parse_event(source_of(stages_data(**options)), "stages.toml")

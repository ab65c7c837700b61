"""Events and scores for the tests of paper, workbooks and PDF (reusable by any test).

``fixtures/long_names.toml`` is the event a new user tried: 12 groups whose names are
72 characters long and 5 jurors with full academic titles. ``event_variant`` makes
copies of it with more or fewer groups and jurors; ``score`` gives every juror,
group and criterion a fixed score whose final scores have two decimals that matter.
"""

from __future__ import annotations

import csv
import tomllib
from pathlib import Path

import tomli_w

from gelar_tui.event.model import Event

FIXTURES = Path(__file__).parents[1] / "fixtures"
LONG_NAMES = FIXTURES / "long_names.toml"

EXTRA_JUROR_TITLES = ["Dr. Ir. H. Mohammad Syaifuddin Zuhri, M.Eng., M.B.A.", "Hj. Endang Puspitasari Wahyuningsih, S.E., Ak., M.Ak., CA."]


def event_variant(folder: Path, *, groups: int | None = None, jurors: int | None = None, name: str = "event.toml") -> Path:
    """A copy of the long-names event in *folder*, with *groups* groups and *jurors* jurors (cycled, new ids)."""
    data = tomllib.loads(LONG_NAMES.read_text(encoding="utf-8"))
    if groups is not None:
        base = data["groups"]
        data["groups"] = [
            {**base[i % len(base)], "id": f"{base[i % len(base)]['id']}{'' if i < len(base) else i // len(base) + 1}"}
            for i in range(groups)
        ]
    if jurors is not None:
        base = data["jurors"]
        data["jurors"] = [
            {
                "id": f"j{i + 1}",
                "name": base[i]["name"] if i < len(base) else EXTRA_JUROR_TITLES[i % 2] + f" ({i + 1})",
                "affiliation": base[i % len(base)]["affiliation"],
            }
            for i in range(jurors)
        ]
    path = folder / name
    path.write_text(tomli_w.dumps(data), encoding="utf-8")
    return path


def score(event: Event, juror: str, group: str, criterion: str) -> str:
    """A fixed score between 55 and 99.5: different for every juror, group and criterion."""
    j, g, c = event.juror_ids.index(juror), event.group_ids.index(group), event.criterion_ids.index(criterion)
    whole = 55 + (g * 7 + j * 11 + c * 13) % 44
    return f"{whole}.5" if (g + j + c) % 3 == 0 else str(whole)


def all_scores(event: Event) -> list[tuple[str, str, str, str]]:
    """(juror, group, criterion, score) for every score of *event*."""
    return [
        (j, g, c, score(event, j, g, c)) for j in event.juror_ids for g in event.group_ids for c in event.criterion_ids
    ]


def write_scores_csv(event: Event, path: Path) -> Path:
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["juror", "group", "criterion", "score"])
        writer.writerows(all_scores(event))
    return path

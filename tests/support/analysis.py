"""What the analysis and recusal tests share: a small event written as text, a day on it, scores from a table."""

from __future__ import annotations

import pytest

from gelar_tui.day.facade import Day
from gelar_tui.event.eventfile import parse_event


def event_text(groups=3, jurors=3, method="mean", trim=1, recusals=(), gap=None, scale=(0, 100)) -> str:
    """One criterion, groups g1..gN, jurors j1..jM; *recusals* as (juror, group, reason)."""
    text = (
        '[event]\ntitle = "Uji"\norganizer = "Panitia"\nvenue = "Balai"\ndate = 2016-08-16\nlanguage = "en"\n\n'
        f'[scoring]\nmethod = "{method}"\ntrim = {trim}\nmin = {scale[0]}\nmax = {scale[1]}\n'
        + (f"outlier_gap = {gap}\n" if gap is not None else "")
        + '\n[[criteria]]\nid = "a"\nname = "A"\nweight = 1\n\n'
    )
    text += "".join(f'[[jurors]]\nid = "j{i}"\nname = "Juri {i}"\n\n' for i in range(1, jurors + 1))
    text += "".join(f'[[groups]]\nid = "g{i}"\nname = "KBK {i}"\nagency = "Dinas {i}"\n\n' for i in range(1, groups + 1))
    text += "".join(f'[[recusals]]\njuror = "{j}"\ngroup = "{g}"\nreason = "{r}"\n\n' for j, g, r in recusals)
    return text


@pytest.fixture
def open_day(tmp_path, clock):
    days: list[Day] = []

    def make(text: str) -> Day:
        days.append(Day.open(parse_event(text), tmp_path / f"d{len(days)}.gelar-journal", clock=clock))
        return days[-1]

    yield make
    for day in days:
        day.close()


def score(day: Day, table: dict[str, list[object]]) -> None:
    """table: group -> one score per juror (None: no score)."""
    for group, values in table.items():
        for juror, value in zip(day.event.juror_ids, values):
            if value is not None:
                day.set_score(group, juror, "a", str(value))

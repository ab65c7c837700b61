"""Synthetic but realistic workloads for the core benchmark (bench/core.py).

Everything is built from a seeded random generator, so two runs measure the
same records. Nothing here is timed.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Any

from gelar_tui.event.model import Event
from gelar_tui.event.eventfile import parse_event

START = 1_471_320_000.0  # 2016-08-16 04:00 UTC, 11:00 in Kediri
SLOT = 1800
WEIGHTS = ["3", "2", "2", "1.5", "1", "1", "2", "1.5", "1", "1", "2", "1.5"]
"""c02 and c03 weigh the same: swapping their scores keeps a total but changes the c02 mean."""
TIE_CRITERION = "c02"
SWAP_CRITERION = "c03"
PENALTY = "0.5"

Raw = tuple[str, dict[str, Any], float, str]
"""One record to append: kind, data, timestamp, origin."""


def event_text(groups: int, jurors: int, criteria: int, method: str = "mean", trim: int = 2) -> str:
    """An event file with g001.., j01.., c01.. ids and tie_break = [c02, overtime]."""
    lines = [
        "[event]",
        'title = "Gelar Budaya Kerja benchmark"',
        'organizer = "bench"',
        'venue = "bench"',
        "date = 2016-08-16",
        "max_members = 10",
        "[timing]",
        'slot = "30m"',
        'alerts = ["10m", "5m", "1m"]',
        'overtime = "count"',
        f"penalty_per_minute = {PENALTY}",
        "[scoring]",
        "min = 0",
        "max = 100",
        f'method = "{method}"',
        f"trim = {trim}",
        f'tie_break = ["{TIE_CRITERION}", "overtime"]',
    ]
    for index in range(criteria):
        weight = WEIGHTS[index % len(WEIGHTS)]
        lines += ["[[criteria]]", f'id = "c{index + 1:02d}"', f'name = "Criterion {index + 1}"', f"weight = {weight}"]
    for index in range(jurors):
        lines += ["[[jurors]]", f'id = "j{index + 1:02d}"', f'name = "Juror {index + 1}"', 'affiliation = "bench"']
    for index in range(groups):
        members = ", ".join(f'"Member {m}"' for m in range(1, 6))
        lines += ["[[groups]]", f'id = "g{index + 1:03d}"', f'name = "KBK {index + 1}"', 'agency = "Dinas"', f"members = [{members}]"]
    return "\n".join(lines) + "\n"


def make_event(groups: int, jurors: int, criteria: int, method: str = "mean", trim: int = 2) -> Event:
    return parse_event(event_text(groups, jurors, criteria, method, trim), "bench.toml")


def score_text(hundredths: int) -> str:
    """8550 -> "85.5", 9000 -> "90": what the console writes to the journal."""
    return f"{hundredths // 100}.{hundredths % 100:02d}".rstrip("0").rstrip(".")


def random_score(rng: random.Random) -> int:
    """A score in hundredths, mostly 50..98, often whole or half points, sometimes two decimals."""
    value = rng.randint(5000, 9800)
    roll = rng.random()
    if roll < 0.4:
        return value - value % 100
    if roll < 0.7:
        return value - value % 50
    return value


def score_set(group: str, juror: str, criterion: str, value: str | None) -> dict[str, Any]:
    return {"group": group, "juror": juror, "criterion": criterion, "value": value}


class Ticker:
    """Monotonic timestamps a few seconds apart."""

    def __init__(self, rng: random.Random, start: float = START) -> None:
        self.rng = rng
        self.now = start

    def __call__(self, low: float = 0.2, high: float = 3.0) -> float:
        self.now += self.rng.uniform(low, high)
        return self.now


def replay_records(event: Event, total: int, seed: int) -> list[Raw]:
    """*total* records of a long day: every group presents, every sheet is filled, corrected and locked.

    Mostly score_set (first entries, corrections, a few clears typed again), plus the
    slot records of each group, the sheet locks, a few unlock/relock cycles and the reveal.
    """
    rng = random.Random(seed)
    groups, jurors, criteria = event.group_ids, event.juror_ids, event.criterion_ids
    plans = []
    fixed = 1  # results_revealed at the end
    for _ in groups:
        pauses, extensions, unlocks = rng.randint(0, 2), rng.randint(0, 1), rng.randint(0, 2)
        plans.append((pauses, extensions, unlocks))
        fixed += 3 + 2 * pauses + extensions + len(jurors) * len(criteria) + len(jurors) + 3 * unlocks
    corrections = total - fixed
    if corrections < 0:
        raise ValueError(f"{total} records are too few for this event (it needs {fixed})")
    share = [corrections // len(groups) + (1 if i < corrections % len(groups) else 0) for i in range(len(groups))]
    tick = Ticker(rng)
    out: list[Raw] = []
    for group, (pauses, extensions, unlocks), budget in zip(groups, plans, share):
        out.append(("current_changed", {"group": group}, tick(), "console"))
        started = tick(30, 90)
        out.append(("slot_started", {"group": group}, started, "console"))
        for _ in range(pauses):
            out.append(("slot_paused", {"group": group}, tick(60, 300), "console"))
            out.append(("slot_resumed", {"group": group}, tick(10, 60), "console"))
        if extensions:
            out.append(("slot_extended", {"group": group, "seconds": rng.choice([60, 120, 300])}, tick(), "console"))
        tick.now = max(tick.now, started + SLOT - 120)
        out.append(("slot_finished", {"group": group}, tick(0, 240), "console"))
        cells = [(j, c) for j in jurors for c in criteria]
        entries: list[Raw] = []
        for juror, criterion in cells:
            entries.append(("score_set", score_set(group, juror, criterion, score_text(random_score(rng))), 0.0, f"station-{juror}"))
        while budget > 0:  # corrections, dropped among the first entries (each after its cell's first entry)
            juror, criterion = rng.choice(cells)
            if budget >= 2 and rng.random() < 0.05:
                fix = [score_set(group, juror, criterion, None), score_set(group, juror, criterion, score_text(random_score(rng)))]
            else:
                fix = [score_set(group, juror, criterion, score_text(random_score(rng)))]
            budget -= len(fix)
            first = cells.index((juror, criterion))
            at = rng.randint(first + 1, len(entries))
            entries[at:at] = [("score_set", data, 0.0, f"station-{juror}") for data in fix]
        for juror in jurors:
            entries.append(("sheet_locked", {"group": group, "juror": juror}, 0.0, f"station-{juror}"))
        for _ in range(unlocks):
            juror, criterion = rng.choice(cells)
            entries.append(("sheet_unlocked", {"group": group, "juror": juror, "reason": "salah ketik"}, 0.0, "console"))
            entries.append(("score_set", score_set(group, juror, criterion, score_text(random_score(rng))), 0.0, f"station-{juror}"))
            entries.append(("sheet_locked", {"group": group, "juror": juror}, 0.0, f"station-{juror}"))
        out.extend((kind, data, tick(), origin) for kind, data, _, origin in entries)
    out.append(("results_revealed", {"revealed": True}, tick(), "console"))
    assert len(out) == total, (len(out), total)
    return out


@dataclass
class Ranking:
    """Complete sheets for every group, built so that ties and both tie-breaks occur."""

    sheets: dict[tuple[str, str], dict[str, int]] = field(default_factory=dict)
    overtime: dict[str, int] = field(default_factory=dict)


def ranking_sheets(event: Event, seed: int) -> Ranking:
    """Per ten groups: a base group and four twins, then five random groups.

    twin 1: same sheets, same overtime            -> exact tie, shared rank
    twin 2: c02 and c03 swapped (equal weights)   -> equal final, decided by c02
    twin 3: same sheets, overtime in the same minute -> equal final, decided by overtime
    twin 4: the jurors' sheets permuted           -> equal mean/median/trimmed
    """
    rng = random.Random(seed)
    jurors, criteria = event.juror_ids, event.criterion_ids
    out = Ranking()

    def fresh(group: str) -> None:
        for juror in jurors:
            out.sheets[(group, juror)] = {c: random_score(rng) for c in criteria}

    base = None
    for index, group in enumerate(event.group_ids):
        role = index % 10
        if role == 0 or base is None:
            base = group
            fresh(group)
            while sum(out.sheets[(group, j)][TIE_CRITERION] - out.sheets[(group, j)][SWAP_CRITERION] for j in jurors) == 0:
                fresh(group)
            out.overtime[group] = rng.randint(1, 30)
        elif role in (1, 3):
            for juror in jurors:
                out.sheets[(group, juror)] = dict(out.sheets[(base, juror)])
            out.overtime[group] = out.overtime[base] + (20 if role == 3 else 0)
        elif role == 2:
            for juror in jurors:
                sheet = dict(out.sheets[(base, juror)])
                sheet[TIE_CRITERION], sheet[SWAP_CRITERION] = sheet[SWAP_CRITERION], sheet[TIE_CRITERION]
                out.sheets[(group, juror)] = sheet
            out.overtime[group] = out.overtime[base]
        elif role == 4:
            shuffled = jurors[:]
            rng.shuffle(shuffled)
            for juror, source in zip(jurors, shuffled):
                out.sheets[(group, juror)] = dict(out.sheets[(base, source)])
            out.overtime[group] = out.overtime[base]
        else:
            fresh(group)
            out.overtime[group] = 0 if rng.random() < 0.6 else rng.randint(1, 400)
    return out


def ranking_records(event: Event, ranking: Ranking, seed: int) -> list[Raw]:
    """The journal of a finished day with exactly these sheets and overtimes, every sheet locked."""
    rng = random.Random(seed)
    tick = Ticker(rng)
    out: list[Raw] = []
    for group in event.group_ids:
        out.append(("current_changed", {"group": group}, tick(), "console"))
        started = tick(30, 90)
        out.append(("slot_started", {"group": group}, started, "console"))
        over = ranking.overtime[group]
        at = started + SLOT + over + 0.3 if over else started + SLOT - rng.randint(1, 120)
        out.append(("slot_finished", {"group": group, "at": at}, at, "console"))
        tick.now = at
        for juror in event.juror_ids:
            for criterion, value in ranking.sheets[(group, juror)].items():
                out.append(("score_set", score_set(group, juror, criterion, score_text(value)), tick(), f"station-{juror}"))
            out.append(("sheet_locked", {"group": group, "juror": juror}, tick(), f"station-{juror}"))
    return out

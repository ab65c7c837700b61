"""Panels for a review stage: which of the stage's jurors score each entry.

The rules, for ``per_entry`` = k jurors per entry among J jurors:

- **conflicts:** no juror scores an entry of a group or agency in their ``conflicts``
  (nor one they are recused from);
- **load:** no juror scores more than one entry above another;
- **spread:** jurors share entries with as many different others as they can, so that
  their scales can be compared. The measure: n(a,b), the entries jurors a and b share,
  is spread as evenly as the loads allow (the assignment lowers Σ n(a,b)² step by step),
  and a juror's *partners* are the others they share at least one entry with; the rule
  checked is partners(j) ≥ min(J − 1, L_j·(k − 1), 3) for a juror with L_j entries and
  no conflict, where 3 is "several";
- **deterministic:** the same entries, jurors, conflicts and seed give the same panels.

Conflicts are a refusal; load and spread, checked on an organiser's own assignment
(``--from panels.csv``), are only warnings.
"""

from __future__ import annotations

import csv
import io
import random
from collections import Counter, deque
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

from ..errors import GelarError, Problem
from ..printable import unguarded
from ..terminal import safe_text
from ..event.model import Event, Stage
from ..event.stages import conflicts_of, jurors_of

SEVERAL = 3
"""The fewest partners a juror should have, where the loads allow it."""

Panels = dict[str, tuple[str, ...]]
"""Entry (group id) -> its jurors, in the stage's juror order."""


def assign(
    entries: Sequence[str],
    jurors: Sequence[str],
    per_entry: int,
    conflicts: Mapping[str, Collection[str]] | None = None,
    seed: int = 0,
) -> Panels:
    """*per_entry* jurors for each entry (see the module's rules); GelarError naming every entry
    that cannot get a panel, or the juror the conflicts leave unbalanced."""
    conflicts = conflicts or {}
    position = {j: i for i, j in enumerate(jurors)}
    eligible = {e: [j for j in jurors if e not in conflicts.get(j, ())] for e in entries}
    short = [e for e in entries if len(eligible[e]) < per_entry]
    if short:
        raise GelarError(
            "stages.panels_impossible",
            [Problem("", "stages.panel_short", {"group": e, "eligible": len(eligible[e]), "per_entry": per_entry}) for e in short],
        )
    if not entries:
        return {}
    rng = random.Random(seed)
    load: Counter[str] = Counter({j: 0 for j in jurors})
    pairs: Counter[tuple[str, str]] = Counter()
    panels: dict[str, list[str]] = {}
    tiebreak = {j: rng.random() for j in jurors}
    for entry in sorted(entries, key=lambda e: (len(eligible[e]), rng.random())):
        chosen: list[str] = []
        for _ in range(per_entry):
            best = min(
                (j for j in eligible[entry] if j not in chosen),
                key=lambda j: (load[j], sum(pairs[_pair(j, c)] for c in chosen), tiebreak[j]),
            )
            for other in chosen:
                pairs[_pair(best, other)] += 1
            chosen.append(best)
            load[best] += 1
            tiebreak[best] = rng.random()
        panels[entry] = chosen
    _balance(panels, eligible, load, pairs, jurors)
    _spread(panels, eligible, pairs, rng, rounds=20 * len(entries))
    return {e: tuple(sorted(panels[e], key=position.__getitem__)) for e in entries}


def stage_panels(event: Event, stage: Stage, entries: Sequence[str] | None = None, seed: int = 0) -> Panels:
    """The panels of a stage of *event* for *entries* (default: every group): its jurors, its ``per_entry``,
    its jurors' conflicts and recusals; without ``per_entry``, every juror of the stage free to score an entry."""
    jurors = jurors_of(event, stage)
    conflicts = conflicts_of(event, jurors)
    entries = list(event.group_ids if entries is None else entries)
    if stage.per_entry is None:
        return {e: tuple(j for j in jurors if e not in conflicts[j]) for e in entries}
    return assign(entries, jurors, stage.per_entry, conflicts, seed)


def _pair(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a < b else (b, a)


def _move(panels: dict[str, list[str]], pairs: Counter, entry: str, old: str, new: str) -> None:
    panel = panels[entry]
    for other in panel:
        if other != old:
            pairs[_pair(old, other)] -= 1
            pairs[_pair(new, other)] += 1
    panel[panel.index(old)] = new


def _balance(panels: dict[str, list[str]], eligible: Mapping[str, list[str]], load: Counter, pairs: Counter, jurors: Sequence[str]) -> None:
    """Move entries along chains juror -> juror until no juror scores two more than another (an augmenting
    path, as in a flow): first from the most loaded to anyone two below, else from anyone two above
    the least loaded to them; with neither, the conflicts leave no balanced assignment."""
    while True:
        most, fewest = max(load.values()), min(load.values())
        if most - fewest <= 1:
            return
        path = _chain(panels, eligible, [j for j in jurors if load[j] == most], lambda j: load[j] <= most - 2)
        if path is None:
            path = _chain(panels, eligible, [j for j in jurors if load[j] >= fewest + 2], lambda j: load[j] == fewest)
        if path is None:
            stuck = next(j for j in jurors if load[j] == fewest)
            heavy = next(j for j in jurors if load[j] == most)
            raise GelarError("stages.unbalanced", juror=stuck, fewest=fewest, other=heavy, most=most)
        for entry, old, new in path:
            _move(panels, pairs, entry, old, new)
        load[path[0][1]] -= 1
        load[path[-1][2]] += 1


def _chain(
    panels: Mapping[str, list[str]], eligible: Mapping[str, list[str]], sources: list[str], is_target: Any
) -> list[tuple[str, str, str]] | None:
    """Moves (entry, from, to) along the shortest chain from a source to a target; an edge a -> b
    gives one of a's entries to b, who may score it and is not on it yet."""
    came: dict[str, tuple[str, str] | None] = {j: None for j in sources}
    queue = deque(sources)
    while queue:
        a = queue.popleft()
        for entry, panel in panels.items():
            if a not in panel:
                continue
            for b in eligible[entry]:
                if b in came or b in panel:
                    continue
                came[b] = (a, entry)
                if is_target(b):
                    moves, node = [], b
                    while came[node] is not None:
                        source, via = came[node]  # type: ignore[misc]
                        moves.append((via, source, node))
                        node = source
                    return moves[::-1]
                queue.append(b)
    return None


def _spread(panels: dict[str, list[str]], eligible: Mapping[str, list[str]], pairs: Counter, rng: random.Random, rounds: int) -> None:
    """Swap jurors between two entries (loads unchanged) whenever it lowers Σ n(a,b)²."""
    entries = list(panels)
    if len(entries) < 2:
        return
    allowed = {e: set(js) for e, js in eligible.items()}

    for _ in range(rounds):
        e, f = rng.sample(entries, 2)
        a, b = rng.choice(panels[e]), rng.choice(panels[f])
        if a == b or b in panels[e] or a in panels[f] or b not in allowed[e] or a not in allowed[f]:
            continue
        before = _pairs_cost(panels[e], pairs) + _pairs_cost(panels[f], pairs)
        _move(panels, pairs, e, a, b)
        _move(panels, pairs, f, b, a)
        if _pairs_cost(panels[e], pairs) + _pairs_cost(panels[f], pairs) >= before:
            _move(panels, pairs, f, a, b)  # undo
            _move(panels, pairs, e, b, a)


def _pairs_cost(panel: Sequence[str], pairs: Counter) -> int:
    return sum(pairs[_pair(a, b)] ** 2 for a, b in combinations(panel, 2))


@dataclass
class Spread:
    """How an assignment meets the load and spread rules."""

    load: dict[str, int]
    partners: dict[str, int]
    """Juror -> how many other jurors share at least one entry with them."""
    shared: dict[tuple[str, str], int] = field(default_factory=dict)
    """(a, b) -> n(a,b), the entries a and b share (every pair of jurors, 0 included)."""


def spread_of(panels: Mapping[str, Sequence[str]], jurors: Sequence[str]) -> Spread:
    """The loads, partners and shared entries of an assignment."""
    load = Counter({j: 0 for j in jurors})
    shared = Counter({_pair(a, b): 0 for a, b in combinations(jurors, 2)})
    for panel in panels.values():
        load.update(panel)
        for a, b in combinations(panel, 2):
            shared[_pair(a, b)] += 1
    partners = {j: sum(1 for (a, b), n in shared.items() if n and j in (a, b)) for j in jurors}
    return Spread(dict(load), partners, dict(shared))


def spread_wanted(jurors: int, load: int, per_entry: int) -> int:
    """The partners a juror with *load* entries should have: min(J − 1, L·(k − 1), SEVERAL)."""
    return min(jurors - 1, load * (per_entry - 1), SEVERAL)


def warnings_of(panels: Mapping[str, Sequence[str]], jurors: Sequence[str], per_entry: int) -> list[tuple[str, dict[str, Any]]]:
    """What an assignment does against the load, count and spread rules, as message keys and values."""
    found: list[tuple[str, dict[str, Any]]] = []
    for entry, panel in panels.items():
        if len(panel) != per_entry:
            found.append(("stages.missing_entry", {"group": entry, "count": len(panel), "per_entry": per_entry}))
    spread = spread_of(panels, jurors)
    if spread.load:
        most = max(spread.load, key=lambda j: (spread.load[j], -jurors.index(j)))
        fewest = min(spread.load, key=lambda j: (spread.load[j], jurors.index(j)))
        if spread.load[most] - spread.load[fewest] > 1:
            found.append(("stages.load_uneven", {"juror": most, "load": spread.load[most], "other": fewest, "fewest": spread.load[fewest]}))
    for juror in jurors:
        if spread.partners[juror] < spread_wanted(len(jurors), spread.load[juror], per_entry):
            found.append(("stages.few_partners", {"juror": juror, "partners": spread.partners[juror], "possible": len(jurors) - 1}))
    return found


def check_assignment(
    text: str,
    path: str,
    entries: Sequence[str],
    jurors: Sequence[str],
    per_entry: int,
    conflicts: Mapping[str, Collection[str]],
    stage: str,
) -> tuple[Panels | None, list[Problem], list[tuple[str, dict[str, Any]]]]:
    """An organiser's CSV checked: (the panels or None, what refuses it, what is only warned)."""
    try:
        panels = read_panels(text, path, entries, jurors, conflicts, stage)
    except GelarError as error:
        return None, error.problems or [Problem("", error.key, error.params)], []
    return panels, [], warnings_of(panels, jurors, per_entry)


def read_panels(
    text: str,
    path: str,
    entries: Sequence[str],
    jurors: Sequence[str],
    conflicts: Mapping[str, Collection[str]],
    stage: str,
) -> Panels:
    """An organiser's assignment from CSV text (columns ``group,juror`` in either order, separated by ',' or ';',
    one line per juror and entry).

    Unknown groups or jurors, a juror given the same entry twice, and conflicts are refused
    (GelarError listing each with its line); the panels are returned in the stage's juror order.
    """
    text = text.lstrip("\ufeff")
    first = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = ";" if first.count(";") > first.count(",") else ","  # as score sheets: Indonesian spreadsheets write ';'
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows = [(reader.line_num, row) for row in reader if any(cell.strip() for cell in row)]
    header = [cell.strip().lower() for cell in rows[0][1]] if rows else []
    if sorted(header) != ["group", "juror"]:
        raise GelarError("stages.csv_header", path=path, found=_shown(delimiter.join(rows[0][1])) if rows else "")
    group_at, juror_at = header.index("group"), header.index("juror")
    known_entries, known_jurors = set(entries), set(jurors)
    found: dict[str, list[str]] = {}
    problems: list[Problem] = []
    for line, row in rows[1:]:
        if len(row) != 2:
            problems.append(Problem("", "stages.csv_bad_line", {"path": path, "line": line}))
            continue
        group, juror = unguarded(row[group_at].strip()), unguarded(row[juror_at].strip())
        if group not in known_entries:
            problems.append(Problem("", "stages.csv_unknown_group", {"path": path, "line": line, "group": _shown(group)}))
        elif juror not in known_jurors:
            problems.append(Problem("", "stages.csv_unknown_juror", {"path": path, "line": line, "juror": _shown(juror), "stage": stage, "known": ", ".join(jurors)}))
        elif group in conflicts.get(juror, ()):
            problems.append(Problem("", "stages.csv_conflict", {"path": path, "line": line, "juror": juror, "group": group}))
        elif juror in found.get(group, []):
            problems.append(Problem("", "stages.csv_twice", {"path": path, "line": line, "juror": juror, "group": group}))
        else:
            found.setdefault(group, []).append(juror)
    if problems:
        raise GelarError("stages.csv_refused", problems, path=path)
    position = {j: i for i, j in enumerate(jurors)}
    return {e: tuple(sorted(found.get(e, []), key=position.__getitem__)) for e in entries}


def _shown(text: str) -> str:
    """A cell from the file as a message may show it: control and bidi characters escaped, at most 60 characters."""
    text = safe_text(text, keep="")
    return text if len(text) <= 60 else text[:57] + "..."

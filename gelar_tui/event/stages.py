"""The stages of an event: what each stage is made of, and the rules `gelar check` applies to `[[stages]]`.

An event without `[[stages]]` is one presentation stage (id ``"presentation"``) on the
event's criteria, method and jurors: exactly the day as it was before stages.

Decided here: an event has at most one presentation stage. The clock, the rundown and
the journal's slot records know one running order and name no stage, so two presentation
stages could not be told apart; a second round on stage is written as a review stage
(scored without the clock), or as a separate event.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .model import Criterion, Event, Stage

DEFAULT_STAGE_ID = "presentation"

Rule = tuple[tuple[str | int, ...], str, dict[str, Any]]


def stages_of(event: Event) -> tuple[Stage, ...]:
    """The event's stages in order; without `[[stages]]`, the one presentation stage of a day as before."""
    if event.stages:
        return event.stages
    return (Stage(id=DEFAULT_STAGE_ID, name=event.event.title, kind="presentation"),)


def presentation_criteria_first(data: dict[str, Any]) -> dict[str, Any]:
    """Checked event data (JSON form) where the presentation stage's own criteria are the event's ``criteria``.

    The day (its stations, the ranking, the forms) scores the presentation stage on the event's
    ``criteria``; so when that stage has criteria of its own, they take the place of the top-level
    ones, and every stage that had none gets the former top-level criteria written out. Data
    without stages, or whose presentation stage has no criteria, comes back as it was (the same
    object); applying it twice changes nothing more.
    """
    stages = data.get("stages") or []
    found = next((s for s in stages if s.get("kind") == "presentation"), None)
    if found is None or not found.get("criteria") or found["criteria"] == data.get("criteria"):
        return data
    former = data.get("criteria") or []
    stages = [s if s.get("criteria") else {**s, "criteria": former} for s in stages]
    return {**data, "criteria": found["criteria"], "stages": stages}


def stage(event: Event, stage_id: str) -> Stage:
    """The stage with this id (KeyError when there is none)."""
    for found in stages_of(event):
        if found.id == stage_id:
            return found
    raise KeyError(stage_id)


def criteria_of(event: Event, stage: Stage) -> tuple[Criterion, ...]:
    """The criteria a stage is scored on: its own, else the event's."""
    return stage.criteria or event.criteria


def jurors_of(event: Event, stage: Stage) -> tuple[str, ...]:
    """The juror ids of a stage: its own list, else every juror of the event."""
    return stage.jurors or tuple(event.juror_ids)


def method_of(event: Event, stage: Stage) -> tuple[str, int]:
    """The stage's method and trim: its own, else `[scoring]`'s."""
    return (stage.method or event.scoring.method, event.scoring.trim if stage.trim is None else stage.trim)


def conflicts_of(event: Event, jurors: tuple[str, ...] | list[str] | None = None) -> dict[str, frozenset[str]]:
    """Juror -> the group ids they must not score: their `conflicts` (group ids, or every group of an
    agency named there) and their `[[recusals]]`."""
    wanted = set(event.juror_ids if jurors is None else jurors)
    out: dict[str, set[str]] = {j: set() for j in wanted}
    for juror in event.jurors:
        if juror.id not in wanted or not juror.conflicts:
            continue
        names = set(juror.conflicts)
        out[juror.id].update(g.id for g in event.groups if g.id in names or g.agency in names)
    for recusal in event.recusals:
        if recusal.juror in out:
            out[recusal.juror].add(recusal.group)
    return {j: frozenset(groups) for j, groups in out.items()}


def weights_of(event: Event) -> dict[str, Any]:
    """`[scoring] combine` as stage id -> weight (Decimal); empty when the last stage alone ranks."""
    return dict(event.scoring.combine)


def _fits_pattern(documents: str) -> bool:
    """A folder, or a pattern whose only placeholder is {group}."""
    import string

    try:
        fields = [name for _, name, spec, conversion in string.Formatter().parse(documents) if name is not None]
    except ValueError:
        return False
    return all(name == "group" for name in fields)


def document_of(stage: Stage, group: str) -> str | None:
    """Where an entry's proposal is: the pattern with {group} filled in, or the folder; None without documents."""
    if stage.documents is None:
        return None
    return stage.documents.replace("{group}", group) if "{group}" in stage.documents else stage.documents


def stage_rules(event: Event) -> Iterator[Rule]:
    """The rules that tie `[[stages]]`, juror `conflicts` and `[scoring] combine` together."""
    jurors = set(event.juror_ids)
    groups, agencies = set(event.group_ids), {g.agency for g in event.groups}
    for index, juror in enumerate(event.jurors):
        for position, name in enumerate(juror.conflicts):
            if name not in groups and name not in agencies:
                yield ("jurors", index, "conflicts", position), "check.stages.unknown_conflict", {"name": name}
    seen: dict[str, int] = {}
    presentation: int | None = None
    for index, item in enumerate(event.stages):
        where = ("stages", index)
        if item.id in seen:
            yield (*where, "id"), "check.duplicate_id", {"id": item.id, "other": f"stages[{seen[item.id]}]"}
        else:
            seen[item.id] = index
        if item.kind == "presentation":
            if presentation is not None:
                yield (*where, "kind"), "check.stages.two_presentations", {"other": f"stages[{presentation}]"}
            else:
                presentation = index
        ids = [c.id for c in item.criteria]
        for position, criterion in enumerate(ids):
            if criterion in ids[:position]:
                yield (*where, "criteria", position, "id"), "check.duplicate_id", {"id": criterion, "other": f"stages[{index}].criteria[{ids.index(criterion)}]"}
        for position, juror in enumerate(item.jurors):
            if juror not in jurors:
                yield (*where, "jurors", position), "action.unknown_juror", {"juror": juror, "known": ", ".join(event.juror_ids)}
            elif juror in item.jurors[:position]:
                yield (*where, "jurors", position), "check.stages.juror_twice", {"juror": juror}
        method, trim = method_of(event, item)
        if method == "rank" and item.normalise == "zscore":
            yield (*where, "normalise"), "check.stages.rank_zscore", {}
        panel = len(set(jurors_of(event, item)))
        if item.per_entry is not None:
            if item.kind != "review":
                yield (*where, "per_entry"), "check.stages.per_entry_on_stage", {}
            elif item.per_entry > panel:
                yield (*where, "per_entry"), "check.stages.per_entry_too_many", {"per_entry": item.per_entry, "jurors": panel}
        if item.documents is not None and item.kind != "review":
            yield (*where, "documents"), "check.stages.documents_on_stage", {}
        elif item.documents is not None and not _fits_pattern(item.documents):
            yield (*where, "documents"), "check.stages.documents_pattern", {"value": item.documents, "placeholder": "{group}", "example": '"proposals/{group}.pdf"'}
        if method == "trimmed" and min(panel, item.per_entry or panel) < 2 * trim + 1:
            yield (*where, "method"), "check.stages.too_few_for_trim", {"trim": trim, "needed": 2 * trim + 1, "jurors": min(panel, item.per_entry or panel)}
        if item.advance is not None and index == len(event.stages) - 1:
            yield (*where, "advance"), "check.stages.advance_on_last", {}
    yield from _advance_rules(event)
    known = [s.id for s in (event.stages or ())] or [DEFAULT_STAGE_ID]
    for name, weight in event.scoring.combine:
        if name not in known:
            yield ("scoring", "combine", name), "check.stages.combine_unknown", {"stage": name, "known": ", ".join(known)}
        elif method_of(event, stage(event, name))[0] == "rank":
            yield ("scoring", "combine", name), "check.stages.combine_rank", {"stage": name}
        if weight <= 0:
            yield ("scoring", "combine", name), "check.stages.combine_weight", {"stage": name, "weight": weight}


def _advance_rules(event: Event) -> Iterator[Rule]:
    """`advance` above a stage's entries (each category's, with categories): a cut that cuts nothing."""
    entries: dict[str | None, int] = {}
    for group in event.groups:
        key = group.category if event.categories else None
        entries[key] = entries.get(key, 0) + 1
    for index, item in enumerate(event.stages):
        if item.advance is None:
            continue
        for category, count in entries.items():
            if item.advance > count:
                params = {"advance": item.advance, "entries": count, "category": category or ""}
                yield ("stages", index, "advance"), "provfix.check.advance_above_entries" + ("_in_category" if category else ""), params
                break
        entries = {category: min(count, item.advance) for category, count in entries.items()}

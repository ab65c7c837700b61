"""Stages in the day: whose sheets a stage has, a review stage's panels, the cut that closes a stage, the running order.

Plain decisions of the event and the day's state (see :mod:`gelar_tui.day.decide`). The
scores of the one presentation stage are the day's ``sheets``, as on a day without stages;
a review stage's scores carry ``stage`` and are kept in ``stage_sheets``. The day knows no
ranking (that is :mod:`gelar_tui.scoring`'s): closing a stage takes the stage's result as
a function of the state, handed in by the caller, so that the cut is decided on the state
the records are written after. The running order the finalists make is ``DayState.stage_order``.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from typing import Any

from ..errors import GelarError
from ..event.model import Event, Stage
from ..event.stages import criteria_of, jurors_of, stages_of
from .decide import Records, check_ids
from .state import DayState, Kind, Sheet
from .withdrawal import REASON_LIMIT

SHOWN_MISSING = 8
"""The sheets a refusal names one by one (then "and N more")."""


def find_stage(event: Event, stage_id: str | None) -> Stage:
    """The stage with this id (None: the presentation stage); refused, with the stages, when there is none."""
    stages = stages_of(event)
    if stage_id is None:
        found = next((s for s in stages if s.kind == "presentation"), None)
        if found is not None:
            return found
    else:
        for found in stages:
            if found.id == stage_id:
                return found
    from ..terminal import safe_text

    shown = safe_text(str(stage_id), keep="")
    raise GelarError("stageday.unknown_stage", stage=shown if len(shown) <= 60 else shown[:57] + "...", known=", ".join(s.id for s in stages))


def stage_event(event: Event, stage: Stage) -> Event:
    """*event* as a stage's forms and sheets see it: with the stage's criteria (the same identity)."""
    import dataclasses

    criteria = criteria_of(event, stage)
    return event if criteria == event.criteria else dataclasses.replace(event, criteria=criteria)


def juror_entries(event: Event, state: DayState, stage: Stage, juror: str) -> list[str]:
    """The entries *juror* scores in *stage*, in the stage's order: those of their panels (withdrawn ones left out)."""
    return [
        g for g in entries_or_refusal(event, state, stage)
        if state.slots[g].withdrawn is None and juror in (panel_of(event, state, stage, g) or ())
    ]


def station_stages(event: Event, state: DayState, juror: str) -> list[Stage]:
    """The stages *juror*'s station offers now, in the event's order: each open review stage with entries on
    the juror's panels, then the presentation stage once its entries are known and the juror is one of its jurors.
    An event without stages: the one presentation stage, as before."""
    offered = []
    for found in stages_of(event):
        if found.kind == "presentation":
            if stage_entries(event, state, found.id) is not None and juror in jurors_of(event, found):
                offered.append(found)
        elif found.id not in state.closed and stage_entries(event, state, found.id) is not None and juror in jurors_of(event, found):
            if juror_entries(event, state, found, juror):
                offered.append(found)
    return offered


def sheet_stage(event: Event, state: DayState, juror: str | None, stage_id: str | None = None) -> Stage | None:
    """The review stage a jury sheet shows (None: the presentation stage, the day's own sheets).

    *stage_id* names it; without one, a station opens on the first stage it offers (an open review stage
    before the presentation stage: a desk review comes first). A review stage the juror has no entry in is
    never shown: its sheet would be empty."""
    if stage_id is None:
        if juror is None:
            return None
        offered = station_stages(event, state, juror)
        stage_id = offered[0].id if offered else None
    if stage_id is None or not is_staged(state, stage_id):
        return None
    found = find_stage(event, stage_id)
    return found if juror is not None and juror_entries(event, state, found, juror) else None


def is_staged(state: DayState, stage_id: str | None) -> bool:
    """Whether the scores of *stage_id* carry ``stage`` (every stage but the presentation stage)."""
    return stage_id is not None and stage_id != state.presentation_stage


def sheets_of(state: DayState, stage_id: str | None) -> dict[tuple[str, str], Sheet]:
    """The sheets of a stage, (group, juror) -> criterion -> hundredths."""
    return state.stage_sheets.get(stage_id, {}) if is_staged(state, stage_id) else state.sheets  # type: ignore[arg-type]


def locked_of(state: DayState, stage_id: str | None) -> set[tuple[str, str]]:
    """The locked sheets of a stage."""
    return state.stage_locked.get(stage_id, set()) if is_staged(state, stage_id) else state.locked  # type: ignore[arg-type]


def stage_entries(event: Event, state: DayState, stage_id: str) -> list[str] | None:
    """The entries of a stage, in the running order they reach it: the finalists of the nearest earlier stage
    with ``advance``, as its ``stage_closed`` record gives them, else every group; None while that stage is open."""
    stages = stages_of(event)
    index = next(i for i, s in enumerate(stages) if s.id == stage_id)
    for earlier in reversed(stages[:index]):
        if earlier.advance is None:
            continue
        closed = state.closed.get(earlier.id)
        return None if closed is None else list(closed["finalists"])
    return list(event.group_ids)


def panel_of(event: Event, state: DayState, stage: Stage, group: str) -> tuple[str, ...] | None:
    """The jurors who score *group* in *stage*: its panel once set; every juror of the stage free of a conflict
    when the stage has no ``per_entry``; None while a stage with ``per_entry`` has no panels."""
    if stage.per_entry is not None:
        panels = state.panels.get(stage.id)
        return None if panels is None else panels.get(group, ())
    # the rule of event.stages.conflicts_of, for one group (a check of each score must stay cheap)
    agency = event.group(group).agency
    kept_off = {r.juror for r in event.recusals if r.group == group}
    kept_off.update(j.id for j in event.jurors if j.conflicts and (group in j.conflicts or agency in j.conflicts))
    return tuple(j for j in jurors_of(event, stage) if j not in kept_off)


def check_sheet(event: Event, state: DayState, stage_id: str | None, group: str, juror: str, criterion: str | None = None) -> Stage:
    """Refuse a score of *juror* for *group* in a stage that may not have it; the stage when it may.

    Checked: the stage exists and is open; the group is one of its entries; the juror is one of its
    jurors and, with panels, on that entry's panel; the criterion is one of the stage's.
    """
    stage = find_stage(event, stage_id)
    if event.stages:  # an event without them is the day as before
        if stage.id in state.closed:
            raise GelarError("stageday.stage_closed", stage=stage.name)
        entries = entries_or_refusal(event, state, stage)
        check_ids(event, state, group, juror)
        if group not in entries:
            raise GelarError("stageday.not_an_entry", group=event.group(group).name, stage=stage.name)
        if juror not in jurors_of(event, stage):
            raise GelarError(
                "stageday.not_a_stage_juror", juror=event.juror_name(juror), stage=stage.name, known=", ".join(jurors_of(event, stage))
            )
        panel = panel_of(event, state, stage, group)
        if panel is None:
            raise GelarError("stageday.no_panels", stage=stage.name, stage_id=stage.id)
        if juror not in panel:
            raise GelarError(
                "stageday.not_on_panel",
                juror=event.juror_name(juror),
                group=event.group(group).name,
                stage=stage.name,
                panel=", ".join(event.juror_name(j) for j in panel) or "-",
            )
    if criterion is not None:
        known = [c.id for c in criteria_of(event, stage)]
        if criterion not in known and is_staged(state, stage.id):
            raise GelarError("action.unknown_criterion", criterion=criterion, known=", ".join(known))
    return stage


def entries_or_refusal(event: Event, state: DayState, stage: Stage) -> list[str]:
    """The entries of *stage* (see stage_entries); refused, naming the stage to close first, while not known."""
    entries = stage_entries(event, state, stage.id)
    if entries is None:
        before = _cut_before(event, stage)
        raise GelarError("stageday.cut_not_made", stage=stage.name, before=before.name, before_id=before.id)
    return entries


def _cut_before(event: Event, stage: Stage) -> Stage:
    stages = stages_of(event)
    index = stages.index(stage)
    return next(s for s in reversed(stages[:index]) if s.advance is not None)


# -- panels ------------------------------------------------------------------------


def set_panels(event: Event, state: DayState, stage_id: str, panels: Mapping[str, Sequence[str]], source: str, seed: int | None = None) -> Records:
    """Journal a review stage's panels: refused on a stage without ``per_entry``, once a score of the stage
    came in (the panels are what the scores are checked against), or once the stage is closed."""
    stage = find_stage(event, stage_id)
    if stage.kind != "review" or stage.per_entry is None:
        raise GelarError("stageday.no_panels_here", stage=stage.name)
    if stage.id in state.closed:
        raise GelarError("stageday.stage_closed", stage=stage.name)
    scored = sum(1 for sheet in state.stage_sheets.get(stage.id, {}).values() if sheet)
    if scored:
        raise GelarError("stageday.panels_fixed", stage=stage.name, sheets=scored)
    data: dict[str, Any] = {"stage": stage.id, "panels": {g: list(js) for g, js in panels.items()}, "source": source}
    if seed is not None:
        data["seed"] = seed
    return [(Kind.PANELS_SET, data)]


# -- the cut -------------------------------------------------------------------------


def missing_sheets(event: Event, state: DayState, stage: Stage) -> list[tuple[str, str]]:
    """The (group, juror) sheets a stage still waits for: every entry not withdrawn, each juror who scores it
    (not recused), whose sheet lacks a criterion of the stage."""
    entries = stage_entries(event, state, stage.id) or []
    criteria = [c.id for c in criteria_of(event, stage)]
    sheets = sheets_of(state, stage.id)
    missing = []
    for group in entries:
        if state.slots[group].withdrawn is not None:
            continue
        for juror in panel_of(event, state, stage, group) or ():
            if (group, juror) in state.recused:
                continue
            sheet = sheets.get((group, juror), {})
            if any(c not in sheet for c in criteria):
                missing.append((group, juror))
    return missing


def expected_sheets(event: Event, state: DayState, stage: Stage) -> int:
    """How many sheets a stage expects (its entries not withdrawn, each juror who scores them, recusals left out)."""
    entries = stage_entries(event, state, stage.id) or []
    return sum(
        1
        for group in entries
        if state.slots[group].withdrawn is None
        for juror in panel_of(event, state, stage, group) or ()
        if (group, juror) not in state.recused
    )


def close_stage(
    event: Event,
    state: DayState,
    stage_id: str,
    result_of: Callable[[DayState], Any],
    chosen: Collection[str] = (),
    reason: str = "",
    let_through: bool = False,
) -> Records:
    """Close a stage and record who goes on: refused while a sheet is missing, or while a tie at the cut is
    undecided. *result_of* gives the stage's result (a :class:`~gelar_tui.scoring.stages.StageResult`) on a
    state; *chosen* (with a *reason*) settles ties by choosing who goes on, *let_through* lets every tied entry on.

    When the next stage is the presentation stage, its running order becomes the finalists in their ranking
    order, and the first of them is called when the group called is not one."""
    stage = find_stage(event, stage_id)
    if stage.advance is None:
        raise GelarError("stageday.no_cut", stage=stage.name)
    if stage.id in state.closed:
        names = ", ".join(event.group(g).name for g in state.closed[stage.id]["finalists"])
        raise GelarError("stageday.already_closed", stage=stage.name, finalists=names)
    entries_or_refusal(event, state, stage)
    if stage.per_entry is not None and stage.id not in state.panels:
        raise GelarError("stageday.no_panels", stage=stage.name, stage_id=stage.id)
    missing = missing_sheets(event, state, stage)
    if missing:
        shown = [f"{event.group(g).name} ({event.juror_name(j)})" for g, j in missing[:SHOWN_MISSING]]
        more = len(missing) - len(shown)
        whose = ", ".join(shown) + (f", … (+{more})" if more else "")
        raise GelarError("stageday.sheets_missing", stage=stage.name, count=len(missing), whose=whose)
    text = " ".join("".join(c if c.isprintable() else " " for c in reason).split())[:REASON_LIMIT]
    chosen = list(dict.fromkeys(chosen))
    if chosen and let_through:
        raise GelarError("stageday.decide_or_let_through")
    result = result_of(state)
    ranking = [p.group for p in result.ranking]
    finalists = set(result.finalists or ())
    decisions = []
    if not result.ties and (chosen or let_through):
        raise GelarError("stageday.no_tie", stage=stage.name)
    unknown = [g for g in chosen if not any(g in tie.groups for tie in result.ties)]
    if unknown:
        tied = "; ".join(", ".join(event.group(g).name if g in state.slots else g for g in tie.groups) for tie in result.ties)
        from ..terminal import safe_text

        raise GelarError("stageday.not_tied", groups=", ".join(safe_text(g, keep="")[:60] for g in unknown), tied=tied)
    for tie in result.ties:
        names = ", ".join(event.group(g).name for g in tie.groups)
        if let_through:
            picked = list(tie.groups)
        else:
            picked = [g for g in tie.groups if g in chosen]
            if not picked:
                raise GelarError(
                    "stageday.tie_undecided", stage=stage.name, groups=names, ids=" ".join(tie.groups), rank=tie.rank, seats=tie.seats, stage_id=stage.id
                )
            if len(picked) != tie.seats:
                raise GelarError("stageday.wrong_count", groups=names, seats=tie.seats, chosen=len(picked))
        if not text:
            raise GelarError("stageday.reason_needed")
        decisions.append({"tied": list(tie.groups), "chosen": picked, "reason": text})
        finalists.update(picked)
    going = [g for g in ranking if g in finalists]
    data: dict[str, Any] = {"stage": stage.id, "finalists": going}
    if decisions:
        data["decisions"] = decisions
    out: Records = [(Kind.STAGE_CLOSED, data)]
    stages = stages_of(event)
    following = stages[stages.index(stage) + 1]
    if following.kind == "presentation":
        out.append((Kind.ORDER_CHANGED, {"order": going + [g for g in state.order if g not in finalists]}))
        current = state.current
        if going and (current is None or current not in finalists) and not any(state.slots[g].started for g in state.order):
            out.append((Kind.CURRENT_CHANGED, {"group": going[0]}))
    return out

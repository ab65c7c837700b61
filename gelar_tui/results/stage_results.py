"""The results of an event with stages: each stage's ranking and cut, then the final, as data and as text.

An event without ``[[stages]]`` never comes here: its results are exactly those of a one-stage day.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from ..event.model import Event
from ..event.stages import criteria_of, stages_of
from ..i18n import Messages, rounded
from ..printable import printable
from ..scoring.stages import StageResult, day_stage_results, final_data, final_ranking, stages_data
from ..terminal import columns

if TYPE_CHECKING:
    from ..day.facade import Day

DATA_PLACES = 4


def _shown(value: Any) -> float:
    return float(rounded(value, DATA_PLACES))


def stage_results(day: Day) -> dict[str, StageResult]:
    """Each stage's result as the day holds it (see :func:`~gelar_tui.scoring.stages.day_stage_results`)."""
    return day_stage_results(day.event, day.state, day.overtimes())


def staged_data(day: Day, data: dict[str, Any], results: Mapping[str, StageResult] | None = None) -> dict[str, Any]:
    """The JSON results of an event with stages: ``ranking`` the final ranking (each line with the group's name and
    agency), and ``stages``: {id: {ranking: [{rank, group, score}], finalists: [...]}}. The rest of *data* stays."""
    results = stage_results(day) if results is None else results
    if not results:
        return data
    event = day.event
    lines = final_ranking(event, results, withdrawn=day.state.withdrawn())
    ranking = []
    for line in final_data(lines, _shown):
        group = event.group(line["group"])
        ranking.append({"rank": line["rank"], "group": line["group"], "name": group.name, "agency": group.agency, "score": line["score"],
                        "stage": line["stage"], "stage_rank": line["stage_rank"]})
    stages = stages_data(results, _shown)
    for stage_id, item in stages.items():
        closed = day.state.closed.get(stage_id)
        if closed is not None and closed.get("decisions"):
            item["decisions"] = closed["decisions"]
    return {**data, "ranking": ranking, "stages": stages}


def stages_text(day: Day, t: Messages, results: Mapping[str, StageResult] | None = None) -> str:
    """Each stage's table (place, entry, score), its cut and who went on, then the final ranking."""
    results = stage_results(day) if results is None else results
    event = day.event
    out: list[str] = []
    for stage in stages_of(event):
        result = results.get(stage.id)
        out += ["", f"{stage.name} ({stage.id})", "-" * len(stage.name)]
        if result is None:
            out.append("  " + t("stageday.entries_unknown"))
            continue
        out += stage_table(event, result, t)
        out += cut_lines(day, stage.id, result, t)
    if results:
        out += ["", t("stageday.final_title"), "-" * len(t("stageday.final_title"))]
        lines = final_ranking(event, results, withdrawn=day.state.withdrawn())
        rows = [[t("results.rank"), t("results.group"), t("stageday.final_score"), t("stageday.reached")]]
        for line in lines:
            stage = next(s for s in stages_of(event) if s.id == line.stage)
            reached = f"{stage.name}: {line.stage_rank if line.stage_rank is not None else '-'}"
            rows.append(["-" if line.place is None else str(line.place), event.group(line.group).name, t.number(line.final), reached])
        out += columns(rows)
        if event.scoring.combine:
            formula = " + ".join(f"{weight}·{name}" for name, weight in event.scoring.combine)
            total = sum(weight for _, weight in event.scoring.combine)
            out += ["", t("stageday.formula", formula=f"({formula}) / {total}")]
    return printable("\n".join(out) + "\n")


def stage_table(event: Event, result: StageResult, t: Messages) -> list[str]:
    rows = [[t("results.rank"), t("results.group"), t("results.score")]]
    places = 3 if result.lower_is_better else 2
    for placed in result.ranking:
        rows.append(["-" if placed.rank is None else str(placed.rank), event.group(placed.group).name, t.number(placed.score, places)])
    return columns(rows)


def cut_lines(day: Day, stage_id: str, result: StageResult, t: Messages) -> list[str]:
    """The cut of a stage: open ties, who went on (closed) or would go on, and the organiser's decisions."""
    from ..scoring.stages import tie_note

    event = day.event
    stage = next(s for s in stages_of(event) if s.id == stage_id)
    if stage.advance is None:
        return []
    names = ", ".join(event.group(g).name for g in result.finalists or ())
    closed = day.state.closed.get(stage_id)
    lines = [""]
    if closed is not None:
        lines.append("  " + t(cut_key(event, True), advance=stage.advance, finalists=names or "-"))
        for decision in closed.get("decisions", ()):
            tied = ", ".join(event.group(g).name for g in decision["tied"] if g in day.state.slots)
            chosen = ", ".join(event.group(g).name for g in decision["chosen"] if g in day.state.slots)
            lines.append("  " + t("stageday.decision_line", tied=tied, chosen=chosen, reason=decision["reason"]))
        return lines
    lines.append("  " + t(cut_key(event, False), advance=stage.advance, finalists=names or "-"))
    for tie in result.ties:
        key, values = tie_note(event, stage, tie)
        lines.append("  " + t(key, **values))
    return lines


def cut_key(event: Event, closed: bool) -> str:
    """The message of who went on (*closed*) or would go on: "the best N", or "the best N of each category"."""
    if event.categories:
        return "stageday.went_on_per_category" if closed else "stageday.would_go_on_per_category"
    return "stageday.went_on" if closed else "stageday.would_go_on"


def analysis_lines(day: Day, stage_id: str, result: StageResult, t: Messages) -> list[str]:
    """What normalising did to a stage with z-scores: M and S, Kendall's tau between the plain and the normalised
    order, the entries that cross the cut either way, and the jurors flagged or far from the others."""
    from ..scoring.stages import stage_analysis

    found = stage_analysis(day.event, result)
    if found is None or result.normalised is None:
        return []
    event = day.event
    names = lambda groups: ", ".join(event.group(g).name for g in groups) or "-"  # noqa: E731
    lines = ["", "  " + t("stageday.normalised", mean=t.number(result.normalised.mean), sd=t.number(result.normalised.sd),
                           tau="-" if found.tau is None else t.number(found.tau, 3))]
    if found.went_on or found.kept_out:
        lines.append("  " + t("stageday.crossed", went_on=names(found.went_on), kept_out=names(found.kept_out)))
    for juror, mean, others in found.far:
        lines.append("  " + t("stageday.far_juror", juror=event.juror_name(juror), mean=t.number(mean), others=t.number(others)))
    if found.flagged:
        lines.append("  " + t("stageday.flagged", jurors=", ".join(event.juror_name(j) for j in found.flagged)))
    return lines


def criteria_names(event: Event, stage_id: str) -> str:
    stage = next(s for s in stages_of(event) if s.id == stage_id)
    return ", ".join(c.name for c in criteria_of(event, stage))

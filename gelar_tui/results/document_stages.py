"""The berita acara of an event with stages: each stage (its panels, its ranking, the cut and who went on), then the final.

It takes the place of the one-stage ranking in :mod:`gelar_tui.results.document`; an event without
``[[stages]]`` never comes here.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import TYPE_CHECKING

from ..event.model import Stage
from ..event.stages import criteria_of, jurors_of, method_of, stages_of
from ..i18n import Messages
from ..scoring.awards import award_for
from ..scoring.stages import StageResult, final_ranking
from .stage_results import cut_key, stage_results

if TYPE_CHECKING:
    from ..day.facade import Day

Table = tuple[list[str], list[list[str]], set[int]]


def _stage_table(day: Day, stage: Stage, result: StageResult, t: Messages) -> Table:
    event = day.event
    panels = day.state.panels.get(stage.id)
    going = set(day.state.closed.get(stage.id, {}).get("finalists", ()))
    headers = [t("results.rank"), t("results.group"), t("results.agency"), t("results.score")]
    if panels is not None:
        headers.append(t("stageday.doc_panel"))
    if stage.advance is not None:
        headers.append(t("stageday.doc_went_on"))
    rows = []
    places = 3 if result.lower_is_better else 2
    for placed in result.ranking:
        group = event.group(placed.group)
        row = ["-" if placed.rank is None else str(placed.rank), group.name, group.agency, t.number(placed.score, places)]
        if panels is not None:
            row.append(", ".join(event.juror_name(j) for j in panels.get(placed.group, ())))
        if stage.advance is not None:
            row.append("✓" if placed.group in going else "")
        rows.append(row)
    return headers, rows, {0, 3}


def _stage_lines(day: Day, stage: Stage, result: StageResult, t: Messages) -> list[str]:
    """What a stage is: kind, criteria, method and normalisation (with the formula), panels, the cut and its decisions."""
    event = day.event
    method, trim = method_of(event, stage)
    lines = [
        t("stageday.doc_kind", kind=t("stageday.kind_presentation") if stage.kind == "presentation" else t("stageday.kind_review")),
        t("stageday.criteria", names=", ".join(f"{c.name} ({c.weight})" for c in criteria_of(event, stage))),
        t("results.method_line", method=t(f"method.{method}")),
    ]
    if stage.normalise == "zscore":
        lines.append(t("stageday.doc_zscore"))
    if stage.per_entry is not None:
        lines.append(t("stageday.doc_panels", per_entry=stage.per_entry, jurors=len(jurors_of(event, stage))))
    closed = day.state.closed.get(stage.id)
    if stage.advance is not None:
        names = ", ".join(event.group(g).name for g in (closed or {}).get("finalists", result.finalists or ()))
        lines.append(t(cut_key(event, closed is not None), advance=stage.advance, finalists=names or "-"))
        for decision in (closed or {}).get("decisions", ()):
            tied = ", ".join(event.group(g).name for g in decision["tied"] if g in day.state.slots)
            chosen = ", ".join(event.group(g).name for g in decision["chosen"] if g in day.state.slots)
            lines.append(t("stageday.decision_line", tied=tied, chosen=chosen, reason=decision["reason"]))
    return lines


def _final_table(day: Day, results: dict[str, StageResult], t: Messages) -> Table:
    event = day.event
    names = {s.id: s.name for s in stages_of(event)}
    headers = [t("results.rank"), t("results.group"), t("results.agency"), t("stageday.final_score"), t("stageday.reached"), t("document.award")]
    rows = []
    for line in final_ranking(event, results, withdrawn=day.state.withdrawn()):
        group = event.group(line.group)
        award = award_for(line.place, event)
        reached = f"{names[line.stage]}: {'-' if line.stage_rank is None else line.stage_rank}"
        rows.append(["-" if line.place is None else str(line.place), group.name, group.agency, t.number(line.final), reached, award.label(t) if award else ""])
    return headers, rows, {0, 3}


def _formula(day: Day, t: Messages) -> str:
    combine = day.event.scoring.combine
    if not combine:
        return t("stageday.doc_last_stage")
    formula = " + ".join(f"{weight}·{name}" for name, weight in combine)
    return t("stageday.formula", formula=f"({formula}) / {sum(w for _, w in combine)}")


def stages_markdown(day: Day, t: Messages, md_table: Callable[..., list[str]]) -> list[str]:
    results = stage_results(day)
    out: list[str] = []
    for stage in stages_of(day.event):
        out += [f"### {stage.name}", ""]
        result = results.get(stage.id)
        if result is None:
            out += [t("stageday.entries_unknown"), ""]
            continue
        out += [*(f"- {line}" for line in _stage_lines(day, stage, result, t)), ""]
        out += [*md_table(*_stage_table(day, stage, result, t)), ""]
    if results:
        out += [f"### {t('stageday.final_title')}", "", _formula(day, t), ""]
        out += [*md_table(*_final_table(day, results, t)), ""]
    return out


def stages_html(day: Day, t: Messages, html_table: Callable[..., str]) -> str:
    esc = html.escape
    results = stage_results(day)
    parts: list[str] = []
    for stage in stages_of(day.event):
        parts.append(f'<section class="stage"><h3>{esc(stage.name)}</h3>')
        result = results.get(stage.id)
        if result is None:
            parts.append(f"<p>{esc(t('stageday.entries_unknown'))}</p></section>")
            continue
        parts.append("<ul>" + "".join(f"<li>{esc(line)}</li>" for line in _stage_lines(day, stage, result, t)) + "</ul>")
        parts.append(html_table(*_stage_table(day, stage, result, t), "stage-ranking") + "</section>")
    if results:
        parts.append(f'<section class="results"><h3>{esc(t("stageday.final_title"))}</h3><p class="formula">{esc(_formula(day, t))}</p>')
        parts.append(html_table(*_final_table(day, results, t), "final-ranking") + "</section>")
    return "".join(parts)

"""A stage's ranking, the cut (who goes on), and the final score that weights the stages together.

Pure functions on what the day holds: a stage's scores as juror -> group -> criterion
values, the withdrawn groups, the organiser's journaled decisions on ties at the cut.

- A stage's result per entry: with ``normalise = "zscore"``, M + S·z(g) (see
  :mod:`gelar_tui.scoring.normalise`); otherwise the stage's method over the juror totals,
  exactly (``rank``: the mean rank of :mod:`gelar_tui.scoring.rules`, lower is better).
- The cut: the best ``advance`` entries go on (per category when a mapping group ->
  category is given). A tie across the cut is never decided here: it is reported, and
  the finalists are those above it until a :class:`CutDecision` about exactly those tied
  entries chooses who goes on (or lets them all through).
- The final score of a finalist: final = Σ w_s·score_s / Σ w_s over the stages of
  ``[scoring] combine``, an exact fraction; without ``combine``, the last stage's score.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from typing import Any

from ..day.state import DayState
from ..event.model import Event, Stage
from ..event.stages import criteria_of, jurors_of, method_of, stages_of
from .normalise import Normalised, juror_totals, normalise, raw_results

Score = Fraction | Decimal
Scores = Mapping[str, Mapping[str, Mapping[str, int]]]
"""Juror -> group -> criterion -> score in hundredths of a point (as the day keeps sheets)."""


@dataclass(frozen=True, slots=True)
class Placed:
    """One entry's line in a stage's ranking."""

    group: str
    rank: int | None
    """1 for the best, shared by equal scores (1, 2, 2, 4); None without a score."""
    score: Score | None


@dataclass(frozen=True, slots=True)
class CutTie:
    """Entries sharing the place across the cut: *seats* of them can go on, and the organiser decides."""

    category: str | None
    rank: int
    groups: tuple[str, ...]
    seats: int


def tie_note(event: Event, stage: Stage, tie: CutTie) -> tuple[str, dict[str, Any]]:
    """What to say about an undecided tie at a stage's cut: a message key and its values (names as plain text)."""
    names = ", ".join(event.group(g).name for g in tie.groups)
    return "stages.tie_at_cut", {"stage": stage.name, "groups": names, "rank": tie.rank, "seats": tie.seats}


@dataclass(frozen=True, slots=True)
class CutDecision:
    """The organiser's journaled choice about one tie at the cut: *chosen* go on (all of *tied*: let through)."""

    tied: tuple[str, ...]
    chosen: tuple[str, ...]
    reason: str


@dataclass(frozen=True, slots=True)
class StageResult:
    """A stage's ranking and, for a stage with ``advance``, its cut."""

    stage: str
    ranking: list[Placed]
    lower_is_better: bool = False
    finalists: tuple[str, ...] | None = None
    """The entries that go on, in ranking order; None for a stage without ``advance``."""
    ties: tuple[CutTie, ...] = ()
    """Ties across the cut no decision settles yet: the stage cannot be closed until they are."""
    normalised: Normalised | None = None
    raw: dict[str, Fraction] = field(default_factory=dict)
    """Each entry's result before normalising (the stage's method over the plain totals)."""

    @property
    def scores(self) -> dict[str, Score]:
        return {p.group: p.score for p in self.ranking if p.score is not None}

    @property
    def ranks(self) -> dict[str, int | None]:
        return {p.group: p.rank for p in self.ranking}


def from_sheets(sheets: Mapping[tuple[str, str], Mapping[str, int]]) -> dict[str, dict[str, Mapping[str, int]]]:
    """The day's sheets, (group, juror) -> criterion -> hundredths, as a stage's :data:`Scores`."""
    out: dict[str, dict[str, Mapping[str, int]]] = {}
    for (group, juror), sheet in sheets.items():
        out.setdefault(juror, {})[group] = sheet
    return out


def rank_scores(scores: Mapping[str, Score | None], order: Sequence[str] | None = None, lower_is_better: bool = False) -> list[Placed]:
    """Entries by score (equal scores share a rank; entries without one last, unranked), stable in *order*."""
    groups = list(order if order is not None else scores)
    sign = 1 if lower_is_better else -1
    ordered = sorted(groups, key=lambda g: (scores.get(g) is None, 0 if scores.get(g) is None else sign * scores[g]))  # type: ignore[operator]
    placed: list[Placed] = []
    for position, group in enumerate(ordered, start=1):
        score = scores.get(group)
        if score is None:
            placed.append(Placed(group, None, None))
        elif placed and placed[-1].score == score:
            placed.append(Placed(group, placed[-1].rank, score))
        else:
            placed.append(Placed(group, position, score))
    return placed


def cut(
    ranking: Sequence[Placed],
    advance: int,
    *,
    categories: Mapping[str, str] | None = None,
    decisions: Collection[CutDecision] = (),
) -> tuple[tuple[str, ...], tuple[CutTie, ...]]:
    """The finalists (in ranking order) and the ties at the cut that no decision settles.

    With *categories* (group -> category), the best *advance* of each category go on.
    A decision settles a tie when it names exactly the tied entries, chooses as many
    as there are seats (all of them: let through) and gives a reason; any other is ignored, so a decision
    taken on an earlier state of the scores never applies to a new tie.
    """
    by_category: dict[str | None, list[Placed]] = {}
    for placed in ranking:
        if placed.rank is not None:
            by_category.setdefault(categories.get(placed.group) if categories else None, []).append(placed)
    going: set[str] = set()
    open_ties: list[CutTie] = []
    for category, lines in by_category.items():
        if len(lines) <= advance:
            going.update(p.group for p in lines)
            continue
        # ranks within the category, shared by equal scores
        ranks, previous = [], None
        for position, placed in enumerate(lines, start=1):
            ranks.append(ranks[-1] if previous is not None and placed.score == previous else position)
            previous = placed.score
        last = ranks[advance - 1]
        tied = tuple(p.group for p, r in zip(lines, ranks) if r == last)
        above = [p.group for p, r in zip(lines, ranks) if r < last]
        going.update(above)
        if len(tied) + len(above) <= advance:
            going.update(tied)
            continue
        tie = CutTie(category, last, tied, advance - len(above))
        decision = next((d for d in decisions if sorted(d.tied) == sorted(tied) and _settles(d, tie)), None)
        if decision is None:
            open_ties.append(tie)
        else:
            going.update(decision.chosen)
    return tuple(p.group for p in ranking if p.group in going), tuple(open_ties)


def _settles(decision: CutDecision, tie: CutTie) -> bool:
    chosen = set(decision.chosen)
    return bool(decision.reason.strip()) and chosen <= set(tie.groups) and len(chosen) == len(decision.chosen) and len(chosen) in (tie.seats, len(tie.groups))


def stage_result(
    event: Event,
    stage: Stage,
    scores: Scores,
    *,
    entries: Sequence[str] | None = None,
    withdrawn: Collection[str] = (),
    penalty: Mapping[str, Fraction] | None = None,
    decisions: Collection[CutDecision] = (),
    categories: Mapping[str, str] | None = None,
    panels: Mapping[str, Collection[str]] | None = None,
) -> StageResult:
    """A stage's ranking and cut from its scores; *entries* are the stage's entries in running order
    (default: every group), the *withdrawn* are left out, *penalty* (points per group) is taken off
    every total of that group. With *panels* (group -> its jurors), a score from a juror off an
    entry's panel does not count."""
    order = [g for g in (entries if entries is not None else event.group_ids) if g not in set(withdrawn)]
    wanted = set(order)
    stage_jurors = set(jurors_of(event, stage))
    totals = {
        juror: {g: t for g, t in row.items() if g in wanted and (panels is None or juror in panels.get(g, ()))}
        for juror, row in juror_totals(criteria_of(event, stage), scores, penalty).items()
        if juror in stage_jurors
    }
    method, trim = method_of(event, stage)
    normalised = None
    if method == "rank":
        values: Mapping[str, Score] = _mean_ranks(totals, order)
        raw: dict[str, Fraction] = dict(values)  # type: ignore[arg-type]
    else:
        raw = raw_results(totals, method, trim)
        values = raw
        if stage.normalise == "zscore":
            normalised = normalise(totals, method, trim)
            values = normalised.scores
    ranking = rank_scores(values, order, lower_is_better=method == "rank")
    finalists, ties = (None, ())
    if stage.advance is not None:
        finalists, ties = cut(ranking, stage.advance, categories=categories, decisions=decisions)
    return StageResult(stage.id, ranking, method == "rank", finalists, ties, normalised, raw)


def _mean_ranks(totals: Mapping[str, Mapping[str, Fraction]], order: Sequence[str]) -> dict[str, Fraction]:
    """The rank method's mean ranks, by the rule of :mod:`gelar_tui.scoring.rules` (partial panels placed on the field)."""
    from .ordering import _mean_ranks as mean_ranks

    denominator = math.lcm(1, *(t.denominator for row in totals.values() for t in row.values()))
    units = {g: {j: (int(row[g] * denominator) if g in row else None) for j, row in totals.items()} for g in order}
    jurors = list(totals)
    spread = 2 * math.lcm(*range(1, len(jurors) + 1))
    scaled, multiple = mean_ranks(units, jurors, spread)
    return {g: Fraction(v, spread * multiple) for g, v in scaled.items() if v is not None}


def final_scores(event: Event, results: Mapping[str, StageResult], finalists: Collection[str]) -> dict[str, Fraction | None]:
    """Each finalist's final score: Σ w_s·score_s / Σ w_s over `[scoring] combine`, exactly (a Decimal score
    counts at its exact value); without ``combine``, the last stage's score. None while a score is missing."""
    weights = {s: Fraction(w) for s, w in event.scoring.combine} or {stages_of(event)[-1].id: Fraction(1)}
    total_weight = sum(weights.values())
    out: dict[str, Fraction | None] = {}
    for group in finalists:
        parts = [(w, results[s].scores.get(group) if s in results else None) for s, w in weights.items()]
        if any(score is None for _, score in parts):
            out[group] = None
        else:
            out[group] = sum((w * Fraction(score) for w, score in parts), Fraction(0)) / total_weight  # type: ignore[arg-type]
    return out


@dataclass(frozen=True, slots=True)
class FinalLine:
    """One entry of the final ranking: its place, and how far it got."""

    place: int | None
    group: str
    final: Fraction | None
    """The final score (finalists only)."""
    stage: str
    """The last stage the entry was in."""
    stage_rank: int | None
    """The rank it reached there."""


def final_ranking(event: Event, results: Mapping[str, StageResult], withdrawn: Collection[str] = ()) -> list[FinalLine]:
    """The finalists by final score (equal finals share a place), then the entries that did not go on:
    those who got further first, each by the rank they reached in the last stage they were in.
    The *withdrawn* are left out (a finalist who withdrew is not shown as out at an earlier stage)."""
    stages = [s for s in stages_of(event) if s.id in results]
    last = results[stages[-1].id]
    finals = final_scores(event, results, [p.group for p in last.ranking])
    lower = last.lower_is_better and not event.scoring.combine
    ranked = rank_scores(finals, [p.group for p in last.ranking], lower_is_better=lower)
    lines = [FinalLine(p.rank, p.group, finals.get(p.group), stages[-1].id, last.ranks.get(p.group)) for p in ranked]
    seen = {line.group for line in lines} | set(withdrawn)
    for earlier in reversed(stages[:-1]):
        result = results[earlier.id]
        base = len(lines)
        for placed in result.ranking:
            if placed.group in seen:
                continue
            seen.add(placed.group)
            lines.append(FinalLine(None if placed.rank is None else base + 1, placed.group, None, earlier.id, placed.rank))
        # places shared by equal stage ranks, counted on from the entries above
        for index in range(base, len(lines)):
            line = lines[index]
            if line.place is None:
                continue
            above = lines[index - 1] if index > base else None
            place = above.place if above is not None and above.stage_rank == line.stage_rank and above.place is not None else index + 1
            lines[index] = FinalLine(place, line.group, None, line.stage, line.stage_rank)
    return lines


def entries_of(event: Event, stage_id: str, results: Mapping[str, StageResult]) -> list[str] | None:
    """The entries of a stage, in the running order they reach it: the finalists of the nearest earlier
    stage with ``advance`` (in its ranking order), else every group; None while that cut is not made
    (no result yet, or a tie at it undecided)."""
    stages = stages_of(event)
    index = next(i for i, s in enumerate(stages) if s.id == stage_id)
    for earlier in reversed(stages[:index]):
        if earlier.advance is None:
            continue
        result = results.get(earlier.id)
        if result is None or result.finalists is None or result.ties:
            return None
        return list(result.finalists)
    return list(event.group_ids)


def final_data(lines: Sequence[FinalLine], show: Callable[[Score], Any] = lambda s: round(float(s), 4)) -> list[dict[str, Any]]:
    """The `ranking` of the JSON results with stages: {rank, group, score, stage, stage_rank} per entry."""
    return [
        {"rank": line.place, "group": line.group, "score": None if line.final is None else show(line.final), "stage": line.stage, "stage_rank": line.stage_rank}
        for line in lines
    ]


def stages_data(results: Mapping[str, StageResult], show: Callable[[Score], Any] = lambda s: round(float(s), 4)) -> dict[str, Any]:
    """The `stages` object of the JSON results: {id: {ranking: [{rank, group, score}], finalists: [...]}}."""
    data: dict[str, Any] = {}
    for stage_id, result in results.items():
        item: dict[str, Any] = {
            "ranking": [{"rank": p.rank, "group": p.group, "score": None if p.score is None else show(p.score)} for p in result.ranking]
        }
        if result.finalists is not None:
            item["finalists"] = list(result.finalists)
        data[stage_id] = item
    return data


@dataclass(frozen=True, slots=True)
class StageAnalysis:
    """How much normalising changed a stage's result (for the analysis and the berita acara)."""

    tau: Decimal | None
    """Kendall's tau-b between the plain and the normalised results (1: the same order)."""
    went_on: tuple[str, ...]
    """Entries within the cut only thanks to normalising."""
    kept_out: tuple[str, ...]
    """Entries that would have been within the cut without it."""
    flagged: tuple[str, ...]
    """Jurors whose totals could not be standardised (fewer than two entries, or all equal): z = 0."""
    far: tuple[tuple[str, Fraction, Fraction], ...]
    """(juror, their mean, the mean of the others' means) for jurors more than the outlier gap away."""


def stage_analysis(event: Event, result: StageResult, advance: int | None = None) -> StageAnalysis | None:
    """The analysis of a normalised stage (None for a stage without z-scores); *advance*: the stage's own by default."""
    from .normalise import crossing_the_cut, far_jurors, kendall_tau

    normalised = result.normalised
    if normalised is None:
        return None
    cut_at = advance if advance is not None else next((s.advance for s in stages_of(event) if s.id == result.stage), None)
    went_on: list[str] = []
    kept_out: list[str] = []
    if cut_at is not None:
        raw_ranks = {p.group: p.rank for p in rank_scores(result.raw)}
        went_on, kept_out = crossing_the_cut(raw_ranks, result.ranks, cut_at)
    far = far_jurors(normalised.jurors, Fraction(event.scoring.gap))
    return StageAnalysis(kendall_tau(result.raw, result.scores), tuple(went_on), tuple(kept_out), tuple(normalised.flagged), tuple(far))


def day_stage_results(event: Event, state: DayState, overtimes: Mapping[str, int] | None = None) -> dict[str, StageResult]:
    """Each stage's result as the day holds it, in order, up to the first stage whose entries are not known yet
    (the cut before it not made): its sheets (recused ones left out), its entries, its panels, the withdrawn
    left out, the presentation stage's overtime penalties. A closed stage's finalists are those its
    ``stage_closed`` record gives (the cut as it was decided), and it has no open tie."""
    from dataclasses import replace

    from ..day.stages import sheets_of, stage_entries
    from .rules import scale_of

    results: dict[str, StageResult] = {}
    withdrawn = set(state.withdrawn())
    categories = {g.id: g.category for g in event.groups} if event.categories else None
    for item in stages_of(event):
        entries = stage_entries(event, state, item.id)
        if entries is None:
            break
        penalty = None
        if item.kind == "presentation" and overtimes:
            scale = scale_of(event)
            penalty = {g: scale.penalty(seconds) for g, seconds in overtimes.items() if seconds}
        sheets = {key: sheet for key, sheet in sheets_of(state, item.id).items() if key not in state.recused}
        closed = state.closed.get(item.id)
        decisions = [
            CutDecision(tuple(d["tied"]), tuple(d["chosen"]), str(d["reason"])) for d in (closed or {}).get("decisions", ())
        ]
        result = stage_result(
            event, item, from_sheets(sheets), entries=entries, withdrawn=withdrawn, penalty=penalty,
            decisions=decisions, categories=categories, panels=state.panels.get(item.id),
        )
        if closed is not None:
            result = replace(result, finalists=tuple(closed["finalists"]), ties=())
        results[item.id] = result
    return results

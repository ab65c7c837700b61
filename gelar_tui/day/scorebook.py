"""Score sheets: a score typed, parsed once; the decisions to set one, lock or unlock a sheet, import paper sheets.

Plain functions of the event and the day's state (see :mod:`gelar_tui.day.decide`): each
returns the records to write or raises the refusal. :func:`parse_score` is the one reading
of a typed score: a screen may call it to show what is wrong, and hands the :class:`Score`
it got to ``Day.set_score``, which journals that very value.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from ..errors import GelarError, Problem
from ..event.model import Event
from .days import refuse_locked_day
from .decide import Decided, Records, check_ids
from .recusal import refuse_recused
from ..event.stages import criteria_of
from .stages import check_sheet, find_stage, is_staged, locked_of, sheets_of
from .state import DayState, Kind, hundredths


@dataclass(frozen=True, slots=True)
class Score:
    """A score as typed, read once: its number, the shortest exact text the journal keeps, and its hundredths."""

    number: Decimal
    text: str
    """"85.5" for "85,50": what a ``score_set`` record holds."""

    @property
    def hundredths(self) -> int:
        """The score as replay holds it (85.5 -> 8550)."""
        return hundredths(self.text)


@dataclass(frozen=True, slots=True)
class ScoreRow:
    """One score to store: from a CSV sheet or a score-entry cell."""

    group: str
    juror: str
    criterion: str
    value: str
    where: str = ""
    stage: str | None = None
    """The stage the score is for (None: the presentation stage, the day's one stage without [[stages]])."""


def _checked(event: Event, state: DayState, stage: str | None, group: str, juror: str, criterion: str | None = None) -> str | None:
    """The ids checked for a sheet of *stage* (see stages.check_sheet); the stage id its records carry, or None."""
    found = find_stage(event, stage)
    staged = bool(event.stages) and is_staged(state, found.id)
    check_sheet(event, state, found.id, group, juror, criterion if staged else None)
    check_ids(event, state, group, juror, None if staged else criterion)
    return found.id if staged else None


def set_score(
    event: Event, state: DayState, group: str, juror: str, criterion: str, value: str | Score | None, stage: str | None = None
) -> Records:
    """Store one score (None clears it): refused on a locked sheet, or a recused juror's; for a *stage* (None: the
    presentation stage), refused off the stage's entries, jurors or panels (see stages.check_sheet)."""
    staged = _checked(event, state, stage, group, juror, criterion)
    if staged is None:  # a day's close locks the presentation sheets of its groups (a review stage has no days)
        refuse_locked_day(event, state, group)
    refuse_recused(event, state, group, juror)
    if (group, juror) in locked_of(state, staged):
        raise GelarError("action.sheet_locked", group=group, juror=juror)
    text = None if value is None else in_range(value, event).text if isinstance(value, Score) else parse_score(value, event).text
    if text is None and sheets_of(state, staged).get((group, juror), {}).get(criterion) is None:
        return []
    data = {"group": group, "juror": juror, "criterion": criterion, "value": text}
    return [(Kind.SCORE_SET, {**data, "stage": staged} if staged else data)]


def lock_sheet(event: Event, state: DayState, group: str, juror: str, stage: str | None = None) -> Records:
    staged = _checked(event, state, stage, group, juror)
    refuse_recused(event, state, group, juror)
    if (group, juror) in locked_of(state, staged):
        return []
    criteria = criteria_of(event, find_stage(event, staged)) if staged else event.criteria
    missing = [c.name for c in criteria if c.id not in sheets_of(state, staged).get((group, juror), {})]
    if missing:
        raise GelarError("action.sheet_incomplete", missing=", ".join(missing))
    data = {"group": group, "juror": juror}
    return [(Kind.SHEET_LOCKED, {**data, "stage": staged} if staged else data)]


def unlock_sheet(event: Event, state: DayState, group: str, juror: str, reason: str, stage: str | None = None) -> Records:
    staged = stage if is_staged(state, stage) else None
    if staged is not None:
        find_stage(event, staged)
    check_ids(event, state, group, juror)
    if staged is None:
        refuse_locked_day(event, state, group)
    if not reason.strip():
        raise GelarError("action.reason_needed")
    if (group, juror) not in locked_of(state, staged):
        return []
    data = {"group": group, "juror": juror, "reason": reason.strip()}
    return [(Kind.SHEET_UNLOCKED, {**data, "stage": staged} if staged else data)]


def import_scores(event: Event, state: DayState, rows: list[ScoreRow], problems: Iterable[Problem] = ()) -> Decided[tuple[int, int]]:
    """Paper sheets, all or nothing; complete sheets are locked. Answers (scores, sheets locked).

    *problems* are those already found in the rows' file: any problem at all and nothing is stored.
    """
    problems = list(problems)
    sheets: dict[tuple[str | None, str, str], dict[str, str]] = {}
    for row in rows:
        try:
            staged = _checked(event, state, row.stage, row.group, row.juror, row.criterion)
            refuse_recused(event, state, row.group, row.juror)
            value = parse_score(row.value, event).text
            if staged is None and _same_on_a_closed_day(event, state, row, value):
                continue  # the same sheet imported again after its day closed: nothing changes, nothing to refuse
            if _same_as_locked(state, row, value, staged):
                continue
        except GelarError as exc:
            problems.append(Problem(row.where, exc.key, exc.params))
            continue
        sheets.setdefault((staged, row.group, row.juror), {})[row.criterion] = value
    if problems:
        problems.sort(key=lambda p: _place_key(p.where))
        raise GelarError("error.import_rejected", problems, count=len(problems))
    out: Records = []
    locked = 0
    for (staged, group, juror), values in sheets.items():
        tag = {"stage": staged} if staged else {}
        for criterion, value in values.items():
            out.append((Kind.SCORE_SET, {"group": group, "juror": juror, "criterion": criterion, "value": value, **tag}))
        known = set(sheets_of(state, staged).get((group, juror), {})) | set(values)
        wanted = [c.id for c in criteria_of(event, find_stage(event, staged))] if staged else event.criterion_ids
        if known >= set(wanted):
            out.append((Kind.SHEET_LOCKED, {"group": group, "juror": juror, "source": "import", **tag}))
            locked += 1
    return Decided(out, (sum(len(v) for v in sheets.values()), locked))


def _same_on_a_closed_day(event: Event, state: DayState, row: ScoreRow, value: str) -> bool:
    """True when *row*'s day is closed and the sheet holds this very value (skipped); refused when it differs."""
    try:
        refuse_locked_day(event, state, row.group)
    except GelarError:
        if state.sheets.get((row.group, row.juror), {}).get(row.criterion) == hundredths(value):
            return True
        raise
    return False


def _same_as_locked(state: DayState, row: ScoreRow, value: str, staged: str | None = None) -> bool:
    """True when *row* is on a locked sheet and says what it holds already (nothing to do).

    A different value on a locked sheet is refused: the sheet must be unlocked first.
    """
    if (row.group, row.juror) not in locked_of(state, staged):
        return False
    stored = sheets_of(state, staged).get((row.group, row.juror), {}).get(row.criterion)  # in hundredths
    if stored is not None and stored == hundredths(value):
        return True
    shown = "-" if stored is None else _plain(Decimal(stored) / 100)
    raise GelarError("paper.locked_differs", group=row.group, juror=row.juror, stored=shown, value=value)


_PLAIN_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")


def parse_score(text: str, event: Event) -> Score:
    """A score as typed: "85", "85.5" or "85,5", inside the event's min..max, at most two decimals.

    The one reading of a typed score: what it returns is what the journal keeps (``Score.text``).
    """
    cleaned = str(text).strip().replace(",", ".")
    if not cleaned:
        raise GelarError("action.score_empty")
    if not _PLAIN_NUMBER.match(cleaned):
        raise GelarError("action.score_not_number", value=str(text).strip())
    number = Decimal(cleaned)
    return in_range(Score(number, _plain(number)), event, str(text).strip())


def in_range(score: Score, event: Event, typed: str | None = None) -> Score:
    """*score* when the event accepts it (inside min..max, at most two decimals); else the refusal."""
    typed = score.text if typed is None else typed
    low, high = event.scoring.min, event.scoring.max
    if not low <= score.number <= high:
        raise GelarError("action.score_out_of_range", value=typed, min=_plain(low), max=_plain(high))
    if score.number != score.number.quantize(Decimal("0.01")):
        raise GelarError("action.score_decimals", value=typed)
    return score


def score_as_typed(value: int | None, decimal_mark: str = ".") -> str:
    """A stored score (hundredths) as a juror types it: 8550 -> "85.5" (or "85,5"); None -> ""."""
    if value is None:
        return ""
    whole, cents = divmod(abs(value), 100)
    sign = "-" if value < 0 else ""
    return f"{sign}{whole}" if not cents else f"{sign}{whole}{decimal_mark}{cents:02d}".rstrip("0")


def refused(text: str, event: Event) -> bool:
    """True when *text* is typed but is not a score the event accepts (it is never stored)."""
    if not text.strip():
        return False
    try:
        parse_score(text, event)
    except GelarError:
        return True
    return False


def _place_key(where: str) -> tuple[str, str, int, int]:
    """Sort key of a place: "nilai.csv:12" by file and line, "[nilai.xlsx]j2!D7" by file, sheet, row, column."""
    cell = re.fullmatch(r"\[(.*)\](.*)!([A-Z]+)(\d+)", where)
    if cell:
        book, sheet, letters, row = cell.groups()
        column = 0
        for letter in letters:
            column = column * 26 + ord(letter) - 64
        return book, sheet, int(row), column
    name, _, tail = where.rpartition(":")
    return (name, "", int(tail), 0) if tail.isdigit() else (where, "", 0, 0)


def _plain(number: Decimal) -> str:
    """85.50 -> "85.5", 90 -> "90": the shortest exact text."""
    text = format(number.normalize(), "f")
    return text if "." not in text else text.rstrip("0").rstrip(".")

"""The actions on score sheets: a score typed, a sheet locked or unlocked, paper sheets imported.

:class:`~gelar_tui.day.facade.Day` takes them from :class:`ScoreActions`; each runs inside the
day's ``_action`` (lock, catch up, check, append), like every other action.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from ..errors import GelarError, Problem
from ..event.model import Event
from .state import Kind, hundredths

if TYPE_CHECKING:
    from .facade import Day


@dataclass(frozen=True, slots=True)
class ScoreRow:
    """One score to store: from a CSV sheet or a score-entry cell."""

    group: str
    juror: str
    criterion: str
    value: str
    where: str = ""


class ScoreActions:
    """What a Day can do with score sheets (a mixin: ``self`` is the Day)."""

    def parse_score(self: Day, text: str) -> Decimal:
        """Read a score as typed ("85", "85.5", "85,5"); raise GelarError if it is not allowed."""
        return parse_score(text, self.event)

    def set_score(self: Day, group: str, juror: str, criterion: str, value: str | None) -> None:
        """Store one score (None clears it). Refused on a locked sheet."""
        with self._action() as out:
            self._check_ids(group, juror, criterion)
            self._refuse_recused(group, juror)
            if (group, juror) in self.state.locked:
                raise GelarError("action.sheet_locked", group=group, juror=juror)
            number = None if value is None else _plain(self.parse_score(value))
            current = self.state.sheets.get((group, juror), {}).get(criterion)
            if number is None and current is None:
                return
            out.append((Kind.SCORE_SET, {"group": group, "juror": juror, "criterion": criterion, "value": number}))

    def lock_sheet(self: Day, group: str, juror: str) -> None:
        with self._action() as out:
            self._check_ids(group, juror)
            self._refuse_recused(group, juror)
            if (group, juror) in self.state.locked:
                return
            missing = [c.name for c in self.event.criteria if c.id not in self.state.sheets.get((group, juror), {})]
            if missing:
                raise GelarError("action.sheet_incomplete", missing=", ".join(missing))
            out.append((Kind.SHEET_LOCKED, {"group": group, "juror": juror}))

    def unlock_sheet(self: Day, group: str, juror: str, reason: str) -> None:
        with self._action() as out:
            self._check_ids(group, juror)
            if not reason.strip():
                raise GelarError("action.reason_needed")
            if (group, juror) not in self.state.locked:
                return
            out.append((Kind.SHEET_UNLOCKED, {"group": group, "juror": juror, "reason": reason.strip()}))

    def import_scores(self: Day, rows: Iterable[ScoreRow], problems: Iterable[Problem] = ()) -> tuple[int, int]:
        """Store paper sheets, all or nothing; complete sheets are locked. Returns (scores, sheets locked).

        *problems* are those already found in the rows' file: any problem at all and nothing is stored.
        """
        rows = list(rows)
        with self._action() as out:
            problems = list(problems)
            sheets: dict[tuple[str, str], dict[str, str]] = {}
            for row in rows:
                try:
                    self._check_ids(row.group, row.juror, row.criterion)
                    self._refuse_recused(row.group, row.juror)
                    value = _plain(self.parse_score(row.value))
                    if self._same_as_locked(row, value):
                        continue
                except GelarError as exc:
                    problems.append(Problem(row.where, exc.key, exc.params))
                    continue
                sheets.setdefault((row.group, row.juror), {})[row.criterion] = value
            if problems:
                problems.sort(key=lambda p: _place_key(p.where))
                raise GelarError("error.import_rejected", problems, count=len(problems))
            locked = 0
            for (group, juror), values in sheets.items():
                for criterion, value in values.items():
                    out.append((Kind.SCORE_SET, {"group": group, "juror": juror, "criterion": criterion, "value": value}))
                known = set(self.state.sheets.get((group, juror), {})) | set(values)
                if known >= set(self.event.criterion_ids):
                    out.append((Kind.SHEET_LOCKED, {"group": group, "juror": juror, "source": "import"}))
                    locked += 1
        return sum(len(v) for v in sheets.values()), locked

    def _same_as_locked(self: Day, row: ScoreRow, value: str) -> bool:
        """True when *row* is on a locked sheet and says what it holds already (nothing to do).

        A different value on a locked sheet is refused: the sheet must be unlocked first.
        """
        if (row.group, row.juror) not in self.state.locked:
            return False
        stored = self.state.sheets.get((row.group, row.juror), {}).get(row.criterion)  # in hundredths
        if stored is not None and stored == hundredths(value):
            return True
        shown = "-" if stored is None else _plain(Decimal(stored) / 100)
        raise GelarError("paper.locked_differs", group=row.group, juror=row.juror, stored=shown, value=value)

    def _check_ids(self: Day, group: str, juror: str, criterion: str | None = None) -> None:
        self._known_group(group)
        if juror not in self.event.juror_ids:
            raise GelarError("action.unknown_juror", juror=juror, known=", ".join(self.event.juror_ids))
        if criterion is not None and criterion not in self.event.criterion_ids:
            raise GelarError("action.unknown_criterion", criterion=criterion, known=", ".join(self.event.criterion_ids))


_PLAIN_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")


def parse_score(text: str, event: Event) -> Decimal:
    """A score as typed: "85", "85.5" or "85,5", inside the event's min..max, at most two decimals."""
    cleaned = str(text).strip().replace(",", ".")
    if not cleaned:
        raise GelarError("action.score_empty")
    if not _PLAIN_NUMBER.match(cleaned):
        raise GelarError("action.score_not_number", value=str(text).strip())
    number = Decimal(cleaned)
    low, high = event.scoring.min, event.scoring.max
    if not low <= number <= high:
        raise GelarError("action.score_out_of_range", value=str(text).strip(), min=_plain(low), max=_plain(high))
    if number != number.quantize(Decimal("0.01")):
        raise GelarError("action.score_decimals", value=str(text).strip())
    return number


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

"""The ranking kept up to date as records arrive: only the juror totals of changed groups are recomputed.

A full ranking of 200 groups × 15 jurors × 12 criteria works out 3,000 weighted
totals; while the jury types, each new record changes one of them. This module
wraps :func:`gelar_tui.scoring.rank` rather than repeating it: the ranking rules
stay in one place, and only the totals, the costly part, come from a cache.

- :class:`CachedScale` is the event's :class:`~gelar_tui.scoring.Scale` whose
  ``total(sheet)`` remembers each sheet's total until told the sheet changed.
- :class:`LiveRanking` reads the records written since it last ranked (by this
  process or any other), forgets the totals of the groups they name, and ranks
  again; when no record came and no overtime moved, it returns the last ranking.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .scoring import Results, Scale, rank
from .state import Kind, Sheet

if TYPE_CHECKING:
    from .day import Day

_SCORE_SET = Kind.SCORE_SET.value
"""The only kind of record that changes a sheet's total (locks change counts, which are not cached)."""


class CachedScale(Scale):
    """A Scale that keeps each sheet's total until :meth:`forget` is told the sheet changed.

    Sheets are the day's own dictionaries, which replay changes in place, so a
    sheet is known by its identity; the cache holds the sheet too, so an identity
    is never reused while its entry lives.
    """

    def __init__(self, event) -> None:
        super().__init__(event)
        self._totals: dict[int, tuple[Sheet, int | None]] = {}
        self.computed = 0
        """Totals worked out (not taken from the cache) since the start: for tests and benchmarks."""

    def total(self, sheet: Sheet | None) -> int | None:
        if sheet is None:
            return None
        found = self._totals.get(id(sheet))
        if found is not None and found[0] is sheet:
            return found[1]
        self.computed += 1
        value = super().total(sheet)
        self._totals[id(sheet)] = (sheet, value)
        return value

    def forget(self, sheet: Sheet | None) -> None:
        if sheet is not None:
            self._totals.pop(id(sheet), None)

    def forget_all(self) -> None:
        self._totals.clear()


class LiveRanking:
    """The day's ranking, recomputed only as far as records since the last one require."""

    def __init__(self, day: Day) -> None:
        self.day = day
        self.scale = CachedScale(day.event)
        self._seq = day.state.seq
        self._last: Results | None = None
        self._last_key: tuple | None = None

    def results(self, now: float | None = None) -> Results:
        """The ranking as of the day's state (call ``day.refresh()`` first to take in other processes)."""
        day = self.day
        self._take_in(day.state.seq)
        overtime = day.overtimes(now)
        key = (day.state.seq, tuple(overtime.values()), tuple(day.state.order))
        if key != self._last_key or self._last is None:
            self._last = rank(day.event, day.state, overtime, self.scale)
            self._last_key = key
        return self._last

    def _take_in(self, seq: int) -> None:
        """Forget the totals of every group a record after the last ranking names."""
        if seq == self._seq:
            return
        if seq < self._seq:  # another day's state (cannot happen on one journal): start afresh
            self.scale.forget_all()
        else:
            sheets = self.day.state.sheets
            for record in self.day.journal.records(after=self._seq):
                if record.kind == _SCORE_SET:
                    self.scale.forget(sheets.get((record.data.get("group"), record.data.get("juror"))))
        self._seq = seq

"""A group's slot in the state (its clock's records folded), a break's run, a score sheet and a score's hundredths."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from functools import lru_cache


class GroupStatus(StrEnum):
    """Where a group stands in the running order."""

    WAITING = "waiting"
    PRESENTING = "presenting"
    DONE = "done"
    SKIPPED = "skipped"
    WITHDRAWN = "withdrawn"


@dataclass
class Slot:
    """One group's slot: its planned length, extensions and the time it has run."""

    planned: int
    extension: int = 0
    started_at: float | None = None
    running_since: float | None = None
    run_before: float = 0.0
    finished_at: float | None = None
    skipped: bool = False
    alerted: set[tuple] = field(default_factory=set)
    """The alerts recorded in this run of the slot (see alert_key)."""
    marks: dict[int, float] = field(default_factory=dict)
    """Segments started by a record: segment index -> the slot's time run when it began."""
    segment_extension: dict[int, int] = field(default_factory=dict)
    """Seconds added to (or taken off) each segment."""
    withdrawn: str | None = None
    """Why the group was withdrawn (it will not present and is left out of the ranking); None: it was not."""

    @property
    def started(self) -> bool:
        return self.started_at is not None

    @property
    def finished(self) -> bool:
        return self.finished_at is not None

    @property
    def running(self) -> bool:
        return self.running_since is not None

    @property
    def length(self) -> int:
        """Planned seconds plus extensions."""
        return self.planned + self.extension

    def time_run(self, now: float) -> float:
        """Seconds the slot has run, pauses excluded."""
        return self.run_before + (now - self.running_since if self.running_since is not None else 0.0)

    @property
    def status(self) -> GroupStatus:
        if self.withdrawn is not None:
            return GroupStatus.WITHDRAWN
        if self.finished:
            return GroupStatus.DONE
        if self.started:
            return GroupStatus.PRESENTING
        return GroupStatus.SKIPPED if self.skipped else GroupStatus.WAITING

    def _stop(self, at: float) -> None:
        if self.running_since is not None:
            self.run_before += max(0.0, at - self.running_since)
            self.running_since = None


Sheet = dict[str, int]
"""One juror's scores for one group: criterion id -> score in hundredths (85.5 -> 8550)."""


@lru_cache(maxsize=65536)
def hundredths(value: str) -> int:
    """A score as written in the journal ("85.5") in whole hundredths (8550). Cached: replay sees few distinct values."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = repr(value)
    if not isinstance(value, str) or len(value) > 24 or not _PLAIN_NUMBER.fullmatch(value):
        raise ValueError(f"not a score: {value!r}")  # "abc", "NaN", "1e999999": the record does not fit
    return int(Decimal(value).scaleb(2))


_PLAIN_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)")


@dataclass
class BreakRun:
    """A break of the running order: when it started and ended on the timeline."""

    started_at: float | None = None
    finished_at: float | None = None

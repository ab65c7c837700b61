"""Which places are announced, and in which order the winner announcement reveals them.

The Indonesian convention: Juara I, II, III, then Harapan I, II, III. Groups
that share a rank share the place. With categories the announcement goes category by
category, each from its last award up to its winner, the overall ranking last
(:func:`announcement_steps`).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..event.model import Event
from ..i18n import Messages
from .rules import Entry, Results

if TYPE_CHECKING:
    from .categories import CategoryRanking

WINNER = "winner"
HONOURABLE = "honourable"

_ROMAN = ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))


def roman(number: int) -> str:
    """1 -> "I", 4 -> "IV", 10 -> "X"."""
    text = ""
    for value, letters in _ROMAN:
        while number >= value:
            text += letters
            number -= value
    return text


def ordinal(number: int) -> str:
    """1 -> "1st", 2 -> "2nd", 11 -> "11th", 23 -> "23rd"."""
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


@dataclass(frozen=True, slots=True)
class Award:
    """A place that is announced: Juara (winner) I..n or Harapan (honourable mention) I..m."""

    kind: str
    number: int

    def label(self, t: Messages) -> str:
        """"Juara II" in Indonesian, "2nd place" in English."""
        return t(f"awards.{self.kind}", number=roman(self.number), ordinal=ordinal(self.number))


def award_for(rank: int | None, event: Event) -> Award | None:
    """The place a rank earns, or None when it is not announced."""
    if rank is None:
        return None
    winners, honourable = event.awards.winners, event.awards.honourable_mentions
    if rank <= winners:
        return Award(WINNER, rank)
    if rank <= winners + honourable:
        return Award(HONOURABLE, rank - winners)
    return None


@dataclass(frozen=True, slots=True)
class RevealStep:
    """One press of the announcement: a place and the group(s) that earned it."""

    award: Award
    entries: tuple[Entry, ...]
    category: str | None = None
    """The category whose place it is (``day.hall.OVERALL``: the overall ranking; None: an event without categories)."""


def reveal_steps(results: Results, event: Event) -> list[RevealStep]:
    """The announced places from the lowest up to Juara I (tied groups revealed together)."""
    by_rank: dict[int, list[Entry]] = {}
    for entry in results.entries:
        if award_for(entry.rank, event) is not None:
            by_rank.setdefault(entry.rank, []).append(entry)  # type: ignore[arg-type]
    steps = [RevealStep(award_for(rank, event), tuple(entries)) for rank, entries in by_rank.items()]  # type: ignore[arg-type]
    steps.sort(key=lambda step: step.entries[0].rank or 0, reverse=True)
    return steps


def announcement_steps(rankings: Iterable[CategoryRanking]) -> list[RevealStep]:
    """Category by category, in the order given (the scoreboard's: each category, the overall ranking
    last): each one's places from its last award up to its winner, by its own awards."""
    steps: list[RevealStep] = []
    for ranking in rankings:
        steps += [dataclasses.replace(step, category=ranking.category) for step in reveal_steps(ranking.results, ranking.event)]
    return steps

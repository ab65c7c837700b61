"""What rebuilding the state reads from the journal, in the cheapest shape (see Journal.replay_rows).

Score records are nineteen in twenty of a day's records and change nothing but the score
sheets, so they are read apart from the rest: SQLite joins their details into one text, which
one json.loads decodes (no row tuple and no string per record on the way).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from .clock import Stamp

SCORE_SET = "score_set"


def decode_all(texts: list[Any]) -> list[Any]:
    """The records' details: one json.loads for the whole batch (far cheaper than one per record).

    Should one not be JSON (a file edited by hand), each is read alone and that one reads as
    empty details: replay passes it over (see DayState.unfit) and the chain check names it.
    """
    try:
        return json.loads("[" + ",".join(texts) + "]")
    except (ValueError, TypeError, RecursionError):
        return [decode_one(text) for text in texts]


def decode_joined(joined: str, count: int) -> list[Any] | None:
    """The details of *count* records joined by commas (SQLite's group_concat); None when that text
    does not decode to exactly *count* values (one of them is no JSON): read them one by one then."""
    try:
        datas = json.loads("[" + joined + "]")
    except (ValueError, RecursionError):
        return None
    return datas if len(datas) == count else None


def decode_one(text: object) -> dict[str, Any]:
    try:
        data = json.loads(text)  # type: ignore[arg-type]
    except (ValueError, TypeError, RecursionError):
        return {}
    return data if isinstance(data, dict) else {}


class ReplayRows:
    """The records after some number, as rebuilding the state wants them.

    ``others``: (kind, data, stamp) of every record but the score records, oldest first;
    ``scores``: the details of the score records, oldest first. Iterating gives every record
    as (kind, data, stamp), the score records last (they change nothing the others read).
    """

    __slots__ = ("others", "scores")

    def __init__(self, others: list[tuple[str, Any, Stamp | None]], scores: list[Any]) -> None:
        self.others = others
        self.scores = scores

    def __iter__(self) -> Iterator[tuple[str, Any, Stamp | None]]:
        yield from self.others
        for data in self.scores:
            yield SCORE_SET, data, None

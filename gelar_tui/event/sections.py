"""The event's sections added by issues 21 and 22 (days, categories, the letterhead, stages) and its hub:
part of the model (:mod:`gelar_tui.event.model` names them all), kept apart so that each module stays short."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from .frozen import Frozen, fill, record

if TYPE_CHECKING:
    from .model import Awards, Criterion


# -- issue 21: days, categories, the letterhead --


@record
class EventDay(Frozen):
    """One `[[days]]` entry: a day of a multi-day event, its start and end, and its groups.

    ``groups`` holds the ids of the day's groups in running order; ``count`` is set instead
    when the file gives a number (the next *count* groups of the running order).
    ``event.days.event_days`` resolves both into the day's running order.
    """

    date: dt.date
    start: dt.time
    end: dt.time | None = None
    groups: tuple[str, ...] = ()
    count: int | None = None

    def __init__(
        self, date: dt.date, start: dt.time, end: dt.time | None = None, groups: tuple[str, ...] = (), count: int | None = None,
    ) -> None:
        fill(self, date, start, end, groups, count)


@record
class Category(Frozen):
    """One `[[categories]]` entry: groups ranked among themselves, with their own awards and cut."""

    id: str
    name: str
    awards: Awards | None = None
    finalists: int | None = None

    def __init__(self, id: str, name: str, awards: Awards | None = None, finalists: int | None = None) -> None:
        fill(self, id, name, awards, finalists)


@record
class Document(Frozen):
    """The `[document]` table: the office's letterhead on the berita acara, its letter number, place and chair."""

    letterhead: tuple[str, ...] = ()
    logo: str | None = None
    number: str = ""
    place: str = ""
    chair: str | None = None

    def __init__(
        self, letterhead: tuple[str, ...] = (), logo: str | None = None, number: str = "", place: str = "", chair: str | None = None,
    ) -> None:
        fill(self, letterhead, logo, number, place, chair)


# Stages (issue 22): a desk review by panels, then the final.


@record
class Stage(Frozen):
    """One `[[stages]]` entry: a round of the competition, scored by its own jurors on its own criteria."""

    id: str
    name: str
    kind: str
    """"review" (jurors score documents, no clock) or "presentation" (the clock and the rundown)."""
    criteria: tuple[Criterion, ...] = ()
    """The stage's own criteria; empty: the event's `[[criteria]]`."""
    method: str | None = None
    """None: `[scoring] method`."""
    trim: int | None = None
    """None: `[scoring] trim`."""
    normalise: str = "none"
    """"none", or "zscore": each juror's totals standardised (see :mod:`gelar_tui.scoring.normalise`)."""
    jurors: tuple[str, ...] = ()
    """Juror ids; empty: every juror."""
    advance: int | None = None
    """How many entries go on to the next stage; None: no cut."""
    per_entry: int | None = None
    """Jurors per entry (a panel); None: every juror of the stage scores every entry."""
    documents: str | None = None
    """Each entry's proposal: a pattern with {group} in it, or a folder."""

    def __init__(
        self, id: str, name: str, kind: str, criteria: tuple[Criterion, ...] = (), method: str | None = None, trim: int | None = None,
        normalise: str = "none", jurors: tuple[str, ...] = (), advance: int | None = None, per_entry: int | None = None,
        documents: str | None = None,
    ) -> None:
        fill(self, id, name, kind, criteria, method, trim, normalise, jurors, advance, per_entry, documents)


@record
class Hub(Frozen):
    """The `[hub]` table: the PostgreSQL hub the journal is shipped to (None: not given in the file)."""

    url: str | None = None
    event: str | None = None

    def __init__(self, url: str | None = None, event: str | None = None) -> None:
        fill(self, url, event)

"""The event as the program runs on it: plain, frozen data, checked before it gets here.

An event file is checked by the pydantic schema of ``schema.py``; what it holds
is then carried by these dataclasses (the field names are the file's keys, the
schema documents them). They need nothing beyond the standard library, so the
console can start on an event file it has checked before without importing
pydantic (``eventfile.py`` keeps the checked data in a cache). Each is made by
:func:`~gelar_tui.event.frozen.record`, with its ``__init__`` written out, so that
importing them compiles nothing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import field
from decimal import Decimal
from functools import cached_property
from typing import Any

from .frozen import Frozen, fill, record
from .sections import Category, Document, EventDay, Hub, Stage  # noqa: F401 (re-exported: the model's names)


@record
class EventInfo(Frozen):
    """The `[event]` table: what the event is, where and when."""

    title: str
    organizer: str
    venue: str
    date: dt.date
    language: str = "id"
    theme: str = "projector"
    max_members: int = 10
    start: dt.time | None = None
    end: dt.time | None = None

    def __init__(
        self, title: str, organizer: str, venue: str, date: dt.date, language: str = "id", theme: str = "projector", max_members: int = 10,
        start: dt.time | None = None, end: dt.time | None = None,
    ) -> None:
        fill(self, title, organizer, venue, date, language, theme, max_members, start, end)


@record
class Segment(Frozen):
    """A part of a slot with its own countdown, alerts (seconds) and overtime: "Paparan", then "Tanya jawab".

    A slot without segments is one segment with no name, the slot's length and ``[timing] alerts``.
    """

    name: str
    length: int
    alerts: tuple[int, ...] = ()
    penalty: bool = False

    def __init__(self, name: str, length: int, alerts: tuple[int, ...] = (), penalty: bool = False) -> None:
        fill(self, name, length, alerts, penalty)


@record
class Break(Frozen):
    """A break in the running order (ishoma) after the group ``after``, *length* seconds long."""

    after: str
    name: str
    length: int

    def __init__(self, after: str, name: str, length: int) -> None:
        fill(self, after, name, length)


@record
class Timing(Frozen):
    """The `[timing]` table: slot length and alerts in seconds, overtime rule and penalty, segments, changeover."""

    slot: int = 1800
    alerts: tuple[int, ...] = (600, 300, 60)
    overtime: str = "count"
    penalty_per_minute: Decimal = Decimal(0)
    segments: tuple[Segment, ...] = ()
    advance: str = "auto"
    changeover: int = 0

    def __init__(
        self, slot: int = 1800, alerts: tuple[int, ...] = (600, 300, 60), overtime: str = "count", penalty_per_minute: Decimal = Decimal(0),
        segments: tuple[Segment, ...] = (), advance: str = "auto", changeover: int = 0,
    ) -> None:
        fill(self, slot, alerts, overtime, penalty_per_minute, segments, advance, changeover)


@record
class Scoring(Frozen):
    """The `[scoring]` table: the scale of the scores and how juror totals become a ranking."""

    min: Decimal = Decimal(0)
    max: Decimal = Decimal(100)
    method: str = "mean"
    trim: int = 1
    tie_break: tuple[str, ...] = ()
    blind: bool = False
    reveal: str = "live"
    outlier_gap: Decimal | None = None
    """Points a juror total may lie from the other jurors' median before the analysis flags it; None: 15 % of (max - min)."""
    # -- issue 21: categories --
    overall: bool = False
    """With categories: an overall ranking of every group besides the ranking of each category."""
    finalists: int | None = None
    """How many of each category go on (a top-N split); None: no cut."""
    scores_open_across_days: bool = False
    """With ``[[days]]``: a day's scores may still change after its close (else closing a day locks its groups' scores)."""
    # Stages (issue 22)
    combine: tuple[tuple[str, Decimal], ...] = ()
    """(stage id, weight) of every stage weighted into the final score; empty: the last stage alone ranks."""

    def __init__(
        self, min: Decimal = Decimal(0), max: Decimal = Decimal(100), method: str = "mean", trim: int = 1, tie_break: tuple[str, ...] = (),
        blind: bool = False, reveal: str = "live", outlier_gap: Decimal | None = None, overall: bool = False, finalists: int | None = None,
        scores_open_across_days: bool = False, combine: tuple[tuple[str, Decimal], ...] = (),
    ) -> None:
        fill(self, min, max, method, trim, tie_break, blind, reveal, outlier_gap, overall, finalists, scores_open_across_days, combine)

    @property
    def gap(self) -> Decimal:
        """The outlier gap in points: as written, else 15 % of the scale."""
        return self.outlier_gap if self.outlier_gap is not None else (self.max - self.min) * Decimal("0.15")


@record
class Criterion(Frozen):
    """Something the jury scores, with its weight."""

    id: str
    name: str
    weight: Decimal
    description: str = ""

    def __init__(self, id: str, name: str, weight: Decimal, description: str = "") -> None:
        fill(self, id, name, weight, description)


@record
class Juror(Frozen):
    """A member of the jury."""

    id: str
    name: str
    affiliation: str = ""
    # Stages (issue 22)
    conflicts: tuple[str, ...] = ()
    """Group ids and agency names whose entries this juror must not be given in a panel."""

    def __init__(self, id: str, name: str, affiliation: str = "", conflicts: tuple[str, ...] = ()) -> None:
        fill(self, id, name, affiliation, conflicts)


@record
class Group(Frozen):
    """A work-culture group (KBK); ``slot`` overrides the event's slot length when set."""

    id: str
    name: str
    agency: str
    topic: str | None = None
    members: tuple[str, ...] = ()
    slot: int | None = None
    segments: tuple[Segment, ...] | None = None
    # -- issue 21: categories --
    category: str | None = None
    """The id of the group's category (None: the event has no categories)."""

    def __init__(
        self, id: str, name: str, agency: str, topic: str | None = None, members: tuple[str, ...] = (), slot: int | None = None,
        segments: tuple[Segment, ...] | None = None, category: str | None = None,
    ) -> None:
        fill(self, id, name, agency, topic, members, slot, segments, category)


@record
class Recusal(Frozen):
    """A juror who steps aside for one group (a conflict of interest), with the reason."""

    juror: str
    group: str
    reason: str

    def __init__(self, juror: str, group: str, reason: str) -> None:
        fill(self, juror, group, reason)


@record
class Awards(Frozen):
    """Which places are announced, and what the winner wins."""

    winners: int = 3
    honourable_mentions: int = 3
    note: str = ""

    def __init__(self, winners: int = 3, honourable_mentions: int = 3, note: str = "") -> None:
        fill(self, winners, honourable_mentions, note)


@record
class SoundFiles(Frozen):
    """An organiser's own recordings, one WAV file per stage (None: the built-in sound)."""

    first: str | None = None
    second: str | None = None
    last: str | None = None
    time_up: str | None = None
    tick: str | None = None

    def __init__(
        self, first: str | None = None, second: str | None = None, last: str | None = None, time_up: str | None = None,
        tick: str | None = None,
    ) -> None:
        fill(self, first, second, last, time_up, tick)


@record
class Sound(Frozen):
    """The `[sound]` table: the sounds played in the hall at the clock's alerts.

    ``player`` is a command with ``{file}`` in it (None: the first player found on
    the machine); ``volume`` is 0–100, applied when a sound is made. Files are
    written as in the event file: relative to the event file's folder.
    """

    enabled: bool = True
    volume: int = 100
    player: str | None = None
    tick: bool = False
    files: SoundFiles = field(default_factory=SoundFiles)

    def __init__(
        self, enabled: bool = True, volume: int = 100, player: str | None = None, tick: bool = False, files: SoundFiles = SoundFiles(),
    ) -> None:
        fill(self, enabled, volume, player, tick, files)


@record(slots=False)
class Event(Frozen):
    """A whole event: its sections, and the lookups the program needs."""

    event: EventInfo
    timing: Timing = field(default_factory=Timing)
    scoring: Scoring = field(default_factory=Scoring)
    criteria: tuple[Criterion, ...] = ()
    jurors: tuple[Juror, ...] = ()
    groups: tuple[Group, ...] = ()
    awards: Awards = field(default_factory=Awards)
    recusals: tuple[Recusal, ...] = ()
    sound: Sound = field(default_factory=Sound)
    breaks: tuple[Break, ...] = ()
    # -- issue 21: days, categories, the letterhead --
    days: tuple[EventDay, ...] = ()
    categories: tuple[Category, ...] = ()
    document: Document = field(default_factory=Document)
    # Stages (issue 22)
    stages: tuple[Stage, ...] = ()
    """The `[[stages]]` in order; empty: one presentation stage (see :func:`gelar_tui.event.stages.stages_of`)."""
    hub: Hub = field(default_factory=Hub)

    def __init__(
        self, event: EventInfo, timing: Timing = Timing(), scoring: Scoring = Scoring(), criteria: tuple[Criterion, ...] = (),
        jurors: tuple[Juror, ...] = (), groups: tuple[Group, ...] = (), awards: Awards = Awards(), recusals: tuple[Recusal, ...] = (),
        sound: Sound = Sound(), breaks: tuple[Break, ...] = (), days: tuple[EventDay, ...] = (), categories: tuple[Category, ...] = (),
        document: Document = Document(), stages: tuple[Stage, ...] = (), hub: Hub = Hub(),
    ) -> None:
        fill(
            self, event, timing, scoring, criteria, jurors, groups, awards, recusals, sound, breaks, days, categories, document, stages,
            hub,
        )

    @cached_property
    def _groups_by_id(self) -> dict[str, Group]:
        return {group.id: group for group in self.groups}

    def slot_of(self, group_id: str) -> int:
        """The planned slot of a group in seconds (with segments: the sum of their lengths)."""
        group = self.group(group_id)
        if self.segmented(group_id):
            return sum(segment.length for segment in self.segments_of(group_id))
        return group.slot if group.slot is not None else self.timing.slot

    def segmented(self, group_id: str) -> bool:
        """Whether the group's slot is split into named segments (its own, or [timing] segments)."""
        own = self.group(group_id).segments
        return bool(own if own is not None else self.timing.segments)

    def segments_of(self, group_id: str) -> tuple[Segment, ...]:
        """The segments of a group's slot, in order; a slot without segments is one unnamed segment."""
        found = self._segments.get(group_id)
        if found is None:
            group = self.group(group_id)
            own = group.segments if group.segments is not None else self.timing.segments
            if own:
                found = own
            else:
                length = group.slot if group.slot is not None else self.timing.slot
                found = (Segment("", length, self.timing.alerts, True),)
            self._segments[group_id] = found
        return found

    @cached_property
    def _segments(self) -> dict[str, tuple[Segment, ...]]:
        return {}

    def breaks_after(self, group_id: str) -> list[Break]:
        """The breaks that follow a group in the running order."""
        return [item for item in self.breaks if item.after == group_id]

    @property
    def advance_auto(self) -> bool:
        """Whether a segment that ends starts the next by itself ("stop" never lets a segment run over)."""
        return self.timing.advance == "auto" or self.timing.overtime == "stop"

    def group(self, group_id: str) -> Group:
        """The group with this id (KeyError when there is none)."""
        return self._groups_by_id[group_id]

    @cached_property
    def _jurors_by_id(self) -> dict[str, Juror]:
        return {juror.id: juror for juror in self.jurors}

    def juror_name(self, juror_id: str) -> str:
        """The name of the juror with this id; the id itself for a juror the event does not know
        (a journal written under an earlier event file may name one)."""
        found = self._jurors_by_id.get(juror_id)
        return found.name if found is not None else juror_id

    @cached_property
    def group_ids(self) -> list[str]:
        return [group.id for group in self.groups]

    @cached_property
    def juror_ids(self) -> list[str]:
        return [juror.id for juror in self.jurors]

    @cached_property
    def criterion_ids(self) -> list[str]:
        return [criterion.id for criterion in self.criteria]

    @property
    def identity(self) -> str:
        """What ties a journal to this event: its title and date."""
        return f"{self.event.title}|{self.event.date.isoformat()}"


def event_from_data(data: dict[str, Any]) -> Event:
    """The event from checked data in JSON form (decimals as text, the date in ISO form).

    Both a freshly checked file and the cache of one come through here, so the two
    give the very same event.
    """
    info = dict(data["event"])
    info["date"] = dt.date.fromisoformat(info["date"])
    for key in ("start", "end"):
        if info.get(key) is not None:
            info[key] = dt.time.fromisoformat(info[key])
    timing = dict(data["timing"])
    timing["alerts"] = tuple(timing["alerts"])
    timing["segments"] = _segments(timing.get("segments") or [])
    timing["penalty_per_minute"] = Decimal(timing["penalty_per_minute"])
    scoring = dict(data["scoring"])
    scoring["min"], scoring["max"] = Decimal(scoring["min"]), Decimal(scoring["max"])
    scoring["tie_break"] = tuple(scoring["tie_break"])
    if scoring.get("outlier_gap") is not None:
        scoring["outlier_gap"] = Decimal(scoring["outlier_gap"])
    combine = scoring.get("combine") or {}  # a table in the file; (stage, weight) pairs in a journal's event record
    scoring["combine"] = tuple((stage, Decimal(weight)) for stage, weight in (combine.items() if isinstance(combine, dict) else combine))
    sound = dict(data.get("sound") or {})  # a verdict kept by a gelar without [sound] has none
    sound["files"] = SoundFiles(**(sound.get("files") or {}))
    return Event(
        event=EventInfo(**info),
        timing=Timing(**timing),
        scoring=Scoring(**scoring),
        criteria=tuple(Criterion(**{**c, "weight": Decimal(c["weight"])}) for c in data["criteria"]),
        jurors=tuple(Juror(**{**j, "conflicts": tuple(j.get("conflicts") or ())}) for j in data["jurors"]),
        groups=tuple(
            Group(**{**g, "members": tuple(g["members"]), "segments": None if g.get("segments") is None else _segments(g["segments"])})
            for g in data["groups"]
        ),
        awards=Awards(**data["awards"]),
        recusals=tuple(Recusal(**r) for r in data.get("recusals", ())),
        sound=Sound(**sound),
        breaks=tuple(Break(**b) for b in data.get("breaks") or []),
        **_provincial(data),
        stages=tuple(_stage(s) for s in data.get("stages") or []),
        hub=Hub(**(data.get("hub") or {})),  # a verdict kept by a gelar without [hub] has none
    )


def _provincial(data: dict[str, Any]) -> dict[str, Any]:
    """Issue 21's sections in JSON form: days, categories, the document (absent from older cached verdicts)."""
    days = []
    for entry in data.get("days") or []:
        groups = entry["groups"]
        days.append(
            EventDay(
                date=dt.date.fromisoformat(entry["date"]),
                start=dt.time.fromisoformat(entry["start"]),
                end=None if entry.get("end") is None else dt.time.fromisoformat(entry["end"]),
                groups=() if isinstance(groups, int) else tuple(groups),
                count=groups if isinstance(groups, int) else None,
            )
        )
    categories = tuple(
        Category(id=c["id"], name=c["name"], awards=None if c.get("awards") is None else Awards(**c["awards"]), finalists=c.get("finalists"))
        for c in data.get("categories") or []
    )
    document = dict(data.get("document") or {})
    document["letterhead"] = tuple(document.get("letterhead") or ())
    return {"days": tuple(days), "categories": categories, "document": Document(**document)}


def _stage(entry: dict[str, Any]) -> Stage:
    """A stage from JSON form."""
    criteria = tuple(Criterion(**{**c, "weight": Decimal(c["weight"])}) for c in entry.get("criteria") or [])
    return Stage(**{**entry, "criteria": criteria, "jurors": tuple(entry.get("jurors") or ())})


def _segments(entries: list[dict[str, Any]]) -> tuple[Segment, ...]:
    """Segments from JSON form; ``penalty`` left out means true for the first segment only."""
    return tuple(
        Segment(
            name=entry["name"],
            length=entry["length"],
            alerts=tuple(entry.get("alerts") or ()),
            penalty=(index == 0) if entry.get("penalty") is None else bool(entry["penalty"]),
        )
        for index, entry in enumerate(entries)
    )

"""The event file's schema: what an organiser may write, checked by pydantic.

Every field carries a docstring: together they document the event file format
(``python -m gelar_tui.event.reference``). A checked file becomes the plain model of
``model.py`` that the rest of the program uses, so that starting the console on
an event already checked does not need pydantic at all (see ``eventfile.py``).
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation
from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, PlainValidator, Strict
from pydantic_core import PydanticCustomError

from .durations import parse_duration
from .model import Event, event_from_data


def _duration(value: object) -> int:
    if not isinstance(value, str):
        raise PydanticCustomError("gelar_duration", "not a duration", {"value": repr(value)})
    try:
        seconds = parse_duration(value)
    except ValueError:
        raise PydanticCustomError("gelar_duration", "not a duration", {"value": repr(value)}) from None
    if seconds <= 0:
        raise PydanticCustomError("gelar_duration_zero", "must be longer than zero", {"value": repr(value)})
    return seconds


def _number(value: object) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, (int, float, Decimal)):
        raise PydanticCustomError("gelar_number", "expected a number", {"value": repr(value)})
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        raise PydanticCustomError("gelar_number", "expected a number", {"value": repr(value)}) from None
    if not number.is_finite():
        raise PydanticCustomError("gelar_number", "expected a number", {"value": repr(value)})
    return number


def _wav(value: object) -> str:
    if not isinstance(value, str) or not value.strip().lower().endswith(".wav"):
        raise PydanticCustomError("gelar_wav", "not a WAV file", {"value": repr(value)})
    return value.strip()


def _command(value: object) -> str:
    import shlex

    try:
        words = shlex.split(value) if isinstance(value, str) else []
    except ValueError:
        words = []
    if not words:
        raise PydanticCustomError("gelar_command", "not a command", {"value": repr(value)})
    return value  # type: ignore[return-value]
def _time_of_day(value: object) -> dt.time:
    if isinstance(value, dt.time):
        return value.replace(microsecond=0, tzinfo=None)
    if isinstance(value, str):
        parts = value.strip().split(":")
        if len(parts) == 2 and all(part.isdigit() and 1 <= len(part) <= 2 for part in parts):
            hours, minutes = int(parts[0]), int(parts[1])
            if hours < 24 and minutes < 60:
                return dt.time(hours, minutes)
    raise PydanticCustomError("gelar_time", "not a time of day", {"value": repr(value)})


Duration = Annotated[int, BeforeValidator(_duration)]
"""Whole seconds, written in the file as "30m", "90s", "1h" or "1m30s"."""

TimeOfDay = Annotated[dt.time, BeforeValidator(_time_of_day)]
"""A local time of day, written "08:30" (24-hour clock) or as a TOML time (08:30:00)."""

def _pause(value: object) -> int:
    if value == 0 or (isinstance(value, str) and value.strip() and value.strip("0 hms") == ""):
        return 0  # 0, "0", "0s", "0m"
    return _duration(value)


Pause = Annotated[int, BeforeValidator(_pause)]
"""Whole seconds written as a duration ("2m"), or "0" for none."""

Number = Annotated[Decimal, BeforeValidator(_number)]
"""A number written in the file as an integer or a decimal (kept exact)."""

Count = Annotated[int, Strict()]
"""A whole number, written as one (true/false or 2.0 are refused)."""

Identifier = Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]*$", max_length=40)]
"""A short id: letters, digits, '_', '.', '-'; used on the command line and in CSV sheets."""


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class EventInfo(_Section):
    """The `[event]` table: what the event is, where and when."""

    title: str
    """The event's name, shown on every screen and document."""
    organizer: str
    """Who organises it; signs the results document."""
    venue: str
    """Where it takes place."""
    date: dt.date
    """The day of the event, a TOML date (2016-08-16)."""
    language: Literal["id", "en"] = "id"
    """The language of the screens and documents: "id" (Indonesian) or "en" (English)."""
    theme: str = "projector"
    """The colour theme of the console: a theme name from the themes folder."""
    max_members: Count = Field(default=10, ge=1)
    """The most members a group may have."""
    start: TimeOfDay | None = None
    """When the first group is planned to start, local time, e.g. "08:30": gives every item its planned start."""
    end: TimeOfDay | None = None
    """When the day must be over, e.g. "15:30": the console warns when the expected end passes it."""


class Segment(_Section):
    """One entry of a `segments` list: a part of the slot with its own countdown."""

    name: str = Field(min_length=1)
    """What the part is called on the console, e.g. "Paparan" or "Tanya jawab"."""
    length: Duration
    """How long it lasts, e.g. "20m"."""
    alerts: list[Duration] = Field(default_factory=list)
    """Remaining times at which this segment's countdown alerts; none when left out."""
    penalty: bool | None = None
    """Whether overtime in this segment costs penalty points; true for the first segment when left out."""


class Break(_Section):
    """One `[[breaks]]` entry: a break in the running order, started by the moderator like a slot."""

    after: Identifier
    """The id of the group the break follows."""
    name: str = Field(min_length=1)
    """What the break is called on the screens, e.g. "Ishoma"; unique among the breaks."""
    length: Duration
    """How long it lasts, e.g. "1h"."""


class Timing(_Section):
    """The `[timing]` table: how long each group presents and when the clock alerts."""

    slot: Duration = 1800
    """How long each group presents, e.g. "30m"."""
    alerts: list[Duration] = Field(default_factory=lambda: [600, 300, 60])
    """Remaining times at which the countdown alerts, e.g. ["10m", "5m", "1m"]."""
    overtime: Literal["count", "stop"] = "count"
    """"count": past zero the clock counts overtime; "stop": the slot ends at zero."""
    penalty_per_minute: Number = Field(default=Decimal(0), ge=0)
    """Points taken off every juror total of a group per started minute of overtime (in segments with penalty)."""
    segments: list[Segment] = Field(default_factory=list)
    """The parts of every slot, in order, e.g. [{ name = "Paparan", length = "20m", alerts = ["5m"] }, { name = "Tanya jawab", length = "10m" }]; the slot is then their sum."""
    advance: Literal["auto", "manual"] = "auto"
    """"auto": the next segment starts when one ends; "manual": overtime counts until the moderator starts the next."""
    changeover: Pause = 0
    """The time planned between two groups, e.g. "2m" (0: none)."""


class Scoring(_Section):
    """The `[scoring]` table: the scale of the scores and how juror totals become a ranking."""

    min: Number = Decimal(0)
    """The lowest score a juror may give on a criterion."""
    max: Number = Decimal(100)
    """The highest score a juror may give on a criterion."""
    method: Literal["mean", "median", "trimmed", "rank"] = "mean"
    """How juror totals combine: "mean", "median", "trimmed" (drop extremes) or "rank" (mean rank)."""
    trim: Count = Field(default=1, ge=0)
    """With "trimmed": how many highest and how many lowest juror totals are dropped."""
    tie_break: list[str] = Field(default_factory=list)
    """Keys that decide between equal final scores, in turn: a criterion id or "overtime"."""
    blind: bool = False
    """Jury stations hide the other jurors' scores from each juror."""
    reveal: Literal["live", "end"] = "live"
    """"live": the scoreboard shows scores as they come; "end": only progress until revealed."""
    outlier_gap: Number | None = Field(default=None, gt=0)
    """Points a juror's total may differ from the other jurors' median before `gelar analysis` flags it (default: 15 % of max - min)."""
    # -- issue 21: categories --
    overall: bool = False
    """With `[[categories]]`: also rank every group together, besides each category's own ranking."""
    scores_open_across_days: bool = False
    """With `[[days]]`: a day's scores stay open after its close, until the last day (else closing a day — `gelar close-day`, or the console opened on a later day — locks its groups' scores)."""
    finalists: Count | None = Field(default=None, ge=1)
    """How many groups of each category go on (a top-N split, e.g. 5; needs `[[categories]]`, at most each category's size); ties at the cut are decided by the tie-break."""
    # Stages (issue 22)
    combine: dict[str, Number] | None = None
    """With `[[stages]]`: each stage's weight in the final score, e.g. { review = 70, presentation = 30 }; left out: the last stage alone ranks."""


class Criterion(_Section):
    """One `[[criteria]]` entry: something the jury scores."""

    id: Identifier
    """A short id used in score sheets, e.g. "inovasi"."""
    name: str
    """The name shown to the jury and in documents."""
    weight: Number = Field(gt=0)
    """The criterion's weight in a juror's total (greater than zero)."""
    description: str = ""
    """Optional guidance for the jury."""


class Juror(_Section):
    """One `[[jurors]]` entry: a member of the jury."""

    id: Identifier
    """A short id used in score sheets, e.g. "pemprov"."""
    name: str
    """The juror's name, printed in the signature block."""
    affiliation: str = ""
    """Where the juror comes from, e.g. "Pemerintah Provinsi Jawa Timur"."""
    # Stages (issue 22)
    conflicts: list[str] = Field(default_factory=list)
    """Group ids or agency names this juror must not be given in a review panel, e.g. ["ceria", "Dispenda"]."""


class Group(_Section):
    """One `[[groups]]` entry: a work-culture group (KBK), in running order."""

    id: Identifier
    """A short id used in score sheets and on the command line, e.g. "ceria"."""
    name: str
    """The group's name, e.g. "KBK Ceria"."""
    agency: str
    """The agency the group works in, e.g. "Dispenda"."""
    topic: str | None = None
    """What the group presents (optional)."""
    members: list[str] = Field(default_factory=list)
    """The members' names (at most max_members)."""
    slot: Duration | None = None
    """This group's own slot length, overriding [timing] slot (for a slot without segments)."""
    segments: list[Segment] | None = None
    """This group's own segments, overriding [timing] segments ([] for none)."""
    # -- issue 21: categories --
    category: Identifier | None = None
    """The id of the group's category (required for every group once `[[categories]]` exist)."""


class Awards(_Section):
    """The `[awards]` table: which places are announced."""

    winners: Count = Field(default=3, ge=1, le=10)
    """How many winning places (Juara I, II, III, …)."""
    honourable_mentions: Count = Field(default=3, ge=0, le=10)
    """How many honourable mentions after them (Harapan I, II, III, …)."""
    note: str = ""
    """What the winner wins, said on the last screen of the announcement."""


class Recusal(_Section):
    """One `[[recusals]]` entry: a juror who must not score one group."""

    juror: Identifier
    """The juror's id."""
    group: Identifier
    """The group's id."""
    reason: str
    """Why, e.g. "works in the same agency"; printed in the results document."""
WavFile = Annotated[str, BeforeValidator(_wav)]
"""A WAV file, relative to the event file's folder (or absolute)."""

Command = Annotated[str, BeforeValidator(_command)]
"""A command line; "{file}" in it stands for the sound file (without it, the file goes last)."""


class SoundFiles(_Section):
    """The `[sound.files]` table: an organiser's own recording for a stage, instead of the built-in sound."""

    first: WavFile | None = None
    """The first alert (built in: one chime), e.g. "sounds/gong.wav"."""
    second: WavFile | None = None
    """The alerts between the first and the last (built in: two chimes)."""
    last: WavFile | None = None
    """The last alert (built in: three chimes)."""
    time_up: WavFile | None = None
    """Zero (built in: a long bell)."""
    tick: WavFile | None = None
    """Each of the last ten seconds, when `tick` is on (built in: a soft tick)."""


class Sound(_Section):
    """The `[sound]` table: the sounds played through the laptop's audio output at each alert."""

    enabled: bool = True
    """Play sounds at the alerts (`--no-sound` switches them off for one run)."""
    volume: Count = Field(default=100, ge=0, le=100)
    """Loudness from 0 to 100, applied when a sound is made (the hall's amplifier does the rest)."""
    player: Command | None = None
    """The command that plays a file, e.g. "paplay --device=hdmi {file}"; by default the first of paplay, pw-play, aplay, afplay (or winsound) found."""
    tick: bool = False
    """A soft tick on each of the last ten seconds."""
    files: SoundFiles = Field(default_factory=SoundFiles)
    """The `[sound.files]` table."""


# -- issue 21: days, categories, the letterhead --


def _day_groups(value: object) -> list[str] | int:
    """A day's groups: a list of group ids, or a whole number of groups (one message either way, not two)."""
    if isinstance(value, int) and not isinstance(value, bool) and value >= 1:
        return value
    if isinstance(value, list):
        for item in value:
            if not isinstance(item, str) or not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_.-]*", item) or len(item) > 40:
                raise PydanticCustomError("gelar_day_group", "not a group id: {item}", {"item": repr(item)})
        return value
    raise PydanticCustomError("gelar_day_groups", "not a list of group ids or a number")  # the value: as written


DayGroups = Annotated[list[str] | int, PlainValidator(_day_groups)]
"""A day's groups: ids in running order (["ceria", "bakti"]) or a number of groups (12)."""


class Day(_Section):
    """One `[[days]]` entry: a day of an event held over several days."""

    date: dt.date
    """The day's date, a TOML date (2026-08-11); the first day is the `[event] date`, each later day after the one before."""
    start: TimeOfDay
    """When the day's first group is planned to start, e.g. "08:00"."""
    end: TimeOfDay | None = None
    """When the day must be over, e.g. "16:00" (optional)."""
    groups: DayGroups
    """The day's groups: their ids in running order (["ceria", "bakti"]), or a number (12) for the next groups of the `[[groups]]` order."""


class Category(_Section):
    """One `[[categories]]` entry: groups that are ranked among themselves."""

    id: Identifier
    """A short id, written as `category = "..."` on each of its groups, e.g. "opd"."""
    name: str = Field(min_length=1)
    """The name shown on the scoreboard and in documents, e.g. "Perangkat Daerah"."""
    awards: Awards | None = None
    """This category's own `[awards]` (e.g. { winners = 3, honourable_mentions = 0 }); the event's when left out."""
    finalists: Count | None = Field(default=None, ge=1)
    """How many of this category go on (overrides `[scoring] finalists`)."""


class Document(_Section):
    """The `[document]` table: the office's letterhead and the letter's particulars on the berita acara."""

    letterhead: list[str] = Field(default_factory=list)
    """The letterhead's lines, e.g. ["PEMERINTAH KOTA KEDIRI", "BADAN KEPEGAWAIAN DAERAH", "Jl. Basuki Rahmat 15, Kediri"]."""
    logo: str | None = None
    """An image (PNG, JPEG, GIF or SVG) beside the event file, printed at the letterhead's left, e.g. "logo.png"."""
    number: str = ""
    """The letter number, e.g. "800/123/419.34/2026"."""
    place: str = ""
    """Where the berita acara is signed, e.g. "Kediri" (the venue when left out)."""
    chair: Identifier | None = None
    """The id of the juror who chairs the jury: named as such, and signs first."""


# Stages (issue 22): a desk review by panels, then the final.


class Stage(_Section):
    """One `[[stages]]` entry: a round of the competition (a desk review of proposals, or the presentations)."""

    id: Identifier
    """A short id used on the command line, in score sheets and in `combine`, e.g. "review"."""
    name: str = Field(min_length=1)
    """The stage's name in documents, e.g. "Penilaian proposal"."""
    kind: Literal["review", "presentation"]
    """"review": jurors score documents, no clock; "presentation": the clock, the rundown and the stage (at most one)."""
    criteria: list[Criterion] = Field(default_factory=list)
    """The stage's own `[[stages.criteria]]`; left out: the event's `[[criteria]]`."""
    method: Literal["mean", "median", "trimmed", "rank"] | None = None
    """How the stage's juror totals combine; left out: `[scoring] method`."""
    trim: Count | None = Field(default=None, ge=0)
    """With "trimmed": how many extremes are dropped; left out: `[scoring] trim`."""
    normalise: Literal["none", "zscore"] = "none"
    """"zscore": each juror's totals standardised before they combine (see "Stages" in the README); "none": as they are."""
    jurors: list[Identifier] = Field(default_factory=list)
    """The ids of the stage's jurors; left out: every juror."""
    advance: Count | None = Field(default=None, ge=1)
    """How many entries go on to the next stage (the best by this stage's result); left out: no cut."""
    per_entry: Count | None = Field(default=None, ge=1)
    """A review stage: how many of the stage's jurors score each entry (panels); left out: every juror scores every entry."""
    documents: str | None = Field(default=None, min_length=1)
    """A review stage: where each entry's proposal is, a pattern with {group} (e.g. "proposals/{group}.pdf") or a folder."""


def _hub_url(value: object) -> str:
    from .hub_url import has_password, looks_like_url, masked

    if not isinstance(value, str) or not looks_like_url(value.strip()):
        shown = masked(value) if isinstance(value, str) else repr(value)
        raise PydanticCustomError("gelar_hub_url", "not a PostgreSQL URL", {"value": shown})
    if has_password(value):  # never echoed: the message shows the address masked
        raise PydanticCustomError("gelar_hub_password", "holds a password", {"value": masked(value.strip())})
    return value.strip()


HubUrl = Annotated[str, BeforeValidator(_hub_url)]
"""A PostgreSQL URL without a password, e.g. "postgresql://gelar@hub.local/gelar?sslmode=require"."""


class Hub(_Section):
    """The `[hub]` table: the PostgreSQL hub this event's journal is shipped to (see "One event on several machines")."""

    url: HubUrl | None = None
    """The hub's address, e.g. "postgresql://gelar@hub.local/gelar"; never with a password (libpq finds it in ~/.pgpass, PGPASSWORD or PGSERVICE). `--hub` and GELAR_HUB take precedence."""
    event: Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9._-]*$", max_length=100)] | None = None
    """The event's id on the hub (default: its title and date as a slug, e.g. "gelar-budaya-kerja-2026-2026-12-07")."""


class EventFile(_Section):
    """A whole event file."""

    event: EventInfo
    """The `[event]` table."""
    timing: Timing = Field(default_factory=Timing)
    """The `[timing]` table."""
    scoring: Scoring = Field(default_factory=Scoring)
    """The `[scoring]` table."""
    criteria: list[Criterion] = Field(min_length=1)
    """The `[[criteria]]` entries."""
    jurors: list[Juror] = Field(min_length=1)
    """The `[[jurors]]` entries."""
    groups: list[Group] = Field(min_length=1)
    """The `[[groups]]` entries, in running order."""
    awards: Awards = Field(default_factory=Awards)
    """The `[awards]` table."""
    recusals: list[Recusal] = Field(default_factory=list)
    """The `[[recusals]]` entries."""
    sound: Sound = Field(default_factory=Sound)
    """The `[sound]` table."""
    breaks: list[Break] = Field(default_factory=list)
    """The `[[breaks]]` entries."""
    # -- issue 21: days, categories, the letterhead --
    days: list[Day] = Field(default_factory=list)
    """The `[[days]]` entries, in date order (none: a one-day event on `[event] date`)."""
    categories: list[Category] = Field(default_factory=list)
    """The `[[categories]]` entries (none: one ranking of every group)."""
    document: Document = Field(default_factory=Document)
    """The `[document]` table."""
    # Stages (issue 22)
    stages: list[Stage] = Field(default_factory=list)
    """The `[[stages]]` entries, in order; left out: one presentation stage, as a day without stages."""
    hub: Hub = Field(default_factory=Hub)
    """The `[hub]` table."""

    def to_event(self) -> Event:
        """The plain model the program runs on."""
        return event_from_data(self.model_dump(mode="json"))

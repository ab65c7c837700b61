"""Spill files are data, not commands: each record is checked like the action that wrote it.

A spill file (JSON lines, see :mod:`gelar_tui.pipeline.unsaved`) holds records a process decided
while its journal could not be written. Each part of it opens with a *head* line that
binds it to its journal: the journal's identity (event title and date), the number and
hash of the last record the process had seen, and the origin that wrote it::

    {"spill": 1, "journal": "Gelar Budaya Kerja 2016|2016-08-16", "seq": 17, "hash": "9f…", "origin": "console"}

Taking it back is all or nothing. The head must name a record this journal holds with
that hash; every record must come from the head's origin (never a jury station: a file
cannot vouch that a station was opened with a PIN), lie in time between the record it is
bound to and now, in order; and pass the checks of the action that wrote it (ids the event
has, a score in range with at most two decimals, no score on a locked or recused sheet, a
slot started once, …), against the day as it stands with the records before it. PIN and
station records are never taken from a file. One record that fails refuses the whole file,
naming its line; records the journal already has are passed over.
"""

from __future__ import annotations

import json
import math
import os
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..journal.clock import Stamp
from ..errors import GelarError, Msg
from ..journal.store import GENESIS, Journal, Record
from .spillcheck import check_record
from .state import Kind
from .stations import a_station_may_write, station_of
from .unsaved import Unsaved, identity, spill_places

if TYPE_CHECKING:
    from .pipeline import Pipeline

SPILL_FORMAT = 1
EARLY = 5.0
"""Seconds a record may lie before the record its spill is bound to (two processes' clocks)."""
LATE = 300.0
"""Seconds a record may lie after the present moment of the process taking it back."""


@dataclass(frozen=True)
class SpillPart:
    """One part of a spill file: its head (line number, journal, the record seen, origin) and its records."""

    line: int
    journal: str
    seq: int
    hash: str
    origin: str
    records: list[tuple[int, Unsaved]]


def spill_head(journal: Journal, origin: str) -> str:
    """The head line that binds the records after it to *journal* as this process last saw it."""
    seq, digest = journal.seen
    return json.dumps({"spill": SPILL_FORMAT, "journal": journal.identity, "seq": seq, "hash": digest, "origin": origin})


def write_spill(journal: Journal, origin: str, unsaved: list[Unsaved]) -> Path:
    """Write *unsaved* to a spill file, under a head binding it to *journal*; return where it went.

    Beside the journal when its folder takes it, else in the user's data folder.
    """
    lines = spill_head(journal, origin) + "\n" + "".join(item.as_json() + "\n" for item in unsaved)
    for path in spill_places(journal.path):
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with open(path, "a", encoding="utf-8") as file:
                file.write(lines)
                file.flush()
                os.fsync(file.fileno())
            return path
        except OSError:
            continue
    raise GelarError("trust.spill_failed", path=str(journal.path))


def read_spill(path: Path) -> list[SpillPart]:
    """The parts of a spill file; a line that is neither a head nor a record is a clear error naming it."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise GelarError("trust.spill_unreadable", path=str(path), reason=str(exc)) from None
    parts: list[SpillPart] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            if not isinstance(row, dict):
                raise TypeError("line")
            if "spill" in row:
                if row["spill"] != SPILL_FORMAT or not isinstance(row["seq"], int) or isinstance(row["seq"], bool):
                    raise ValueError("head")
                parts.append(SpillPart(number, str(row["journal"]), row["seq"], str(row["hash"]), str(row["origin"]), []))
                continue
            boot = None if row["boot"] is None else _finite(row["boot"])
            stamp = Stamp(_finite(row["wall"]), boot, str(row["boot_id"]))
            if not isinstance(row["data"], dict) or not isinstance(row["kind"], str) or not isinstance(row["origin"], str):
                raise TypeError("data")
            item = Unsaved(row["kind"], row["data"], stamp, row["origin"])
        except (ValueError, KeyError, TypeError, RecursionError):
            raise GelarError("trust.spill_bad_line", path=str(path), line=number) from None
        if not parts:
            raise _refused(path, number, "trust.spill_unbound")
        parts[-1].records.append((number, item))
    return parts


def _finite(value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise ValueError("time")
    return float(value)


def take_back(pipeline: Pipeline, path: Path) -> int:
    """Check every record of the spill file at *path* and write those the journal does not have; how many.

    GelarError naming the first line that fails: then nothing is written.
    """
    parts = read_spill(path)
    written = 0
    try:
        with pipeline.journal.transaction():
            pipeline.catch_up()
            fresh: list[Unsaved] = []
            taken: Counter[tuple] = Counter()
            for part in parts:
                fresh += _check_part(pipeline, path, part, taken)
            for item in fresh:
                pipeline.journal.append(item.kind, item.data, item.stamp, item.origin)
            written = len(fresh)
    finally:
        pipeline.replay()  # checking moved the state in memory: the journal's order is the truth
    return written


def _check_part(pipeline: Pipeline, path: Path, part: SpillPart, taken: Counter[tuple]) -> list[Unsaved]:
    """The records of *part* the journal does not have yet, each checked; *taken* counts those taken so far.

    A record is passed over as often as the journal holds it after the record the part is bound to
    (the console wrote it once the journal came back), or an earlier part of the file had it (F2
    pressed twice writes the records waiting twice): the same score typed twice in one moment stays twice.
    """
    later = pipeline.journal.records(after=max(0, part.seq - 1))
    bound = later[0] if later and later[0].seq == part.seq else None
    if part.journal != pipeline.journal.identity or (part.seq, part.hash) != (
        (0, GENESIS) if part.seq == 0 else (part.seq, bound.hash if bound else None)
    ):
        raise _refused(path, part.line, "trust.spill_other_journal", journal=part.journal.replace("|", " "), seq=part.seq)
    if not part.origin:
        raise _refused(path, part.line, "trust.spill_station", origin=part.origin)
    station = station_of(part.origin)  # a station's part holds only what that station, opened with its PIN, may write
    if station is not None and not any(
        r.kind == Kind.STATION_OPENED and r.data.get("juror") == station for r in pipeline.journal.records() if r.seq <= part.seq
    ):
        raise _refused(path, part.line, "trust.spill_station_never_opened", origin=part.origin)
    known = Counter(identity(r.kind, r.data, r.stamp, r.origin) for r in later if r.seq > part.seq) + taken
    earliest = (bound.ts if bound else 0.0) - EARLY
    latest = pipeline.clock.now() + LATE
    fresh = []
    for number, item in part.records:
        if item.origin != part.origin:
            raise _refused(path, number, "trust.spill_origin", origin=item.origin, expected=part.origin)
        if station is not None and item.kind == Kind.STATION_CLOSED:
            continue  # the station noting its own end: the process that wrote the spill is gone anyway
        if station is not None and not a_station_may_write(station, item.kind, item.data):
            raise _refused(path, number, "trust.spill_station", origin=part.origin, kind=item.kind)
        wall = item.stamp.wall
        if not earliest <= wall <= latest:
            raise _refused(path, number, "trust.spill_time", when=_when(wall))
        earliest = wall - EARLY  # in order: no record before the one above it
        key = identity(item.kind, item.data, item.stamp, item.origin)
        if known[key] > 0:
            known[key] -= 1
            continue
        try:
            check_record(pipeline.event, pipeline.state, pipeline.event_record, item.kind, item.data)
        except GelarError as exc:
            raise _refused(path, number, exc.key, **exc.params) from None
        before = (pipeline.state.ignored, pipeline.state.unfit)
        wall, boot, boot_id = item.stamp
        pipeline.state.apply_all(pipeline.event, [Record(pipeline.state.seq, wall, item.kind, item.data, item.origin, boot, boot_id, "")])
        if (pipeline.state.ignored, pipeline.state.unfit) != before:
            raise _refused(path, number, "trust.spill_not_fit", kind=item.kind)
        taken[key] += 1
        fresh.append(item)
    return fresh


def _refused(path: Path, line: int, key: str, **params: Any) -> GelarError:
    return GelarError("trust.spill_refused", path=str(path), line=line, reason=Msg(key, params))


def _when(ts: float) -> str:
    from .eventrecord import when

    return when(ts)


__all__ = ["SpillPart", "check_record", "read_spill", "spill_head", "take_back", "write_spill"]

"""A checkpoint of the replayed state, kept in the user's cache folder: opening a long journal replays only its tail.

Replaying a day of 100,000 records reads and decodes every one of them. A checkpoint is the
state as of one record, written as plain JSON (never pickle or marshal: a file in a cache folder
must not be able to run code or crash the reader), so the next process to open the journal
decodes the state and replays only the records after it.

It is never trusted on any mismatch, and then the journal is replayed in full:

- the file is named after the journal's identity (its event's title and date and the hash of
  its first record: copies of one journal share it, a rehearsal's journal does not);
- inside, the format, the code version (gelar's version and the bytes of every module that
  folds records, :data:`FOLDING`), the event's digest (the ``event_file`` digest: a group added
  to the event file replays differently), and the number and chain hash of the record it stands for;
- the journal must hold that very record with that very hash: a journal cut short below it,
  or rewritten under it with its chain made whole again, has another hash there (or none).
  A record edited by hand without mending the chain is what ``gelar verify`` and every
  document's chain check catch: they read every record; opening a day does not.

Who writes it: the process that has just replayed, when it replayed at least :data:`KEEP_AFTER`
records (a console, a jury station, ``gelar results``), right after its replay and before it
writes anything, so a checkpoint never delays a write; it costs that one opening a few
milliseconds, against the replay it spares every later one. Written to a temporary file and
renamed over the old one, so no reader meets half a file. A cache folder that cannot be read or
written (a full disk, no permission, a damaged file) costs only the full replay, silently.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
import threading
import weakref
from dataclasses import fields
from functools import cache
from pathlib import Path
from typing import Any

from .. import __version__
from ..event.model import Event
from ..journal.store import Journal
from .eventrecord import digest, event_data
from .state import BreakRun, DayState, Slot

FORMAT = 1
KEEP_AFTER = 10_000
"""Records replayed at an opening from which a new checkpoint is written: 10,000 records replay in about
25 ms, what writing the checkpoint of a day of 200 groups × 15 jurors × 12 criteria costs."""
FOLDING = (
    "day/state.py",
    "day/fold.py",
    "day/kinds.py",
    "day/slot.py",
    "day/checkpoint.py",
    "day/pins.py",
    "day/eventrecord.py",
    "event/model.py",
    "event/days.py",
    "event/stages.py",
    "journal/store.py",
    "journal/replay_rows.py",
    "journal/clock.py",
)
"""The modules whose code decides what a replayed state holds: a checkpoint written by other code is not trusted."""
DERIVED = frozenset({"changes", "touched", "stage_criteria", "presentation_stage", "cut_before_stage", "names"})
"""State fields a checkpoint does not keep: the event's own (made afresh from it), and what a replay leaves at zero."""


@cache
def code_version() -> str | None:
    """gelar's version and a digest of the bytes of every module in :data:`FOLDING`; None when one cannot
    be read (a frozen build without its sources): then no checkpoint is read or written at all."""
    here = Path(__file__).resolve().parent.parent
    hasher = hashlib.sha256(__version__.encode())
    for name in FOLDING:
        try:
            hasher.update(b"\0" + name.encode() + b"\0" + (here / name).read_bytes())
        except OSError:
            return None
    return hasher.hexdigest()


_digests: dict[int, tuple[weakref.ref, str]] = {}


def event_digest(event: Event) -> str:
    """The digest of *event*'s ``event_file`` record, worked out once per event object (a few milliseconds)."""
    found = _digests.get(id(event))
    if found is None or found[0]() is not event:
        key = id(event)
        found = _digests[key] = (weakref.ref(event, lambda _, key=key: _digests.pop(key, None)), digest(event_data(event)))
    return found[1]


def checkpoint_path(journal: Journal) -> Path | None:
    """Where the checkpoint of *journal* is kept (None: a journal with no chain or no record has none)."""
    first = journal.hash_at(1)
    if first is None:
        return None
    import platformdirs

    name = hashlib.sha256(f"{journal.identity}\0{first}".encode()).hexdigest()
    return platformdirs.user_cache_path("gelar", appauthor=False) / "replay" / f"{name}.json"


VIEWS = ("console", "display", "rehearsal", "jury:")
"""The origins whose opening may start from a checkpoint: the views, whose start a person waits for.
Every command (results, documents, status, verify, a takeover) and the desk replay the whole journal,
so nothing printed or signed rests on a file in the cache folder, which the chain does not cover."""


def uses_checkpoint(origin: str) -> bool:
    """Whether a day opened for *origin* may start from a checkpoint (see :data:`VIEWS`)."""
    return origin.startswith(VIEWS)


def open_state(event: Event, journal: Journal, *, keep_after: int | None = None, trust: bool = True) -> DayState:
    """The state of *journal*'s records: from its checkpoint and the records after it when the checkpoint
    holds (and *trust* allows it), else replayed in full; a new checkpoint is written when *keep_after*
    (:data:`KEEP_AFTER`) records or more were replayed, trusted or not."""
    if not isinstance(journal, Journal) or code_version() is None:  # a hub's records read as a journal (hub/reader.py)
        return DayState.from_rows(event, *journal.replay_rows())
    keep_after = KEEP_AFTER if keep_after is None else keep_after
    path = checkpoint_path(journal)
    state = load(event, journal, path) if path is not None and trust else None
    if state is None:
        state = DayState.initial(event)
    rows, last = journal.replay_rows(after=state.seq)
    state.fold_rows(event, rows, last)
    if path is not None and len(rows.others) + len(rows.scores) >= keep_after:
        save(event, journal, state, path)
    return state


def load(event: Event, journal: Journal, path: Path) -> DayState | None:
    """The state kept at *path*, when everything it is keyed on matches (else None: replay in full)."""
    try:
        kept = json.loads(_read(path))
        if (
            kept.get("format") != FORMAT
            or kept.get("code") != code_version()
            or kept.get("identity") != journal.identity
            or kept.get("event") != event_digest(event)
            or not isinstance(kept.get("seq"), int)
            or kept["seq"] < 1
            or journal.hash_at(kept["seq"]) != kept.get("hash")
        ):
            return None
        state = decode(event, kept["state"])
        if state.seq != kept["seq"]:
            return None
        return state
    except Exception:  # noqa: BLE001 - whatever the file holds, a full replay is the answer
        return None


def _read(path: Path) -> bytes:
    """The bytes of the regular file at *path* (OSError for anything else: a pipe there must not hang the opening)."""
    with open(os.open(path, os.O_RDONLY | os.O_NONBLOCK), "rb") as file:
        if not stat.S_ISREG(os.fstat(file.fileno()).st_mode):
            raise OSError(f"not a regular file: {path}")
        return file.read()


def save(event: Event, journal: Journal, state: DayState, path: Path) -> bool:
    """Keep *state* at *path*, atomically; False (and nothing said) when it cannot be written."""
    seq_hash = journal.hash_at(state.seq)
    if seq_hash is None:
        return False
    temporary = path.with_name(f"{path.stem}.{os.getpid()}.{threading.get_ident()}.tmp")
    try:
        text = json.dumps(
            {
                "format": FORMAT,
                "code": code_version(),
                "identity": journal.identity,
                "event": event_digest(event),
                "seq": state.seq,
                "hash": seq_hash,
                "state": encode(state),
            },
            ensure_ascii=False,
            separators=(",", ":"),
        )
        path.parent.mkdir(parents=True, exist_ok=True)
        # owner only, as the journal: the state holds the jurors' PIN hashes; a new file (no link followed)
        temporary.unlink(missing_ok=True)
        with open(os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "w", encoding="utf-8") as file:
            file.write(text)
        os.replace(temporary, path)
        return True
    except (OSError, ValueError, TypeError):
        try:
            temporary.unlink(missing_ok=True)
        except OSError:
            pass
        return False


# -- the state as JSON ---------------------------------------------------------


def encode(state: DayState) -> dict[str, Any]:
    """Every field of *state* but the :data:`DERIVED` ones, as JSON values (tuples and sets as lists)."""
    return {item.name: _ENCODE[item.name](getattr(state, item.name)) for item in fields(state) if item.name not in DERIVED}


def decode(event: Event, data: dict[str, Any]) -> DayState:
    """The state :func:`encode` gave *data* for, on *event* (its derived fields made afresh from it)."""
    state = DayState.initial(event)
    names = state.names  # the sheets and locks keyed by the event's own strings, as replay keys them
    for item in fields(state):
        if item.name not in DERIVED:
            setattr(state, item.name, _DECODE[item.name](data[item.name], names))
    return state


def _same(value: Any, names: dict[str, str] | None = None) -> Any:
    return value


def _pairs(keys: Any) -> list:
    return [list(key) for key in keys]


def _pair_set(rows: list, names: dict[str, str] | None = None) -> set:
    names = names or {}
    return {(names.get(a, a), names.get(b, b)) for a, b in rows}


def _keyed(table: dict) -> list:
    return [[*key, value] for key, value in table.items()]


def _keyed_back(rows: list, names: dict[str, str] | None = None) -> dict:
    return {(a, b): value for a, b, value in rows}


def _sheets(sheets: dict) -> dict[str, Any]:
    """Sheets as rows [group, juror, for each of *criteria* the index of its score in *values*, or null].

    No key is written 36,000 times, and each distinct score is one number: read back, the sheets share
    those int objects as replay's do (a ranking reads them faster than 36,000 ints of their own).
    """
    criteria: dict[str, int] = {}
    for sheet in sheets.values():
        for criterion in sheet:
            criteria.setdefault(criterion, len(criteria))
    values: dict[int, int] = {}
    rows = []
    for (group, juror), sheet in sheets.items():
        cells: list = [None] * len(criteria)
        for criterion, value in sheet.items():
            cells[criteria[criterion]] = values.setdefault(value, len(values))
        rows.append([group, juror, *cells])
    return {"criteria": list(criteria), "values": list(values), "rows": rows}


def _sheets_back(data: dict[str, Any], names: dict[str, str] | None = None) -> dict:
    names = names or {}
    criteria = [names.get(c, c) for c in data["criteria"]]
    values = data["values"]
    if not all(type(value) is int for value in values):
        raise ValueError("a score that is no whole number of hundredths")
    score = values.__getitem__
    sheets = {}
    for group, juror, *cells in data["rows"]:
        key = (names.get(group, group), names.get(juror, juror))
        if None in cells:
            sheets[key] = {name: score(cell) for name, cell in zip(criteria, cells) if cell is not None}
        else:
            sheets[key] = dict(zip(criteria, map(score, cells)))
    return sheets


def _slot(slot: Slot) -> list:
    return [
        slot.planned,
        slot.extension,
        slot.started_at,
        slot.running_since,
        slot.run_before,
        slot.finished_at,
        slot.skipped,
        [[list(pair) for pair in key] for key in slot.alerted],
        [[index, run] for index, run in slot.marks.items()],
        [[index, seconds] for index, seconds in slot.segment_extension.items()],
        slot.withdrawn,
    ]


def _slot_back(row: list) -> Slot:
    planned, extension, started_at, running_since, run_before, finished_at, skipped, alerted, marks, extended, withdrawn = row
    return Slot(
        planned=planned,
        extension=extension,
        started_at=started_at,
        running_since=running_since,
        run_before=run_before,
        finished_at=finished_at,
        skipped=skipped,
        alerted={tuple(tuple(pair) for pair in key) for key in alerted},
        marks={index: run for index, run in marks},
        segment_extension={index: seconds for index, seconds in extended},
        withdrawn=withdrawn,
    )


_ENCODE: dict[str, Any] = {
    "order": _same,
    "current": _same,
    "slots": lambda slots: [[group, _slot(slot)] for group, slot in slots.items()],
    "sheets": _sheets,
    "locked": _pairs,
    "revealed": _same,
    "awards_shown": _same,
    "pins": _same,
    "wrong_pins": _keyed,
    "pin_wait_until": _keyed,
    "stations": lambda stations: [[juror, _pairs(opened)] for juror, opened in stations.items()],
    "display": _same,
    "board_category": _same,
    "seq": _same,
    "ignored": _same,
    "unfit": _same,
    "unfit_records": _same,
    "event_digest": _same,
    "anchors": lambda anchors: [[boot, list(anchor)] for boot, anchor in anchors.items()],
    "recused": _keyed,
    "recused_in_file": _pairs,
    "breaks": lambda breaks: [[name, run.started_at, run.finished_at] for name, run in breaks.items()],
    "on_break": _same,
    "clock_used": _same,
    "stage_sheets": lambda staged: [[stage, _sheets(sheets)] for stage, sheets in staged.items()],
    "stage_locked": lambda staged: [[stage, _pairs(locked)] for stage, locked in staged.items()],
    "panels": lambda panels: [[stage, [[group, list(jurors)] for group, jurors in by_group.items()]] for stage, by_group in panels.items()],
    "closed": lambda closed: [[stage, record] for stage, record in closed.items()],
    "group_day": lambda group_day: [[group, day] for group, day in group_day.items()],
    "days": _same,
    "day": _same,
    "closed_days": sorted,
}
_DECODE: dict[str, Any] = {
    "order": lambda rows, names: list(rows),
    "current": _same,
    "slots": lambda rows, names: {group: _slot_back(row) for group, row in rows},
    "sheets": _sheets_back,
    "locked": _pair_set,
    "revealed": _same,
    "awards_shown": _same,
    "pins": lambda table, names: dict(table),
    "wrong_pins": _keyed_back,
    "pin_wait_until": _keyed_back,
    "stations": lambda rows, names: {juror: {(host, pid) for host, pid in opened} for juror, opened in rows},
    "display": _same,
    "board_category": _same,
    "seq": lambda value, names: int(value),
    "ignored": lambda value, names: int(value),
    "unfit": lambda value, names: int(value),
    "unfit_records": lambda rows, names: list(rows),
    "event_digest": _same,
    "anchors": lambda rows, names: {boot: (wall, at) for boot, (wall, at) in rows},
    "recused": _keyed_back,
    "recused_in_file": lambda rows, names: frozenset(_pair_set(rows)),
    "breaks": lambda rows, names: {name: BreakRun(started, finished) for name, started, finished in rows},
    "on_break": _same,
    "clock_used": _same,
    "stage_sheets": lambda rows, names: {stage: _sheets_back(sheets, names) for stage, sheets in rows},
    "stage_locked": lambda rows, names: {stage: _pair_set(locked, names) for stage, locked in rows},
    "panels": lambda rows, names: {stage: {group: tuple(jurors) for group, jurors in by_group} for stage, by_group in rows},
    "closed": lambda rows, names: {stage: record for stage, record in rows},
    "group_day": lambda rows, names: {group: day for group, day in rows},
    "days": _same,
    "day": _same,
    "closed_days": lambda rows, names: set(rows),
}

"""Records that wait in memory while the journal cannot be written, and the spill file.

The disk may fill up, the file may be made read-only, the USB stick holding it may be
pulled, or another process may hold it busy too long. None of it may cost a second or a
score: the action is decided on the state in memory, its records wait there in order
with the moment they happened (boot clock included), and they are written, in order,
as soon as the journal takes writes again, followed by a ``journal_fault`` record that
says what happened. Meanwhile the moderator can write them to a *spill file* (JSON lines)
beside the journal, or in the user's data folder when the journal's folder is gone;
a restart, or ``gelar scores import``, takes a spill file back. A spill file is bound to
its journal and its records are data, checked like the actions that wrote them (see
:mod:`gelar_tui.day.spill`). Taking back is idempotent: a record the journal already has
(same kind, data, times and origin) is passed over.

This module holds what such a record is; the write pipeline (:mod:`gelar_tui.day.pipeline`)
holds them and writes them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..journal.clock import Stamp
from ..journal.store import Record

SPILL_SUFFIX = ".spill"


@dataclass(frozen=True)
class Unsaved:
    """A record decided but not yet written."""

    kind: str
    data: dict[str, Any]
    stamp: Stamp
    origin: str

    def as_json(self) -> str:
        wall, boot, boot_id = self.stamp
        return json.dumps(
            {"kind": self.kind, "data": self.data, "wall": wall, "boot": boot, "boot_id": boot_id, "origin": self.origin},
            ensure_ascii=False,
            sort_keys=True,
        )


def is_spill(path: Path) -> bool:
    return path.name.endswith(SPILL_SUFFIX) or path.name.endswith(SPILL_SUFFIX + ".taken")


def spill_places(journal: Path) -> list[Path]:
    import platformdirs

    name = journal.name + SPILL_SUFFIX
    return [journal.with_name(name), platformdirs.user_data_path("gelar", appauthor=False) / "spill" / name]


def as_record(item: Unsaved, seq: int) -> Record:
    """*item* as a record the state applies (numbered *seq*: it is not in the journal yet)."""
    wall, boot, boot_id = item.stamp
    return Record(seq, round(wall, 6), item.kind, item.data, item.origin, None if boot is None else round(boot, 6), boot_id, "")


def identity(kind: str, data: dict, stamp: Stamp, origin: str) -> tuple:
    """What tells a record apart from another: a record taken back twice is written once."""
    wall, boot, boot_id = stamp
    boot_key = None if boot is None else round(boot, 6)
    return kind, json.dumps(data, sort_keys=True), round(wall, 6), boot_key, boot_id, origin

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
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..journal.clock import Stamp
from ..errors import GelarError
from ..journal.store import JournalWriteError, Record
from .state import DayState, Kind

if TYPE_CHECKING:
    from .facade import Day

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


class UnsavedRecords:
    """What a Day does while its journal cannot be written (a mixin: ``self`` is the Day)."""

    unsaved: list[Unsaved]
    fault: JournalWriteError | None
    spill_refused: GelarError | None = None
    """Why the spill file beside the journal was not taken back (see take_back_spill)."""

    def _keep(self: Day, pending: list[tuple[str, dict[str, Any]]]) -> None:
        """Hold *pending* in memory and apply it to the state, as if written."""
        if not pending:
            return
        stamp = self.clock.stamp()
        self._bridge(pending, stamp)
        kept = [Unsaved(kind, data, stamp, self.origin) for kind, data in pending]
        self.unsaved.extend(kept)
        records = [Record(self.state.seq, *_fields(item)) for item in kept]
        self.state.apply_all(self.event, records)

    def flush_unsaved(self: Day) -> bool:
        """Write the records waiting in memory, in order; True when none wait any more."""
        if not self.unsaved:
            return True
        try:
            with self.journal.transaction():
                for item in self.unsaved:
                    self.journal.append(item.kind, item.data, item.stamp, item.origin)
                fault = self.fault
                note = {"reason": fault.reason if fault else "unknown", "records": len(self.unsaved)}
                self.journal.append(Kind.JOURNAL_FAULT, note, self.clock.stamp(), self.origin)
        except JournalWriteError as fault:
            self.fault = fault
            return False
        self.unsaved.clear()
        self.fault = None
        self._replay()
        return True

    def _replay(self: Day) -> None:
        """Rebuild the state from the journal: after a fault, its order is the truth."""
        self.journal.changed()
        self.state = DayState.from_rows(self.event, *self.journal.replay_rows())

    def spill(self: Day) -> Path:
        """Write the records waiting in memory to a spill file; return where it went.

        Beside the journal when its folder takes it, else in the user's data folder. The
        records stay in memory too, and are still written to the journal when it can take them.
        """
        if not self.unsaved:
            raise GelarError("trust.nothing_to_spill")
        from .spill import spill_head

        lines = spill_head(self.journal, self.origin) + "\n" + "".join(item.as_json() + "\n" for item in self.unsaved)
        for path in _spill_places(self.journal.path):
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                with open(path, "a", encoding="utf-8") as file:
                    file.write(lines)
                    file.flush()
                    os.fsync(file.fileno())
                return path
            except OSError:
                continue
        raise GelarError("trust.spill_failed", path=str(self.journal.path))

    def take_back_spill(self: Day, path: Path | None = None) -> int:
        """Write a spill file's records into the journal (those it does not have yet); return how many.

        Each record is checked like the action that wrote it (see :mod:`gelar_tui.day.spill`); one that
        fails refuses the whole file (GelarError naming its line). Without *path*, the spill file
        beside the journal, if any: renamed ``….taken`` once taken back; when refused, it stays
        where it is and ``spill_refused`` says why (a console starting must not fail on a file).
        """
        from .spill import take_back

        beside = path is None
        path = path or self.journal.path.with_name(self.journal.path.name + SPILL_SUFFIX)
        if beside and not path.exists():
            return 0
        try:
            count = take_back(self, path)
        except GelarError as exc:
            if not beside:
                raise
            self.spill_refused = exc
            return 0
        if beside:
            path.rename(path.with_name(path.name + ".taken"))
        return count


def is_spill(path: Path) -> bool:
    return path.name.endswith(SPILL_SUFFIX) or path.name.endswith(SPILL_SUFFIX + ".taken")


def _spill_places(journal: Path) -> list[Path]:
    import platformdirs

    name = journal.name + SPILL_SUFFIX
    return [journal.with_name(name), platformdirs.user_data_path("gelar", appauthor=False) / "spill" / name]


def _fields(item: Unsaved) -> tuple:
    wall, boot, boot_id = item.stamp
    return (round(wall, 6), item.kind, item.data, item.origin, None if boot is None else round(boot, 6), boot_id, "")


def identity(kind: str, data: dict, stamp: Stamp, origin: str) -> tuple:
    """What tells a record apart from another: a record taken back twice is written once."""
    wall, boot, boot_id = stamp
    boot_key = None if boot is None else round(boot, 6)
    return kind, json.dumps(data, sort_keys=True), round(wall, 6), boot_key, boot_id, origin

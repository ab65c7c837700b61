"""Recusals declared during the day: a juror steps aside for one group, or comes back.

:class:`~gelar_tui.day.facade.Day` takes these actions from :class:`RecusalActions`; each runs
inside the day's ``_action`` (lock, catch up, check, append), like every other action.
Recusals written in the event file (``[[recusals]]``) are in force from the start and
cannot be withdrawn here: the file is where they were declared, and where they change.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..errors import GelarError
from .state import Kind

if TYPE_CHECKING:
    from .facade import Day


class RecusalActions:
    """What a Day can do with recusals (a mixin: ``self`` is the Day)."""

    def is_recused(self: Day, group: str, juror: str) -> bool:
        """Whether *juror* stands aside for *group* (by the event file or the journal)."""
        return (group, juror) in self.state.recused

    def scores_kept(self: Day, group: str, juror: str) -> int:
        """How many scores *juror* gave *group*: they stay in the journal, out of the results, once recused."""
        return len(self.state.sheets.get((group, juror), {}))

    def recuse(self: Day, group: str, juror: str, reason: str) -> None:
        """Take *juror* off *group*'s jury, for *reason*; refused when the method could no longer apply."""
        from ..scoring.rules import recusal_refusal

        with self._action() as out:
            self._check_ids(group, juror)
            if not reason.strip():
                raise GelarError("recusal.reason_needed")
            if (group, juror) in self.state.recused:
                raise GelarError("recusal.already", juror=self.event.juror_name(juror), group=self.event.group(group).name)
            refusal = recusal_refusal(self.event, {*self.state.recused, (group, juror)}, group)
            if refusal is not None:
                raise GelarError(refusal[0], **refusal[1])
            data = {"group": group, "juror": juror, "reason": reason.strip(), "scores_kept": self.scores_kept(group, juror)}
            out.append((Kind.RECUSAL_DECLARED, data))

    def withdraw_recusal(self: Day, group: str, juror: str, reason: str) -> None:
        """Bring *juror* back to *group*'s jury, for *reason*; a recusal of the event file stays."""
        with self._action() as out:
            self._check_ids(group, juror)
            if not reason.strip():
                raise GelarError("recusal.reason_needed")
            names = {"juror": self.event.juror_name(juror), "group": self.event.group(group).name}
            if (group, juror) in self.state.recused_in_file:
                raise GelarError("recusal.in_file", **names)
            if (group, juror) not in self.state.recused:
                raise GelarError("recusal.not_recused", **names)
            out.append((Kind.RECUSAL_WITHDRAWN, {"group": group, "juror": juror, "reason": reason.strip()}))

    def _refuse_recused(self: Day, group: str, juror: str) -> None:
        """No score and no lock on the sheet of a recused juror."""
        if (group, juror) in self.state.recused:
            raise GelarError("recusal.sheet_recused", juror=self.event.juror_name(juror), group=self.event.group(group).name)

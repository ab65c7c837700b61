"""Withdrawing a group that will not present (it did not show up), and bringing it back.

:class:`~gelar_tui.day.facade.Day` takes these actions from :class:`WithdrawalActions`; each runs
inside the day's ``_action`` like every other action, and writes one journaled record with
its reason. A withdrawn group is left out of the ranking, named with its reason in the
documents, and no longer keeps the results provisional (see :mod:`gelar_tui.scoring.finality`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..errors import GelarError
from .state import Kind

if TYPE_CHECKING:
    from .facade import Day

REASON_LIMIT = 300
"""The longest reason kept (a reason is printed in the documents)."""


def _reason(reason: str) -> str:
    """The reason as it is kept: one line of printable text, at most REASON_LIMIT characters."""
    text = " ".join("".join(c if c.isprintable() else " " for c in reason).split())
    if not text:
        raise GelarError("withdraw.needs_reason")
    return text[:REASON_LIMIT]


class WithdrawalActions:
    """Withdrawing and reinstating groups (a mixin: ``self`` is the Day)."""

    def withdraw(self: Day, group: str, reason: str) -> None:
        """Withdraw *group* for *reason*: refused once it has presented, or while its clock runs.

        A group called but not started (or paused and set aside) leaves the stage: its clock is
        set back, and the next group is called when it was the current one.
        """
        with self._action() as out:
            self._known_group(group)
            text = _reason(reason)
            refusal = self.withdraw_refusal(group)
            if refusal is not None:
                raise refusal
            slot = self.state.slots[group]
            if slot.started:
                out.append((Kind.SLOT_RESTARTED, {"group": group}))
            out.append((Kind.GROUP_WITHDRAWN, {"group": group, "reason": text}))
            if self.state.current == group:
                out.append((Kind.CURRENT_CHANGED, {"group": self._following(group, skipping=group)}))

    def withdraw_refusal(self: Day, group: str) -> GelarError | None:
        """Why *group* cannot be withdrawn now (None when it can): asked before a reason is typed."""
        slot, name = self.state.slots[group], self.event.group(group).name
        if slot.withdrawn is not None:
            return GelarError("withdraw.already", group=name)
        if slot.finished:
            return GelarError("withdraw.presented", group=name)
        if slot.running:
            return GelarError("withdraw.on_stage", group=name)
        return None

    def reinstate(self: Day, group: str, reason: str) -> None:
        """Undo a withdrawal, for *reason*: the group waits in the running order again."""
        with self._action() as out:
            self._known_group(group)
            text = _reason(reason)
            if self.state.slots[group].withdrawn is None:
                raise GelarError("withdraw.not_withdrawn", group=self.event.group(group).name)
            out.append((Kind.GROUP_REINSTATED, {"group": group, "reason": text}))

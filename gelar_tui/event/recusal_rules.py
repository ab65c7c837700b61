"""The rule every set of recusals must keep: somebody scores each group, enough for the method.

It reads the event alone (its jurors, its method and trim), so the event file's check
(``eventfile.check_rules``, for the file's ``[[recusals]]``), the day (for a recusal
declared during the day) and the ranking (which jurors count for a group) share it.
"""

from __future__ import annotations

from collections.abc import Collection

from .model import Event


def present_jurors(event: Event, recused: Collection[tuple[str, str]], group: str) -> list[str]:
    """The jurors who score *group*: every juror but those recused from it."""
    return [j for j in event.juror_ids if (group, j) not in recused] if recused else list(event.juror_ids)


def recusal_refusal(event: Event, recused: Collection[tuple[str, str]], group: str) -> tuple[str, dict] | None:
    """Why these recusals cannot stand for *group* (a message key and its values), or None when they can.

    Somebody must score every group, and the trimmed method needs 2·trim+1 present jurors.
    """
    present = len(present_jurors(event, recused, group))
    name = event.group(group).name
    if present == 0:
        return "recusal.nobody_left", {"group": name}
    trim = event.scoring.trim
    if event.scoring.method == "trimmed" and present < 2 * trim + 1:
        return "recusal.breaks_trim", {"group": name, "present": present, "trim": trim, "needed": 2 * trim + 1}
    return None

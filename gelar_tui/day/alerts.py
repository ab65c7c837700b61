"""The clock's alerts as moments: which alert a clock crossed, the sound it calls for, and its record.

A screen that shows a slot clock compares each view with the one before
(:func:`crossed`): an alert fires when the clock crosses it while someone watches.
Each alert that fired is written to the journal once per run of the slot, by
whichever process saw it first (the decision :func:`record_alert`, taken under the
journal's write lock), so the organiser can show when it rang.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from .state import DayState, Kind, alert_key
from .timing import Phase, SlotView, Stage

if TYPE_CHECKING:
    from ..event.model import Event
    from .decide import Records

TIME_UP = "time_up"
"""The stage of the alert at zero (the others are numbered 1, 2, … from the longest)."""
TICK_FROM = 10
"""The soft tick sounds on each of the last this many seconds."""


class Cue(StrEnum):
    """The sounds the hall hears: one per alert stage, and the tick."""

    FIRST = "first"
    SECOND = "second"
    LAST = "last"
    TIME_UP = "time_up"
    TICK = "tick"


def cue_for_alert(index: int, count: int) -> Cue:
    """The sound of alert *index* (0 = the longest) of *count*: the last alert always sounds LAST."""
    if index == count - 1:
        return Cue.LAST
    return Cue.FIRST if index == 0 else Cue.SECOND


@dataclass(frozen=True, slots=True)
class Alert:
    """An alert the clock crossed: whose slot, which alert, when, and the sound it calls for."""

    group: str
    identity: dict[str, Any]
    """What names the alert in a run of the slot: ``{"stage": 1}`` … ``{"stage": "time_up"}``."""
    cue: Cue
    remaining: float
    """The slot's remaining seconds when it was seen (negative past zero)."""
    alert_s: int = 0
    """The alert's own remaining time, as set in ``[timing] alerts`` (0 at zero)."""

    @property
    def time_up(self) -> bool:
        return self.cue == Cue.TIME_UP

    def record(self, sound: str | None = None) -> dict[str, Any]:
        """The alert record's data; *sound* says what the hall heard ("played", "muted", "off")."""
        data = {"group": self.group, **self.identity, "alert_s": self.alert_s, "remaining_s": round(self.remaining, 2)}
        if sound is not None:
            data["sound"] = sound
        return data


def watched_across(before: SlotView | None, now: SlotView) -> bool:
    """Whether *before* and *now* are one running clock seen twice (so what lies between was crossed)."""
    if before is None or now.group is None or before.group != now.group:
        return False
    return before.phase in (Phase.RUNNING, Phase.OVERTIME) and now.phase in (Phase.RUNNING, Phase.OVERTIME, Phase.DONE)


def crossed(event: Event, before: SlotView | None, now: SlotView) -> Alert | None:
    """The alert the clock crossed from *before* to *now*; None when none was, or nobody watched.

    A clock first seen past an alert (a console started after a crash) crosses nothing;
    a step across several alerts at once fires the latest.
    """
    if not watched_across(before, now):
        return None
    assert before is not None and now.group is not None
    # In a slot with segments each segment alerts on its own: the segment is part of the alert's name.
    where = {"segment": now.segment} if now.segments > 1 else {}
    if now.segment != before.segment:
        before = None  # a new segment begins: only its own alerts count from here
    if now.stage == Stage.OVER and (before is None or before.stage != Stage.OVER):
        return Alert(now.group, {"stage": TIME_UP, **where}, Cue.TIME_UP, now.remaining, 0)
    reached_before = 0 if before is None else before.alerts_reached
    if now.alerts_reached > reached_before:
        alerts = sorted(now.alerts if now.segments > 1 else event.timing.alerts, reverse=True)
        index = now.alerts_reached - 1
        return Alert(now.group, {"stage": index + 1, **where}, cue_for_alert(index, len(alerts)), now.remaining, alerts[index])
    return None


def tick_due(before: SlotView | None, now: SlotView) -> bool:
    """Whether the face just moved to one of the last TICK_FROM seconds."""
    return (
        watched_across(before, now)
        and now.phase == Phase.RUNNING
        and 0 < now.shown_remaining <= TICK_FROM
        and before is not None
        and now.shown_remaining != before.shown_remaining
    )


def record_alert(state: DayState, alert: Alert, sound: str | None = None) -> Records:
    """The record of *alert*, unless this run of its slot has it already (or the slot has not started)."""
    slot = state.slots.get(alert.group)
    data = alert.record(sound)
    if slot is not None and slot.started and alert_key(data) not in slot.alerted:
        return [(Kind.ALERT, data)]
    return []

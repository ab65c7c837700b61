"""Every journal on the hub at a glance (what ``gelar desk`` shows): one line per journal, from its Day.

The line is computed here, not in the desk's widgets: the group on stage and its time left,
the delay, sheets locked of expected, provisional or final, and the leader. The ranking is
the day's live ranking (:class:`~gelar_tui.scoring.live_ranking.LiveRanking`), which tallies
again only the groups a record named, so a busy hub costs the desk little.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..event.durations import format_clock

if TYPE_CHECKING:
    from ..day.facade import Day
    from ..scoring.live_ranking import LiveRanking


@dataclass(frozen=True)
class JournalLine:
    """One journal as the desk shows it (names are user text: shown as plain text)."""

    journal: str
    event: str
    title: str
    on_stage: str | None
    """The name of the group on stage (None: nobody is called)."""
    left: str
    """Its time left ("12:34"), overtime ("+01:15") or "" when nobody is on stage."""
    delay_s: int | None
    """How late the day runs (negative: early); None without a planned start."""
    sheets_locked: int
    sheets_expected: int
    final: bool
    leader: str | None
    """The name of the group ranked first (None while no group has a total)."""


def journal_line(day: Day, journal: str, event: str, now: float | None = None, ranking: LiveRanking | None = None) -> JournalLine:
    """The line of *day* (read from the hub as journal *journal* of event *event*) at *now*; *ranking*
    is the view's own live ranking of that day (a fresh one when None: a full tally)."""
    from ..day.schedule import build_schedule
    from ..scoring.live_ranking import LiveRanking

    now = day.now() if now is None else now
    state = day.state
    current = state.current
    on_stage = left = None
    if current is not None:
        on_stage = day.event.group(current).name
        view = day.slot(current, now)
        remaining = view.slot_remaining
        left = format_clock(max(0, math.ceil(remaining))) if remaining >= 0 else "+" + format_clock(view.slot_overtime)
    ranking = LiveRanking(day.event) if ranking is None else ranking
    results = ranking.results(state, day.overtimes(now))
    leader = next((entry.group for entry in results.entries if entry.rank == 1), None)
    schedule = build_schedule(day.event, state, now, now + (day.wall_now() - day.now()))
    return JournalLine(
        journal=journal,
        event=event,
        title=day.event.event.title,
        on_stage=on_stage,
        left=left or "",
        delay_s=None if schedule.delay is None else round(schedule.delay),
        sheets_locked=results.sheets_locked,
        sheets_expected=results.sheets_expected,
        final=not results.provisional,
        leader=None if leader is None else day.event.group(leader).name,
    )


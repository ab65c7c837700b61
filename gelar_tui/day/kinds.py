"""The kinds of journal records, and the sets of kinds the state's fold and its readers tell apart."""

from __future__ import annotations

from enum import StrEnum


class Kind(StrEnum):
    """The kinds of journal records."""

    SLOT_STARTED = "slot_started"
    SLOT_PAUSED = "slot_paused"
    SLOT_RESUMED = "slot_resumed"
    SLOT_EXTENDED = "slot_extended"
    SLOT_FINISHED = "slot_finished"
    SLOT_RESTARTED = "slot_restarted"
    GROUP_SKIPPED = "group_skipped"
    CURRENT_CHANGED = "current_changed"
    ORDER_CHANGED = "order_changed"
    SCORE_SET = "score_set"
    SHEET_LOCKED = "sheet_locked"
    SHEET_UNLOCKED = "sheet_unlocked"
    RESULTS_REVEALED = "results_revealed"
    AWARD_REVEALED = "award_revealed"
    CLOCK_BRIDGED = "clock_bridged"
    JOURNAL_FAULT = "journal_fault"
    TAKEOVER = "takeover"
    """Another laptop took the journal over from the hub (who, and the last record it had): changes nothing on stage."""
    RECUSAL_DECLARED = "recusal_declared"
    RECUSAL_WITHDRAWN = "recusal_withdrawn"
    ALERT = "alert"
    PIN_SET = "pin_set"
    PIN_FAILED = "pin_failed"
    PIN_WAIT_CLEARED = "pin_wait_cleared"
    STATION_OPENED = "station_opened"
    STATION_CLOSED = "station_closed"
    DISPLAY_SHOWN = "display_shown"
    SEGMENT_STARTED = "segment_started"
    SEGMENT_UNDONE = "segment_undone"
    BREAK_STARTED = "break_started"
    BREAK_FINISHED = "break_finished"
    GROUP_WITHDRAWN = "group_withdrawn"
    GROUP_REINSTATED = "group_reinstated"
    EVENT_FILE = "event_file"
    BOARD_CATEGORY = "board_category"
    """The category the scoreboard shows, on the console and in the hall (``"*"``: the overall ranking)."""
    # -- stages (issue 22): a review stage's panels and the cut that closes a stage --
    PANELS_SET = "panels_set"
    """A review stage's panels: {stage, panels: {group: [jurors]}, seed?, source}."""
    STAGE_CLOSED = "stage_closed"
    """A stage closed: {stage, finalists: [groups in ranking order], decision?: {tied, chosen, reason}}."""
    # -- issue 21: the day being run of several (see :mod:`gelar_tui.day.days`) --
    DAY_OPENED = "day_opened"
    """The console opened on day ``day``: every view runs that day's running order."""
    GROUP_MOVED = "group_moved"
    """A group presents on day ``day`` instead (its bus broke down): last of that day's order."""
    DAY_CLOSED = "day_closed"
    """Day ``day`` is over: its groups' scores are locked unless ``[scoring] scores_open_across_days``."""


ALERT_DETAILS = frozenset({"group", "alert_s", "remaining_s", "sound"})
"""The keys of an alert record that say when and where it fired; every other key names the alert."""


def alert_key(data: dict) -> tuple:
    """What names an alert within a run of a slot: its record's keys but group and timing.

    Today that is ``stage``; a key added later (a segment of the slot) names it too.
    """
    return tuple(sorted((key, value) for key, value in data.items() if key not in ALERT_DETAILS))


SCORE_SET = Kind.SCORE_SET.value  # a plain str compares faster than the enum member
EVENT_FILE = Kind.EVENT_FILE.value
SHEET_KINDS = frozenset({Kind.SHEET_LOCKED.value, Kind.SHEET_UNLOCKED.value})
RECUSAL_KINDS = frozenset({Kind.RECUSAL_DECLARED.value, Kind.RECUSAL_WITHDRAWN.value})
SHEET_RECORD_KINDS = frozenset({SCORE_SET, *SHEET_KINDS, *RECUSAL_KINDS})
"""The kinds of record that change only the score sheets (neither the clock, the order nor the stage)."""
STATION_KINDS = frozenset(
    {Kind.PIN_SET.value, Kind.PIN_FAILED.value, Kind.PIN_WAIT_CLEARED.value, Kind.STATION_OPENED.value, Kind.STATION_CLOSED.value}
)
STATION_RECORD_KINDS = STATION_KINDS
SLOT_KINDS = frozenset(
    {
        Kind.SLOT_STARTED,
        Kind.SLOT_PAUSED,
        Kind.SLOT_RESUMED,
        Kind.SLOT_EXTENDED,
        Kind.SLOT_FINISHED,
        Kind.SLOT_RESTARTED,
        Kind.GROUP_SKIPPED,
        Kind.SEGMENT_STARTED,
        Kind.SEGMENT_UNDONE,
    }
)
BREAK_KINDS = frozenset({Kind.BREAK_STARTED, Kind.BREAK_FINISHED})
WITHDRAWAL_KINDS = frozenset({Kind.GROUP_WITHDRAWN, Kind.GROUP_REINSTATED})
STAGE_KINDS = frozenset({Kind.PANELS_SET.value, Kind.STAGE_CLOSED.value})
DAY_KINDS = frozenset({Kind.DAY_OPENED.value, Kind.GROUP_MOVED.value, Kind.DAY_CLOSED.value})

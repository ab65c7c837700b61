"""The day: the `Day` facade, its state replayed from the journal, the slot clock, the schedule and every action's rules.

Stands on `event` and `journal`; the mixins of `Day` (scores, recusals, the rundown, the hall, stations, alerts, unsaved records) live here.

The submodules are imported where they are used, never here: the console's start-up stays light.
"""

__all__ = [
    "alerts",
    "eventrecord",
    "facade",
    "hall",
    "pins",
    "recusal",
    "rundown",
    "schedule",
    "scorebook",
    "spill",
    "spillcheck",
    "state",
    "stations",
    "timing",
    "unsaved",
    "withdrawal",
]

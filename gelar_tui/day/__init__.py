"""The day: the `Day` facade, its state replayed from the journal, the slot clock, the schedule and every action's rules.

Stands on `event` and `journal`; each verb's decision is a plain function of its domain's module, written by the one pipeline (`pipeline`).
`days` runs one day of several: the day opened, a group moved to another day, a day's close locking its scores.

The submodules are imported where they are used, never here: the console's start-up stays light.
"""

__all__ = [
    "alerts",
    "days",
    "decide",
    "eventrecord",
    "facade",
    "hall",
    "pins",
    "pipeline",
    "recusal",
    "rundown",
    "schedule",
    "scorebook",
    "slots",
    "spill",
    "spillcheck",
    "state",
    "stations",
    "timing",
    "unsaved",
    "withdrawal",
]

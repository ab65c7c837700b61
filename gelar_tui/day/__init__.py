"""The day: the `Day` facade, its state replayed from the journal, the slot clock, the schedule, every action's rules, and the stages (panels, the cut, the running order).

Stands on `event` and `journal`; each verb's decision is a plain function of its domain's module, written by the one pipeline (`pipeline`).
`days` runs one day of several: the day opened, a group moved to another day, a day's close locking its scores.
`state` is the day's state, `fold` applies each record to it, `kinds` names the records' kinds, `slot` a group's slot and a score sheet.
`checkpoint` keeps the replayed state in the user's cache folder, so opening a long journal replays only its tail.

The submodules are imported where they are used, never here: the console's start-up stays light.
"""

__all__ = [
    "alerts",
    "checkpoint",
    "days",
    "decide",
    "eventrecord",
    "facade",
    "fold",
    "hall",
    "kinds",
    "pins",
    "pipeline",
    "recusal",
    "rundown",
    "schedule",
    "scorebook",
    "slot",
    "slots",
    "stages",
    "spill",
    "spillcheck",
    "state",
    "stations",
    "timing",
    "unsaved",
    "withdrawal",
]

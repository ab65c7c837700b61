"""The event as the program runs on it: its model (frozen records that compile nothing as they load; the later sections in ``sections``), the file's schema, reading and checking a file, its reference, its days and categories, its stages, the address of its hub.

Knows nothing of the journal or the day: the layer every other package stands on.

The submodules are imported where they are used, never here: the console's start-up stays light.
"""

__all__ = [
    "days",
    "durations",
    "eventfile",
    "frozen",
    "hub_url",
    "model",
    "recusal_rules",
    "reference",
    "rundown_rules",
    "schema",
    "sections",
    "stages",
    "template",
]

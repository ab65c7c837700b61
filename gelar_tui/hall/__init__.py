"""What happens in the hall at a clock's alert: the sounds, made and played.

Core, without Textual: the sounds, and the player an app that plays the alerts hands their cues to (`HallAlerts`).

The submodules are imported where they are used, never here: the console's start-up stays light.
"""

__all__ = [
    "hall_alerts",
    "sound",
]

"""What happens in the hall at a clock's alert: the sounds, made and played, and the alert's record.

Core, without Textual: any app that shows a slot clock attaches :class:`~gelar_tui.hall.hall_alerts.HallAlerts`.

The submodules are imported where they are used, never here: the console's start-up stays light.
"""

__all__ = [
    "hall_alerts",
    "sound",
]

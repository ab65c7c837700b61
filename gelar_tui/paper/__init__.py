"""The jury's paper: printed forms, CSV sheets, Excel workbooks written and read back, PIN slips; the participant list read into an event file.

The submodules are imported where they are used, never here: the console's start-up stays light.
"""

__all__ = [
    "forms",
    "participants",
    "participants_toml",
    "sheets",
    "slips",
    "workbook",
    "workbook_read",
]

"""The jury's paper: printed forms, CSV sheets, Excel workbooks written and read back, PIN slips.

The submodules are imported where they are used, never here: the console's start-up stays light.
"""

__all__ = [
    "forms",
    "sheets",
    "slips",
    "workbook",
    "workbook_read",
]

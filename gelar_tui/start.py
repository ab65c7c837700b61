"""The `gelar` command's entry point: the process starts with the garbage collector off.

Starting the console builds tens of thousands of objects that live all day (modules,
classes, widgets, styles), and the collector would walk them over and over for nothing:
about a tenth of the console's start-up on the CI machine. The console switches it on
again once its first frame is drawn, with everything built so far frozen out of its way
(see ``GelarApp.console_drawn``); every other command switches it on as it starts.
"""

from __future__ import annotations

import gc


def main() -> int:
    gc.disable()
    from .cli import main as run

    return run()

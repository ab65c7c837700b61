"""The `gelar` commands, one module per family.

Each module has ``register(commands, common)``, which adds its parsers to the
``commands`` sub-parsers (``common`` carries ``--journal`` and ``--lang``) and sets
``handler`` on them: a function of ``(args, context)``, or of ``(args, messages)``
for a command with ``needs_event=False``. Modules import what their commands need
when they run, so that starting the console pays for none of it.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from pathlib import Path
from types import ModuleType

from ..errors import GelarError
from ..i18n import Messages

FAMILIES = ("console", "hall", "eventfile", "forms", "scores", "results", "analysis", "status", "stations", "trust")
"""The command modules, in the order their commands are listed in ``gelar --help``."""


def modules() -> list[ModuleType]:
    return [importlib.import_module(f"{__name__}.{name}") for name in FAMILIES]


def event_argument(parser: argparse.ArgumentParser, *, required: bool = False) -> None:
    """The EVENT argument most commands take (the bundled demo when left out)."""
    if required:
        parser.add_argument("event", type=Path, metavar="EVENT", help="the event file")
    else:
        parser.add_argument("event", nargs="?", type=Path, metavar="EVENT", help="the event file (default: the bundled demo)")


def write_output(content: str | bytes, output: Path | None, t: Messages) -> int:
    """Print *content*, or write it to *output* and say so; an unwritable file is a clear error."""
    if output is None:
        if isinstance(content, bytes):
            sys.stdout.buffer.write(content)
        else:
            sys.stdout.write(content)
        return 0
    try:
        if isinstance(content, bytes):
            output.write_bytes(content)
        else:
            output.write_text(content, encoding="utf-8")
    except OSError as exc:
        raise GelarError("error.output_unwritable", path=str(output), reason=exc.strerror or str(exc)) from None
    print(t("cli.written", path=str(output)), file=sys.stderr)
    return 0

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
from typing import TYPE_CHECKING

from ..errors import GelarError, Msg

if TYPE_CHECKING:
    from ..context import Context

FAMILIES = ("console", "hall", "eventfile", "forms", "scores", "results", "days", "rundown", "analysis", "status", "stations", "trust", "hub", "takeover", "desk")
"""The command modules, in the order their commands are listed in ``gelar --help``."""


def modules() -> list[ModuleType]:
    return [importlib.import_module(f"{__name__}.{name}") for name in FAMILIES]


def event_argument(parser: argparse.ArgumentParser, *, required: bool = False) -> None:
    """The EVENT argument most commands take (the bundled demo when left out)."""
    if required:
        parser.add_argument("event", type=Path, metavar="EVENT", help="the event file")
    else:
        parser.add_argument("event", nargs="?", type=Path, metavar="EVENT", help="the event file (default: the bundled demo)")


def hub_options(parser: argparse.ArgumentParser) -> None:
    """``--hub URL --event ID``: read the day from the hub instead of a file (see context.hub_request)."""
    parser.add_argument("--hub", metavar="URL", help="read the day from this hub (PostgreSQL URL; the password comes from PGPASSWORD or ~/.pgpass)")
    parser.add_argument(
        "--event", dest="hub_event", metavar="ID", help="the event's id on the hub (may be left out when the hub holds one event; address from GELAR_HUB or [hub] url when --hub is not given)"
    )
    parser.set_defaults(reads_hub=True)


def write_output(content: str | bytes, output: Path | None, context: Context, *, private: bool = False) -> int:
    """Print *content*, or write it to *output* and say so; an unwritable file is a clear error.

    The event file and any journal are never overwritten (:func:`refuse_protected_output`);
    a *private* file (it holds PINs) is created readable by its owner alone.
    """
    t = context.t
    if output is None:
        if isinstance(content, bytes):
            sys.stdout.buffer.write(content)
        else:
            sys.stdout.write(content)
        return 0
    refuse_protected_output(output, context)
    data = content if isinstance(content, bytes) else content.encode("utf-8")
    from ..paths import write_file

    try:
        write_file(output, data, private=private)
    except OSError as exc:
        raise GelarError("error.output_unwritable", path=str(output), reason=exc.strerror or str(exc)) from None
    print(t("cli.written", path=str(output)), file=sys.stderr)
    return 0


_PROTECTED = {"event": "commands.output_is_event", "journal": "commands.output_is_journal"}


def refuse_protected_output(output: Path, context: Context) -> None:
    """Refuse (exit 2) an output file that is the event file or a journal, however it is named or linked."""
    from ..paths import protected_kind

    kind = protected_kind(output, context.event_path, context.journal_path)
    if kind is not None:
        raise GelarError("commands.output_protected", path=str(output), what=Msg(_PROTECTED[kind]))

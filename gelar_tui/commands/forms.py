"""`gelar forms`: printed score forms and score workbooks for the jury, from the event file."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..context import Context
from ..errors import GelarError
from . import event_argument


def register(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    forms = commands.add_parser("forms", parents=[common], help="printed score forms and Excel score workbooks for the jury")
    event_argument(forms)
    forms.add_argument("-o", "--output", type=Path, metavar="FOLDER", required=True, help="the folder to write into (made if missing)")
    forms.add_argument("--group", metavar="ID", help="paper: one page for this group with every juror's column, instead of a form per juror")
    forms.add_argument("--one-workbook", action="store_true", help="Excel: every juror in one workbook, a sheet each (default: a workbook per juror)")
    forms.add_argument("--stage", metavar="ID", help="a stage's forms: its criteria, and for each of its jurors only the entries of their panels")
    forms.set_defaults(handler=cmd_forms)


def cmd_forms(args: argparse.Namespace, context: Context) -> int:
    from ..paper.forms import group_form, juror_form
    from ..paper.workbook import forms_workbook

    event, t = context.event, context.t
    if args.stage is not None:
        return _stage_forms(args, context)
    day = context.open_day()
    try:
        order = list(day.state.order)
    finally:
        day.close()
    files: dict[str, str | bytes] = {}
    if args.group is not None:
        if args.group not in event.group_ids:
            raise GelarError("paper.cli.unknown_group", group=args.group, known=", ".join(event.group_ids))
        files[f"form-{args.group}.html"] = group_form(event, args.group, order.index(args.group) + 1, t)
    else:
        for juror in event.jurors:
            files[f"form-{juror.id}.html"] = juror_form(event, order, juror, t)
    if args.one_workbook:
        files["scores.xlsx"] = forms_workbook(event, order, event.jurors, t)
    else:
        for juror in event.jurors:
            files[f"scores-{juror.id}.xlsx"] = forms_workbook(event, order, [juror], t)
    write_files(args.output, files)
    print(t("paper.cli.forms_written", count=len(files), folder=str(args.output)))
    for name in files:
        print(f"  {name}")
    return 0


def _stage_forms(args: argparse.Namespace, context: Context) -> int:
    """`gelar forms --stage ID`: a form and a workbook per juror of the stage, with their own entries only."""
    from ..day.stages import find_stage, juror_entries, stage_event
    from ..event.stages import jurors_of
    from ..paper.forms import juror_form
    from ..paper.workbook import forms_workbook

    event, t = context.event, context.t
    stage = find_stage(event, args.stage)
    if args.group is not None:
        raise GelarError("stageday.forms_group", stage=stage.name)
    day = context.open_day()
    try:
        if stage.per_entry is not None and stage.id not in day.state.panels:
            raise GelarError("stageday.no_panels", stage=stage.name, stage_id=stage.id)
        jurors = [event.jurors[event.juror_ids.index(j)] for j in jurors_of(event, stage)]
        orders = {juror.id: juror_entries(event, day.state, stage, juror.id) for juror in jurors}
    finally:
        day.close()
    seen = stage_event(event, stage)
    named = None if stage.kind == "presentation" else stage.id
    files: dict[str, str | bytes] = {}
    import dataclasses

    titled = dataclasses.replace(seen, event=dataclasses.replace(seen.event, title=f"{event.event.title} · {stage.name}"))  # paper only
    for juror in jurors:
        files[f"form-{stage.id}-{juror.id}.html"] = juror_form(titled, orders[juror.id], juror, t)
    if args.one_workbook:
        files[f"scores-{stage.id}.xlsx"] = forms_workbook(seen, orders, jurors, t, named)
    else:
        for juror in jurors:
            files[f"scores-{stage.id}-{juror.id}.xlsx"] = forms_workbook(seen, orders, [juror], t, named)
    write_files(args.output, files)
    print(t("paper.cli.forms_written", count=len(files), folder=str(args.output)))
    for name in files:
        print(f"  {name}")
    return 0


def write_files(folder: Path, files: dict[str, str | bytes]) -> None:
    """Write every file into *folder*, or none: a file already there may hold a juror's scores."""
    for name in files:
        if (folder / name).exists():
            raise GelarError("paper.cli.forms_exists", path=str(folder / name))
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for name, content in files.items():
            if isinstance(content, bytes):
                (folder / name).write_bytes(content)
            else:
                (folder / name).write_text(content, encoding="utf-8")
    except OSError as exc:
        raise GelarError("paper.cli.folder_unwritable", path=str(folder), reason=exc.strerror or str(exc)) from None

"""`gelar panels`: a review stage's panels, assigned (or an organiser's own, checked), journaled and shown."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..context import Context
from ..errors import GelarError
from . import event_argument


def register(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    panels = commands.add_parser("panels", parents=[common], help="a review stage's panels: assign them, take an organiser's own, or show them")
    event_argument(panels, required=True)
    panels.add_argument("--stage", required=True, metavar="ID", help="the review stage (its id in [[stages]])")
    how = panels.add_mutually_exclusive_group()
    how.add_argument("--seed", type=int, metavar="N", help="assign them, deterministically for N (default 0)")
    how.add_argument("--from", dest="source", type=Path, metavar="CSV", help="take this assignment (columns group,juror), checked by the same rules")
    how.add_argument("--show", action="store_true", help="show the panels journaled (the default once they are set)")
    panels.set_defaults(handler=cmd_panels)


def cmd_panels(args: argparse.Namespace, context: Context) -> int:
    from ..day.stages import entries_or_refusal, find_stage

    event, t = context.event, context.t
    stage = find_stage(event, args.stage)
    if stage.kind != "review" or stage.per_entry is None:
        raise GelarError("stageday.no_panels_here", stage=stage.name)
    assigning = args.seed is not None or args.source is not None
    if not assigning:
        day = context.look_at_day() if context.journal_path.exists() else None
        try:
            found = None if day is None else day.state.panels.get(stage.id)
        finally:
            if day is not None:
                day.close()
        if found is not None:
            print(show_panels(context, stage, found))
            return 0
        if args.show:
            raise GelarError("stageday.no_panels", stage=stage.name, stage_id=stage.id)
    warnings: list[tuple[str, dict]] = []
    with context.writing_day() as day:
        entries = [g for g in entries_or_refusal(event, day.state, stage) if day.state.slots[g].withdrawn is None]
        conflicts = _conflicts(context, stage, day.state)
        if args.source is not None:
            panels, source = _from_file(context, stage, entries, conflicts, args.source, warnings), f"file:{args.source.name}"
            seed = None
        else:
            from ..scoring.panels import assign
            from ..event.stages import jurors_of

            seed = args.seed or 0
            panels, source = assign(entries, jurors_of(event, stage), stage.per_entry, conflicts, seed), "assigned"
        day.set_panels(stage.id, panels, source, seed)
    for key, values in warnings:
        print(t("commands.warning", text=t(key, **values)), file=sys.stderr)
    print(show_panels(context, stage, panels))
    print(t("stageday.panels_saved", path=str(context.journal_path)))
    return 0


def _conflicts(context: Context, stage, state) -> dict[str, frozenset[str]]:
    """Each juror's conflicts: the event file's (conflicts and recusals) and the journal's recusals."""
    from ..event.stages import conflicts_of, jurors_of

    found = {j: set(groups) for j, groups in conflicts_of(context.event, jurors_of(context.event, stage)).items()}
    for group, juror in state.recused:
        if juror in found:
            found[juror].add(group)
    return {j: frozenset(groups) for j, groups in found.items()}


def _from_file(context: Context, stage, entries: list[str], conflicts, path: Path, warnings: list) -> dict[str, tuple[str, ...]]:
    from ..event.stages import jurors_of
    from ..paper.sheets import sheet_bytes
    from ..scoring.panels import check_assignment

    raw = sheet_bytes(path)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
    panels, problems, found = check_assignment(text, path.name, entries, jurors_of(context.event, stage), stage.per_entry, conflicts, stage.id)
    if panels is None:
        raise GelarError("stages.csv_refused", problems, path=path.name)
    warnings.extend(found)
    return panels


def show_panels(context: Context, stage, panels: dict[str, tuple[str, ...]]) -> str:
    """The panels per juror (their entries) and per entry (its jurors), then the spread measure."""
    from ..event.stages import jurors_of
    from ..printable import printable
    from ..scoring.panels import spread_of

    event, t = context.event, context.t
    jurors = list(jurors_of(event, stage))
    lines = [t("stageday.panels_title", stage=stage.name, entries=len(panels), per_entry=stage.per_entry), "", t("stageday.per_juror")]
    for juror in jurors:
        mine = [g for g, panel in panels.items() if juror in panel]
        lines.append(f"  {event.juror_name(juror)} ({juror}): {len(mine)} · {', '.join(mine) or '-'}")
    lines += ["", t("stageday.per_entry")]
    for group, panel in panels.items():
        lines.append(f"  {event.group(group).name} ({group}): {', '.join(event.juror_name(j) for j in panel) or '-'}")
    spread = spread_of(panels, jurors)
    if spread.load:
        shared = list(spread.shared.values()) or [0]
        lines += [
            "",
            t(
                "stageday.spread",
                fewest=min(spread.load.values()),
                most=max(spread.load.values()),
                partners_min=min(spread.partners.values()),
                partners_max=max(spread.partners.values()),
                possible=len(jurors) - 1,
                shared_min=min(shared),
                shared_max=max(shared),
                square=sum(n * n for n in shared),
            ),
        ]
    return printable("\n".join(lines))

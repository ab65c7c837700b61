"""`gelar stages`: each stage of the event, its panels, its sheets, its ranking so far and its cut."""

from __future__ import annotations

import argparse

from ..context import Context
from . import event_argument, hub_options, write_output


KINDS = {"review": "stageday.kind_review", "presentation": "stageday.kind_presentation"}


def register(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    stages = commands.add_parser("stages", parents=[common], help="each stage: its panels, sheets, ranking so far and cut")
    event_argument(stages, required=True)
    hub_options(stages)
    stages.set_defaults(handler=cmd_stages)


def cmd_stages(args: argparse.Namespace, context: Context) -> int:
    from ..day.stages import expected_sheets, missing_sheets, stage_entries
    from ..event.stages import stages_of
    from ..printable import printable
    from ..results.stage_results import analysis_lines, criteria_names, cut_lines, stage_results, stage_table

    event, t = context.event, context.t
    day = context.look_at_day()
    try:
        results = stage_results(day)
        lines = [event.event.title]
        for stage in stages_of(event):
            kind = t(KINDS.get(stage.kind, "stageday.kind_review"))
            lines += ["", f"{stage.name} ({stage.id}) · {kind}", "  " + t("stageday.criteria", names=criteria_names(event, stage.id))]
            if stage.kind == "review" and stage.per_entry is not None:
                panels = day.state.panels.get(stage.id)
                lines.append("  " + (t("stageday.panels_set", count=len(panels), per_entry=stage.per_entry) if panels is not None
                                     else t("stageday.panels_not_set", command=context.command("panels", "--stage", stage.id))))
            if stage_entries(event, day.state, stage.id) is None:
                lines.append("  " + t("stageday.entries_unknown"))
                continue
            expected = expected_sheets(event, day.state, stage)
            lines.append("  " + t("stageday.sheets_complete", done=expected - len(missing_sheets(event, day.state, stage)), expected=expected))
            result = results.get(stage.id)
            if result is not None:
                lines += stage_table(event, result, t)
                lines += cut_lines(day, stage.id, result, t)
                lines += analysis_lines(day, stage.id, result, t)
    finally:
        day.close()
    return write_output(printable("\n".join(lines) + "\n"), None, context)

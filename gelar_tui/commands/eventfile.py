"""`gelar new` and `gelar check`: writing and checking the event file."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from ..context import Context
from ..event.durations import format_duration
from ..errors import GelarError
from ..i18n import Messages
from ..day.schedule import BREAK, planned_length, planned_offsets, running_items
from . import event_argument


def register(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    new = commands.add_parser("new", parents=[common], help="write a commented event file to start from")
    new.add_argument("file", type=Path, metavar="FILE")
    new.add_argument("--from", dest="participants", type=Path, metavar="LIST", help="the participant list (.xlsx or .csv): one row per group")
    new.add_argument("--jurors", type=Path, metavar="JURORS", help="the jurors (.xlsx or .csv), when the list's workbook has no jurors' sheet")
    new.set_defaults(handler=cmd_new, needs_event=False)

    groups = commands.add_parser("groups", parents=[common], help="the groups of an event file")
    groups_commands = groups.add_subparsers(dest="groups_command", metavar="COMMAND", required=True)
    import_list = groups_commands.add_parser("import", parents=[common], help="replace the groups (and their categories and days) by a participant list's")
    event_argument(import_list, required=True)
    import_list.add_argument("participants", type=Path, metavar="LIST", help="the participant list (.xlsx or .csv)")
    import_list.set_defaults(handler=cmd_groups_import)

    check = commands.add_parser("check", parents=[common], help="check an event file and summarise it")
    event_argument(check)
    check.set_defaults(handler=cmd_check, full_check=True)


def cmd_new(args: argparse.Namespace, t: Messages) -> int:
    from ..event.template import template

    path: Path = args.file
    if path.exists():
        raise GelarError("error.new_exists", path=str(path))
    text = template(t.language)
    if args.participants is not None:
        from .participants import event_from_list

        text = event_from_list(text, args.participants, args.jurors, path.name)
    elif args.jurors is not None:
        raise GelarError("provincial.participants.jurors_without_list")
    from ..paths import write_file

    try:
        write_file(path, text.encode("utf-8"))  # whole or not at all: a full disk leaves no half a file
    except OSError as exc:
        raise GelarError("error.new_unwritable", path=str(path), reason=exc.strerror or str(exc)) from None
    from ..terminal import command_line

    print(t("commands.new_written", path=str(path), command=command_line("check", path)))
    return 0


def cmd_groups_import(args: argparse.Namespace, context: Context) -> int:
    from .participants import groups_import

    return groups_import(args, context)


def cmd_check(args: argparse.Namespace, context: Context) -> int:
    event, t = context.event, context.t
    from ..ui.themes import theme_names

    known = theme_names()
    if event.event.theme not in known:
        raise GelarError("error.unknown_theme", path=context.event_path.name, name=event.event.theme, known=", ".join(sorted(known)))
    print(t("cli.check_ok", path=str(context.event_path)))
    print(f"  {event.event.title} - {event.event.organizer}")
    print(f"  {event.event.venue}, {event.event.date.isoformat()}")
    if event.timing.segments:  # each segment has its own alerts
        for segment in event.timing.segments:
            alerts = ", ".join(format_duration(a) for a in segment.alerts) or "-"
            print(t("cli.check_slot", slot=f"{segment.name} {format_duration(segment.length)}", alerts=alerts, overtime=event.timing.overtime))
    else:
        alerts = ", ".join(format_duration(a) for a in event.timing.alerts) or "-"
        print(t("cli.check_slot", slot=format_duration(event.timing.slot), alerts=alerts, overtime=event.timing.overtime))
    print(t("cli.check_groups", count=len(event.groups)))
    rows = []
    from ..event.days import event_days

    running = [event.group(g) for day in event_days(event) for g in day.groups]  # day by day, each in its running order
    for number, group in enumerate(running, start=1):
        slot = format_duration(group.slot) if group.slot else ""
        rows.append([f"{number}.", group.name, group.agency, slot, t("cli.members", count=len(group.members)), *_where_in_event(event, group, t)])
    _print_columns(rows)
    print(t("cli.check_jurors", count=len(event.jurors)))
    _print_columns([f"{juror.id}:", juror.name, juror.affiliation] for juror in event.jurors)
    print(t("cli.check_criteria", count=len(event.criteria), method=t(f"method.{event.scoring.method}")))
    _print_columns([f"{criterion.id}:", criterion.name, t("cli.weight", weight=criterion.weight)] for criterion in event.criteria)
    for line in planned_schedule(event, t):
        print(line)
    print(t("cli.check_journal", path=str(context.journal_path)))
    return 0


def _where_in_event(event, group, t: Messages) -> list[str]:
    """A group's category and day, for an event that has them (nothing for one day without categories)."""
    from ..event.days import category_name, day_of_group

    found = [category_name(event, group.category)] if event.categories else []
    if event.days:
        found.append(t("provincial.check.on_day", number=day_of_group(event, group.id)))
    return found


def _print_columns(rows) -> None:
    from ..terminal import columns

    for line in columns(rows, indent="    "):
        print(line)


def planned_schedule(event, t: Messages) -> list[str]:
    """The lines of the planned schedule: each item's planned start, the day's end, the changeover (each day's, over several)."""
    from ..event.days import event_days
    from ..i18n import long_date

    days = event_days(event)
    if len(days) == 1:
        return _day_schedule(event, t, days[0])
    lines = []
    for day in days:
        lines.append(t("provincial.check.day_header", number=day.number, count=len(days), date=long_date(day.date, t)))
        lines += ["  " + line for line in _day_schedule(event, t, day)]
    return lines


def _day_schedule(event, t: Messages, day) -> list[str]:
    from ..event.durations import format_clock

    items = running_items(event, list(day.groups))
    start = day.start
    if start is not None:
        origin = dt.datetime.combine(day.date, start)
        when = lambda seconds: (origin + dt.timedelta(seconds=seconds)).strftime("%H:%M")  # noqa: E731
    else:
        when = lambda seconds: "+" + format_clock(seconds)  # noqa: E731
    from ..terminal import columns

    lines = [t("rundown.schedule_title" if start is not None else "rundown.schedule_no_start")]
    rows = []
    for (kind, name, length), offset in zip(items, planned_offsets(event, items)):
        if kind == BREAK:
            rows.append([when(offset), f"{name} ({format_duration(length)})"])
            continue
        parts = ", ".join(f"{s.name} {format_duration(s.length)}" for s in event.segments_of(name)) if event.segmented(name) else ""
        rows.append([when(offset), f"{event.group(name).name} ({format_duration(length)}{f': {parts}' if parts else ''})"])
    lines += columns(rows, indent="    ")
    lines.append("    " + t("rundown.schedule_end", time=when(planned_length(event, items))))
    if day.end is not None:
        lines.append(t("rundown.schedule_deadline", time=day.end.strftime("%H:%M")))
        if start is not None:
            over = planned_length(event, items) - (dt.datetime.combine(day.date, day.end) - origin).total_seconds()
            if over > 0:
                planned, end = when(planned_length(event, items)), day.end.strftime("%H:%M")
                lines.append("  " + t("commands.warning", text=t("commands.plan_overruns", planned=planned, end=end, over=format_duration(int(over)))))
    if event.timing.changeover:
        lines.append("  " + t("rundown.changeover", length=format_duration(event.timing.changeover)))
    return lines

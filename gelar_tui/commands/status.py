"""`gelar status` and `gelar log`: where the day stands, and the journal record by record."""

from __future__ import annotations

import argparse
import json
import math
import sys
from datetime import datetime

from ..context import Context
from ..day.facade import Day
from ..event.durations import format_clock
from ..i18n import Messages
from ..day.rundown import delay_text
from ..terminal import columns, safe_text
from . import event_argument, hub_options


def register(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    status = commands.add_parser("status", parents=[common], help="where the day stands")
    event_argument(status)
    hub_options(status)
    status.add_argument("--json", action="store_true", help="machine-readable output")
    status.set_defaults(handler=cmd_status)

    log = commands.add_parser("log", parents=[common], help="the journal, one line a record, oldest first")
    event_argument(log)
    hub_options(log)
    log.set_defaults(handler=cmd_log)


def cmd_status(args: argparse.Namespace, context: Context) -> int:
    day = context.look_at_day()
    try:
        data = status_data(day, context.t)
        schedule = day.schedule()
    finally:
        day.close()
    if args.json:
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return 0
    t = context.t
    current = data["current"]
    if data.get("day") is not None:  # an event of several days: the day the room is on
        from ..event.days import event_days

        date = event_days(context.event)[data["day"] - 1].date.isoformat()
        print(t("today.cli.status_day", day=data["day"], count=len(event_days(context.event)), date=date))
    if data.get("days_closed"):
        print(t("today.cli.status_closed", days=", ".join(map(str, data["days_closed"]))))
    name = context.event.group(current).name if current else "-"
    pause = data["break"]
    if pause is not None:  # the hall waits for the break, then for the group named next
        until = datetime.fromisoformat(pause["expected_end"]).strftime("%H:%M")
        if pause["overtime_s"]:
            print(t("commands.break_over", name=pause["name"], over=format_clock(pause["overtime_s"]), until=until))
        else:
            print(t("commands.break_on", name=pause["name"], remaining=format_clock(pause["remaining_s"]), until=until))
        print("  " + t("commands.after_break", group=name))
    else:
        print(t("cli.status_current", group=name, phase=t(f"phase.{data['phase']}")))
    if data["segment"] and pause is None:
        print(f"  {data['segment']}: {format_clock(data['segment_remaining_s'])}")
    if current and pause is None:
        over = data["overtime_s"] and not data["remaining_s"]
        clock = f"+{format_clock(data['overtime_s'])}" if over else format_clock(data["remaining_s"])
        print(t("cli.status_clock", clock=clock))
    rows = [
        [f"{number}.", context.event.group(group["group"]).name, t("status." + group["status"]), format_clock(int(group["time_used_s"]))]
        for number, group in enumerate(data["groups"], start=1)
    ]
    if "group_days" in data:  # an event of several days: each group's day
        rows = [row + [t("provincial.check.on_day", number=data["group_days"][group["group"]])] for row, group in zip(rows, data["groups"])]
    for line in columns(rows):
        print(line)
    if data["delay_s"] is not None:
        print(t("rundown.status_delay", status=delay_text(schedule, t)))
    print(t("cli.status_scores", scores=data["scores"]["in"], expected=data["scores"]["expected"], locked=data["sheets"]["locked"], sheets=data["sheets"]["expected"]))
    print(data["results_status"])
    return 0


def status_data(day: Day, t: Messages | None = None) -> dict:
    """Where the day stands, as `gelar status --json` prints it (with *t*, whether final also in words)."""
    from ..results.export import missing_data
    from ..scoring.day_results import results_of
    from ..scoring.finality import status_text

    now = day.now()
    view = day.slot(now=now)
    results = results_of(day, now)
    groups = []
    for group in day.state.order:
        slot = day.state.slots[group]
        own = day.slot(group, now)
        groups.append(
            {
                "group": group,
                "status": slot.status.value,
                "time_used_s": round(own.slot_time_run, 1),
                "planned_s": slot.planned,
                "extension_s": slot.extension,
                "overtime_s": own.slot_overtime,
            }
        )
    pause = day.break_view(now)
    return {
        "event": day.event.event.title,
        "current": day.state.current,
        "phase": "break" if pause is not None else view.phase.value,
        # the break under way: the hall waits for it, not for the group named in "current"
        "break": None if pause is None else {
            "name": pause.name,
            "length_s": pause.length,
            "remaining_s": max(0, math.ceil(pause.remaining)),
            "overtime_s": max(0, math.floor(-pause.remaining)),
            "expected_end": datetime.fromtimestamp(pause.back_at).astimezone().isoformat(timespec="seconds"),
        },
        # the whole slot's (with segments, the one on stage is segment_remaining_s)
        "remaining_s": max(0, math.ceil(view.slot_remaining)),
        "overtime_s": view.slot_overtime,
        "remaining": max(0.0, view.slot_remaining),
        "overtime": max(0.0, -view.slot_remaining),
        "next": day.next_up(),
        "order": list(day.state.order),
        "groups": groups,
        "scores": {"in": results.scores_in, "expected": results.scores_expected},
        "sheets": {"locked": results.sheets_locked, "expected": results.sheets_expected},
        "provisional": results.provisional,
        "missing": missing_data(results),
        **({"results_status": status_text(results, day.event, t)} if t is not None else {}),
        "withdrawn": {group: reason for group, reason in results.withdrawn},
        "journal_records": day.state.seq,
        **rundown_data(day, now),
        **days_data(day),
    }


def days_data(day: Day) -> dict:
    """With several days: the day being run (the console's, from the journal), each group's day, the days closed."""
    state = day.state
    if state.days < 2:
        return {}
    from ..day.days import day_of

    return {
        "day": state.day,
        "days_closed": sorted(state.closed_days),
        "group_days": {group: day_of(state, group) for group in state.order},
    }


def rundown_data(day: Day, now: float) -> dict:
    """The segment on stage, how late the day runs, and the schedule item by item (ISO local times)."""
    view = day.slot(now=now)
    schedule = day.schedule(now)

    def iso(moment: float | None) -> str | None:
        local = schedule.local(moment)
        return None if local is None else local.isoformat()

    return {
        "segment": view.segment_name or None,
        "segment_remaining_s": view.shown_remaining if view.group is not None else None,
        "delay_s": None if schedule.delay is None else round(schedule.delay),
        "schedule": [
            {
                "item": item.item,
                "kind": item.kind,
                "planned_start": iso(item.planned_start),
                "expected_start": iso(item.expected_start),
                "actual_start": iso(item.actual_start),
                "actual_end": iso(item.actual_end),
            }
            for item in schedule.items
        ],
    }


def cmd_log(args: argparse.Namespace, context: Context) -> int:
    day = context.look_at_day()
    try:
        records = day.journal.records()
    finally:
        day.close()
    for record in records:
        when = datetime.fromtimestamp(record.ts).strftime("%Y-%m-%d %H:%M:%S")
        data = record.data
        if record.kind == "event_file":  # the whole event is in the record: the log names its version
            data = {k: v for k, v in data.items() if k != "event"}
        details = safe_text(" ".join(f"{k}={v}" for k, v in data.items()), keep="")  # one record, one line
        print(f"{record.seq:>6}  {when}  {record.kind:<16} {details}  [{record.origin}]".rstrip())
    if not records:
        print(context.t("cli.log_empty"), file=sys.stderr)
    return 0

"""The `gelar` command line."""

from __future__ import annotations

import argparse
import gc
import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from . import __version__
from .day import Day
from .durations import format_clock, format_duration
from .errors import GelarError
from .event import Event
from .eventfile import bundled_event_path, load_event
from .i18n import LANGUAGES, Messages, environment_language
from .paths import default_journal

EXIT_USAGE = 2
RESULT_FORMATS = ("text", "toml", "json", "csv", "md", "html")


@dataclass
class Context:
    """What every command needs: the event, where its journal is, and the language to speak."""

    event: Event
    event_path: Path
    journal_path: Path
    t: Messages

    def open_day(self, origin: str = "cli", *, create: bool = False) -> Day:
        """The day so far; commands that only look do not create a journal."""
        return Day.open(self.event, self.journal_path, origin=origin, create=create)


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    # SUPPRESS: an option given before the command must survive the command's own parser
    common.add_argument("--journal", type=Path, metavar="FILE", default=argparse.SUPPRESS, help="the journal file (default: beside the event file)")
    common.add_argument("--lang", choices=LANGUAGES, default=argparse.SUPPRESS, help="language of messages and documents (default: the event's)")

    parser = argparse.ArgumentParser(
        prog="gelar",
        description="Live presentation timer, jury score sheets and scoreboard. With no command: the console on the bundled demo event.",
        parents=[common],
    )
    parser.add_argument("--version", action="version", version=f"gelar {__version__}")
    _console_options(parser)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    run = commands.add_parser("run", parents=[common], help="open the moderator's console")
    run.add_argument("event", nargs="?", type=Path, metavar="EVENT", help="the event file (default: the bundled demo)")
    _console_options(run)

    new = commands.add_parser("new", parents=[common], help="write a commented event file to start from")
    new.add_argument("file", type=Path, metavar="FILE")

    check = commands.add_parser("check", parents=[common], help="check an event file and summarise it")
    check.add_argument("event", nargs="?", type=Path, metavar="EVENT")

    scores = commands.add_parser("scores", help="score sheets")
    score_commands = scores.add_subparsers(dest="scores_command", metavar="ACTION", required=True)
    imp = score_commands.add_parser("import", parents=[common], help="import paper sheets typed into a CSV file")
    imp.add_argument("event", type=Path, metavar="EVENT")
    imp.add_argument("sheet", type=Path, metavar="SHEET.csv")

    results = commands.add_parser("results", parents=[common], help="the ranking, or the results document")
    results.add_argument("event", nargs="?", type=Path, metavar="EVENT")
    results.add_argument("--format", choices=RESULT_FORMATS, default="text")
    results.add_argument("-o", "--output", type=Path, metavar="FILE", help="write to FILE instead of the screen")

    status = commands.add_parser("status", parents=[common], help="where the day stands")
    status.add_argument("event", nargs="?", type=Path, metavar="EVENT")
    status.add_argument("--json", action="store_true", help="machine-readable output")

    log = commands.add_parser("log", parents=[common], help="the journal, one line a record, oldest first")
    log.add_argument("event", nargs="?", type=Path, metavar="EVENT")
    return parser


def _console_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--theme", metavar="NAME", help="colour theme (default: the event's)")
    parser.add_argument("--rehearsal", type=_speed, metavar="SPEED", help="practise: run the day SPEED times faster on a throwaway journal")
    parser.add_argument("--no-bell", action="store_true", help="do not ring the terminal bell at alerts")


def _speed(text: str) -> float:
    try:
        value = float(text.replace(",", "."))
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not 0 < value <= 1000:
        raise argparse.ArgumentTypeError(f"must be more than 0 and at most 1000: {text!r}")
    return value


def _context(args: argparse.Namespace, event_path: Path | None) -> Context:
    bundled = event_path is None
    path = bundled_event_path() if bundled else event_path
    event = load_event(path, use_cache=args.command != "check")  # check always checks in full
    journal = args.journal if args.journal is not None else default_journal(path, bundled)
    return Context(event, path, journal, Messages(args.lang or event.event.language))


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    args.lang = getattr(args, "lang", None)
    args.journal = getattr(args, "journal", None)
    speaker = _Speaker(Messages(args.lang or environment_language()))
    try:
        return _dispatch(args, speaker)
    except GelarError as exc:
        print(exc.render(speaker.t), file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


@dataclass
class _Speaker:
    """The language messages are in: --lang, else the event's once it is read, else the environment's."""

    t: Messages


def _dispatch(args: argparse.Namespace, speaker: _Speaker) -> int:
    command = args.command
    if command not in (None, "run"):
        gc.enable()  # off only while the console starts (see gelar_tui.start)
    if command == "new":
        return cmd_new(args, speaker.t)
    context = _context(args, getattr(args, "event", None))
    speaker.t = context.t
    if command in (None, "run"):
        return cmd_run(args, context)
    if command == "check":
        return cmd_check(context)
    if command == "scores":
        return cmd_import(context, args.sheet)
    if command == "results":
        return cmd_results(context, args.format, args.output)
    if command == "status":
        return cmd_status(context, args.json)
    return cmd_log(context)


def cmd_run(args: argparse.Namespace, context: Context) -> int:
    from .ui.launch import launch

    return launch(args, context)


def cmd_new(args: argparse.Namespace, t: Messages) -> int:
    from .template import template

    path: Path = args.file
    if path.exists():
        raise GelarError("error.new_exists", path=str(path))
    try:
        path.write_text(template(t.language), encoding="utf-8")
    except OSError as exc:
        raise GelarError("error.new_unwritable", path=str(path), reason=exc.strerror or str(exc)) from None
    print(t("cli.new_written", path=str(path)))
    return 0


def cmd_check(context: Context) -> int:
    event, t = context.event, context.t
    from .ui.themes import theme_names

    known = theme_names()
    if event.event.theme not in known:
        raise GelarError("error.unknown_theme", path=context.event_path.name, name=event.event.theme, known=", ".join(sorted(known)))
    print(t("cli.check_ok", path=str(context.event_path)))
    print(f"  {event.event.title} - {event.event.organizer}")
    print(f"  {event.event.venue}, {event.event.date.isoformat()}")
    alerts = ", ".join(format_duration(a) for a in event.timing.alerts) or "-"
    print(t("cli.check_slot", slot=format_duration(event.timing.slot), alerts=alerts, overtime=event.timing.overtime))
    print(t("cli.check_groups", count=len(event.groups)))
    for number, group in enumerate(event.groups, start=1):
        slot = f" [{format_duration(group.slot)}]" if group.slot else ""
        print(f"    {number}. {group.name} ({group.agency}){slot} - {t('cli.members', count=len(group.members))}")
    print(t("cli.check_jurors", count=len(event.jurors)))
    for juror in event.jurors:
        print(f"    {juror.id}: {juror.name}" + (f" ({juror.affiliation})" if juror.affiliation else ""))
    print(t("cli.check_criteria", count=len(event.criteria), method=t(f"method.{event.scoring.method}")))
    for criterion in event.criteria:
        print(f"    {criterion.id}: {criterion.name} - {t('cli.weight', weight=criterion.weight)}")
    print(t("cli.check_journal", path=str(context.journal_path)))
    return 0


def cmd_import(context: Context, sheet: Path) -> int:
    from .sheets import read_sheet

    rows, problems = read_sheet(sheet)
    day = context.open_day(create=True)
    try:
        count, locked = day.import_scores(rows, problems)
    finally:
        day.close()
    print(context.t("cli.imported", count=count, sheets=locked, path=str(context.journal_path)))
    return 0


def cmd_results(context: Context, fmt: str, output: Path | None) -> int:
    from . import export

    day = context.open_day()
    try:
        results = day.results()
        if fmt == "text":
            text = export.to_text(day, results, context.t)
        elif fmt in ("md", "html"):
            from . import document

            text = document.render(day, results, context.t, fmt)
        else:
            data = export.ranking_data(day, results)
            if fmt == "json":
                text = export.to_json(data)
            elif fmt == "toml":
                text = export.to_toml(data)
            else:
                text = export.to_csv(data, context.event.juror_ids)
    finally:
        day.close()
    if output is None:
        sys.stdout.write(text)
        return 0
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise GelarError("error.output_unwritable", path=str(output), reason=exc.strerror or str(exc)) from None
    print(context.t("cli.written", path=str(output)), file=sys.stderr)
    return 0


def cmd_status(context: Context, as_json: bool) -> int:
    day = context.open_day()
    try:
        data = status_data(day)
    finally:
        day.close()
    if as_json:
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return 0
    t = context.t
    current = data["current"]
    name = context.event.group(current).name if current else "-"
    print(t("cli.status_current", group=name, phase=t(f"phase.{data['phase']}")))
    if current:
        clock = f"+{format_clock(data['overtime_s'])}" if data["overtime_s"] else format_clock(data["remaining_s"])
        print(t("cli.status_clock", clock=clock))
    for number, group in enumerate(data["groups"], start=1):
        used = format_clock(int(group["time_used_s"]))
        print(f"  {number}. {context.event.group(group['group']).name:<24} {t('status.' + group['status']):<14} {used}")
    print(t("cli.status_scores", scores=data["scores"]["in"], expected=data["scores"]["expected"], locked=data["sheets"]["locked"], sheets=data["sheets"]["expected"]))
    return 0


def status_data(day: Day) -> dict:
    """Where the day stands, as `gelar status --json` prints it."""
    now = day.now()
    view = day.slot(now=now)
    results = day.results(now)
    groups = []
    for group in day.state.order:
        slot = day.state.slots[group]
        own = day.slot(group, now)
        groups.append(
            {
                "group": group,
                "status": slot.status.value,
                "time_used_s": round(own.time_run, 1),
                "planned_s": slot.planned,
                "extension_s": slot.extension,
                "overtime_s": own.overtime,
            }
        )
    return {
        "event": day.event.event.title,
        "current": day.state.current,
        "phase": view.phase.value,
        "remaining_s": view.shown_remaining,
        "overtime_s": view.overtime,
        "next": day.next_up(),
        "order": list(day.state.order),
        "groups": groups,
        "scores": {"in": results.scores_in, "expected": results.scores_expected},
        "sheets": {"locked": results.sheets_locked, "expected": results.sheets_expected},
        "provisional": results.provisional,
        "journal_records": day.state.seq,
    }


def cmd_log(context: Context) -> int:
    day = context.open_day()
    try:
        records = day.journal.records()
    finally:
        day.close()
    for record in records:
        when = datetime.fromtimestamp(record.ts).strftime("%Y-%m-%d %H:%M:%S")
        details = " ".join(f"{k}={v}" for k, v in record.data.items())
        print(f"{record.seq:>6}  {when}  {record.kind:<16} {details}  [{record.origin}]".rstrip())
    if not records:
        print(context.t("cli.log_empty"), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""`gelar takeover`: the standby laptop copies the hub's journal of an event and writes it from now on."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..errors import GelarError
from ..i18n import Messages


def register(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    takeover = commands.add_parser(
        "takeover", parents=[common], help="carry the day on from the hub on this laptop (the standby's command)"
    )
    takeover.add_argument("--hub", metavar="URL", help="the hub's address (default: GELAR_HUB)")
    takeover.add_argument("--event", required=True, metavar="ID", help="the event's id on the hub")
    takeover.add_argument("-o", "--output", type=Path, metavar="FILE", help="the new journal (default: ID.gelar-journal here)")
    takeover.set_defaults(handler=cmd_takeover, needs_event=False)


def cmd_takeover(args: argparse.Namespace, t: Messages) -> int:
    from ..event.hub_url import has_password, without_password
    from ..hub.address import resolve
    from ..hub.eventtoml import event_file_text
    from ..hub.takeover import take_over
    from ..paths import JOURNAL_SUFFIX, write_file
    from ..terminal import command_line

    url = resolve(args.hub, None)
    if url is None:
        raise GelarError("hubcore.no_hub")
    from ..hub.naming import slug

    # the default file is named after the id, made safe: an id never names a folder ("../x", "a/b")
    output = args.output or Path((slug(args.event) or "takeover") + JOURNAL_SUFFIX)
    event_path = output.with_name(output.name.removesuffix(JOURNAL_SUFFIX).removesuffix(".") + ".toml")
    if event_path == output or event_path.exists():
        event_path = output.with_name(output.name + ".toml")
    if event_path.exists():
        raise GelarError("hubcore.takeover_exists", path=str(event_path))
    done = take_over(url, args.event, output)
    from ..day.eventrecord import event_data

    # never the password: the console on this file takes it from PGPASSWORD or ~/.pgpass, as libpq does
    hub = {"url": without_password(url), "event": args.event}
    write_file(event_path, event_file_text(event_data(done.event), hub, event_path.parent).encode("utf-8"))
    t = Messages(args.lang or done.event.event.language)
    print(t("hubcore.takeover_done", event=args.event, writer=done.previous_writer, count=done.copied, path=str(output)))
    print(t("hubcore.takeover_open"))
    from ..paths import default_journal

    journal = None if default_journal(event_path, False) == output else output
    print("  " + command_line("run", event_path, journal=journal))
    if has_password(url):
        print(t("hubdrill.takeover_password", path=str(event_path)))
    return 0

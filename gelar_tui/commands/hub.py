"""`gelar hub init | push | status`: the PostgreSQL hub's tables, shipping the journal to it, and where it stands."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import datetime

from ..context import Context
from ..errors import GelarError
from . import event_argument

EXIT_REFUSED = 1


def register(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    hub = commands.add_parser("hub", parents=[common], help="the PostgreSQL hub: init, push, status")
    actions = hub.add_subparsers(dest="hub_command", metavar="ACTION", required=True)

    init = actions.add_parser("init", parents=[common], help="create or upgrade the hub's tables (running it twice is fine)")
    event_argument(init)
    hub_option(init)
    init.set_defaults(handler=cmd_init)

    push = actions.add_parser("push", parents=[common], help="ship what the hub lacks of the journal, and say how many")
    event_argument(push)
    hub_option(push)
    push.set_defaults(handler=cmd_push)

    status = actions.add_parser("status", parents=[common], help="how far the hub holds the journal (exit 1: it refuses it)")
    event_argument(status)
    hub_option(status)
    status.add_argument("--json", action="store_true", help="machine-readable output")
    status.set_defaults(handler=cmd_status)


def hub_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--hub", metavar="URL", help="the hub's address (default: GELAR_HUB, else [hub] url of the event file)")


def hub_url(args: argparse.Namespace, context: Context) -> str:
    """The hub's address from the command line, the environment or the event file; a clear error without one."""
    from ..hub.address import resolve

    url = resolve(getattr(args, "hub", None), context.event)
    if url is None:
        raise GelarError("hubcore.no_hub")
    return url


def _connect(url: str):
    import psycopg

    from ..hub.client import connect

    conn = connect(url)
    try:
        present = conn.execute("SELECT to_regclass('gelar_hub.records')").fetchone()[0]
    except psycopg.Error:
        present = None
    if present is None:
        conn.close()
        from ..event.hub_url import masked

        raise GelarError("hubcore.not_initialised", url=masked(url))
    return conn


def cmd_init(args: argparse.Namespace, context: Context) -> int:
    from ..event.hub_url import masked
    from ..hub.client import connect
    from ..hub.schema import SCHEMA_VERSION, init, reader_role_sql

    t = context.t
    url = hub_url(args, context)
    from ..hub.client import speaking

    conn = connect(url)
    try:
        with speaking(url):
            before = init(conn)
            database = conn.info.dbname
    finally:
        conn.close()
    if before and before != SCHEMA_VERSION:
        print(t("hubcore.init_upgraded", url=masked(url), before=before, version=SCHEMA_VERSION))
    else:
        print(t("hubcore.init_done", url=masked(url), version=SCHEMA_VERSION))
    print()
    print(t("hubcore.init_reader"))
    print(reader_role_sql(database))
    return 0


def cmd_push(args: argparse.Namespace, context: Context) -> int:
    from ..event.hub_url import masked
    from ..hub.client import speaking, writer_id
    from ..hub.local import LocalJournal
    from ..hub.ship import ship_pending
    from ..journal.store import Journal

    t = context.t
    url = hub_url(args, context)
    if not context.journal_path.exists():
        raise GelarError("console.no_journal", path=str(context.journal_path))
    Journal(context.journal_path, context.event.identity, create=False).close()  # a format-1 journal is upgraded first
    journal = LocalJournal(context.journal_path)
    try:
        conn = _connect(url)
        try:
            with speaking(url):
                done = ship_pending(conn, journal, context.event, writer_id(context.journal_path))
        finally:
            conn.close()
    finally:
        journal.close()
    if not done.journal:
        print(t("hubcore.push_empty"))
    elif done.shipped:
        print(t("hubcore.push_done", count=done.shipped, url=masked(url), hub=done.hub_seq, local=done.local_seq))
    else:
        print(t("hubcore.push_nothing", url=masked(url), local=done.local_seq))
    return 0


def cmd_status(args: argparse.Namespace, context: Context) -> int:
    from ..event.hub_url import masked
    from ..hub.status import hub_status

    t = context.t
    url = hub_url(args, context)
    if not context.journal_path.exists():
        raise GelarError("console.no_journal", path=str(context.journal_path))
    from ..hub.client import speaking

    conn = _connect(url)
    try:
        with speaking(url):
            report = hub_status(conn, context.journal_path, context.event)
    finally:
        conn.close()
    refusal = report.pop("refusal")
    report["refused"] = None if refusal is None else refusal.render(t)
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=2))
        return EXIT_REFUSED if refusal is not None else 0
    from ..terminal import safe_text

    print(t("hubcore.status_line", url=masked(url), event=report["event"], journal=report["journal"] or "-"))
    last = report["last_ack"] or t("hubcore.status_never")
    print(t("hubcore.status_seqs", local=report["local_seq"], hub=report["hub_seq"], behind=report["behind"], last=last))
    print(t("hubcore.status_fingerprints", local=report["fingerprint_local"], hub=report["fingerprint_hub"] or "-"))
    if refusal is None:
        return 0
    print(t("hubcore.status_refused", why=report["refused"]), file=sys.stderr)
    if report["lost"]:
        print(t("hubcore.status_lost", count=len(report["lost"])))
        for record in report["lost"]:
            when = datetime.fromisoformat(record["time"]).strftime("%Y-%m-%d %H:%M:%S")
            data = record["data"]
            if record["kind"] == "event_file":  # the whole event is in the record: name its version, as `gelar log` does
                data = {k: v for k, v in data.items() if k != "event"}
            details = safe_text(" ".join(f"{k}={v}" for k, v in data.items()), keep="")
            print(f"{record['seq']:>6}  {when}  {record['kind']:<16} {details}  [{safe_text(record['origin'], keep='')}]".rstrip())
    return EXIT_REFUSED

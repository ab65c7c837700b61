"""`gelar verify`: does the journal's hash chain hold, and where does a printed fingerprint stand?"""

from __future__ import annotations

import argparse
import re
from datetime import datetime

from ..context import Context
from ..errors import GelarError
from ..journal import Journal
from . import event_argument

EXIT_MISMATCH = 1


def register(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    verify = commands.add_parser("verify", parents=[common], help="check the journal's hash chain, or a printed fingerprint")
    event_argument(verify)
    verify.add_argument("--fingerprint", metavar="HEX", help="the fingerprint printed on a results document")
    verify.set_defaults(handler=cmd_verify)


def cmd_verify(args: argparse.Namespace, context: Context) -> int:
    from ..verify import check_chain, format1_fingerprint, locate

    t = context.t
    wanted = args.fingerprint
    if wanted is not None and not re.fullmatch(r"\s*[0-9a-fA-F]{64}\s*", wanted):
        raise GelarError("verify.bad_fingerprint", value=wanted)
    if not context.journal_path.exists():
        raise GelarError("verify.no_journal", path=str(context.journal_path))
    journal = Journal(context.journal_path, context.event.identity, create=False, upgrade=False)
    try:
        if journal.version < 2:
            records, fingerprint = format1_fingerprint(journal)
            print(t("verify.format1", records=records, fingerprint=fingerprint))
            report = None
        else:
            report = check_chain(journal)
            if report.broken_at is not None:
                key = "verify.missing_before" if report.missing_before else "verify.broken"
                print(t(key, record=report.broken_at, good=report.records))
                return EXIT_MISMATCH
            print(
                t(
                    "verify.holds",
                    records=report.records,
                    first=_when(report.first_ts),
                    last=_when(report.last_ts),
                    fingerprint=report.fingerprint,
                )
            )
        if wanted is None:
            return 0
        found = locate(journal, wanted)
    finally:
        journal.close()
    if found is None:
        print(t("verify.not_found", fingerprint=wanted.strip().lower()))
        return EXIT_MISMATCH
    seq, kind = found
    print(t("verify.found_format1" if kind == "format 1" else "verify.found", record=seq))
    return 0


def _when(ts: float | None) -> str:
    return "-" if ts is None else datetime.fromtimestamp(ts).strftime("%Y-%m-%d %H:%M:%S")

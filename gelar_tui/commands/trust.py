"""`gelar verify`: does the journal's hash chain hold, and where does a printed fingerprint stand?"""

from __future__ import annotations

import argparse
import re

from ..context import Context
from ..errors import GelarError
from ..journal.store import Journal
from . import event_argument, hub_options

EXIT_MISMATCH = 1


def register(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    verify = commands.add_parser("verify", parents=[common], help="check the journal's hash chain, or a printed fingerprint")
    event_argument(verify)
    hub_options(verify)
    verify.add_argument("--fingerprint", metavar="HEX", help="the fingerprint printed on a results document")
    verify.set_defaults(handler=cmd_verify)


def cmd_verify(args: argparse.Namespace, context: Context) -> int:
    from ..journal.store import format1_fingerprint
    from ..journal.verify import check_chain, locate

    t = context.t
    wanted = args.fingerprint
    if wanted is not None and not re.fullmatch(r"\s*[0-9a-fA-F]{64}\s*", wanted):
        raise GelarError("verify.bad_fingerprint", value=wanted)
    if context.hub is not None:  # --hub: the records as the hub holds them, each checked against its canonical line
        journal = context.hub
    elif not context.journal_path.exists():
        raise GelarError("verify.no_journal", path=str(context.journal_path))
    else:
        journal = Journal(context.journal_path, context.event.identity, create=False, upgrade=False)
    try:
        if journal.version < 2:
            records, fingerprint = format1_fingerprint(journal)
            print(t("verify.format1", records=records, fingerprint=fingerprint))
            report = None
        else:
            report = check_chain(journal)
            if report.missing_tail:
                last = report.broken_at + report.missing_tail - 1
                print(t("verify.missing_tail", first=report.broken_at, last=last, missing=report.missing_tail, good=report.records))
                return EXIT_MISMATCH
            if report.broken_at is not None:
                key = "verify.missing_before" if report.missing_before else "verify.broken"
                key = "hubread.verify_hub_edited" if context.hub is not None and not report.missing_before else key
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
            if not report.head_kept:
                print(t("verify.head_not_kept"))
            print(_event_line(journal, None, context, t))
            _unfit_line(journal, context, t)
        if wanted is None:
            return 0
        found = locate(journal, wanted)
        if found is not None and journal.version >= 2:
            event_line = _event_line(journal, found[0], context, t)
    finally:
        journal.close()
    if found is None:
        print(t("verify.not_found", fingerprint=wanted.strip().lower()))
        return EXIT_MISMATCH
    seq, kind = found
    print(t("verify.found_format1" if kind == "format 1" else "verify.found", record=seq))
    if kind != "format 1" and journal.version >= 2:
        print(event_line)
    return 0


def _event_line(journal: Journal, upto: int | None, context: Context, t) -> str:
    """Which version of the event the journal holds (at record *upto*), and how the file on disk compares."""
    from ..day.eventrecord import changed_sections, event_record, recorded_event

    held = recorded_event(journal, upto)
    none, same, differs = _EVENT_LINES[upto is not None]
    if held is None:
        return t(none, record=upto)
    if context.hub is not None:  # read from the hub: the event is the journal's own, no file to compare
        return t("hubread.verify_event", version=held.seq, when=_when(held.ts))
    ours = event_record(context.event)
    if held.data.get("digest") == ours["digest"]:
        return t(same, record=upto, version=held.seq, when=_when(held.ts), file=context.event_path.name)
    sections = ", ".join(changed_sections(held.data, ours)) or "-"
    return t(differs, record=upto, version=held.seq, when=_when(held.ts), file=context.event_path.name, sections=sections)


def _unfit_line(journal: Journal, context: Context, t) -> None:
    """Name the records replay passes over because their details do not fit their kind, if any."""
    from ..day.state import DayState

    unfit = DayState.replay(context.event, journal.records()).unfit_records
    if unfit:
        shown = ", ".join(str(seq) for seq in unfit[:20]) + (", …" if len(unfit) > 20 else "")
        print(t("verify.unfit", count=len(unfit), records=shown))


_EVENT_LINES = {
    False: ("verify.event_none", "verify.event_same", "verify.event_differs"),
    True: ("verify.event_at_none", "verify.event_at_same", "verify.event_at_differs"),
}


def _when(ts: float | None) -> str:
    from ..day.eventrecord import when

    return when(ts)

"""`gelar new --from` and `gelar groups import`: an event file's groups from the organiser's participant list."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..context import Context
from ..errors import GelarError, Problem


def event_from_list(template: str, participants: Path, jurors: Path | None, name: str) -> str:
    """The event file's text for `gelar new FILE --from LIST`, checked as `gelar check` would."""
    from ..event.eventfile import parse_event
    from ..paper.participants import read_participants
    from ..paper.participants_toml import new_event_source

    text = new_event_source(template, read_participants(participants, jurors))
    parse_event(text, name)  # what is written passes `gelar check`
    return text


def groups_import(args: argparse.Namespace, context: Context) -> int:
    """Replace the groups of the event file by the list's: refused for a group whose scores the journal holds."""
    from ..event.eventfile import parse_event
    from ..paper.participants import read_participants
    from ..paper.participants_toml import group_tables, replace_group_tables

    event, t, path = context.event, context.t, context.event_path
    if context.bundled:
        raise GelarError("provincial.participants.not_the_demo")
    plist = read_participants(args.participants)
    keep = {group.name: group.id for group in event.groups}
    first = event.days[0].date if event.days else event.event.date
    tables, first_day, _ = group_tables(plist, first, keep)
    if first_day is not None and first_day != event.event.date:
        raise GelarError("provincial.participants.other_first_day", date=first_day.isoformat(), event=event.event.date.isoformat())
    raw = path.read_bytes()
    text = replace_group_tables(raw.decode("utf-8-sig").replace("\r\n", "\n"), tables)
    new = parse_event(text, path.name)  # refused, naming every problem, before anything is written
    scored = _scored_groups(context)
    changed = [g for g in event.groups if g.id in scored and (g.id not in new.group_ids or new.group(g.id) != g)]
    if changed:
        problems = [Problem(path.name, "provincial.participants.scored_group", {"id": g.id, "name": g.name}) for g in changed]
        raise GelarError("provincial.participants.refused", problems, path=path.name)
    from ..paths import write_file

    try:
        # as the file was written: Notepad's byte-order mark and Windows line ends stay
        bom = b"\xef\xbb\xbf" if raw.startswith(b"\xef\xbb\xbf") else b""
        write_file(path, bom + (text.replace("\n", "\r\n") if b"\r\n" in raw else text).encode("utf-8"))
    except OSError as exc:
        raise GelarError("error.output_unwritable", path=str(path), reason=exc.strerror or str(exc)) from None
    print(t("provincial.participants.imported", path=str(path), groups=len(new.groups), days=len(new.days) or 1, categories=len(new.categories)))
    return 0


def _scored_groups(context: Context) -> set[str]:
    """The groups the journal holds a score of (none without a journal): read only."""
    if not context.journal_path.exists():
        return set()
    day = context.open_day()
    try:
        return {group for (group, _), sheet in day.state.sheets.items() if sheet}
    finally:
        day.close()

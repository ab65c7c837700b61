"""Whether the results are final, and what is missing while they are not.

Final means that no number can still change: every expected score is in and every
sheet is locked, no slot is open (started and not finished), and, on a day whose clock
has been used, every group has presented or been withdrawn. A day scored only from
imported sheets, whose clock never ran, can still be final. Every output (console,
display, every format of ``gelar results``, ``gelar status --json``) asks this module.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..day.state import DayState, GroupStatus

if TYPE_CHECKING:
    from ..event.model import Event
    from ..i18n import Messages
    from .rules import Results


def pending(state: DayState) -> tuple[tuple[str, ...], tuple[str, ...], tuple[tuple[str, str], ...]]:
    """The groups still to present (only once the clock has been used), those on stage, and the
    withdrawn ones with their reasons, in running order."""
    slots = state.slots
    used = state.clock_used
    waiting: list[str] = []
    on_stage: list[str] = []
    withdrawn: list[tuple[str, str]] = []
    for group in state.stage_order():
        slot = slots[group]
        status = slot.status
        if status == GroupStatus.WITHDRAWN:
            withdrawn.append((group, slot.withdrawn or ""))
        elif status == GroupStatus.PRESENTING:
            on_stage.append(group)
        elif used and status in (GroupStatus.WAITING, GroupStatus.SKIPPED):
            waiting.append(group)
    return tuple(waiting), tuple(on_stage), tuple(withdrawn)


def missing(results: Results) -> list[tuple[str, dict]]:
    """What keeps *results* provisional, as message keys and their values (empty: final)."""
    found: list[tuple[str, dict]] = []
    if results.scores_in < results.scores_expected or results.sheets_locked < results.sheets_expected:
        found.append(("final.sheets_missing", results.progress()))
    if results.on_stage:
        found.append(("final.on_stage", {"groups": results.on_stage}))
    if results.waiting:
        found.append(("final.waiting", {"groups": results.waiting}))
    return found


NAMES_SHOWN = 6
"""The most groups a message names; the rest are counted ("and 54 more")."""


def missing_text(results: Results, event: Event, t: Messages) -> str:
    """What is missing, in the reader's language, groups by name ("" when final)."""
    parts = []
    for key, values in missing(results):
        if "groups" in values:
            groups = values["groups"]
            names = ", ".join(event.group(g).name for g in groups[:NAMES_SHOWN])
            if len(groups) > NAMES_SHOWN:
                names += " " + t("final.and_more", count=len(groups) - NAMES_SHOWN)
            values = {"groups": names}
        parts.append(t(key, **values))
    return "; ".join(parts)


def status_text(results: Results, event: Event, t: Messages, *, document: bool = False) -> str:
    """"PROVISIONAL: <what is missing>." or the final line (the document's longer forms with *document*)."""
    what = missing_text(results, event, t)
    if what:
        return t("final.provisional_document" if document else "final.provisional", missing=what)
    return t("document.final" if document else "results.final")


def withdrawn_lines(results: Results, event: Event, t: Messages) -> list[str]:
    """One line per withdrawn group: its name, agency and the reason given."""
    return [
        t("final.withdrawn_line", group=event.group(g).name, agency=event.group(g).agency, reason=reason or "-")
        for g, reason in results.withdrawn
    ]

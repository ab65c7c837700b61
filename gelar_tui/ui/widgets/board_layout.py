"""Which columns of the scoreboard fit a width: what matters always shows, the rest where there is room.

Rank, group name, final score and its bar always show; a long name is shortened
with "…". Where room is left, the agency comes first, then each juror's total,
then the penalty, then the note on ties. Juror columns are headed by the juror's
name when every name fits, otherwise by the juror's id, with a legend below.
"""

from __future__ import annotations

from dataclasses import dataclass

GAP = 2
"""Blank cells between columns (TableView.GAP)."""
NAME_MIN = 16
NAME_FIRST = 40
"""The name takes up to this much before the other columns are given room; what is left widens it further."""
AGENCY_MIN = 16
AGENCY_MAX = 32
JUROR_NAME_MAX = 24
BAR_MIN = 8
BAR_MAX = 40


@dataclass(frozen=True)
class BoardPlan:
    """The widths of the columns shown (0: not shown), and whether jurors are headed by their ids."""

    rank: int
    name: int
    agency: int
    jurors: int
    """The width of each juror's column (0: the juror totals are not shown)."""
    juror_ids: bool
    penalty: int
    score: int
    bar: int
    note: int


def plan_board(
    width: int,
    *,
    rank: int,
    name: int,
    agency: int,
    juror_names: list[str],
    juror_ids: list[str],
    number: int,
    penalty: int,
    score: int,
    note: int,
) -> BoardPlan:
    """The plan for a table *width* cells wide, given each column's natural width (its longest cell)."""
    # What always shows: rank, name (at least NAME_MIN, shortened), score, bar.
    fixed = rank + score + 3 * GAP
    room = width - fixed - BAR_MIN
    name_width = max(1, min(name, NAME_FIRST, max(NAME_MIN, room)))
    room -= name_width
    agency_width = 0
    if room >= AGENCY_MIN + GAP and agency:
        agency_width = min(agency, AGENCY_MAX, room - GAP)
        room -= agency_width + GAP
    juror_width, use_ids = 0, False
    count = len(juror_names)
    if count:
        longest_name = max(len(n) for n in juror_names)
        by_name = max(number, longest_name) if longest_name <= JUROR_NAME_MAX else 0
        by_id = max(number, *(len(i) for i in juror_ids))
        if by_name and count * (by_name + GAP) <= room:
            juror_width = by_name
        elif count * (by_id + GAP) <= room:
            juror_width, use_ids = by_id, True
        room -= count * (juror_width + GAP) if juror_width else 0
    penalty_width = penalty if penalty and juror_width and room >= penalty + GAP else 0
    room -= penalty_width + GAP if penalty_width else 0
    note_width = note if note and room >= note + GAP else 0
    room -= note_width + GAP if note_width else 0
    # What is left widens the name up to its longest, then the bar.
    if name_width < name and room > 0:
        grow = min(name - name_width, room)
        name_width += grow
        room -= grow
    bar = max(BAR_MIN, min(BAR_MAX, room + BAR_MIN))
    return BoardPlan(rank, name_width, agency_width, juror_width, use_ids, penalty_width, score, bar, note_width)


def shorten(text: str, width: int) -> str:
    """*text* in at most *width* cells: cut with "…" when longer."""
    if len(text) <= width:
        return text
    return text[: max(0, width - 1)].rstrip() + "…" if width > 0 else ""

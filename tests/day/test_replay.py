"""Opening a day replays the journal on its fast path (score records apart, folded in C): it must
give exactly the state that applying every record one by one gives, whatever the file holds."""

from __future__ import annotations

import sqlite3
import tempfile
from pathlib import Path

from hypothesis import example, given, settings
from hypothesis import strategies as st

from gelar_tui.day.state import DayState
from gelar_tui.event.eventfile import bundled_event_path, parse_event
from gelar_tui.journal.clock import Stamp
from gelar_tui.journal.store import Journal

EVENT = parse_event(bundled_event_path().read_text(encoding="utf-8"))
GROUPS, JURORS, CRITERIA = EVENT.group_ids[:3], EVENT.juror_ids[:2], EVENT.criterion_ids[:2]

VALUE = st.sampled_from(["85.5", "0", "100", "70.25", None, "abc", "1e999999", 7, 85.25, True, [1], ""])
SCORE = st.fixed_dictionaries(
    {
        "group": st.sampled_from([*GROUPS, "no-such-group", None]),
        "juror": st.sampled_from([*JURORS, "nobody"]),
        "criterion": st.sampled_from([*CRITERIA, "none-such"]),
        "value": VALUE,
    },
    optional={"note": st.just("x")},
)
RAW = st.sampled_from(["not json", "[1, 2]", "5", "{}", '{"group": "' + GROUPS[0] + '"}', "null"])
"""Details a file edited by hand may hold in place of a score record's."""
RECORD = st.one_of(
    SCORE.map(lambda data: ("score", data)),
    st.sampled_from(GROUPS).map(lambda group: ("slot_started", {"group": group})),
    st.tuples(st.sampled_from(GROUPS), st.sampled_from(JURORS)).map(lambda gj: ("sheet_locked", {"group": gj[0], "juror": gj[1]})),
    RAW.map(lambda text: ("raw", text)),
    st.sampled_from(GROUPS).map(lambda group: ("clear", {"group": group, "juror": JURORS[0], "criterion": CRITERIA[0], "value": None})),
)


def written(folder: str, records: list[tuple[str, object]]) -> Path:
    path = Path(folder) / "day.gelar-journal"
    raw: list[tuple[int, str]] = []
    with Journal(path, EVENT.identity) as journal:
        for number, (what, data) in enumerate(records):
            stamp = Stamp(1_700_000_000.0 + number, 100.0 + number, "boot-a")
            if what in ("score", "clear", "raw"):
                record = journal.append("score_set", data if isinstance(data, dict) else {}, stamp, "test")
                if what == "raw":
                    raw.append((record.seq, str(data)))
            else:
                journal.append(what, data, stamp, "test")  # type: ignore[arg-type]
    with sqlite3.connect(path) as db:  # what a hand edit leaves (the chain check names it; replay passes it over)
        db.executemany("UPDATE records SET data = ? WHERE seq = ?", [(text, seq) for seq, text in raw])
    return path


@settings(max_examples=60, deadline=None)
@given(st.lists(RECORD, max_size=40))
@example([("score", {"group": GROUPS[0], "juror": JURORS[0], "criterion": CRITERIA[0], "value": "80"}),
          ("clear", {"group": GROUPS[0], "juror": JURORS[0], "criterion": CRITERIA[0], "value": None}),
          ("score", {"group": GROUPS[0], "juror": JURORS[0], "criterion": CRITERIA[0], "value": "abc"})])
@example([("score", {"group": GROUPS[0], "juror": JURORS[0], "criterion": CRITERIA[0], "value": "80"}),
          ("score", {"group": GROUPS[0], "juror": JURORS[0], "criterion": CRITERIA[0], "value": "abc"})])
@example([("score", {"group": GROUPS[0], "juror": JURORS[0], "criterion": CRITERIA[0], "value": "80"}),
          ("score", {"group": "no-such-group", "juror": JURORS[0], "criterion": CRITERIA[0], "value": "80"})])
@example([("score", {"group": None, "juror": JURORS[0], "criterion": CRITERIA[0], "value": "80"})])
def test_opening_replays_exactly_what_applying_each_record_gives(records) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = written(folder, records)
        with Journal(path, EVENT.identity) as journal:
            one_by_one = DayState.replay(EVENT, journal.records())
            fast = DayState.from_rows(EVENT, *journal.replay_rows())
        assert fast.sheets == one_by_one.sheets
        assert (fast.ignored, fast.unfit, fast.seq) == (one_by_one.ignored, one_by_one.unfit, one_by_one.seq)
        assert fast == one_by_one


def test_a_day_of_scores_replays_to_the_last_value_of_each_cell(tmp_path) -> None:
    group, juror = GROUPS[0], JURORS[0]
    values = ["60", "61.5", None, "75.25"]
    records = [("score", {"group": group, "juror": juror, "criterion": CRITERIA[0], "value": v}) for v in values]
    records.append(("score", {"group": group, "juror": juror, "criterion": CRITERIA[1], "value": "90"}))
    records.append(("score", {"group": group, "juror": juror, "criterion": CRITERIA[1], "value": None}))
    path = written(str(tmp_path), records)
    with Journal(path, EVENT.identity) as journal:
        state = DayState.from_rows(EVENT, *journal.replay_rows())
    assert state.sheets == {(group, juror): {CRITERIA[0]: 7525}}
    assert (state.ignored, state.unfit, state.seq) == (0, 0, len(records))


def test_the_sheets_are_keyed_by_the_events_own_strings(tmp_path) -> None:
    """A record's ids are strings of their own (decoded from JSON); replay keys the sheets and locks by the
    event's own string objects, so a ranking's lookups match by identity (a third of a full ranking's time)."""
    from gelar_tui.day.checkpoint import decode, encode

    records = [("score", {"group": g, "juror": j, "criterion": c, "value": "80"}) for g in GROUPS for j in JURORS for c in CRITERIA]
    records += [("sheet_locked", {"group": g, "juror": JURORS[0]}) for g in GROUPS]
    path = written(str(tmp_path), records)
    own = {id(name) for name in (*EVENT.group_ids, *EVENT.juror_ids, *EVENT.criterion_ids)}
    with Journal(path, EVENT.identity) as journal:
        states = [DayState.from_rows(EVENT, *journal.replay_rows()), DayState.replay(EVENT, journal.records())]
    states.append(decode(EVENT, encode(states[0])))  # from a checkpoint
    for state in states:
        assert len(state.sheets) == len(GROUPS) * len(JURORS) and len(state.locked) == len(GROUPS)
        assert all(id(g) in own and id(j) in own for g, j in [*state.sheets, *state.locked])
        assert all(id(c) in own for sheet in state.sheets.values() for c in sheet)

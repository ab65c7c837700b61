"""A checkpoint of the replayed state (gelar_tui/day/checkpoint.py): opened from it and the records after it,
a day has exactly the state a full replay gives, every field; any checkpoint that does not fit is ignored."""

from __future__ import annotations

import dataclasses
import json
import os
import sqlite3
import tempfile
from dataclasses import fields
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from bench.workload import make_event, replay_records
from gelar_tui.day import checkpoint
from gelar_tui.day.checkpoint import checkpoint_path, open_state
from gelar_tui.day.facade import Day
from gelar_tui.day.state import DayState, Slot
from gelar_tui.event.eventfile import bundled_event_path, parse_event
from gelar_tui.journal.clock import FakeClock, Stamp
from gelar_tui.journal.store import GENESIS, Journal, canonical_line, chain_hash

EVENT = parse_event(bundled_event_path().read_text(encoding="utf-8"))
GROUPS, JURORS, CRITERIA = EVENT.group_ids[:3], EVENT.juror_ids[:2], EVENT.criterion_ids[:2]


def every_field(state: DayState) -> dict:
    """Every field of *state*, those left out of ``==`` too."""
    return {item.name: getattr(state, item.name) for item in fields(state)}


def full_replay(event, path: Path) -> DayState:
    with Journal(path, event.identity) as journal:
        return DayState.from_rows(event, *journal.replay_rows())


def opened(event, path: Path, keep_after: int = 10**9) -> DayState:
    with Journal(path, event.identity) as journal:
        return open_state(event, journal, keep_after=keep_after)


def kept_at(event, path: Path) -> int:
    """Write the checkpoint of the journal as it is now; its record number."""
    state = opened(event, path, keep_after=0)
    with Journal(path, event.identity) as journal:
        assert checkpoint_path(journal).exists()
    return state.seq


def test_every_field_of_the_state_is_kept_or_made_from_the_event() -> None:
    names = {item.name for item in fields(DayState)}
    assert set(checkpoint._ENCODE) == set(checkpoint._DECODE) == names - checkpoint.DERIVED
    assert len(checkpoint._slot(Slot(planned=1))) == len(fields(Slot))


# -- checkpoint + tail == full replay --------------------------------------------------------

SCORE = st.fixed_dictionaries(
    {
        "group": st.sampled_from([*GROUPS, "no-such-group"]),
        "juror": st.sampled_from([*JURORS, "nobody"]),
        "criterion": st.sampled_from([*CRITERIA, "none-such"]),
        "value": st.sampled_from(["85.5", "0", "100", "70.25", None, "abc"]),
    }
)
GROUP = st.sampled_from(GROUPS)
PAIR = st.tuples(GROUP, st.sampled_from(JURORS))
RECORD = st.one_of(
    SCORE.map(lambda data: ("score_set", data)),
    st.tuples(GROUP, st.sampled_from(JURORS), st.sampled_from(CRITERIA)).map(
        lambda c: ("score_set", {"group": c[0], "juror": c[1], "criterion": c[2], "value": None})),
    GROUP.map(lambda g: ("slot_started", {"group": g})),
    GROUP.map(lambda g: ("slot_paused", {"group": g})),
    GROUP.map(lambda g: ("slot_resumed", {"group": g})),
    GROUP.map(lambda g: ("slot_finished", {"group": g})),
    GROUP.map(lambda g: ("slot_extended", {"group": g, "seconds": 60})),
    GROUP.map(lambda g: ("segment_started", {"group": g, "segment": 1, "run": 12.5})),
    GROUP.map(lambda g: ("alert", {"group": g, "alert_s": 60, "remaining_s": 59, "stage": "warning"})),
    PAIR.map(lambda p: ("sheet_locked", {"group": p[0], "juror": p[1]})),
    PAIR.map(lambda p: ("sheet_unlocked", {"group": p[0], "juror": p[1], "reason": "fix"})),
    PAIR.map(lambda p: ("recusal_declared", {"group": p[0], "juror": p[1], "reason": "kin"})),
    PAIR.map(lambda p: ("recusal_withdrawn", {"group": p[0], "juror": p[1], "reason": "no"})),
    st.sampled_from(JURORS).map(lambda j: ("pin_failed", {"juror": j, "client": "10.0.0.2", "wait_until": 1_700_000_100.0})),
    st.sampled_from(JURORS).map(lambda j: ("station_opened", {"juror": j, "host": "laptop", "pid": 42})),
    GROUP.map(lambda g: ("group_withdrawn", {"group": g, "reason": "bus"})),
    GROUP.map(lambda g: ("current_changed", {"group": g})),
    st.just(("results_revealed", {"revealed": True})),
    st.just(("display_shown", {"view": "scoreboard"})),
)


def write(path: Path, records: list[tuple[str, dict]], start: int = 0) -> None:
    with Journal(path, EVENT.identity) as journal:
        for number, (kind, data) in enumerate(records, start):
            journal.append(kind, data, Stamp(1_700_000_000.0 + number, 100.0 + number, "boot-a"), "test")


SCORED = ("score_set", {"group": GROUPS[0], "juror": JURORS[0], "criterion": CRITERIA[0], "value": "80"})


@settings(max_examples=40, deadline=None)
@given(st.lists(RECORD, min_size=1, max_size=40).flatmap(lambda records: st.tuples(st.just(records), st.integers(1, len(records)))))
@example(([SCORED, ("score_set", {**SCORED[1], "value": None})], 1))  # cleared after the checkpoint
@example(([SCORED, ("score_set", {**SCORED[1], "group": "no-such-group"})], 1))  # the tail names what the event lacks
def test_a_checkpoint_and_the_records_after_it_give_the_full_replay(day) -> None:
    records, cut = day
    with tempfile.TemporaryDirectory() as folder:
        os.environ["XDG_CACHE_HOME"] = folder  # this test's own cache (the fixture's is shared by its examples)
        path = Path(folder) / "day.gelar-journal"
        write(path, records[:cut])
        assert kept_at(EVENT, path) == cut
        write(path, records[cut:], cut)
        with Journal(path, EVENT.identity) as journal:
            loaded = checkpoint.load(EVENT, journal, checkpoint_path(journal))
        assert loaded is not None and loaded.seq == cut  # the tail really is replayed on the checkpoint
        assert every_field(opened(EVENT, path)) == every_field(full_replay(EVENT, path))


def test_the_bench_day_from_a_checkpoint_is_the_full_replay(tmp_path) -> None:
    event = make_event(60, 15, 12)  # the bench's day, a third of its groups: 20,000 records
    raws = replay_records(event, 20_000, 2016)
    path = tmp_path / "bench.gelar-journal"
    with Journal(path, event.identity) as journal, journal.transaction():
        for kind, data, ts, origin in raws[:12_000]:
            journal.append(kind, data, ts, origin)
    assert kept_at(event, path) == 12_000
    with Journal(path, event.identity) as journal, journal.transaction():
        for kind, data, ts, origin in raws[12_000:]:
            journal.append(kind, data, ts, origin)
    full = full_replay(event, path)
    assert full.scores_in() > 0 and full.locked and full.seq == 20_000
    assert every_field(opened(event, path)) == every_field(full)
    kept_at(event, path)  # a checkpoint of the last record: nothing after it
    assert every_field(opened(event, path)) == every_field(full)


def test_the_demo_day_from_a_checkpoint_is_the_full_replay(tmp_path) -> None:
    clock = FakeClock(1_700_000_000.0)
    path = tmp_path / "demo.gelar-journal"
    day = Day.open(EVENT, path, clock)
    pins = day.issue_pins()
    juror, group = EVENT.juror_ids[0], EVENT.group_ids[0]
    day.start()
    clock.advance(30)
    day.pause()
    clock.advance(5)
    day.resume()
    day.extend(60)
    for criterion in EVENT.criterion_ids:
        day.set_score(group, juror, criterion, "80.5")
    day.lock_sheet(group, juror)
    day.recuse(EVENT.group_ids[1], EVENT.juror_ids[1], "kin")
    day.withdraw(EVENT.group_ids[-1], "bus broke down")
    day.close()
    assert kept_at(EVENT, path) > 0
    day = Day.open(EVENT, path, clock)
    clock.advance(EVENT.slot_of(group) + 90)
    day.next_group()
    day.start()
    day.unlock_sheet(group, juror, "typo")
    day.set_score(group, juror, EVENT.criterion_ids[0], None)
    day.reveal_results()
    day.close()
    station = Day.open(EVENT, path, clock, origin=f"jury:{juror}")
    station.open_station(pins[juror])
    station.close()
    full = full_replay(EVENT, path)
    assert full.revealed and full.pins and full.stations and full.anchors and full.recused
    assert every_field(opened(EVENT, path)) == every_field(full)


# -- a checkpoint that does not fit is ignored ---------------------------------------------


@pytest.fixture
def kept(tmp_path):
    """A journal of 30 scores and 2 slot records, its checkpoint at record 20, and the full replay's state."""
    path = tmp_path / "day.gelar-journal"
    records = [("score_set", {"group": GROUPS[i % 3], "juror": JURORS[i % 2], "criterion": CRITERIA[i % 2],
                              "value": str(50 + i)}) for i in range(30)]
    records[3:3] = [("slot_started", {"group": GROUPS[0]}), ("slot_finished", {"group": GROUPS[0]})]
    write(path, records[:20])
    kept_at(EVENT, path)
    write(path, records[20:], 20)
    with Journal(path, EVENT.identity) as journal:
        where = checkpoint_path(journal)
    return path, where


def uses_checkpoint(path: Path, event=EVENT) -> bool:
    with Journal(path, event.identity) as journal:
        return checkpoint.load(event, journal, checkpoint_path(journal)) is not None


def test_a_fitting_checkpoint_is_used(kept) -> None:
    path, _ = kept
    assert uses_checkpoint(path)
    assert every_field(opened(EVENT, path)) == every_field(full_replay(EVENT, path))


def test_a_checkpoint_of_other_code_is_ignored(kept, monkeypatch) -> None:
    path, where = kept
    monkeypatch.setattr(checkpoint, "code_version", lambda: "another build")
    assert not uses_checkpoint(path)
    assert every_field(opened(EVENT, path)) == every_field(full_replay(EVENT, path))


def test_a_checkpoint_of_another_version_of_the_event_is_ignored(kept) -> None:
    path, _ = kept
    edited = dataclasses.replace(EVENT, groups=EVENT.groups[:2])  # a group taken out of the event file
    assert edited.identity == EVENT.identity and GROUPS[2] not in edited.group_ids
    assert not uses_checkpoint(path, edited)
    assert every_field(opened(edited, path)) == every_field(full_replay(edited, path))
    assert (GROUPS[2], JURORS[0]) not in opened(edited, path).sheets


def test_a_checkpoint_of_another_journal_is_ignored(kept, tmp_path) -> None:
    path, where = kept
    other = tmp_path / "other.gelar-journal"
    write(other, [("score_set", {"group": GROUPS[0], "juror": JURORS[0], "criterion": CRITERIA[0], "value": "1"})] * 25)
    with Journal(other, EVENT.identity) as journal:
        theirs = checkpoint_path(journal)
    assert theirs != where
    theirs.write_bytes(where.read_bytes())  # our checkpoint put where theirs would be
    assert not uses_checkpoint(other)
    assert every_field(opened(EVENT, other)) == every_field(full_replay(EVENT, other))


def rehash(path: Path) -> None:
    """Mend the chain after an edit, as a careful forger would: every hash worked out again."""
    with sqlite3.connect(path) as db:
        previous = GENESIS
        rows = db.execute("SELECT seq, ts, boot, boot_id, kind, data, origin FROM records ORDER BY seq").fetchall()
        for seq, ts, boot, boot_id, kind, data, origin in rows:
            previous = chain_hash(previous, canonical_line(seq, ts, boot, boot_id, kind, data, origin))
            db.execute("UPDATE records SET hash = ? WHERE seq = ?", (previous, seq))
        db.execute("UPDATE meta SET value = ? WHERE key = 'head'", (f"{rows[-1][0]} {previous}",))


def test_a_record_changed_under_the_checkpoint_is_seen(kept) -> None:
    path, _ = kept
    with sqlite3.connect(path) as db:
        db.execute("UPDATE records SET data = ? WHERE seq = 8 AND kind = 'score_set'", (json.dumps(
            {"criterion": CRITERIA[1], "group": GROUPS[2], "juror": JURORS[0], "value": "99"}, sort_keys=True, separators=(",", ":")),))
    rehash(path)
    assert not uses_checkpoint(path)
    assert every_field(opened(EVENT, path)) == every_field(full_replay(EVENT, path))
    assert full_replay(EVENT, path).sheets[(GROUPS[2], JURORS[0])][CRITERIA[1]] == 9900  # a cell no other record names


@pytest.mark.parametrize("keep", [19, 10])
def test_a_journal_cut_short_below_the_checkpoint_is_seen(kept, keep) -> None:
    path, _ = kept
    with sqlite3.connect(path) as db:
        db.execute("DELETE FROM records WHERE seq > ?", (keep,))
    rehash(path)
    assert not uses_checkpoint(path)
    write(path, [("score_set", {"group": GROUPS[1], "juror": JURORS[1], "criterion": CRITERIA[1], "value": "7"})] * 12, 100)
    assert not uses_checkpoint(path)  # grown again past it: record 20 is another record now
    assert every_field(opened(EVENT, path)) == every_field(full_replay(EVENT, path))


@pytest.mark.parametrize("damage", [b"", b"{", b"[1, 2]", b'{"format": 1}', b"\xff\xfe", "tampered"])
def test_a_damaged_checkpoint_is_ignored(kept, damage) -> None:
    path, where = kept
    if damage == "tampered":  # a state that does not hold what the records say, under the right keys
        kept_data = json.loads(where.read_bytes())
        kept_data["state"]["seq"] = 3
        damage = json.dumps(kept_data).encode()
    where.write_bytes(damage)
    assert not uses_checkpoint(path)
    assert every_field(opened(EVENT, path)) == every_field(full_replay(EVENT, path))


def test_a_checkpoint_that_cannot_be_written_costs_nothing_but_the_replay(kept, tmp_path, monkeypatch) -> None:
    path, where = kept
    where.unlink()
    where.parent.chmod(0o500)  # the cache folder read only (root ignores it: a file in the way instead)
    blocker = where.parent / where.name
    blocker.mkdir()
    try:
        state = opened(EVENT, path, keep_after=0)
    finally:
        blocker.rmdir()
        where.parent.chmod(0o700)
    assert every_field(state) == every_field(full_replay(EVENT, path))
    assert not where.exists() and not list(where.parent.glob("*.tmp"))


def test_the_checkpoint_is_private_to_its_owner(kept) -> None:
    _, where = kept
    assert where.stat().st_mode & 0o077 == 0  # it holds the jurors' PIN hashes, as the journal does


def test_opening_a_long_journal_keeps_a_checkpoint_and_a_short_one_does_not(tmp_path) -> None:
    path = tmp_path / "day.gelar-journal"
    write(path, [("score_set", {"group": GROUPS[0], "juror": JURORS[0], "criterion": CRITERIA[0], "value": "1"})] * 30)
    Day.open(EVENT, path, FakeClock()).close()
    with Journal(path, EVENT.identity) as journal:
        where = checkpoint_path(journal)
    assert not where.exists()
    opened(EVENT, path, keep_after=30)
    assert where.exists() and json.loads(where.read_bytes())["seq"] == 30


def test_a_day_with_stages_and_days_from_a_checkpoint_at_any_record_is_the_full_replay(tmp_path) -> None:
    from tests.support.stages import stages_event

    event = stages_event(groups=6, jurors=4)
    review = {"stage": "review"}
    records = [
        ("panels_set", {**review, "panels": {"g001": ["j01", "j02"], "g002": ["j03", "j04"], "g003": ["j01", "j03"]}, "source": "test"}),
        ("score_set", {**review, "group": "g001", "juror": "j01", "criterion": "substansi", "value": "81"}),
        ("score_set", {**review, "group": "g002", "juror": "j03", "criterion": "substansi", "value": "77.5"}),
        ("sheet_locked", {**review, "group": "g001", "juror": "j01"}),
        ("score_set", {**review, "group": "g001", "juror": "j01", "criterion": "substansi", "value": None}),
        ("score_set", {**review, "group": "g003", "juror": "j01", "criterion": "isi", "value": "70"}),  # not the stage's
        ("stage_closed", {**review, "finalists": ["g002", "g001", "g009"]}),
        ("day_opened", {"day": 1}),
        ("slot_started", {"group": "g002"}),
        ("score_set", {"group": "g002", "juror": "j02", "criterion": "isi", "value": "90"}),
        ("score_set", {"group": "g002", "juror": "j02", "criterion": "isi", "value": None}),
        ("sheet_locked", {"group": "g002", "juror": "j02"}),
        ("group_moved", {"group": "g001", "day": 1}),
        ("day_closed", {"day": 1}),
    ]
    for cut in range(1, len(records)):
        path = tmp_path / f"stages-{cut}.gelar-journal"
        with Journal(path, event.identity) as journal:
            for number, (kind, data) in enumerate(records[:cut]):
                journal.append(kind, data, Stamp(1_700_000_000.0 + number, 100.0 + number, "boot-a"), "test")
        assert kept_at(event, path) == cut
        with Journal(path, event.identity) as journal:
            for number, (kind, data) in enumerate(records[cut:], cut):
                journal.append(kind, data, Stamp(1_700_000_000.0 + number, 100.0 + number, "boot-a"), "test")
        full = full_replay(event, path)
        assert full.stage_sheets and full.panels and full.closed and full.closed_days
        assert every_field(opened(event, path)) == every_field(full), cut


def test_a_pipe_or_a_folder_where_the_checkpoint_belongs_does_not_hold_up_the_opening(kept) -> None:
    path, where = kept
    where.unlink()
    os.mkfifo(where)  # nobody writes into it: reading it would wait for ever
    try:
        assert not uses_checkpoint(path)
        assert every_field(opened(EVENT, path)) == every_field(full_replay(EVENT, path))
    finally:
        where.unlink()
    where.mkdir()
    try:
        assert not uses_checkpoint(path)
    finally:
        where.rmdir()


def test_without_the_folding_modules_sources_no_checkpoint_is_read_or_written(kept, monkeypatch) -> None:
    """A build whose sources cannot be read (frozen) cannot tell its code from another's: it replays in full."""
    path, where = kept
    monkeypatch.setattr(checkpoint, "FOLDING", (*checkpoint.FOLDING, "day/no_such_module.py"))
    checkpoint.code_version.cache_clear()
    try:
        assert checkpoint.code_version() is None
        assert not uses_checkpoint(path)
        where.unlink()
        state = opened(EVENT, path, keep_after=0)
        assert not where.exists()
        assert every_field(state) == every_field(full_replay(EVENT, path))
    finally:
        monkeypatch.undo()
        checkpoint.code_version.cache_clear()


def test_a_command_never_starts_from_a_checkpoint_so_nothing_printed_rests_on_the_cache(kept) -> None:
    """A checkpoint doctored by hand with its keys left whole still fits them (the chain does not cover the
    cache folder): a view may start from it, but a command (results, the berita acara, status) replays
    the whole journal, so what is printed and signed is what the chain holds."""
    path, where = kept
    doctored = json.loads(where.read_bytes())
    sheets = doctored["state"]["sheets"]  # a score no record gave: the first juror's second criterion
    sheets["values"].append(9_900)
    column = sheets["criteria"].index(CRITERIA[1]) if CRITERIA[1] in sheets["criteria"] else None
    if column is None:
        sheets["criteria"].append(CRITERIA[1])
        for row in sheets["rows"]:
            row.append(None)
        column = len(sheets["criteria"]) - 1
    row = next(row for row in sheets["rows"] if row[:2] == [GROUPS[0], JURORS[0]])
    row[2 + column] = len(sheets["values"]) - 1
    where.write_text(json.dumps(doctored), encoding="utf-8")
    assert uses_checkpoint(path)  # it fits its keys: a console, a display or a station starts from it
    full = full_replay(EVENT, path)
    assert every_field(opened(EVENT, path)) != every_field(full)  # and would show the score no record gave
    for origin in ("cli", "takeover", "desk"):
        day = Day.open(EVENT, path, FakeClock(), origin=origin, create=False)
        try:
            assert every_field(day.state) == every_field(full), origin
        finally:
            day.close()
    assert checkpoint.uses_checkpoint("console") and checkpoint.uses_checkpoint("jury:pemprov")
    assert not checkpoint.uses_checkpoint("cli")

"""Shipping to the hub: the server's own checks (no client can bypass them) and the shipper thread."""

from __future__ import annotations

import shutil
import socket

import psycopg
import pytest

from gelar_tui.hub.client import HubRefused, connect, writer_id
from gelar_tui.hub.ship import Shipper, ship_pending
from gelar_tui.hub.local import LocalJournal
from tests.hub.hubtools import console_day, hub_rows, init_hub, local_rows, score_some
from tests.support.console import demo_event
from tests.support.serve import wait_until


def shipped_journal(url, tmp_path):
    """A journal of a few records, shipped once; its path and its id on the hub."""
    init_hub(url)
    path = tmp_path / "room.gelar-journal"
    day = console_day(path)
    day.start()
    day.close()
    score_some(path, "pemprov", 3)
    journal = LocalJournal(path)
    conn = connect(url)
    try:
        done = ship_pending(conn, journal, demo_event(), writer_id(path))
    finally:
        conn.close()
        journal.close()
    return path, done.journal


def insert(url, row: dict, writer: str | None):
    with psycopg.connect(url) as conn:
        if writer is not None:
            conn.execute("SELECT set_config('gelar_hub.writer', %s, true)", (writer,))
        conn.execute(
            "INSERT INTO gelar_hub.records (journal, seq, prev, hash, canonical, ts, kind, data, origin, boot, boot_id)"
            " VALUES (%(journal)s, %(seq)s, %(prev)s, %(hash)s, %(canonical)s, %(ts)s, %(kind)s, %(data)s, %(origin)s, %(boot)s, %(boot_id)s)",
            row,
        )


def held_row(url, journal: str, seq: int) -> dict:
    with psycopg.connect(url) as conn:
        cur = conn.execute("SELECT * FROM gelar_hub.records WHERE journal = %s AND seq = %s", (journal, seq))
        names = [d.name for d in cur.description]
        return dict(zip(names, cur.fetchone()))


def test_the_hub_ignores_an_exact_duplicate_and_refuses_a_different_record_at_a_held_number(hub_url, tmp_path):
    path, jid = shipped_journal(hub_url, tmp_path)
    before = hub_rows(hub_url)
    row = held_row(hub_url, jid, 2)
    row.pop("received")
    insert(hub_url, row, writer_id(path))  # the same again: passed over
    assert hub_rows(hub_url) == before
    forged = {**row, "data": row["data"].replace("}", ',"x":1}'), "canonical": row["canonical"] + " "}
    with pytest.raises(psycopg.DatabaseError, match="differs"):
        insert(hub_url, forged, writer_id(path))
    assert hub_rows(hub_url) == before


def test_the_hub_refuses_a_gap_a_fork_and_a_hash_that_does_not_cover_its_line(hub_url, tmp_path):
    path, jid = shipped_journal(hub_url, tmp_path)
    last = held_row(hub_url, jid, len(hub_rows(hub_url)))
    last.pop("received")
    seq = last["seq"] + 1
    line = last["canonical"].replace(f"{last['seq']}\t", f"{seq}\t", 1)
    from gelar_tui.journal.store import chain_hash

    good = {**last, "seq": seq, "prev": last["hash"], "canonical": line, "hash": chain_hash(last["hash"], line)}
    with pytest.raises(psycopg.DatabaseError, match="not the next"):
        insert(hub_url, {**good, "seq": seq + 1}, writer_id(path))
    with pytest.raises(psycopg.DatabaseError, match="does not continue"):
        insert(hub_url, {**good, "prev": "1" * 64, "hash": chain_hash("1" * 64, line)}, writer_id(path))
    with pytest.raises(psycopg.DatabaseError, match="does not cover"):
        insert(hub_url, {**good, "hash": "2" * 64}, writer_id(path))
    insert(hub_url, good, writer_id(path))  # the real next record is taken
    assert hub_rows(hub_url)[-1] == (seq, good["hash"])


def test_only_the_writer_may_append_even_with_plain_sql(hub_url, tmp_path):
    path, jid = shipped_journal(hub_url, tmp_path)
    row = held_row(hub_url, jid, 1)
    row.pop("received")
    for writer in (None, "someone-else"):
        with pytest.raises(psycopg.DatabaseError, match=f"written by {socket.gethostname()}"):
            insert(hub_url, {**row, "seq": 99}, writer)


def test_a_second_laptop_with_a_copy_of_the_journal_is_refused_and_told_which_laptop_writes_it(hub_url, tmp_path):
    path, jid = shipped_journal(hub_url, tmp_path)
    other = tmp_path / "other"
    other.mkdir()
    copy = other / path.name
    shutil.copy(path, copy)  # the journal, without this laptop's writer id
    score_some(copy, "swasta", 2)
    journal = LocalJournal(copy)
    conn = connect(hub_url)
    try:
        with pytest.raises(HubRefused) as refused:
            ship_pending(conn, journal, demo_event(), writer_id(copy))
    finally:
        conn.close()
        journal.close()
    # both "laptops" here bear this machine's name: the refusal says its writer id file may be lost
    assert refused.value.key == "hubdrill.refused_writer_lost"
    assert socket.gethostname() in str(refused.value)
    assert [seq for seq, _ in hub_rows(hub_url)] == list(range(1, len(local_rows(path)) + 1))


def test_a_second_journal_for_the_same_event_is_refused(hub_url, tmp_path):
    shipped_journal(hub_url, tmp_path)
    fresh = tmp_path / "fresh.gelar-journal"
    day = console_day(fresh)
    day.start()
    day.close()
    journal = LocalJournal(fresh)
    conn = connect(hub_url)
    try:
        with pytest.raises(HubRefused) as refused:
            ship_pending(conn, journal, demo_event(), writer_id(fresh))
    finally:
        conn.close()
        journal.close()
    assert refused.value.key == "hubcore.refused_other_journal" and "[hub] event" in str(refused.value)


def test_the_shipper_ships_each_commit_as_it_happens(hub_url, tmp_path):
    init_hub(hub_url)
    path = tmp_path / "room.gelar-journal"
    day = console_day(path)
    shipper = Shipper(hub_url, path, demo_event(), idle=600).start()  # idle: only a commit wakes it
    try:
        day.start()
        wait_until(lambda: hub_rows(hub_url) == local_rows(path), "the start on the hub")
        score_some(path, "pemprov", 4)
        day.pause()
        wait_until(lambda: hub_rows(hub_url) == local_rows(path), "the scores and the pause on the hub")
        assert shipper.state.status == "in_step" and shipper.state.behind == 0
        assert shipper.state.last_ack is not None
    finally:
        shipper.stop()
        day.close()


def records_seen_by_another_process(path) -> int:
    """Open the journal in another process (as `gelar status` does), and count its records."""
    import subprocess
    import sys

    code = (
        "import sys; from gelar_tui.journal.store import Journal; from tests.support.console import demo_event; "
        "j = Journal(sys.argv[1], demo_event().identity, create=False); print(len(j.records())); j.close()"
    )
    done = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, check=True)
    return int(done.stdout)


def test_the_shipper_in_the_consoles_process_never_costs_the_console_its_write_ahead_log(hub_url, tmp_path):
    # Opening a second Journal in the console's process drops the console's SQLite locks (open/close of the
    # file): another process closing the journal then deletes the write-ahead log under the console.
    init_hub(hub_url)
    path = tmp_path / "room.gelar-journal"
    day = console_day(path)
    shipper = Shipper(hub_url, path, demo_event(), idle=600).start()
    try:
        day.start()
        wait_until(lambda: shipper.state.hub_seq == day.journal.fingerprint()[0], "the start shipped")
        assert records_seen_by_another_process(path) == day.journal.fingerprint()[0]
        day.pause()
        assert records_seen_by_another_process(path) == day.journal.fingerprint()[0]
        wait_until(lambda: hub_rows(hub_url) == local_rows(path), "the pause shipped")
    finally:
        shipper.stop()
        day.close()


def test_a_hub_without_its_tables_says_to_run_init(hub_url, tmp_path):
    path = tmp_path / "room.gelar-journal"
    day = console_day(path)
    day.start()
    shipper = Shipper(hub_url, path, demo_event(), retry_max=0.5).start()
    try:
        wait_until(lambda: shipper.state.status == "behind", "the shipper failing")
        assert "gelar hub init" in str(shipper.state.problem)
    finally:
        shipper.stop()
        day.close()

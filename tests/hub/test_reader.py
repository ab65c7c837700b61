"""A journal read from the hub: the same day as the room's file, live by LISTEN/NOTIFY, read-only."""

from __future__ import annotations

import threading
import time

import pytest

from gelar_tui.day.facade import Day
from gelar_tui.errors import GelarError
from gelar_tui.hub.naming import event_id
from gelar_tui.event.hub_url import masked
from gelar_tui.hub.reader import HubJournal, hub_event, open_hub_journal
from tests.support.hub import ship, room_day
from gelar_tui.scoring.day_results import results_of


def wait_until(condition, seconds: float = 20.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.02)
    raise AssertionError("the condition did not come true in time")


def test_the_event_id_is_a_slug_of_title_and_date(demo_event):
    assert event_id(demo_event) == "gelar-budaya-kerja-2016-2016-08-16"


def test_an_address_is_printed_with_its_password_masked():
    assert masked("postgresql://gelar:s3cret@hub.local:5432/gelar?sslmode=require") == (
        "postgresql://gelar:***@hub.local:5432/gelar?sslmode=require"
    )
    assert masked("postgresql://gelar@hub.local/gelar") == "postgresql://gelar@hub.local/gelar"
    # libpq's other places for a password: a URL's query, and a conninfo string
    assert "s3cret" not in masked("postgresql://gelar@hub.local/gelar?sslmode=require&password=s3cret")
    assert masked("host=hub.local password=s3cret dbname=gelar") == "host=hub.local password=*** dbname=gelar"
    assert "s3 cret" not in masked("host=hub.local password = 's3 cret' dbname=gelar")


def test_a_day_read_from_the_hub_is_the_rooms_day(hub_url, event):
    room = room_day(event)
    ship(hub_url, room.journal.path)
    journal = open_hub_journal(hub_url, None)
    try:
        hub_day = Day(hub_event(journal), journal, room.clock, "display")
        assert hub_day.event == room.event  # rebuilt from the event_file record alone
        assert journal.fingerprint() == room.journal.fingerprint()
        assert hub_day.state.seq == room.state.seq
        assert hub_day.state.sheets == room.state.sheets and hub_day.state.locked == room.state.locked
        assert hub_day.slot().remaining == room.slot().remaining
        assert results_of(hub_day) == results_of(room)
        assert journal.last_of_kind("sheet_locked").data == room.journal.last_of_kind("sheet_locked").data
    finally:
        journal.close()
        room.close()


def test_a_record_committed_in_the_room_reaches_a_reader_by_notify(hub_url, event):
    room = room_day(event)
    journal_on_hub = ship(hub_url, room.journal.path)
    journal = open_hub_journal(hub_url, "gelar-budaya-kerja-2016-2016-08-16")
    try:
        hub_day = Day(hub_event(journal), journal, room.clock, "display")
        heard = threading.Event()
        watcher = journal.watcher()
        watcher.subscribe(heard.set)
        watcher.start()
        assert hub_day.refresh() == []  # read once more after listening
        assert not journal.changed()  # then a flag, not a query
        before = room.state.seq
        room.pause()
        ship(hub_url, room.journal.path, after=before)
        assert heard.wait(20), "no notification reached the reader"
        records = hub_day.refresh()
        assert [r.kind for r in records] == ["slot_paused"]
        assert hub_day.slot().phase == room.slot().phase
        assert journal.journal == journal_on_hub
        watcher.stop()
    finally:
        journal.close()
        room.close()


def test_every_write_on_a_day_read_from_the_hub_is_refused_and_nothing_reaches_the_hub(hub_url, event, pg_cluster):
    room = room_day(event)
    ship(hub_url, room.journal.path)
    room.close()
    journal = open_hub_journal(hub_url, None)
    try:
        day = Day(hub_event(journal), journal, None, "display")
        count = journal.fingerprint()
        for action in (day.toggle, lambda: day.show_on_display("scoreboard"), lambda: day.set_score("ceria", "pemprov", "analisis", "90")):
            with pytest.raises(GelarError) as refused:
                action()
            assert "read-only" in str(refused.value) and "***" not in str(refused.value)
        assert day.unsaved == [] and journal.fingerprint() == count
    finally:
        journal.close()


def test_a_record_edited_with_psql_breaks_the_chain_where_it_was_edited(hub_url, event, pg_cluster):
    from gelar_tui.journal.verify import check_chain

    room = room_day(event)
    journal_on_hub = ship(hub_url, room.journal.path)
    room.close()
    database = hub_url.rsplit("/", 1)[1]
    # the data changed, the canonical line and hash left as they were
    pg_cluster.sql(f"UPDATE gelar_hub.records SET data = replace(data, '\"80\"', '\"99\"') WHERE kind = 'score_set' AND data LIKE '%\"80\"%'", database)
    edited = int(pg_cluster.sql("SELECT seq FROM gelar_hub.records WHERE data LIKE '%\"99\"%'", database))
    with open_hub_journal(hub_url, None) as journal:
        assert check_chain(journal).broken_at == edited
    # the canonical line edited to match, the hash left: still found
    pg_cluster.sql(
        f"UPDATE gelar_hub.records SET data = replace(data, '\"99\"', '\"80\"') WHERE journal = '{journal_on_hub}'", database
    )
    pg_cluster.sql(f"UPDATE gelar_hub.records SET canonical = canonical || ' ' WHERE seq = 3", database)
    with open_hub_journal(hub_url, None) as journal:
        assert check_chain(journal).broken_at == 3


def test_a_reader_carries_on_after_the_hub_crashed_and_started_again(own_cluster, event):
    """The server crashed under a live reader: it says the hub is lost, then reads what came meanwhile."""
    url = own_cluster.url()
    room = room_day(event)
    ship(url, room.journal.path)
    journal = open_hub_journal(url, None)
    try:
        day = Day(hub_event(journal), journal, room.clock, "display")
        heard = threading.Event()
        watcher = journal.watcher()
        watcher.subscribe(heard.set)
        watcher.start()
        own_cluster.stop("immediate")  # as after a crash (a kill leaves backends that hold the port a while)
        wait_until(lambda: journal.lost)
        with pytest.raises(GelarError) as lost:
            journal.hub.query("SELECT 1")
        assert "Cannot reach the hub" in str(lost.value) or "lost" in str(lost.value)
        before = room.state.seq
        room.pause()
        room.next_group()
        own_cluster.start()
        wait_until(lambda: not journal.lost)
        ship(url, room.journal.path, after=before)
        wait_until(lambda: bool(day.refresh()) or day.state.seq == room.state.seq)
        assert day.state.seq == room.state.seq and day.state.current == room.state.current
        watcher.stop()
    finally:
        journal.close()
        room.close()

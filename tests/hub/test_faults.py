"""Faults, each against a real server: the hub stopped or killed while a slot runs and stations
write, and the hub unreachable when the console starts."""

from __future__ import annotations

import threading

import pytest

from gelar_tui.hub.ship import Shipper
from tests.hub.hubtools import STATIONS, console_day, hub_rows, init_hub, local_rows, restart, score_some
from tests.support.console import demo_event
from tests.support.serve import free_port, wait_until


def in_step(url, path) -> bool:
    held = hub_rows(url)
    return bool(held) and held == local_rows(path)


@pytest.mark.parametrize("how", ["immediate", "kill"])
def test_the_hub_down_while_a_slot_runs_and_three_stations_write_loses_nothing(own_cluster, tmp_path, how):
    url = own_cluster.url()
    init_hub(url)
    own_cluster.sql("CHECKPOINT")  # the test server runs with synchronous_commit off: a kill may lose the last commits
    path = tmp_path / "room.gelar-journal"
    day = console_day(path)
    shipper = Shipper(url, path, demo_event(), retry_max=1.0).start()
    try:
        day.start()
        wait_until(lambda: in_step(url, path), "the start on the hub")
        before = len(local_rows(path))
        own_cluster.stop(how)
        # the outage (a few seconds here; two minutes in bench/hub.py): the console flips, three stations write
        stations = [threading.Thread(target=score_some, args=(path, juror, 12, group)) for juror, group in STATIONS]
        for station in stations:
            station.start()
        for _ in range(3):
            day.pause()
            day.resume()
        for station in stations:
            station.join()
        wait_until(lambda: shipper.state.status == "behind" and shipper.state.behind > 0, "the shipper noticing the outage")
        held_locally = local_rows(path)
        assert len(held_locally) == before + 36 + 6  # nothing lost in the room
        restart(own_cluster)
        wait_until(lambda: in_step(url, path), f"the hub catching up after its return {shipper.state} {shipper.state.problem}", timeout=30)
        held = hub_rows(url)
        assert [seq for seq, _ in held] == list(range(1, len(held) + 1))  # in order, once
        assert held[-1] == day.journal.fingerprint()  # the room's fingerprint
        wait_until(lambda: shipper.state.status == "in_step", "the shipper back in step")
    finally:
        shipper.stop()
        day.close()


def test_the_hub_killed_in_the_middle_of_a_catch_up_still_ends_with_every_record_once(own_cluster, tmp_path):
    url = own_cluster.url()
    init_hub(url)
    own_cluster.sql("CHECKPOINT")  # the test server runs with synchronous_commit off: a kill may lose the last commits
    path = tmp_path / "room.gelar-journal"
    day = console_day(path)
    day.start()
    day.close()
    for juror, group in STATIONS:
        score_some(path, juror, 600, group)
    shipper = Shipper(url, path, demo_event(), retry_max=1.0, batch=50).start()
    try:
        wait_until(lambda: 0 < len(hub_rows(url)), "the catch-up under way", timeout=30)
        own_cluster.stop("kill")
        restart(own_cluster)
        wait_until(lambda: in_step(url, path), f"the hub holding every record {shipper.state}", timeout=40)
        held = hub_rows(url)
        assert [seq for seq, _ in held] == list(range(1, len(local_rows(path)) + 1))
    finally:
        shipper.stop()


def test_an_unreachable_hub_at_start_is_said_and_shipping_starts_when_it_comes(tmp_path, own_cluster):
    url = own_cluster.url()
    init_hub(url)
    own_cluster.sql("CHECKPOINT")  # the test server runs with synchronous_commit off: a kill may lose the last commits
    own_cluster.stop("fast")
    path = tmp_path / "room.gelar-journal"
    day = console_day(path)
    day.start()
    shipper = Shipper(url, path, demo_event(), retry_max=0.5).start()
    try:
        wait_until(lambda: shipper.state.status == "behind", "the shipper saying the hub cannot be reached")
        from gelar_tui.i18n import Messages

        text, warn = shipper.state.summary(Messages("en"), shipper.state.failing_since + 125)
        assert warn and text == f"hub unreachable · {shipper.state.behind} behind · 2 min"
        assert "Cannot reach the hub" in str(shipper.state.problem)
        restart(own_cluster)
        wait_until(lambda: in_step(url, path), "the hub catching up once it is there")
    finally:
        shipper.stop()
        day.close()


def test_a_hub_address_where_nothing_listens_never_blocks_the_caller(tmp_path):
    path = tmp_path / "room.gelar-journal"
    day = console_day(path)
    shipper = Shipper(f"postgresql://gelar@127.0.0.1:{free_port()}/gelar", path, demo_event()).start()
    try:
        day.start()  # the day goes on; the shipper only says where it stands
        day.pause()
        wait_until(lambda: shipper.state.status == "behind" and shipper.state.behind == len(local_rows(path)), "the shipper counting what it could not ship")
    finally:
        shipper.stop()
        day.close()

"""What an attack on the hub found: each test failed before its fix."""

from __future__ import annotations

import pytest

from gelar_tui.event.hub_url import has_password, masked


@pytest.mark.parametrize(
    "url",
    [
        "postgresql://gelar:pa/ss9w@hub.local/gelar",  # "/" typed unencoded: urlsplit ends the user part there
        "postgresql://gelar:pa?ss9w@hub.local/gelar",  # libpq reads "?" and "#" as part of the password
        "postgresql://gelar:pa#ss9w@hub.local/gelar?sslmode=require",
        "postgresql://gelar:p@ss/9w@hub.local/gelar",
    ],
)
def test_a_password_typed_with_url_characters_is_masked_whole(url):
    shown = masked(url)
    assert has_password(url)
    assert "ss9w" not in shown and "pa" not in shown.replace("postgresql", "") and shown.startswith("postgresql://gelar:***@")


def _freeze(cluster, sig) -> None:
    """Stop (or continue) the server and every backend: the kernel still takes bytes, and nothing answers."""
    import os
    from pathlib import Path

    def children(pid: int) -> list[int]:
        found = []
        for task in Path(f"/proc/{pid}/task").glob("*"):
            try:
                found += [int(c) for c in (task / "children").read_text().split()]
            except OSError:
                pass
        return found

    pids, todo = [], [cluster.process.pid]
    while todo:  # each backend is a session of its own: a signal to the server's group misses them
        pid = todo.pop()
        pids.append(pid)
        todo += children(pid)
    for pid in pids:
        try:
            os.kill(pid, sig)
        except ProcessLookupError:
            pass


def test_a_hub_that_stops_answering_mid_round_is_shown_behind_not_in_step(pg_cluster, hub_url, tmp_path):
    """A server that hangs (frozen, a network that swallows replies) must not leave the badge saying "in step"."""
    import signal
    import time

    from gelar_tui.hub.ship import Shipper
    from tests.hub.hubtools import console_day, init_hub, score_some
    from tests.support.console import demo_event
    from tests.support.serve import wait_until

    url = hub_url
    init_hub(url)
    path = tmp_path / "room.gelar-journal"
    day = console_day(path)
    day.start()
    day.close()
    shipper = Shipper(url, path, demo_event(), retry_max=0.5, round_timeout=2.0).start()
    try:
        wait_until(lambda: shipper.state.status == "in_step" and shipper.state.hub_seq > 0, "in step", timeout=20)
        _freeze(pg_cluster, signal.SIGSTOP)
        try:
            score_some(path, "pemprov", 3)
            shipper.wake()
            wait_until(lambda: shipper.state.status == "behind" and shipper.state.behind >= 3, "shown behind while the hub hangs", timeout=20)
        finally:
            _freeze(pg_cluster, signal.SIGCONT)
        wait_until(lambda: shipper.state.status == "in_step" and shipper.state.behind == 0, "in step again", timeout=30)
    finally:
        shipper.stop()


def test_stopping_the_shipper_while_a_frozen_hub_holds_a_round_ends_its_thread(pg_cluster, hub_url, tmp_path):
    """Found by hand: ctrl+q on a console whose hub had frozen mid-round left the terminal hanging
    10 s (stop() gave up waiting for the shipper's thread, still blocked on the frozen server)."""
    import signal

    from gelar_tui.hub.ship import Shipper
    from tests.hub.hubtools import console_day, init_hub, score_some
    from tests.support.console import demo_event
    from tests.support.serve import wait_until

    init_hub(hub_url)
    path = tmp_path / "room.gelar-journal"
    day = console_day(path)
    day.start()
    day.close()
    shipper = Shipper(hub_url, path, demo_event(), retry_max=0.5).start()
    thread = shipper._thread
    try:
        wait_until(lambda: shipper.state.status == "in_step" and shipper.state.hub_seq > 0, "in step", timeout=20)
        _freeze(pg_cluster, signal.SIGSTOP)
        try:
            score_some(path, "pemprov", 1)
            shipper.wake()
            wait_until(lambda: shipper._round is not None, "a round under way on the frozen hub", timeout=20)
            shipper.stop()
            assert not thread.is_alive(), "the shipper's thread still waits on the frozen hub after stop()"
        finally:
            _freeze(pg_cluster, signal.SIGCONT)
    finally:
        shipper.stop()


@pytest.mark.parametrize(
    ("url", "plain"),
    [
        ("postgresql://gelar:s3cr@hub.local/gelar", "postgresql://gelar@hub.local/gelar"),
        ("postgresql://gelar:p@ss/9w@hub.local/gelar?sslmode=require", "postgresql://gelar@hub.local/gelar?sslmode=require"),
        ("postgresql://gelar@hub/db?password=x&sslmode=require", "postgresql://gelar@hub/db?sslmode=require"),
        ("postgresql://gelar@hub/db?a=1&password=x&b=2", "postgresql://gelar@hub/db?a=1&b=2"),
        ("host=hub password='a b' dbname=g", "host=hub dbname=g"),
        ("postgresql://gelar@hub.local/gelar", "postgresql://gelar@hub.local/gelar"),
    ],
)
def test_an_address_written_for_use_has_no_password_at_all(url, plain):
    from gelar_tui.event.hub_url import without_password

    assert without_password(url) == plain and not has_password(without_password(url))

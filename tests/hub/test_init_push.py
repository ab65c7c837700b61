"""`gelar hub init`, `gelar hub push`, `gelar hub status`, and the `[hub]` table of the event file."""

from __future__ import annotations

import json
from pathlib import Path

import psycopg
import pytest

from gelar_tui.event.eventfile import bundled_event_path
from gelar_tui.hub.naming import event_id, journal_id
from tests.support.cli import gelar, ok, refused
from tests.support.console import demo_event, open_day
from tests.support.pg import PASSWORD


def event_file(folder: Path, hub: str = "") -> Path:
    path = folder / "lomba.toml"
    path.write_text(bundled_event_path().read_text(encoding="utf-8") + hub, encoding="utf-8")
    return path


def write_some(path: Path, scores: int = 5) -> None:
    from tests.support.console import demo_event

    day = open_day(demo_event(), path.with_name("lomba.gelar-journal"))
    try:
        if not day.state.slots[day.state.current].started:
            day.start()
        for n in range(scores):
            day.set_score(day.state.current, "pemprov", "analisis", str(60 + n))
    finally:
        day.close()


def test_init_twice_is_fine_and_prints_the_read_only_role(hub_url, tmp_path, capsys):
    path = event_file(tmp_path)
    first = ok(capsys, "--lang", "en", "hub", "init", path, "--hub", hub_url)
    second = ok(capsys, "--lang", "en", "hub", "init", path, "--hub", hub_url)
    assert "GRANT USAGE ON SCHEMA gelar_hub" in second and "GRANT SELECT" in second
    assert "version 1" in first and PASSWORD not in first + second
    with psycopg.connect(hub_url) as conn:
        assert conn.execute("SELECT value FROM gelar_hub.meta WHERE key = 'schema'").fetchone()[0] == "1"


def test_the_printed_read_only_role_can_read_and_cannot_write(hub_url, pg_cluster, tmp_path, capsys):
    path = event_file(tmp_path)
    out = ok(capsys, "--lang", "en", "hub", "init", path, "--hub", hub_url)
    sql = out[out.index("CREATE ROLE"):].replace("-- then: \\password gelar_reader", "")
    database = hub_url.rsplit("/", 1)[1]
    role = f"r_{database}"[:60]
    pg_cluster.sql(sql.replace("gelar_reader", role), database=database)
    pg_cluster.sql(f"ALTER ROLE {role} PASSWORD '{PASSWORD}'")
    write_some(path)
    ok(capsys, "--lang", "en", "hub", "push", path, "--hub", hub_url)
    reader = hub_url.replace("gelar@", f"{role}@")
    with psycopg.connect(reader) as conn:
        assert conn.execute("SELECT count(*) FROM gelar_hub.records").fetchone()[0] > 0
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("DELETE FROM gelar_hub.records")


def test_push_ships_what_the_hub_lacks_and_says_how_many(hub_url, tmp_path, capsys):
    path = event_file(tmp_path, f'\n[hub]\nurl = "{hub_url}"\n')
    ok(capsys, "--lang", "en", "hub", "init", path)
    write_some(path, 3)
    first = ok(capsys, "--lang", "en", "hub", "push", path)
    assert "Shipped" in first or "dikirim" in first
    again = ok(capsys, "--lang", "en", "hub", "push", path)
    assert "Nothing to ship" in again
    write_some(path, 2)
    more = ok(capsys, "--lang", "en", "hub", "push", path)
    assert more.startswith("Shipped 2 records")
    status = json.loads(ok(capsys, "--lang", "en", "hub", "status", path, "--json"))
    assert status["behind"] == 0 and status["hub_seq"] == status["local_seq"]
    assert status["fingerprint_hub"] == status["fingerprint_local"]
    assert status["event"] == event_id(demo_event()) and status["last_ack"]
    with psycopg.connect(hub_url) as conn:
        rows = conn.execute("SELECT seq FROM gelar_hub.records ORDER BY seq").fetchall()
    assert [r[0] for r in rows] == list(range(1, status["local_seq"] + 1))


def test_status_before_any_push_says_all_behind(hub_url, tmp_path, capsys):
    path = event_file(tmp_path)
    ok(capsys, "--lang", "en", "hub", "init", path, "--hub", hub_url)
    write_some(path, 2)
    status = json.loads(ok(capsys, "--lang", "en", "hub", "status", path, "--hub", hub_url, "--json"))
    assert status["hub_seq"] == 0 and status["behind"] == status["local_seq"] > 0
    assert status["last_ack"] is None and status["fingerprint_hub"] is None


def test_an_event_file_with_a_password_in_its_hub_url_is_refused_without_echoing_it(tmp_path, capsys):
    path = event_file(tmp_path, '\n[hub]\nurl = "postgresql://gelar:s3cretpw@hub.local/gelar"\n')
    err = refused(capsys, "--lang", "en", "check", path)
    assert "s3cretpw" not in err
    assert "postgresql://gelar:***@hub.local/gelar" in err and "pgpass" in err


def test_a_password_in_the_query_is_refused_too(tmp_path, capsys):
    path = event_file(tmp_path, '\n[hub]\nurl = "postgresql://gelar@hub.local/gelar?password=s3cretpw&sslmode=require"\n')
    err = refused(capsys, "--lang", "en", "check", path)
    assert "s3cretpw" not in err and "password=***" in err


def test_a_hub_that_is_not_initialised_says_what_to_run(hub_url, tmp_path, capsys):
    path = event_file(tmp_path)
    write_some(path)
    err = refused(capsys, "--lang", "en", "hub", "push", path, "--hub", hub_url)
    assert "gelar hub init" in err


def test_no_hub_anywhere_is_a_clear_error(tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("GELAR_HUB", raising=False)
    path = event_file(tmp_path)
    write_some(path)
    err = refused(capsys, "--lang", "en", "hub", "push", path)
    assert "--hub" in err and "GELAR_HUB" in err


def test_an_unreachable_hub_is_a_clear_error_with_the_password_masked(tmp_path, capsys):
    from tests.support.serve import free_port

    path = event_file(tmp_path)
    write_some(path)
    err = refused(capsys, "--lang", "en", "hub", "push", path, "--hub", f"postgresql://gelar:topsecret@127.0.0.1:{free_port()}/gelar")
    assert "topsecret" not in err and "gelar:***@127.0.0.1" in err


def test_the_journal_id_is_the_first_records_hash(tmp_path):
    day = open_day(demo_event(), tmp_path / "j.gelar-journal")
    try:
        day.start()
        first = day.journal.records()[0]
    finally:
        day.close()
    assert journal_id(first) == first.hash and len(first.hash) == 64
    assert event_id(demo_event()).endswith(demo_event().event.date.isoformat())

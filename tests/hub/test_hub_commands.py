"""The reading commands with --hub URL --event ID: the same output as from the room's file."""

from __future__ import annotations

import json

import pytest

from gelar_tui.cli import main
from tests.support.hub import ship, room_day
from tests.support.pg import PASSWORD

EVENT_ID = "gelar-budaya-kerja-2016-2016-08-16"
FORMATS = ("text", "toml", "json", "csv", "md", "html", "xlsx")


def run(capsys, *argv: object) -> tuple[int, str, str]:
    code = main(["--lang", "en", *(str(a) for a in argv)])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    assert PASSWORD not in out + err
    return code, out, err


@pytest.fixture
def shipped(hub_url, event, monkeypatch):
    """The room's day on the journal beside *event*, shipped whole to the hub (no clock running:
    documents read twice must not differ by the second they were read at)."""
    monkeypatch.delenv("GELAR_HUB", raising=False)
    room = room_day(event)
    room.next_group()
    room.close()
    ship(hub_url, event.with_name("demo.gelar-journal"))
    return hub_url


@pytest.mark.parametrize("fmt", FORMATS)
def test_results_from_the_hub_are_the_rooms_byte_for_byte(shipped, event, tmp_path, capsys, fmt):
    room, hub = tmp_path / f"room.{fmt}", tmp_path / f"hub.{fmt}"
    assert run(capsys, "results", event, "--format", fmt, "-o", room)[0] == 0
    assert run(capsys, "results", "--hub", shipped, "--event", EVENT_ID, "--format", fmt, "-o", hub)[0] == 0
    assert hub.read_bytes() == room.read_bytes() if fmt != "xlsx" else _cells(hub) == _cells(room)


def _cells(path):
    from openpyxl import load_workbook

    book = load_workbook(path)
    return [[[cell.value for cell in row] for row in sheet.iter_rows()] for sheet in book.worksheets]


def test_the_pdf_from_the_hub_carries_the_rooms_fingerprint(shipped, event, tmp_path, capsys):
    pytest.importorskip("weasyprint")
    import subprocess

    texts = []
    for name, source in (("room", [event]), ("hub", ["--hub", shipped])):
        out = tmp_path / f"{name}.pdf"
        assert run(capsys, "results", *source, "--format", "pdf", "-o", out)[0] == 0
        texts.append(subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True, check=True).stdout)
    assert texts[0] == texts[1] and "fingerprint" in texts[0].lower()


def test_status_log_and_analysis_read_from_the_hub_as_from_the_file(shipped, event, capsys):
    for command in (["status", "--json"], ["log"], ["analysis", "--format", "json"]):
        code, from_file, _ = run(capsys, command[0], event, *command[1:])
        assert code == 0
        code, from_hub, _ = run(capsys, command[0], "--hub", shipped, *command[1:])  # the hub's only event
        assert code == 0
        if command[0] == "status":  # its clock is read at two moments
            from_file, from_hub = json.loads(from_file), json.loads(from_hub)
            for data in (from_file, from_hub):
                for key in ("remaining_s", "overtime_s", "remaining", "overtime", "segment_remaining_s", "groups", "schedule", "delay_s", "phase"):
                    data.pop(key, None)
        assert from_hub == from_file


def test_verify_on_the_hub_holds_then_names_a_record_edited_with_psql(shipped, event, pg_cluster, capsys):
    code, out, _ = run(capsys, "verify", "--hub", shipped, "--event", EVENT_ID)
    assert code == 0 and "The chain holds" in out and "read from the hub" in out
    database = shipped.rsplit("/", 1)[1]
    pg_cluster.sql("UPDATE gelar_hub.records SET data = replace(data, '\"80\"', '\"95\"') WHERE data LIKE '%\"80\"%'", database)
    edited = pg_cluster.sql("SELECT seq FROM gelar_hub.records WHERE data LIKE '%\"95\"%'", database)
    code, out, _ = run(capsys, "verify", "--hub", shipped, "--event", EVENT_ID)
    assert code == 1 and f"Record {edited} on the hub" in out
    code, out, err = run(capsys, "results", "--hub", shipped)  # documents refuse it too
    assert code == 1 and f"record {edited}" in (out + err).lower()


def test_an_unknown_event_lists_the_known_ones(shipped, capsys):
    code, out, err = run(capsys, "status", "--hub", shipped, "--event", "no-such-event")
    assert code == 2 and "no-such-event" in err and EVENT_ID in err and not out


def test_without_event_a_hub_of_several_events_asks_for_one(shipped, tmp_path, capsys):
    other = tmp_path / "other"
    other.mkdir()
    source = (tmp_path / "demo.toml").read_text(encoding="utf-8").replace("date = 2016-08-16", "date = 2016-08-17")
    (other / "demo.toml").write_text(source, encoding="utf-8")
    room_day(other / "demo.toml").close()
    ship(shipped, other / "demo.gelar-journal")
    code, _, err = run(capsys, "status", "--hub", shipped)
    assert code == 2 and EVENT_ID in err and "gelar-budaya-kerja-2016-2016-08-17" in err
    assert run(capsys, "status", "--hub", shipped, "--event", "gelar-budaya-kerja-2016-2016-08-17")[0] == 0


def test_a_hub_that_cannot_be_reached_is_a_clear_error_with_the_password_masked(capsys, monkeypatch):
    from tests.support.serve import free_port

    monkeypatch.delenv("GELAR_HUB", raising=False)
    url = f"postgresql://gelar:{PASSWORD}@127.0.0.1:{free_port()}/gelar"
    code, out, err = run(capsys, "status", "--hub", url, "--event", EVENT_ID)
    assert code == 2 and "Cannot reach the hub" in err and "gelar:***@127.0.0.1" in err


def test_event_without_an_address_says_how_to_give_one(capsys, monkeypatch):
    monkeypatch.delenv("GELAR_HUB", raising=False)
    code, _, err = run(capsys, "status", "--event", EVENT_ID)
    assert code == 2 and "--hub URL" in err


def test_the_address_may_come_from_gelar_hub(shipped, capsys, monkeypatch):
    monkeypatch.setenv("GELAR_HUB", shipped)
    code, out, _ = run(capsys, "log", "--event", EVENT_ID)
    assert code == 0 and "event_file" in out


def test_a_database_without_a_hub_says_to_run_hub_init(hub_url, capsys, monkeypatch):
    monkeypatch.delenv("GELAR_HUB", raising=False)
    code, _, err = run(capsys, "status", "--hub", hub_url)
    assert code == 2 and "gelar hub init" in err


def test_without_psycopg_the_hub_says_what_to_install(capsys, monkeypatch):
    import sys

    monkeypatch.delenv("GELAR_HUB", raising=False)
    monkeypatch.setitem(sys.modules, "psycopg", None)  # as where the 'hub' extra is not installed
    code, _, err = run(capsys, "status", "--hub", "postgresql://gelar@127.0.0.1/gelar")
    assert code == 2 and "psycopg" in err and "pip install" in err


def test_a_read_only_role_reads_everything_and_may_not_choose_for_the_lobby(shipped, event, pg_cluster, capsys, tmp_path):
    """The displays' and desks' role: SELECT on the hub's tables and nothing more."""
    database = shipped.rsplit("/", 1)[1]
    role = f"ro_{database}"[:60]
    pg_cluster.sql(f"DROP ROLE IF EXISTS {role}; CREATE ROLE {role} LOGIN PASSWORD '{PASSWORD}'")
    pg_cluster.sql(f"GRANT USAGE ON SCHEMA gelar_hub TO {role}; GRANT SELECT ON ALL TABLES IN SCHEMA gelar_hub TO {role}", database)
    reader_url = pg_cluster.url(database, user=role)
    room, hub = tmp_path / "room.md", tmp_path / "hub.md"
    assert run(capsys, "results", event, "--format", "md", "-o", room)[0] == 0
    assert run(capsys, "results", "--hub", reader_url, "--format", "md", "-o", hub)[0] == 0
    assert hub.read_bytes() == room.read_bytes()
    assert run(capsys, "verify", "--hub", reader_url)[0] == 0
    code, out, err = run(capsys, "show", "--hub", reader_url, "scoreboard")
    assert code == 2 and "refused" in err and "read-only" in err
    assert pg_cluster.sql("SELECT count(*) FROM gelar_hub.meta WHERE key LIKE 'lobby:%'", database) == "0"


def test_a_role_that_may_not_read_the_hub_is_told_what_it_needs(shipped, pg_cluster, capsys):
    database = shipped.rsplit("/", 1)[1]
    role = f"no_{database}"[:60]
    pg_cluster.sql(f"DROP ROLE IF EXISTS {role}; CREATE ROLE {role} LOGIN PASSWORD '{PASSWORD}'")
    pg_cluster.sql(f"GRANT USAGE ON SCHEMA gelar_hub TO {role}", database)
    code, _, err = run(capsys, "status", "--hub", pg_cluster.url(database, user=role))
    assert code == 2 and "permission denied" in err and "SELECT" in err

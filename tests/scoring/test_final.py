"""Results are final only when no number can still change; withdrawing a group; documents of a broken journal."""

from __future__ import annotations

import csv
import html
import io
import json
import sqlite3
import tomllib
from pathlib import Path

import pytest

from gelar_tui.journal.clock import FakeClock
from gelar_tui.day.facade import Day
from gelar_tui.errors import GelarError
from gelar_tui.event.eventfile import load_event
from gelar_tui.day.state import GroupStatus
from gelar_tui.scoring.day_results import results_of

from tests.support.console import open_day
from tests.support.cli import full_rows, gelar, ok, refused, status, write_sheet


def every_sheet_in_and_one_group_presented(capsys, event: Path, tmp_path: Path, clock: FakeClock) -> None:
    """Every sheet imported and locked; ceria presented (on the clock); the three others still wait."""
    ok(capsys, "scores", "import", event, write_sheet(tmp_path, *full_rows()))
    day = open_day(load_event(event), event.with_name("demo.gelar-journal"), clock)
    try:
        day.start()
        clock.advance(600)
        day.next_group()
    finally:
        day.close()


def test_every_sheet_locked_is_not_final_while_groups_wait(capsys, event, tmp_path, clock):
    every_sheet_in_and_one_group_presented(capsys, event, tmp_path, clock)
    data = status(capsys, event, "--lang", "en")
    assert data["provisional"] is True
    assert data["missing"]["waiting"] == ["melati", "berlian", "cp-joss"]
    assert "still to present or be withdrawn: KBK Melati, KBK Berlian, KBK CP JOSS" in data["results_status"]
    for fmt in ("json", "toml"):
        out = ok(capsys, "results", event, "--format", fmt, "--lang", "id")
        found = tomllib.loads(out) if fmt == "toml" else json.loads(out)
        assert found["provisional"] is True and "belum tampil atau diundurkan: KBK Melati" in found["status"]
    text = ok(capsys, "results", event, "--lang", "en")
    assert "PROVISIONAL" in text and "KBK Berlian" in text.splitlines()[1]
    md = ok(capsys, "results", event, "--format", "md", "--lang", "id")
    assert "Hasil ini final" not in md and "SEMENTARA: belum tampil atau diundurkan: KBK Melati" in md
    html = ok(capsys, "results", event, "--format", "html", "--lang", "en")
    assert 'class="provisional"' in html and "These results are final" not in html
    rows = list(csv.DictReader(io.StringIO(ok(capsys, "results", event, "--format", "csv"))))
    assert {row["provisional"] for row in rows} == {"yes"}


def test_a_slot_on_stage_keeps_the_results_provisional(capsys, event, tmp_path, clock):
    every_sheet_in_and_one_group_presented(capsys, event, tmp_path, clock)
    day = open_day(load_event(event), event.with_name("demo.gelar-journal"), clock)
    try:
        day.start()  # melati is on stage: its overtime can still change
        results = results_of(day)
        assert results.provisional and results.on_stage == ("melati",)
    finally:
        day.close()


def test_a_day_scored_from_imported_sheets_alone_can_be_final(capsys, event, tmp_path):
    ok(capsys, "scores", "import", event, write_sheet(tmp_path, *full_rows()))
    data = status(capsys, event, "--lang", "en")
    assert data["provisional"] is False and data["missing"]["waiting"] == []
    assert ok(capsys, "results", event, "--lang", "en").splitlines()[1].startswith("Final")


def test_withdrawn_groups_leave_the_ranking_and_are_named_with_their_reason(capsys, event, tmp_path, clock):
    every_sheet_in_and_one_group_presented(capsys, event, tmp_path, clock)
    out = ok(capsys, "withdraw", event, "melati", "--reason", "Tidak hadir [bold]sampai 10:00[/]", "--lang", "id")
    assert "KBK Melati" in out and "Tidak hadir [bold]sampai 10:00[/]" in out
    ok(capsys, "withdraw", event, "berlian", "--reason", "tidak hadir")
    day = open_day(load_event(event), event.with_name("demo.gelar-journal"), clock)
    try:
        assert day.state.status("melati") == GroupStatus.WITHDRAWN
        assert day.state.current == "cp-joss"  # the withdrawn were passed over
        with pytest.raises(GelarError) as refusal:
            day.withdraw("ceria", "late")
        assert refusal.value.key == "withdraw.presented"
        day.start()
        with pytest.raises(GelarError) as refusal:
            day.withdraw("cp-joss", "gone")
        assert refusal.value.key == "withdraw.on_stage"
        assert results_of(day).provisional  # cp-joss is on stage
        clock.advance(600)
        day.next_group()
        results = results_of(day)
        assert [e.group for e in results.entries] == ["cp-joss", "ceria"]
        assert not results.provisional
    finally:
        day.close()
    md = ok(capsys, "results", event, "--format", "md", "--lang", "id")
    assert "Hasil ini final" in md and "SEMENTARA" not in md
    assert "telah menilai 2 kelompok" in md  # the two withdrawn were not assessed
    assert "KBK Melati (" in md and "Tidak hadir [bold]sampai 10:00[/]" in md
    data = json.loads(ok(capsys, "results", event, "--format", "json"))
    assert data["withdrawn"] == [
        {"group": "melati", "name": "KBK Melati", "reason": "Tidak hadir [bold]sampai 10:00[/]"},
        {"group": "berlian", "name": "KBK Berlian", "reason": "tidak hadir"},
    ]
    assert [row["group"] for row in data["ranking"]] == ["cp-joss", "ceria"]
    assert "withdrawn" in ok(capsys, "status", event, "--lang", "en")
    # brought back (with a reason), melati waits again and the results are provisional again
    ok(capsys, "withdraw", event, "melati", "--undo", "--reason", "datang terlambat")
    data = status(capsys, event)
    assert data["provisional"] is True and data["missing"]["waiting"] == ["melati"]
    log = ok(capsys, "log", event)
    assert "group_withdrawn" in log and "group_reinstated" in log and "reason=datang terlambat" in log


@pytest.mark.parametrize(
    "argv, message",
    [
        (["withdraw", "{event}", "melati", "--reason", "  \x07 "], "a reason is required"),
        (["withdraw", "{event}", "nobody", "--reason", "x"], "nobody"),
        (["withdraw", "{event}", "melati", "--undo", "--reason", "x"], "is not withdrawn"),
    ],
)
def test_withdraw_refuses_bad_input_and_writes_nothing(capsys, event, argv, message):
    ok(capsys, "scores", "import", event, write_sheet(event.parent, *full_rows()[:1]))
    before = ok(capsys, "log", event)
    err = refused(capsys, "--lang", "en", *(a.format(event=event) for a in argv))
    assert message in err
    assert ok(capsys, "log", event) == before


def tamper_one_score(journal: Path) -> int:
    """Change one score_set value behind the journal's back, as sqlite3 would; return its record number."""
    db = sqlite3.connect(journal)
    try:
        columns = [row[1] for row in db.execute("PRAGMA table_info(records)")]
        seq, data = db.execute("SELECT seq, data FROM records WHERE kind = 'score_set' ORDER BY seq LIMIT 1 OFFSET 4").fetchone()
        changed = json.loads(data)
        changed["value"] = "99"
        db.execute("UPDATE records SET data = ? WHERE seq = ?", (json.dumps(changed, separators=(",", ":")), seq))
        db.commit()
        assert "data" in columns
    finally:
        db.close()
    return seq


@pytest.mark.parametrize("fmt", ["text", "md", "html", "json", "toml", "csv"])
def test_results_refuse_a_broken_chain_and_mark_an_unverified_print(capsys, event, journal, tmp_path, fmt):
    ok(capsys, "scores", "import", event, write_sheet(tmp_path, *full_rows()))
    seq = tamper_one_score(journal)
    code, out, err = gelar(capsys, "results", event, "--format", fmt, "--lang", "en")
    assert code == 1 and out == ""
    assert f"breaks at record {seq} (score_set)" in err
    out = ok(capsys, "results", event, "--format", fmt, "--lang", "en", "--unverified")
    banner = f"NOT VERIFIED: the journal's hash chain breaks at record {seq}"
    out = html.unescape(out) if fmt == "html" else out
    assert banner in out
    if fmt in ("text", "md", "html"):
        assert out.count(banner) >= 2  # at the top and at the end
    if fmt == "html":
        assert "@top-center" in out  # on every printed page
    if fmt == "json":
        assert json.loads(out)["unverified"].startswith(banner)
    if fmt == "toml":
        assert tomllib.loads(out)["unverified"].startswith(banner)


def test_an_unverified_workbook_says_so_on_every_sheet(capsys, event, journal, tmp_path):
    from openpyxl import load_workbook

    ok(capsys, "scores", "import", event, write_sheet(tmp_path, *full_rows()))
    tamper_one_score(journal)
    target = tmp_path / "hasil.xlsx"
    code, _, err = gelar(capsys, "results", event, "--format", "xlsx", "-o", target, "--lang", "en")
    assert code == 1 and not target.exists()
    ok(capsys, "results", event, "--format", "xlsx", "-o", target, "--lang", "en", "--unverified")
    book = load_workbook(target)
    for sheet in book.worksheets:
        assert sheet.cell(3, 1).value.startswith("NOT VERIFIED")
        assert sheet.oddHeader.center.text.startswith("NOT VERIFIED")


def test_an_intact_journal_prints_without_a_banner(capsys, event, tmp_path):
    ok(capsys, "scores", "import", event, write_sheet(tmp_path, *full_rows()))
    assert "NOT VERIFIED" not in ok(capsys, "results", event, "--format", "md", "--lang", "en")


def test_a_paused_group_on_stage_can_be_withdrawn_and_the_next_is_called(day, clock):
    day.start()
    clock.advance(30)
    day.pause()
    day.withdraw("ceria", "pingsan \u202e\x1b[31m" + "x" * 400)
    slot = day.state.slots["ceria"]
    assert day.state.status("ceria") == GroupStatus.WITHDRAWN and not slot.started
    assert day.state.current == "melati"
    assert slot.withdrawn.startswith("pingsan [31mx") and len(slot.withdrawn) == 300  # one printable line
    results = results_of(day)
    assert "ceria" not in [e.group for e in results.entries] and results.withdrawn[0][0] == "ceria"
    assert results.waiting == ("melati", "berlian", "cp-joss")  # the clock has not run for them yet
    day.reinstate("ceria", "sudah sadar")
    assert day.state.status("ceria") == GroupStatus.WAITING


def test_a_long_list_of_waiting_groups_is_cut_short_in_words(tmp_path):
    from gelar_tui.scoring.finality import missing_text
    from gelar_tui.i18n import Messages
    from tests.support.screens import big_event

    event = big_event(40, 2)
    day = Day.open(event, tmp_path / "big.gelar-journal", clock=FakeClock())
    try:
        day.start()
        text = missing_text(results_of(day), event, Messages("en"))
    finally:
        day.close()
    assert "and 33 more" in text and len(text) < 400  # 39 waiting: six named, the rest counted

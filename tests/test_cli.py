"""The `gelar` command line, run in-process (and once through its real entry points)."""

from __future__ import annotations

import csv
import io
import json
import shutil
import sqlite3
import subprocess
import sys
import time
import tomllib
from pathlib import Path

import pytest

from gelar_tui.journal.clock import FakeClock
from gelar_tui.day.facade import Day
from gelar_tui.event.eventfile import bundled_event_path, load_event
from tests.support.cli import CRITERIA, GROUPS, HEADER, JURORS, full_rows, gelar, juror_total, ok, refused, status, write_sheet

def fresh_journal(event: Path) -> None:
    """The journal of a day nobody has started yet (views that only read refuse a missing one)."""
    Day.open(load_event(event), event.with_name("demo.gelar-journal")).close()


def log_lines(capsys, *argv: object) -> list[str]:
    """The log's lines but the event_file record a writing command puts first (see eventrecord)."""
    return [line for line in ok(capsys, "log", *argv).splitlines() if line.split()[3:4] != ["event_file"]]


# -- check and new ------------------------------------------------------------------


def test_check_summarises_the_event(capsys, event):
    out = ok(capsys, "check", event, "--lang", "en")
    assert f"{event}: OK" in out and "Gelar Budaya Kerja 2016" in out
    names = ["KBK Ceria", "KBK Melati", "KBK Berlian", "KBK CP JOSS"]
    assert [out.index(n) for n in names] == sorted(out.index(n) for n in names)
    assert "4 group(s)" in out and "2 juror(s)" in out
    assert "pemprov" in out and "swasta" in out
    for criterion, weight in zip(CRITERIA, [20, 20, 20, 20, 10, 10]):
        line = next(line for line in out.splitlines() if line.strip().startswith(criterion + ":"))
        assert f"weight {weight}" in line
    assert "Slot 30m" in out


def test_check_speaks_the_events_language_and_lang_overrides_it(capsys, event):
    assert "bobot 20" in ok(capsys, "check", event)  # the demo's language is id
    assert "weight 20" in ok(capsys, "--lang", "en", "check", event)  # before the command too


def test_new_writes_a_commented_template_that_passes_check(capsys, tmp_path):
    path = tmp_path / "mine.toml"
    ok(capsys, "new", path)
    text = path.read_text(encoding="utf-8")
    assert text.startswith("#") and "gelar check" in text
    assert ": OK" in ok(capsys, "check", path)


def test_new_in_indonesian(capsys, tmp_path):
    path = tmp_path / "acara.toml"
    ok(capsys, "new", path, "--lang", "id")
    text = path.read_text(encoding="utf-8")
    assert 'language = "id"' in text and "Periksa dengan" in text and "kelompok" in text
    assert ": OK" in ok(capsys, "check", path)


def test_new_never_overwrites(capsys, tmp_path):
    path = tmp_path / "precious.toml"
    path.write_text("# my event, half written\n", encoding="utf-8")
    err = refused(capsys, "new", path)
    assert str(path) in err and "already exists" in err
    assert path.read_text(encoding="utf-8") == "# my event, half written\n"


def test_new_into_a_missing_folder(capsys, tmp_path):
    assert "Cannot write" in refused(capsys, "new", tmp_path / "no" / "such" / "event.toml")


# -- scores import ------------------------------------------------------------------


@pytest.mark.parametrize(
    "header, rows, prefix",
    [
        (HEADER, ["pemprov,ceria,analisis,85.5", "swasta,ceria,analisis,90"], b""),
        ("juror;group;criterion;score", ["pemprov;ceria;analisis;85,5", "swasta;ceria;analisis;90"], b""),
        (HEADER, ['pemprov,ceria,analisis,"85,5"', "swasta,ceria,analisis,90"], b""),
        (HEADER, ["pemprov,ceria,analisis,85.5", "swasta,ceria,analisis,90"], b"\xef\xbb\xbf"),
        ("Juror , Group , Criterion , Score", [" pemprov , ceria , analisis , 85.50 ", "swasta,ceria,analisis,90"], b""),
    ],
    ids=["comma", "semicolon and decimal comma", "quoted decimal comma", "utf-8 bom", "spaces and capitals"],
)
def test_import_reads_spreadsheet_dialects(capsys, event, tmp_path, header, rows, prefix):
    ok(capsys, "scores", "import", event, write_sheet(tmp_path, *rows, header=header, prefix=prefix))
    lines = log_lines(capsys, event)
    assert len(lines) == 2
    assert "juror=pemprov" in lines[0] and "value=85.5" in lines[0]
    assert "juror=swasta" in lines[1] and "value=90" in lines[1]
    assert status(capsys, event)["scores"] == {"in": 2, "expected": 48}


BAD_ROWS = {
    "unknown juror": ("ketua,ceria,solusi,80", "unknown juror 'ketua'"),
    "unknown group": ("pemprov,mawar,solusi,80", "unknown group 'mawar'"),
    "unknown criterion": ("pemprov,ceria,kreativitas,80", "unknown criterion 'kreativitas'"),
    "above max": ("pemprov,ceria,solusi,101", "101 is outside 0..100"),
    "below min": ("pemprov,ceria,solusi,-1", "-1 is outside 0..100"),
    "not a number": ("pemprov,ceria,solusi,delapan puluh", "not a number: 'delapan puluh'"),
    "empty score": ("pemprov,ceria,solusi,", "empty"),
    "three decimals": ("pemprov,ceria,solusi,85.555", "85.555: use at most two decimals"),
    "duplicated row": ("pemprov,ceria,analisis,70", "the same juror, group and criterion as line 2"),
    "missing column": ("pemprov,ceria,solusi", "3 columns where the header has 4"),
}


@pytest.mark.parametrize("row, message", BAD_ROWS.values(), ids=BAD_ROWS.keys())
def test_import_is_all_or_nothing(capsys, event, tmp_path, row, message):
    sheet = write_sheet(tmp_path, "pemprov,ceria,analisis,80", row, "swasta,ceria,analisis,85")
    err = refused(capsys, "--lang", "en", "scores", "import", event, sheet)
    assert "Nothing was imported" in err
    assert f"sheet.csv:3: {message}" in err
    assert "sheet.csv:2" not in err and "sheet.csv:4" not in err
    assert log_lines(capsys, event) == []
    assert status(capsys, event)["scores"]["in"] == 0


def test_import_names_every_bad_row_in_line_order(capsys, event, tmp_path):
    rows = ["pemprov,ceria,analisis,80", *(row for row, _ in BAD_ROWS.values())]
    err = refused(capsys, "--lang", "en", "scores", "import", event, write_sheet(tmp_path, *rows))
    named = [int(line.split("sheet.csv:")[1].split(":")[0]) for line in err.splitlines() if "sheet.csv:" in line]
    assert named == list(range(3, 3 + len(BAD_ROWS)))


@pytest.mark.parametrize(
    "content, message",
    [
        (b"name,team,score\nAni,ceria,80\n", "lacks the column(s) juror, group, criterion;"),
        (b"", "is empty"),
        (b"\n  \n", "is empty"),
        (HEADER.encode() + b"\n", "has a header but no scores"),
    ],
    ids=["bad header", "empty", "blank lines", "header only"],
)
def test_import_refuses_unusable_sheets(capsys, event, tmp_path, content, message):
    sheet = tmp_path / "sheet.csv"
    sheet.write_bytes(content)
    assert message in refused(capsys, "--lang", "en", "scores", "import", event, sheet)
    journal = event.with_name("demo.gelar-journal")
    assert not journal.exists() or log_lines(capsys, event) == []  # nothing recorded (`log` refuses a missing journal)


def test_import_of_a_missing_sheet(capsys, event, tmp_path):
    assert "No score sheet at" in refused(capsys, "--lang", "en", "scores", "import", event, tmp_path / "absent.csv")


def test_full_import_locks_every_sheet_and_a_changed_second_import_is_refused(capsys, event, tmp_path):
    sheet = write_sheet(tmp_path, *full_rows())
    ok(capsys, "scores", "import", event, sheet)
    data = status(capsys, event)
    assert data["scores"] == {"in": 48, "expected": 48}
    assert data["sheets"] == {"locked": 8, "expected": 8} and data["provisional"] is False
    assert "Nothing new" in ok(capsys, "--lang", "en", "scores", "import", event, sheet)
    changed = write_sheet(tmp_path, *full_rows()[:-1], "swasta,cp-joss,kerjasama,12")
    err = refused(capsys, "--lang", "en", "scores", "import", event, changed)
    assert "sheet.csv:49: the sheet of juror 'swasta' for group 'cp-joss' is locked and holds 85 here, not 12" in err
    assert len(log_lines(capsys, event)) == 48 + 8


# -- results --------------------------------------------------------------------------


def results_data(capsys, event: Path, fmt: str) -> dict:
    out = ok(capsys, "results", event, "--format", fmt)
    return tomllib.loads(out) if fmt == "toml" else json.loads(out)


@pytest.mark.parametrize("fmt", ["toml", "json"])
def test_results_data_when_every_sheet_is_in(capsys, event, tmp_path, fmt):
    ok(capsys, "scores", "import", event, write_sheet(tmp_path, *full_rows()))
    data = results_data(capsys, event, fmt)
    assert data["method"] == "mean" and data["provisional"] is False
    ranking = data["ranking"]
    assert [entry["group"] for entry in ranking] == list(reversed(GROUPS))
    assert [entry["rank"] for entry in ranking] == [1, 2, 3, 4]
    for entry in ranking:
        group = entry["group"]
        assert entry["name"] == load_event(event).group(group).name
        assert entry["jurors"] == {j: float(juror_total(j, group)) for j in JURORS}
        assert entry["score"] == pytest.approx(juror_total("pemprov", group) + 0.5)
        assert isinstance(entry["rank"], int) and isinstance(entry["score"], float)
        assert entry["penalty"] == 0


@pytest.mark.parametrize("fmt", ["toml", "json"])
def test_results_are_provisional_while_scores_are_missing(capsys, event, tmp_path, fmt):
    pemprov_only = [row for row in full_rows() if row.startswith("pemprov,")]
    ok(capsys, "scores", "import", event, write_sheet(tmp_path, *pemprov_only))
    data = results_data(capsys, event, fmt)
    assert data["provisional"] is True
    assert [entry["group"] for entry in data["ranking"]] == list(reversed(GROUPS))


@pytest.mark.parametrize("lang, provisional, final", [("en", "PROVISIONAL", "Final"), ("id", "SEMENTARA", "Final")])
def test_results_text_says_whether_it_is_final(capsys, event, tmp_path, lang, provisional, final):
    fresh_journal(event)
    out = ok(capsys, "results", event, "--lang", lang)
    assert provisional in out and "KBK Ceria" in out
    ok(capsys, "scores", "import", event, write_sheet(tmp_path, *full_rows()))
    out = ok(capsys, "results", event, "--lang", lang, "--format", "text")
    assert final in out and provisional not in out
    assert out.index("KBK CP JOSS") < out.index("KBK Ceria")


def test_results_csv(capsys, event, tmp_path):
    ok(capsys, "scores", "import", event, write_sheet(tmp_path, *full_rows()))
    rows = list(csv.DictReader(io.StringIO(ok(capsys, "results", event, "--format", "csv"))))
    assert [row["group"] for row in rows] == list(reversed(GROUPS))
    assert [row["rank"] for row in rows] == ["1", "2", "3", "4"]
    assert float(rows[0]["pemprov"]) == juror_total("pemprov", "cp-joss")
    assert {row["provisional"] for row in rows} == {"no"}



def test_results_markdown_names_every_group_and_says_provisional(capsys, event):
    fresh_journal(event)
    out = ok(capsys, "results", event, "--format", "md", "--lang", "en")
    assert "Gelar Budaya Kerja 2016" in out and "|" in out
    assert all(name in out for name in ("KBK Ceria", "KBK Melati", "KBK Berlian", "KBK CP JOSS"))
    assert "PROVISIONAL" in out.upper()


def test_results_to_a_file(capsys, event, tmp_path):
    fresh_journal(event)
    target = tmp_path / "hasil.json"
    code, out, err = gelar(capsys, "results", event, "--format", "json", "-o", target)
    assert code == 0 and out == "" and str(target) in err
    assert json.loads(target.read_text(encoding="utf-8")) == results_data(capsys, event, "json")
    assert "Cannot write" in refused(capsys, "--lang", "en", "results", event, "-o", tmp_path / "no" / "r.txt")


# -- status and log ---------------------------------------------------------------------


def test_status_json_of_a_fresh_day(capsys, event):
    fresh_journal(event)
    data = status(capsys, event)
    assert data["current"] == "ceria" and data["phase"] == "ready"
    assert (data["remaining_s"], data["overtime_s"]) == (1800, 0)
    assert data["order"] == GROUPS
    assert data["scores"] == {"in": 0, "expected": 48}


def test_status_shows_the_clock_that_ran_on_while_nothing_watched(capsys, event, journal):
    clock = FakeClock(time.time() - 1900)  # the slot started 31m40s ago (a crash since?)
    day = Day.open(load_event(event), journal, clock=clock)
    day.start()
    day.close()
    data = status(capsys, event)
    assert data["phase"] == "overtime" and data["remaining_s"] == 0
    assert 95 <= data["overtime_s"] <= 110


def test_log_is_one_line_a_record_oldest_first(capsys, event, tmp_path):
    ok(capsys, "scores", "import", event, write_sheet(tmp_path, "swasta,melati,inovasi,77", "pemprov,ceria,solusi,66"))
    lines = log_lines(capsys, event)
    assert [int(line.split()[0]) for line in lines] == [2, 3]  # record 1: the event the import ran on
    assert "group=melati" in lines[0] and "value=77" in lines[0]
    assert "group=ceria" in lines[1] and "value=66" in lines[1]
    assert all("score_set" in line for line in lines)


@pytest.mark.parametrize("command", ["check", "status", "log", "results"])
def test_journal_option_works_on_every_command(capsys, event, journal, tmp_path, command):
    elsewhere = tmp_path / "elsewhere" / "day.gelar-journal"
    ok(capsys, "scores", "import", event, write_sheet(tmp_path, "pemprov,ceria,solusi,66"), "--journal", elsewhere)
    assert elsewhere.exists() and not journal.exists()
    out = ok(capsys, command, event, "--lang", "en", "--journal", elsewhere, *(["--json"] if command == "status" else []))
    expected = {"check": f"Journal: {elsewhere}", "status": '"in": 1', "log": "value=66", "results": "1 of 48 scores in"}
    assert expected[command] in out
    assert not journal.exists()


# -- every bad input: exit 2, a message, no traceback, nothing changed -------------------


def _foreign_sqlite(path: Path, event: Path) -> None:
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE contacts (name TEXT)")
        db.execute("INSERT INTO contacts VALUES ('Ani')")
    db.close()


def _other_event(path: Path, event: Path) -> None:
    other = event.with_name("other.toml")
    other.write_text(event.read_text(encoding="utf-8").replace("Gelar Budaya Kerja 2016", "Gelar Inovasi 2017"), encoding="utf-8")
    Day.open(load_event(other), path).close()


def _newer(path: Path, event: Path) -> None:
    day = Day.open(load_event(event), path)
    day.set_score("ceria", "pemprov", "solusi", "80")
    day.close()
    db = sqlite3.connect(path)
    db.execute("PRAGMA user_version = 99")
    db.close()


BAD_JOURNALS = {
    "garbage": (lambda path, event: path.write_bytes(bytes(range(256)) * 16), "is damaged or not a journal"),
    "damaged sqlite": (lambda path, event: path.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4000), "is damaged or not a journal"),
    "foreign sqlite": (_foreign_sqlite, "is not a gelar journal"),
    "other event": (_other_event, "belongs to another event ('Gelar Inovasi 2017', 2016-08-16)"),
    "newer version": (_newer, "written by a newer version of gelar (format 99"),
}


@pytest.mark.parametrize("command", ["status", "log", "results", "scores import"])
@pytest.mark.parametrize("make, message", BAD_JOURNALS.values(), ids=BAD_JOURNALS.keys())
def test_bad_journal_is_refused_and_left_untouched(capsys, event, tmp_path, make, message, command):
    bad = tmp_path / "bad.gelar-journal"
    make(bad, event)
    argv = [*command.split(), event, *([write_sheet(tmp_path, "pemprov,ceria,solusi,66")] if command == "scores import" else [])]
    before, files = bad.read_bytes(), sorted(tmp_path.iterdir())
    err = refused(capsys, "--lang", "en", *argv, "--journal", bad)
    assert str(bad) in err and message in err and "untouched" in err
    assert bad.read_bytes() == before and sorted(tmp_path.iterdir()) == files


def test_journal_that_is_a_folder(capsys, event, tmp_path):
    assert "is a folder" in refused(capsys, "--lang", "en", "status", event, "--journal", tmp_path)


@pytest.mark.parametrize("command", ["check", "status", "log", "results", "scores import"])
def test_bad_event_file_is_refused_on_every_command(capsys, event, tmp_path, command):
    event.write_text(event.read_text(encoding="utf-8").replace("weight = 20", "weight = 0", 1), encoding="utf-8")
    argv = [*command.split(), event, *([write_sheet(tmp_path, "pemprov,ceria,solusi,66")] if command == "scores import" else [])]
    err = refused(capsys, "--lang", "en", *argv)
    assert f"The event file {event.name} has mistakes" in err and "criteria[0].weight" in err
    assert not event.with_name("demo.gelar-journal").exists()


@pytest.mark.parametrize("lang, message", [("en", "No event file at"), ("id", "tidak ada. Periksa jalurnya")])
def test_missing_event_file_in_each_language(capsys, tmp_path, lang, message):
    err = refused(capsys, "--lang", lang, "check", tmp_path / "acara.toml")
    assert message in err and "gelar new" in err


def test_entry_points_work(tmp_path):
    event = tmp_path / "demo.toml"
    shutil.copyfile(bundled_event_path(), event)
    script = shutil.which("gelar", path=str(Path(sys.executable).parent))
    assert script, "the gelar console script is not installed beside this Python"
    for command in ([script], [sys.executable, "-m", "gelar_tui"]):
        done = subprocess.run([*command, "check", str(event)], capture_output=True, text=True, timeout=60)
        assert done.returncode == 0 and "Gelar Budaya Kerja 2016" in done.stdout, done.stderr
        done = subprocess.run([*command, "check", str(tmp_path / "absent.toml")], capture_output=True, text=True, timeout=60)
        assert done.returncode == 2 and "absent.toml" in done.stderr and "Traceback" not in done.stderr

"""Command-line edges: files as organisers' editors save them, and commands that only look."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from gelar_tui.cli import main
from gelar_tui.event.eventfile import bundled_event_path


@pytest.fixture
def event(tmp_path: Path) -> Path:
    path = tmp_path / "lomba.toml"
    shutil.copyfile(bundled_event_path(), path)
    return path


def run(capsys, *argv: object) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def test_check_names_an_unknown_theme(capsys, event):
    event.write_text(event.read_text(encoding="utf-8").replace('theme = "projector"', 'theme = "neon"'), encoding="utf-8")
    code, out, err = run(capsys, "--lang", "en", "check", event)
    assert code == 2
    assert "event.theme" in err and "'neon'" in err and "projector" in err


def test_an_event_file_saved_with_a_byte_order_mark_reads(capsys, event):
    event.write_bytes(b"\xef\xbb\xbf" + event.read_bytes())
    code, out, _ = run(capsys, "check", event)
    assert code == 0 and "Gelar Budaya Kerja 2016" in out


@pytest.mark.parametrize("command", ["status", "log", "results"])
def test_commands_that_only_look_create_no_journal(capsys, event, command):
    code, _, err = run(capsys, "--lang", "en", command, event)
    assert code == 2 and "There is no journal at" in err  # (tests/test_journal_gone.py: every such view)
    assert list(event.parent.iterdir()) == [event]


def test_scientific_notation_is_not_a_score(capsys, event, tmp_path):
    sheet = tmp_path / "sheet.csv"
    sheet.write_text("juror,group,criterion,score\npemprov,ceria,analisis,1e2\n", encoding="utf-8")
    code, out, err = run(capsys, "--lang", "en", "scores", "import", event, sheet)
    assert code == 2
    assert "sheet.csv:2" in err and "not a number: '1e2'" in err


def test_errors_after_the_event_is_read_speak_its_language(capsys, event, tmp_path):
    sheet = tmp_path / "sheet.csv"
    sheet.write_text("juror,group,criterion,score\npemprov,ceria,analisis,101\n", encoding="utf-8")
    code, _, err = run(capsys, "scores", "import", event, sheet)  # the demo event speaks Indonesian
    assert code == 2
    assert "di luar rentang 0..100" in err


def test_a_checked_file_is_remembered_until_it_changes(capsys, event):
    import subprocess
    import sys

    code = "import sys; from pathlib import Path; from gelar_tui.event.eventfile import load_event; load_event(Path(sys.argv[1])); print('pydantic' in sys.modules)"
    first = subprocess.run([sys.executable, "-c", code, str(event)], capture_output=True, text=True, check=True)
    again = subprocess.run([sys.executable, "-c", code, str(event)], capture_output=True, text=True, check=True)
    assert (first.stdout.strip(), again.stdout.strip()) == ("True", "False")  # checked once, then remembered
    event.write_text(event.read_text(encoding="utf-8").replace("max_members = 10", "max_members = 0"), encoding="utf-8")
    code_, out, err = run(capsys, "--lang", "en", "run", event)  # an edit is checked again before anything opens
    assert code_ == 2 and "event.max_members" in err


def test_commands_other_than_the_console_run_with_the_collector_on(monkeypatch, tmp_path, capsys) -> None:
    import gc

    from gelar_tui import start

    from gelar_tui.day.facade import Day
    from gelar_tui.event.eventfile import load_event

    Day.open(load_event(bundled_event_path()), tmp_path / "day.gelar-journal").close()  # `status` reads one, makes none
    monkeypatch.setattr("sys.argv", ["gelar", "status", "--journal", str(tmp_path / "day.gelar-journal")])
    try:
        assert start.main() == 0
        assert gc.isenabled()
    finally:
        gc.enable()
    assert "KBK Ceria" in capsys.readouterr().out

"""The command line says true things, acts on the right event and loses nothing (issues 17 and 18)."""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import sqlite3
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from gelar_tui.cli import main
from gelar_tui.journal.clock import FakeClock
from gelar_tui.day.facade import Day
from gelar_tui.event.eventfile import bundled_event_path, load_event
from gelar_tui.terminal import columns, display_width, safe_text

DEMO_TITLE = "Gelar Budaya Kerja 2016"


def gelar(capsys, *argv: object) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def suggested(text: str) -> list[str]:
    """Every command line the output suggests: from `gelar` to the end of its line, a bracket or a sentence."""
    found = []
    for line in text.splitlines():
        for match in re.finditer(r"gelar (?:[^\s(]|\s(?!\())+", line):
            command = match.group(0).rstrip(".")
            try:
                words = shlex.split(command)
            except ValueError:
                continue
            if len(words) > 1 and words[1] in ("pins", "jury", "new", "check", "scores", "show", "status"):
                found.append(command)
    return found


def run_as_printed(capsys, command: str) -> tuple[int, str, str]:
    words = shlex.split(command)
    assert words[0] == "gelar"
    return gelar(capsys, *words[1:])


@pytest.fixture
def spaced(tmp_path: Path, monkeypatch) -> tuple[Path, Path]:
    """The demo event in a folder whose name has a space, its journal elsewhere, run from the folder above."""
    folder = tmp_path / "lomba kota"
    folder.mkdir()
    event = folder / "acara saya.toml"
    shutil.copyfile(bundled_event_path(), event)
    monkeypatch.chdir(tmp_path)
    return Path("lomba kota") / "acara saya.toml", Path("jurnal lain.gelar-journal")


def pin_resets(journal: Path) -> int:
    with sqlite3.connect(journal) as db:
        return db.execute("SELECT count(*) FROM records WHERE kind LIKE 'pin%'").fetchone()[0]


# -- 17.7: suggested commands name the event and run as printed ------------------------------


def test_pins_suggestion_names_the_event_and_journal_and_runs_as_printed(capsys, spaced, isolated_home):
    event, journal = spaced
    code, out, err = gelar(capsys, "pins", event, "--journal", journal, "-o", "slips.html", "--lang", "en")
    assert code == 0, err
    assert err.splitlines()[0].startswith(DEMO_TITLE)  # a writing command names the event first
    code, out, err = gelar(capsys, "pins", event, "--journal", journal, "--lang", "en")
    assert code == 2 and "printed only once" in err
    commands = suggested(err)
    assert commands and all("'lomba kota/acara saya.toml'" in c and "'jurnal lain.gelar-journal'" in c for c in commands)
    before = pin_resets(journal)
    code, out, err = run_as_printed(capsys, commands[0])
    assert code == 0, err
    assert re.search(r"\b\d{4,}\b", out)  # the new PIN
    assert pin_resets(journal) > before  # on this event's journal...
    assert not (isolated_home / "xdg_data_home" / "gelar" / "demo.gelar-journal").exists()  # ...not the demo's

    slips = Path("slips.html").read_text(encoding="utf-8")
    import html

    commands = suggested(html.unescape(re.sub(r"<[^>]+>", "\n", slips)))
    assert len(commands) == 2  # a slip for each juror
    for command in commands:
        from gelar_tui.cli import build_parser

        args = build_parser().parse_args(shlex.split(command)[1:])
        assert args.command == "jury" and args.event == event and args.journal == journal


def test_the_demos_suggestion_names_the_demos_own_journal(capsys, isolated_home):
    assert gelar(capsys, "pins")[0] == 0
    demo_journal = isolated_home / "xdg_data_home" / "gelar" / "demo.gelar-journal"
    before = pin_resets(demo_journal)
    code, out, err = gelar(capsys, "pins", "--lang", "en")
    (command,) = suggested(err)
    assert str(bundled_event_path()) in command and str(demo_journal) in command
    assert run_as_printed(capsys, command)[0] == 0
    assert pin_resets(demo_journal) > before
    assert not bundled_event_path().with_name("demo.gelar-journal").exists()


def test_new_check_and_missing_event_suggestions_run_as_printed(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, out, err = gelar(capsys, "check", "-acara baru.toml", "--lang", "en")
    assert code == 2
    (command,) = suggested(err)
    assert command == "gelar new './-acara baru.toml'"
    code, out, err = run_as_printed(capsys, command)
    assert code == 0, err
    (command,) = suggested(out)
    code, out, err = run_as_printed(capsys, command)
    assert code == 0 and "OK" in out


def test_the_spill_suggestion_runs_as_printed(capsys, spaced):
    event, journal = spaced
    Path("left over.gelar-journal.spill").write_text("", encoding="utf-8")
    Path("s.csv").write_text("juror,group,criterion,score\n", encoding="utf-8")
    code, out, err = gelar(capsys, "scores", "import", event, "left over.gelar-journal.spill", "s.csv", "--journal", journal, "--lang", "en")
    assert code == 2
    (command,) = suggested(err)
    assert "'left over.gelar-journal.spill'" in command and "s.csv" not in command
    code, out, err = run_as_printed(capsys, command)
    assert code == 0, err
    assert str(journal) in out


def test_writing_commands_name_the_event_first(capsys, event):
    for argv in (["show", event, "scoreboard"], ["pins", event]):
        code, out, err = gelar(capsys, *argv)
        assert code == 0, err
        assert err.splitlines()[0].startswith(DEMO_TITLE)


# -- 17.11: status during a break -------------------------------------------------------------


def test_status_gives_the_break_under_way(capsys, tmp_path):
    from tests.support.rundown import rundown_source

    event = tmp_path / "rundown.toml"
    event.write_text(rundown_source().replace("GROUP2", "melati"), encoding="utf-8")
    clock = FakeClock(time.time() - 600)  # the command reads the real clock
    day = Day.open(load_event(event), tmp_path / "rundown.gelar-journal", clock=clock, origin="console")
    for _ in range(2):
        day.start()
        clock.advance(60)
        day.next_group()
    day.start_break()
    clock.advance(300)
    day.close()
    code, out, err = gelar(capsys, "status", event, "--json")
    data = json.loads(out)
    assert data["phase"] == "break"
    pause = data["break"]
    assert pause["name"] == "Ishoma" and 0 < pause["remaining_s"] <= 45 * 60
    assert pause["expected_end"]
    code, out, err = gelar(capsys, "status", event, "--lang", "en")
    assert "Break: Ishoma" in out and "left, until" in out


# -- 17.12: check and a plan that does not fit ------------------------------------------------


def test_check_warns_of_a_plan_that_overruns_the_day(capsys, tmp_path):
    source = bundled_event_path().read_text(encoding="utf-8")
    source = re.sub(r"(?m)^date = .*$", lambda m: m.group(0) + '\nstart = "09:00"\nend = "10:30"', source, count=1)
    event = tmp_path / "over.toml"
    event.write_text(source, encoding="utf-8")
    code, out, err = gelar(capsys, "check", event, "--lang", "en")
    assert code == 0, err
    warning = [line for line in out.splitlines() if "Warning" in line]
    assert warning and "11:00" in warning[0] and "10:30" in warning[0]


def test_check_refuses_a_slot_that_segments_contradict(capsys, tmp_path):
    source = bundled_event_path().read_text(encoding="utf-8")
    source = re.sub(r'(?m)^slot = .*$', 'slot = "45m"\nsegments = [{ name = "Paparan", length = "20m" }, { name = "Tanya", length = "10m" }]', source, count=1)
    event = tmp_path / "slot.toml"
    event.write_text(source, encoding="utf-8")
    line = source.splitlines().index('slot = "45m"') + 1
    code, out, err = gelar(capsys, "check", event, "--lang", "en")
    assert code == 2
    assert f"slot.toml:{line}: timing.slot" in err and "45m" in err and "30m" in err


# -- 17.14: errors speak the file's language ----------------------------------------------------


def test_errors_about_an_invalid_file_speak_its_language(capsys, tmp_path):
    source = bundled_event_path().read_text(encoding="utf-8").replace('max = 100', 'max = "banyak"')
    assert 'language = "id"' in source
    event = tmp_path / "bad.toml"
    event.write_text(source, encoding="utf-8")
    code, out, err = gelar(capsys, "check", event)  # LANG=C.UTF-8: English by the environment
    assert code == 2
    assert "mengandung kesalahan" in err and "has mistakes" not in err


# -- 17.17: the quick start and aligned columns -------------------------------------------------


def test_status_columns_line_up_by_display_width(capsys, tmp_path):
    source = bundled_event_path().read_text(encoding="utf-8")
    source = source.replace('name = "KBK Ceria"', 'name = "KBK 晴れやかな チーム with a name well past twenty-four cells"')
    event = tmp_path / "wide.toml"
    event.write_text(source, encoding="utf-8")
    Day.open(load_event(event), event.with_suffix(".gelar-journal")).close()  # a view reads a journal that exists
    code, out, err = gelar(capsys, "status", event, "--lang", "en")
    assert code == 0, err
    rows = [line for line in out.splitlines() if re.match(r"\s+\d\. ", line)]
    assert len(rows) == 4
    starts = {display_width(line[: line.index("waiting")]) for line in rows}
    assert len(starts) == 1, out


def test_columns_count_wide_characters_twice_and_escapes_as_shown():
    lines = columns([["晴れ", "x"], ["ab", "y"], ["abcdef", "z"], ["a\x1b", "w"]], indent="")
    assert {display_width(line[:-1]) for line in lines} == {8}
    assert safe_text(lines[3]).index("w") == 8  # the escape as printed takes its place in the column


# -- 18.1: nothing reported that was not stored --------------------------------------------------


@pytest.fixture
def full_disk(tmp_path):
    """A 1 MB tmpfs, filled: the journal's filesystem is full."""
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("mounting a tmpfs needs root")
    folder = tmp_path / "small"
    folder.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(folder)], capture_output=True).returncode != 0:
        pytest.skip("cannot mount a tmpfs here")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], capture_output=True)


def fill(folder: Path) -> Path:
    filler = folder / "filler"
    with open(filler, "wb", buffering=0) as file:
        try:
            while True:
                file.write(b"\0" * 4096)
        except OSError:
            pass
    return filler


def test_commands_on_a_full_disk_store_everything_or_say_nothing_was_stored(capsys, full_disk):
    event = full_disk / "lomba.toml"
    shutil.copyfile(bundled_event_path(), event)
    journal = full_disk / "lomba.gelar-journal"
    code, out, err = gelar(capsys, "pins", event)  # the journal exists, with PINs
    assert code == 0, err
    sheet = full_disk / "s.csv"
    rows = ["juror,group,criterion,score"] + [f"pemprov,ceria,{c},80" for c in ("analisis", "solusi", "inovasi", "manfaat", "presentasi", "kerjasama")]
    sheet.write_text("\n".join(rows) + "\n", encoding="utf-8")
    kept = fingerprint(event, journal)
    for console_open in (True, False):  # with a console holding the journal open, and without
        holder = Day.open(load_event(event), journal) if console_open else None
        filler = fill(full_disk)
        try:
            for argv in (["scores", "import", event, sheet], ["pins", event, "--reset", "pemprov"], ["show", event, "scoreboard"]):
                code, out, err = gelar(capsys, "--lang", "en", *argv)
                assert code != 0, (argv, out, err)
                assert "Nothing was stored" in err, err
                assert "Imported" not in out and not re.search(r"\b\d{4,}\b", out), out
        finally:
            if holder is not None:
                holder.close()
            filler.unlink()
        assert fingerprint(event, journal) == kept  # the disk freed: the journal holds none of it


def test_a_document_on_a_full_disk_is_written_whole_or_not_at_all(capsys, full_disk, tmp_path):
    event = full_disk / "lomba.toml"
    shutil.copyfile(bundled_event_path(), event)
    journal = tmp_path / "lomba.gelar-journal"  # the journal on another disk: only the document's is full
    Day.open(load_event(event), journal).close()
    document = full_disk / "results.html"
    document.write_text("<p>an earlier, shorter document</p>", encoding="utf-8")
    earlier = document.read_bytes()
    filler = fill(full_disk)
    try:
        code, out, err = gelar(capsys, "--lang", "en", "results", event, "--journal", journal, "--format", "html", "-o", document)
        assert code == 2 and "Cannot write" in err, err
        assert document.read_bytes() == earlier  # not truncated
        assert sorted(p.name for p in full_disk.iterdir()) == ["filler", "lomba.toml", "results.html"]
    finally:
        filler.unlink()


def test_commands_on_a_read_only_journal_say_nothing_was_stored(capsys, full_disk):
    event = full_disk / "lomba.toml"
    shutil.copyfile(bundled_event_path(), event)
    journal = full_disk / "lomba.gelar-journal"
    assert gelar(capsys, "pins", event)[0] == 0
    kept = fingerprint(event, journal)
    if subprocess.run(["mount", "-o", "remount,ro", str(full_disk)], capture_output=True).returncode != 0:
        pytest.skip("cannot make the tmpfs read-only here")
    for argv in (["pins", event, "--reset", "pemprov"], ["show", event, "scoreboard"]):
        code, out, err = gelar(capsys, "--lang", "en", *argv)
        assert code != 0 and "Nothing was stored" in err, (argv, out, err)
        assert not re.search(r"\b\d{4,}\b", out), out
    subprocess.run(["mount", "-o", "remount,rw", str(full_disk)], check=True)
    assert fingerprint(event, journal) == kept


def test_a_read_only_journal_as_another_user_says_nothing_was_stored(tmp_path):
    """The same as the user ``nobody``, where that user can run this Python at all."""
    runuser = shutil.which("runuser")
    if os.geteuid() != 0 or runuser is None:
        pytest.skip("needs root and runuser")
    if subprocess.run([runuser, "-u", "nobody", "--", sys.executable, "-c", "import gelar_tui"], capture_output=True).returncode != 0:
        pytest.skip("the user nobody cannot run this Python or import gelar (it lives in a private folder)")
    folder = tmp_path / "shared"
    folder.mkdir()
    event = folder / "lomba.toml"
    shutil.copyfile(bundled_event_path(), event)
    assert main(["pins", str(event)]) == 0
    for path in (tmp_path, folder, event, *folder.glob("lomba.gelar-journal*")):
        path.chmod(0o755 if path.is_dir() else 0o644)
    done = subprocess.run(
        [runuser, "-u", "nobody", "--", sys.executable, "-m", "gelar_tui", "--lang", "en", "pins", str(event), "--reset", "pemprov"],
        capture_output=True, text=True, timeout=120, env={**os.environ, "HOME": str(tmp_path)},
    )
    assert done.returncode != 0 and "Nothing was stored" in done.stderr, done
    assert not re.search(r"\b\d{4,}\b", done.stdout)


def fingerprint(event: Path, journal: Path) -> tuple[int, str]:
    day = Day.open(load_event(event), journal, create=False)
    try:
        return day.journal.fingerprint()
    finally:
        day.close()


# -- 18.4: one console per journal, whatever its name ------------------------------------------


def test_the_console_lock_holds_through_symbolic_and_hard_links(tmp_path):
    from gelar_tui.journal.consolelock import ConsoleLock

    journal = tmp_path / "lomba.gelar-journal"
    journal.write_bytes(b"")  # the journal is there: links to it can be made
    first = ConsoleLock(journal)
    assert first.held
    alias = tmp_path / "alias.gelar-journal"
    alias.symlink_to(journal.name)
    other = tmp_path / "elsewhere"
    other.mkdir()
    hard = other / "hard.gelar-journal"
    os.link(journal, hard)
    for name in (alias, hard):
        holder = subprocess.run(
            [sys.executable, "-c", "import sys; from pathlib import Path; from gelar_tui.journal.consolelock import ConsoleLock; "
             "print(ConsoleLock(Path(sys.argv[1])).held)", str(name)],
            capture_output=True, text=True, timeout=60,
        )
        assert holder.stdout.strip() == "False", (name, holder.stderr)
    first.release()
    assert ConsoleLock(alias).held


# -- 18.5: -o never destroys the event file or a journal ----------------------------------------


def test_output_never_overwrites_the_event_file_or_a_journal(capsys, event, journal, tmp_path):
    assert gelar(capsys, "show", event, "scoreboard")[0] == 0  # the journal exists
    event_bytes, journal_bytes = event.read_bytes(), journal.read_bytes()
    (tmp_path / "link.html").symlink_to(journal.name)
    os.link(event, tmp_path / "hard.html")
    other_db = tmp_path / "anything.db"
    sqlite3.connect(other_db).execute("CREATE TABLE t (x)").connection.close()
    targets = [event, journal, tmp_path / "link.html", tmp_path / "hard.html", other_db, tmp_path / "demo.gelar-journal-wal"]
    for target in targets:
        for argv in (["results", event, "--format", "html", "-o", target], ["analysis", event, "-o", target], ["pins", event, "--reset", "pemprov", "-o", target]):
            code, out, err = gelar(capsys, "--lang", "en", *argv)
            assert code == 2 and "Refused to write" in err, (argv, err)
    assert event.read_bytes() == event_bytes and journal.read_bytes() == journal_bytes
    document = tmp_path / "results.html"
    for _ in range(2):  # an earlier document of the same kind is overwritten
        assert gelar(capsys, "results", event, "--format", "html", "-o", document)[0] == 0


# -- 18.8: control characters -------------------------------------------------------------------


@pytest.mark.parametrize("bad", ["\\u001b]0;x\\u0007", "\\u0007", "\\u009b", "\\u007f", "\\u202e", "\\u2066"])
def test_check_refuses_control_and_bidi_characters_with_key_path_and_line(capsys, tmp_path, bad):
    source = bundled_event_path().read_text(encoding="utf-8")
    source = source.replace('name = "KBK Melati"', f'name = "KBK {bad}Melati"')
    line = next(n for n, text in enumerate(source.splitlines(), start=1) if "Melati" in text and "name" in text)
    event = tmp_path / "ctl.toml"
    event.write_text(source, encoding="utf-8")
    code, out, err = gelar(capsys, "check", event, "--lang", "en")
    assert code == 2
    assert f"ctl.toml:{line}: groups[1].name" in err
    assert not any(c in err for c in "\x1b\x07\x9b\x7f\u202e\u2066")


def test_text_from_the_journal_is_printed_visibly_escaped(capsys, event, journal):
    day = Day.open(load_event(event), journal, origin="console")
    day.recuse("ceria", "pemprov", "kin \x1b]0;owned\x07 \u202eevil \x9b2J")
    day.close()
    for argv in (["log", event], ["status", event], ["results", event], ["results", event, "--format", "csv"], ["status", event, "--json"]):
        code, out, err = gelar(capsys, *argv)
        assert code == 0, err
        assert not any(c in out + err for c in "\x1b\x07\x9b\u202e"), argv
    code, out, err = gelar(capsys, "log", event)
    assert "\\x1b]0;owned\\x07" in out and "\\u202e" in out


def test_safe_text_keeps_lines_and_shows_everything_else():
    assert safe_text("a\tb\nc") == "a\tb\nc"
    assert safe_text("\x1b[2J\r\x7f\x85\u2067") == "\\x1b[2J\\x0d\\u007f\\u0085\\u2067"
    assert json.loads(safe_text(json.dumps("\x9b\u202e", ensure_ascii=False))) == "\x9b\u202e"  # still valid JSON


# -- 18.14: what holds PINs is the owner's alone --------------------------------------------------


def test_the_journal_and_the_slips_are_created_owner_only(capsys, event, journal, tmp_path):
    old = os.umask(0o022)
    try:
        code, out, err = gelar(capsys, "pins", event, "-o", tmp_path / "slips.html")
    finally:
        os.umask(old)
    assert code == 0, err
    day = Day.open(load_event(event), journal)  # open: the -wal and -shm are there
    try:
        for path in (journal, journal.with_name(journal.name + "-wal"), journal.with_name(journal.name + "-shm"), tmp_path / "slips.html"):
            assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
    finally:
        day.close()


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
@pytest.mark.parametrize("name", ["plain.toml", "with space's.toml", "-dash.toml", "esc\x1b[31m.toml", "bidi\u202e.toml", "tab\there.toml"])
def test_a_suggested_path_is_one_shell_word_that_bash_reads_back(name):
    from gelar_tui.terminal import command_line

    command = command_line("check", Path(name))
    assert not any(c in command for c in "\x1b\u202e\t")  # what is printed is safe
    words = subprocess.run(["bash", "-c", 'printf "%s\\0" ' + command], capture_output=True, text=True, check=True).stdout.split("\0")[:-1]
    assert words == ["gelar", "check", ("./" + name) if name.startswith("-") else name]

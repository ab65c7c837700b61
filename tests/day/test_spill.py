"""Spill files are data, not commands: bound to their journal, each record checked like the action that
wrote it, all or nothing; and nothing a journal holds makes replaying it crash."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from gelar_tui.cli import main
from gelar_tui.journal.clock import FakeClock
from gelar_tui.day.facade import Day
from gelar_tui.event.eventfile import load_event
from gelar_tui.journal.store import Journal


def run(capsys, *argv: object) -> tuple[int, str, str]:
    code = main(["--lang", "en", *(str(a) for a in argv)])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def a_fault_and_its_spill(event: Path, journal: Path) -> tuple[Path, list[dict]]:
    """A day whose journal stops taking writes after a locked sheet: the moderator presses F2."""
    day = Day.open(load_event(event), journal, FakeClock())
    for criterion, value in zip(load_event(event).criterion_ids, ("80", "81", "82", "83", "84", "85")):
        day.set_score("melati", "swasta", criterion, value)
    day.lock_sheet("melati", "swasta")
    day.clock.advance(5)
    db = day.journal._db
    db.execute(f"PRAGMA max_page_count = {db.execute('PRAGMA page_count').fetchone()[0]}")  # the disk is full
    day.start()
    while not day.unsaved or len(day.unsaved) < 3:
        day.set_score("ceria", "pemprov", "solusi", "70")
        day.set_score("ceria", "pemprov", "solusi", "71.5")
    spilled = day.spill()
    day.journal.close()
    lines = [json.loads(line) for line in spilled.read_text(encoding="utf-8").splitlines()]
    copy = journal.with_name("copy.spill")
    spilled.rename(copy)
    return copy, lines


def write(path: Path, lines: list[dict]) -> None:
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")


def journal_rows(journal: Path) -> list[tuple]:
    with sqlite3.connect(journal) as db:
        return db.execute("SELECT seq, kind, data, origin, hash FROM records ORDER BY seq").fetchall()


def test_a_spill_of_ones_own_is_taken_back_whole(event, journal, capsys):
    spill, lines = a_fault_and_its_spill(event, journal)
    assert lines[0]["spill"] == 1 and lines[0]["origin"] == "console"
    code, out, err = run(capsys, "scores", "import", event, spill)
    assert code == 0, err
    assert f"{len(lines) - 1} records from the spill file" in out
    kinds = [row[1] for row in journal_rows(journal)]
    assert kinds[-len(lines) + 1 :] == [line["kind"] for line in lines[1:]]
    assert run(capsys, "verify", event)[0] == 0


def _score_line(lines: list[dict]) -> dict:
    return next(line for line in lines[1:] if line.get("kind") == "score_set")


def _tampered(how: str, lines: list[dict]) -> int:
    """Change the spill as an attacker would; return the line that must be named."""
    score = _score_line(lines)
    number = lines.index(score) + 1
    if how == "score abc":
        score["data"]["value"] = "abc"
    elif how == "score out of range":
        score["data"]["value"] = "101"
    elif how == "score as a juror's station":
        score["origin"] = "jury:swasta"
    elif how == "head of a station":  # the console's records claimed by a juror's station
        lines[0]["origin"] = "jury:pemprov"
        for line in lines[1:]:
            line["origin"] = "jury:pemprov"
        return 1  # no station of that juror was ever opened with its PIN
    elif how == "a locked sheet reopened":
        score["data"] = {"group": "melati", "juror": "swasta", "criterion": "solusi", "value": "10"}
    elif how == "a PIN set":
        lines.insert(number - 1, dict(score, kind="pin_set", data={"juror": "pemprov", "salt": "00", "hash": "00"}))
    elif how == "a juror locked out for ever":
        lines.insert(number - 1, dict(score, kind="pin_failed", data={"juror": "pemprov", "wait_until": 1e300}))
    elif how == "backdated":
        score["wall"] -= 86400
    elif how == "from the future":
        score["wall"] += 86400 * 365 * 20
    elif how == "a slot started off stage":
        lines.insert(number - 1, dict(score, kind="slot_started", data={"group": "cp-joss"}))
    elif how == "unknown group":
        score["data"]["group"] = "nobody"
    elif how == "a field of its own":
        score["data"]["extra"] = "[bold]x"
    elif how == "an unknown kind":
        score["kind"] = "results_overridden"
    elif how == "another journal":
        lines[0]["hash"] = "ab" * 32
        return 1
    elif how == "no head":
        del lines[0]
        return 1
    return number


@pytest.mark.parametrize(
    "how",
    [
        "score abc", "score out of range", "score as a juror's station", "head of a station", "a locked sheet reopened",
        "a PIN set", "a juror locked out for ever", "backdated", "a slot started off stage", "from the future", "unknown group", "a field of its own",
        "an unknown kind", "another journal", "no head",
    ],
)
def test_a_tampered_spill_is_refused_whole_naming_its_line(event, journal, capsys, how):
    spill, lines = a_fault_and_its_spill(event, journal)
    line = _tampered(how, lines)
    write(spill, lines)
    before = journal_rows(journal)
    code, out, err = run(capsys, "scores", "import", event, spill)
    assert code == 2, (how, out)
    assert f"line {line}" in err and "nothing was taken back" in err, (how, err)
    assert journal_rows(journal) == before, how


def test_a_bad_spill_beside_the_journal_does_not_stop_the_console_starting(event, journal):
    spill, lines = a_fault_and_its_spill(event, journal)
    _score_line(lines)["data"]["value"] = "abc"
    beside = journal.with_name(journal.name + ".spill")
    write(beside, lines)
    before = journal_rows(journal)
    day = Day.open(load_event(event), journal, FakeClock())
    assert day.take_back_spill() == 0  # as the console's launch calls it
    assert "nothing was taken back" in str(day.spill_refused) and beside.exists()
    assert journal_rows(journal) == before
    day.close()


# -- nothing a journal holds crashes its replay --------------------------------------------


BAD_RECORDS = [
    ("score_set", {"group": "ceria", "juror": "pemprov", "criterion": "solusi", "value": "abc"}),
    ("score_set", {"group": "ceria", "juror": "pemprov", "criterion": "inovasi", "value": "NaN"}),
    ("score_set", {"group": "ceria", "juror": "pemprov", "criterion": "manfaat", "value": "1e999999999"}),
    ("score_set", {"group": "ceria", "juror": "pemprov", "criterion": "analisis", "value": ["80"]}),
    ("score_set", {"group": "ceria"}),
    ("slot_extended", {"group": "ceria", "seconds": "a minute"}),
    ("order_changed", {"order": 5}),
    ("award_revealed", {"shown": None}),
    ("pin_failed", {"juror": "pemprov", "wait_until": 1e300}),
    ("segment_started", {"group": "ceria", "segment": [1]}),
]


def test_records_that_do_not_fit_are_passed_over_and_the_day_still_opens(event, journal, capsys):
    identity = load_event(event).identity
    with Journal(journal, identity) as opened:
        opened.append("score_set", {"group": "melati", "juror": "swasta", "criterion": "solusi", "value": "77"}, 1_471_320_000.0, "cli")
        for kind, data in BAD_RECORDS:
            opened.append(kind, data, 1_471_320_001.0, "cli")
    code, out, _ = run(capsys, "verify", event)  # as an older gelar let a spill write them: the chain holds
    assert code == 0 and f"{len(BAD_RECORDS) - 1} records hold details that do not fit their kind (records 2, 3, 4" in out
    with sqlite3.connect(journal) as db:  # edited by hand: details that are not an object, or not JSON at all
        db.execute("INSERT INTO records (seq, ts, kind, data, origin) VALUES (100, 1471320002, 'slot_started', '[1]', 'x')")
        db.execute("INSERT INTO records (seq, ts, kind, data, origin) VALUES (101, 1471320002, 'current_changed', '{nope', 'x')")
        db.execute("INSERT INTO records (seq, ts, kind, data, origin, boot) VALUES (102, 'noon', 'slot_started', '{\"group\":\"melati\"}', 'x', 'b')")
        db.execute("INSERT INTO records (seq, ts, kind, data, origin) VALUES (103, 1e999, 'slot_paused', ?, 'x')", ("[" * 100000 + "]" * 100000,))
    for argv in (("status", event), ("results", event, "--unverified"), ("log", event), ("status", event, "--json")):
        code, out, err = run(capsys, *argv)
        assert code == 0, (argv, err)
    code, out, err = run(capsys, "results", event)  # the edited chain: refused, said, never a crash
    assert code == 1 and out == "" and "Traceback" not in err
    day = Day.open(load_event(event), journal, FakeClock(1_471_320_010.0), origin="jury:pemprov", create=False)
    assert day.state.unfit >= len(BAD_RECORDS) and day.state.sheets[("melati", "swasta")] == {"solusi": 7700}
    assert day.pin_wait("pemprov") <= 60  # never locked out for ever
    day.close()
    code, out, _ = run(capsys, "verify", event)
    assert code == 1  # the records edited by hand break the chain: verify says so


def test_a_spill_is_bound_to_what_was_stored_not_to_a_commit_that_failed(event, tmp_path):
    """On a full disk the record may go in and its commit fail: the spill must not name that record."""
    import os
    import subprocess
    import uuid

    disk = tmp_path / f"disk-{uuid.uuid4().hex[:8]}"
    disk.mkdir()
    if os.geteuid() != 0 or subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(disk)]).returncode:
        pytest.skip("needs root to mount a small disk")
    try:
        day = Day.open(load_event(event), disk / "day.gelar-journal", FakeClock())
        day.set_score("ceria", "pemprov", "solusi", "80")
        stored = day.journal.fingerprint()
        filler = os.open(disk / "filler", os.O_WRONLY | os.O_CREAT)  # the disk fills up
        try:
            while True:
                os.write(filler, b"x" * 4096)
        except OSError:
            pass
        finally:
            os.close(filler)
        day.start()
        day.clock.advance(1)
        day.flush_unsaved()
        assert day.unsaved and day.fault is not None
        assert day.journal.seen == stored
        head = json.loads(day_spill_head(day))
        assert (head["seq"], head["hash"]) == stored
        day.journal.close()
    finally:
        subprocess.run(["umount", "-l", str(disk)])


def day_spill_head(day: Day) -> str:
    from gelar_tui.day.spill import spill_head

    return spill_head(day.journal, day.origin)

"""The event in the journal: the fingerprint covers the rules the results were computed by,
the event is rebuilt from the record alone, writers record it and readers only compare."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from gelar_tui.cli import main
from gelar_tui.context import make_context
from gelar_tui.event.eventfile import load_event
from gelar_tui.day.eventrecord import event_from_record, journal_event, recorded_event
from gelar_tui.journal.store import Journal


def run(capsys, *argv: object) -> tuple[int, str, str]:
    code = main(["--lang", "en", *(str(a) for a in argv)])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def set_method(event: Path, method: str) -> None:
    text = event.read_text(encoding="utf-8")
    assert 'method = "mean"' in text
    event.write_text(text.replace('method = "mean"', f'method = "{method}"'), encoding="utf-8")


def kinds(journal: Path, event: Path) -> list[str]:
    with Journal(journal, load_event(event).identity, create=False) as opened:
        return [record.kind for record in opened.records()]


def fingerprint(journal: Path, event: Path) -> tuple[int, str]:
    with Journal(journal, load_event(event).identity, create=False) as opened:
        return opened.fingerprint()


def test_the_same_day_under_another_method_has_another_fingerprint(tmp_path, capsys):
    """Identical journals (same records, same times) kept under "mean" and "median" differ."""
    from gelar_tui.event.eventfile import bundled_event_path

    prints = []
    for method in ("mean", "median"):
        folder = tmp_path / method
        folder.mkdir()
        event = folder / "demo.toml"
        event.write_text(bundled_event_path().read_text(encoding="utf-8"), encoding="utf-8")
        if method != "mean":
            set_method(event, method)
        assert run(capsys, "show", event, "scoreboard")[0] == 0  # a command that writes
        assert kinds(event.with_name("demo.gelar-journal"), event) == ["event_file", "display_shown"]
        with sqlite3.connect(event.with_name("demo.gelar-journal")) as db:  # the same moment in both journals
            db.execute("UPDATE records SET ts = 1471320000.0")
        prints.append(load_event(event))
    # rebuilt from the records alone, each journal tells its own rules
    for method, expected in zip(("mean", "median"), prints):
        with Journal(tmp_path / method / "demo.gelar-journal", expected.identity, create=False) as opened:
            rebuilt = event_from_record(recorded_event(opened).data)
        assert rebuilt == expected and rebuilt.scoring.method == method
    with Journal(tmp_path / "mean" / "demo.gelar-journal", prints[0].identity, create=False) as one:
        with Journal(tmp_path / "median" / "demo.gelar-journal", prints[1].identity, create=False) as other:
            assert [r.data for r in one.records()][1:] == [r.data for r in other.records()][1:]
            assert one.records()[0].data["digest"] != other.records()[0].data["digest"]


def test_the_fingerprint_moves_when_only_the_rules_change(event, journal, capsys):
    assert run(capsys, "show", event, "scoreboard")[0] == 0
    before = fingerprint(journal, event)
    set_method(event, "median")
    assert run(capsys, "show", event, "clock")[0] == 0
    assert kinds(journal, event) == ["event_file", "display_shown", "event_file", "display_shown"]
    assert fingerprint(journal, event) != before
    assert run(capsys, "show", event, "scoreboard")[0] == 0  # the same version: not recorded again
    assert kinds(journal, event).count("event_file") == 2
    with Journal(journal, load_event(event).identity, create=False) as opened:
        assert journal_event(opened) == load_event(event) and journal_event(opened).scoring.method == "median"
        assert journal_event(opened, upto=2).scoring.method == "mean"  # the version that stood at record 2
        assert journal_event(opened, upto=0) is None


def test_verify_says_which_version_stood_and_when_the_file_differs(event, journal, capsys):
    assert run(capsys, "show", event, "scoreboard")[0] == 0
    printed = fingerprint(journal, event)
    code, out, _ = run(capsys, "verify", event)
    assert code == 0 and "is the version the journal holds (recorded at record 1" in out
    set_method(event, "median")
    code, out, _ = run(capsys, "verify", event)
    assert code == 0 and "differs from the version the journal last holds (recorded at record 1" in out
    assert "in: scoring" in out
    code, out, _ = run(capsys, "verify", event, "--fingerprint", printed[1])
    assert code == 0 and "At record 2 the event stood as recorded at record 1" in out and "differs from it in: scoring" in out
    assert run(capsys, "show", event, "clock")[0] == 0  # a writer records the new version
    code, out, _ = run(capsys, "verify", event, "--fingerprint", printed[1])
    assert "At record 2 the event stood as recorded at record 1" in out  # still the version of that moment
    code, out, _ = run(capsys, "verify", event)
    assert "is the version the journal holds (recorded at record 3" in out


def test_readers_compare_and_warn_but_never_write(event, journal, capsys):
    assert run(capsys, "show", event, "scoreboard")[0] == 0
    set_method(event, "median")
    before = kinds(journal, event)
    for argv in (("status", event), ("results", event), ("log", event)):
        code, _, err = run(capsys, *argv)
        assert code == 0, argv
        assert "differs from the version the journal last holds" in err and "scoring" in err, argv
    assert kinds(journal, event) == before
    context = make_context(event, None, "en")
    day = context.open_day()  # a reader's day writes nothing, even when it acts on nothing
    assert day.records_event is False
    day.close()


def test_the_log_names_the_events_version_in_one_short_line(event, journal, capsys):
    assert run(capsys, "show", event, "scoreboard")[0] == 0
    code, out, _ = run(capsys, "log", event)
    line = next(line for line in out.splitlines() if " event_file " in line)
    assert code == 0 and "digest=" in line and "criteria" not in line and len(line) < 160


def test_a_journal_without_an_event_record_says_the_rules_are_not_covered(event, journal, capsys):
    from gelar_tui.day.facade import Day

    day = Day.open(load_event(event), journal)  # a day opened by code of its own, not a writer
    day.set_score("ceria", "pemprov", "solusi", "80")
    day.close()
    code, out, _ = run(capsys, "verify", event)
    assert code == 0 and "holds no version of the event file" in out


async def wait_for(pilot, condition, seconds: float = 30.0) -> None:
    import asyncio
    import time

    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "condition never met"
        await pilot.pause()
        await asyncio.sleep(0.05)


def notices(app) -> str:
    return " ".join(n.message for n in app._notifications)


async def test_the_console_records_its_event_says_it_replaced_one_and_notices_an_edit(event, journal, capsys):
    from tests.support.console import make_app
    from gelar_tui.journal.clock import FakeClock
    from gelar_tui.day.facade import Day
    from gelar_tui.ui import trust_notices

    assert run(capsys, "show", event, "scoreboard")[0] == 0  # the journal holds the "mean" version
    set_method(event, "median")
    day = Day.open(load_event(event), journal, FakeClock())
    day.records_event, day.event_path = True, event  # as the console's launch does
    assert day.record_event() and day.event_replaced == ["scoring"]
    trust_notices.CHECK_SECONDS = 0.1
    app = make_app(day, "en")
    identity = day.event.identity
    async with app.run_test(size=(120, 36), notifications=True) as pilot:
        await wait_for(pilot, lambda: "differs from the version the journal held (in: scoring)" in notices(app))
        app.clear_notifications()
        text = event.read_text(encoding="utf-8")
        event.write_text(text.replace('name = "Juri Swasta"', 'name = "Juri [bold]Swasta"'), encoding="utf-8")
        await wait_for(pilot, lambda: "The event file changed on disk (in: jurors)" in notices(app))
        event.write_text("[event\n", encoding="utf-8")
        await wait_for(pilot, lambda: "no longer loads" in notices(app))
    with Journal(journal, identity, create=False) as opened:
        written = [record.kind for record in opened.records() if record.kind != "clock_bridged"]  # another boot clock
    assert written == ["event_file", "display_shown", "event_file"]  # an edit during the day is not recorded


def test_an_event_that_uses_no_later_section_keeps_the_digest_it_had_before_those_sections_existed():
    """Days, categories, the letterhead and stages came later: a journal recorded before them is
    not told that its (unchanged) event file changed, and one that uses them records them."""
    import dataclasses

    from gelar_tui.day.eventrecord import digest, event_data, event_from_record, event_record
    from gelar_tui.event.eventfile import bundled_event_path, load_event

    event = load_event(bundled_event_path())
    # The demo event's digest as recorded by gelar before `[[days]]`, `[[categories]]`, `[document]`
    # and `[[stages]]` existed (the release of issues 17 and 18).
    assert digest(event_data(event)) == "d0a3a8327ec7b1f066d7cf2f68de668a5710a38451b31ef9f2a0fbbee83cd62b"
    overall = dataclasses.replace(event, scoring=dataclasses.replace(event.scoring, overall=True))
    assert event_data(overall)["scoring"]["overall"] is True
    assert event_from_record(event_record(overall)) == overall
    assert event_from_record(event_record(event)) == event

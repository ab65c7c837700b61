"""The command line on an event of several days: the console's day, `gelar move`, `gelar close-day` (issue 21)."""

from __future__ import annotations

import datetime as dt
import json

from gelar_tui.event.eventfile import bundled_event_path
from tests.day.test_days_run import THREE_DAYS
from tests.support.cli import gelar, ok, refused, write_sheet


def three_days(folder, open_scores: bool = False):
    source = bundled_event_path().read_text("utf-8")
    if open_scores:
        source = source.replace("[scoring]\n", "[scoring]\nscores_open_across_days = true\n", 1)
    path = folder / "lomba.toml"
    path.write_text(source + THREE_DAYS, encoding="utf-8")
    return path


def dated(folder, first: dt.date):
    """The three days from *first* on (the event's date moved with them)."""
    text = three_days(folder).read_text("utf-8")
    for n, old in enumerate(("2016-08-16", "2016-08-17", "2016-08-18")):
        text = text.replace(old, (first + dt.timedelta(days=n)).isoformat())
    path = folder / "lomba.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_run_refuses_a_day_the_event_does_not_have_and_a_date_that_is_none_of_its_days(capsys, tmp_path):
    path = three_days(tmp_path)
    err = refused(capsys, "run", path, "--day", "4", "--lang", "en")
    assert "the event has no day 4: it has 3 day(s): 1 (2016-08-16), 2 (2016-08-17), 3 (2016-08-18)" in err
    err = refused(capsys, "run", path, "--lang", "en")
    assert f"today ({dt.date.today().isoformat()}) is none of the event's days" in err and "--day N" in err
    assert "1 (2016-08-16)" in err
    assert not path.with_suffix(".gelar-journal").exists()  # nothing opened, nothing written
    demo = tmp_path / "demo.toml"
    demo.write_text(bundled_event_path().read_text("utf-8"), encoding="utf-8")
    assert "no day 2: it has 1 day(s)" in refused(capsys, "run", demo, "--day", "2", "--lang", "en")


def test_todays_day_is_the_one_whose_date_is_today(tmp_path):
    from gelar_tui.day.days import day_to_open
    from gelar_tui.event.eventfile import load_event

    today = dt.date.today()
    event = load_event(dated(tmp_path, today - dt.timedelta(days=1)))
    assert day_to_open(event, None, today) == 2
    assert day_to_open(event, 3, today) == 3


def test_move_and_close_day_are_journaled_and_status_says_the_room_is_on_its_day(capsys, tmp_path):
    path = three_days(tmp_path)
    out = ok(capsys, "move", path, "melati", "--day", "3", "--lang", "en")
    assert out == "KBK Melati moves to day 3 (2016-08-18): last of that day's running order.\n"
    assert ok(capsys, "close-day", path, "--day", "1", "--lang", "en") == "Day 1 (2016-08-16) is closed.\n"
    assert ok(capsys, "close-day", path, "--day", "1", "--lang", "en") == "Day 1 (2016-08-16) was closed already.\n"
    data = json.loads(ok(capsys, "status", path, "--json"))
    assert data["group_days"] == {"ceria": 1, "berlian": 2, "cp-joss": 3, "melati": 3} and data["days_closed"] == [1]
    assert "Days closed: 1" in ok(capsys, "status", path, "--lang", "en")
    data = json.loads(ok(capsys, "results", path, "--day", "3", "--format", "json"))
    assert [row["group"] for row in data["times"]] == ["cp-joss", "melati"]  # the day's times table follows the move


def test_move_refuses_an_unknown_group_a_day_it_has_not_and_a_group_on_that_day(capsys, tmp_path):
    path = three_days(tmp_path)
    assert "unknown group 'nope'" in refused(capsys, "move", path, "nope", "--day", "2", "--lang", "en")
    assert "no day 0" in refused(capsys, "move", path, "melati", "--day", "0", "--lang", "en")
    assert "'KBK Berlian' is already on day 2" in refused(capsys, "move", path, "berlian", "--day", "2", "--lang", "en")
    assert "hari ke-2" in refused(capsys, "move", path, "berlian", "--day", "2", "--lang", "id")
    data = json.loads(ok(capsys, "status", path, "--json"))
    assert data["group_days"]["berlian"] == 2


def test_a_closed_days_scores_are_refused_from_a_paper_sheet_naming_the_day(capsys, tmp_path):
    path = three_days(tmp_path)
    ok(capsys, "close-day", path, "--day", "1")
    sheet = write_sheet(tmp_path, "pemprov,ceria,analisis,80")
    err = refused(capsys, "scores", "import", path, sheet, "--lang", "en")
    assert "the scores of 'KBK Ceria' are locked: day 1 (2016-08-16) is closed" in err
    sheet = write_sheet(tmp_path, "pemprov,berlian,analisis,80")
    ok(capsys, "scores", "import", path, sheet)  # day 2 is open
    opened = three_days(tmp_path / "o" if (tmp_path / "o").mkdir() is None else tmp_path, open_scores=True)
    ok(capsys, "close-day", opened, "--day", "1")
    ok(capsys, "scores", "import", opened, write_sheet(tmp_path / "o", "pemprov,ceria,analisis,80"))


def test_close_day_refuses_a_day_whose_group_is_presenting(capsys, tmp_path):
    from gelar_tui.day.facade import Day
    from gelar_tui.event.eventfile import load_event

    path = three_days(tmp_path)
    day = Day.open(load_event(path), path.with_suffix(".gelar-journal"), origin="console")
    day.open_day(1)
    day.start()
    day.close()
    err = refused(capsys, "close-day", path, "--day", "1", "--lang", "en")
    assert "'KBK Melati' of day 1 is presenting: finish the slot before closing the day" in err
    code, out, err = gelar(capsys, "close-day", path, "--day", "2", "--lang", "en")
    assert code == 0


def test_run_on_another_day_while_a_group_presents_is_refused_and_lets_the_journal_go(capsys, tmp_path):
    from gelar_tui.day.facade import Day
    from gelar_tui.event.eventfile import load_event

    path = three_days(tmp_path)
    journal = path.with_suffix(".gelar-journal")
    day = Day.open(load_event(path), journal, origin="console")
    day.open_day(1)
    day.start()
    day.close()
    err = refused(capsys, "run", path, "--day", "2", "--lang", "en")
    assert "'KBK Melati' of day 1 is still presenting: open day 1 (--day 1) and finish it first" in err
    data = json.loads(ok(capsys, "status", path, "--json"))
    assert data["day"] == 1 and data["days_closed"] == [] and data["current"] == "melati"
    from gelar_tui.journal.consolelock import ConsoleLock

    lock = ConsoleLock(journal)  # the refused console let go of the journal: the next console opens it
    assert lock.held
    lock.release()


def test_the_berita_acara_lists_a_moved_group_under_its_new_day(capsys, tmp_path):
    path = three_days(tmp_path)
    ok(capsys, "move", path, "melati", "--day", "3")
    text = ok(capsys, "results", path, "--format", "md", "--lang", "en")
    first, third = text.index("#### Day 1 of 3"), text.index("#### Day 3 of 3")
    assert "KBK Melati" not in text[first:text.index("#### Day 2 of 3")]
    assert "| KBK CP JOSS |" in text[third:] and text.index("| KBK Melati |", third) > text.index("| KBK CP JOSS |", third)


def test_close_day_on_an_event_without_days_is_refused_and_locks_nothing(capsys, tmp_path):
    """An event without [[days]] is one day with no close: its sheets lock one by one, as before."""
    import shutil

    path = tmp_path / "demo.toml"
    shutil.copy(bundled_event_path(), path)
    err = refused(capsys, "close-day", path, "--day", "1", "--lang", "en")
    assert "has no [[days]]" in err
    code, out, err = gelar(capsys, "scores", "import", path, write_sheet(tmp_path, "pemprov,ceria,analisis,80"), "--lang", "en")
    assert code == 0, err


def test_the_same_sheet_imported_again_after_its_day_closed_changes_nothing_and_is_not_refused(capsys, tmp_path):
    """Importing a file again is safe (README): after the day's close the same values pass, a changed one is refused."""
    path = three_days(tmp_path)
    sheet = write_sheet(tmp_path, "pemprov,ceria,analisis,80", "swasta,ceria,analisis,75")
    ok(capsys, "scores", "import", path, sheet)
    ok(capsys, "close-day", path, "--day", "1")
    code, out, err = gelar(capsys, "scores", "import", path, sheet, "--lang", "en")
    assert code == 0, err
    err = refused(capsys, "scores", "import", path, write_sheet(tmp_path, "pemprov,ceria,analisis,80", "swasta,ceria,analisis,76"), "--lang", "en")
    assert err.count("are locked: day 1") == 1  # only the changed score is refused

"""The event file: every mistake an organiser can make gets a message naming the key path and line."""

from __future__ import annotations

import os
import re
import tomllib

import pytest
import tomli_w
from hypothesis import given
from hypothesis import strategies as st

from gelar_tui.event.durations import format_clock, format_duration, parse_duration
from gelar_tui.errors import GelarError
from gelar_tui.event.eventfile import bundled_event_path, load_event, parse_event
from gelar_tui.i18n import Messages
from gelar_tui.event.template import template

EN = Messages("en")
NAME = "event.toml"


def rejection(source: str) -> str:
    """The English message for an event file that must be refused."""
    with pytest.raises(GelarError) as info:
        parse_event(source, NAME)
    return info.value.render(EN)


def edit(source: str, *changes: tuple[str, str]) -> str:
    """Apply text replacements (each must match) to the demo event's source."""
    for old, new in changes:
        assert old in source, f"the demo event no longer contains {old!r}"
        source = source.replace(old, new, 1)
    return source


def line_of(source: str, anchor: str) -> int:
    """The 1-based line of the last occurrence of *anchor*."""
    return source[: source.rindex(anchor)].count("\n") + 1


def from_data(demo_source: str, change) -> str:
    """The demo rewritten through tomllib/tomli_w after *change* mutated its data."""
    data = tomllib.loads(demo_source)
    change(data)
    return tomli_w.dumps(data)


# -- the bundled demo and the templates ----------------------------------------


def test_bundled_demo_holds_the_articles_facts(demo_event):
    info = demo_event.event
    assert info.title == "Gelar Budaya Kerja 2016"
    assert info.venue == "Balai Kota Kediri"
    assert (info.date.year, info.date.weekday()) == (2016, 1)  # a Tuesday in 2016
    assert [(g.name, g.agency) for g in demo_event.groups] == [
        ("KBK Ceria", "Dispenda"),
        ("KBK Melati", "Satpol PP"),
        ("KBK Berlian", "RSUD Gambiran"),
        ("KBK CP JOSS", "Puskesmas Campurejo"),
    ]
    assert len(demo_event.jurors) == 2
    assert demo_event.timing.slot == 30 * 60
    assert all(demo_event.slot_of(g) == 1800 for g in demo_event.group_ids)
    assert all(not g.members for g in demo_event.groups), "the article names no members"
    assert demo_event.criterion_ids == ["analisis", "solusi", "inovasi", "manfaat", "presentasi", "kerjasama"]
    assert all(c.weight > 0 for c in demo_event.criteria)


def test_bundled_demo_says_its_date_is_an_example(demo_source):
    lines = demo_source.splitlines()
    date_line = next(i for i, line in enumerate(lines) if line.startswith("date ="))
    around = " ".join(lines[max(0, date_line - 2) : date_line + 1]).lower()
    assert "#" in around and "example" in around


def test_bundled_demo_loads_from_its_path():
    assert load_event(bundled_event_path()).event.title == "Gelar Budaya Kerja 2016"


@pytest.mark.parametrize("language", ["id", "en"])
def test_templates_parse_and_speak_their_language(language):
    text = template(language)
    event = parse_event(text, f"template.{language}.toml")
    assert event.event.language == language
    assert text.lstrip().startswith("#"), "the template explains itself in comments"


def test_templates_differ_by_language():
    assert template("id") != template("en")
    assert "kelompok" in template("id").lower()


# -- where the file cannot be read -----------------------------------------------


def test_missing_file_names_it_and_suggests_gelar_new(tmp_path):
    path = tmp_path / "nowhere.toml"
    with pytest.raises(GelarError) as info:
        load_event(path)
    text = info.value.render(EN)
    assert str(path) in text and "gelar new" in text


def test_folder_instead_of_file(tmp_path):
    with pytest.raises(GelarError) as info:
        load_event(tmp_path)
    assert f"{tmp_path} is a folder" in info.value.render(EN)


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads any file")
def test_unreadable_file(tmp_path, demo_source):
    path = tmp_path / "locked.toml"
    path.write_text(demo_source, encoding="utf-8")
    path.chmod(0)
    try:
        with pytest.raises(GelarError) as info:
            load_event(path)
    finally:
        path.chmod(0o644)
    assert f"The event file {path} is not UTF-8 text" in info.value.render(EN)


def test_file_not_in_utf8_is_refused_not_crashed(tmp_path, demo_source):
    path = tmp_path / "latin1.toml"
    path.write_bytes(demo_source.replace("Balai Kota Kediri", "Balai Kota Kédiri").encode("latin-1"))
    with pytest.raises(GelarError) as info:
        load_event(path)
    assert f"The event file {path} is not UTF-8 text" in info.value.render(EN)


def test_syntax_error_names_its_line(demo_source):
    source = edit(demo_source, ('venue = "Balai Kota Kediri"', 'venue = "Balai Kota Kediri'))
    text = rejection(source)
    assert f"{NAME}:{line_of(source, 'venue =')}: TOML syntax error" in text


# -- mistakes inside the file: (changes, key path, message, line anchor) ---------

MISTAKES = {
    "typo in a table": ([("max_members = 10", "max_member = 10")], "event.max_member", "unknown key (a typo?); did you mean 'max_members'?", "max_member ="),
    "typo in a group": ([('agency = "Dispenda"', 'agency = "Dispenda"\nmembrs = []')], "groups[0].membrs", "did you mean 'members'?", "membrs"),
    "typo in a table name": ([("[timing]", "[timming]")], "timming", "did you mean 'timing'?", "[timming]"),
    "text where a whole number": ([("max_members = 10", 'max_members = "ten"')], "event.max_members", "expected a whole number, found 'ten'", "max_members"),
    "fraction where a whole number": ([("max_members = 10", "max_members = 10.5")], "event.max_members", "expected a whole number", "max_members"),
    "number where text": ([('title = "Gelar Budaya Kerja 2016"', "title = 2016")], "event.title", "expected text, found 2016", "title ="),
    "text where a number": ([("weight = 20", 'weight = "20"')], "criteria[0].weight", "expected a number, found '20'", 'weight = "20"'),
    "text where a list": ([("members = []", 'members = "Budi"')], "groups[0].members", "expected a list", 'members = "Budi"'),
    "text where a date": ([("date = 2016-08-16", 'date = "16 Agustus 2016"')], "event.date", "expected a date like 2016-08-16", "date ="),
    "integer where a duration": ([('slot = "30m"', "slot = 30")], "timing.slot", "not a duration: 30", "slot ="),
    "unknown duration unit": ([('slot = "30m"', 'slot = "30x"')], "timing.slot", "not a duration: '30x'", "slot ="),
    "empty duration": ([('slot = "30m"', 'slot = ""')], "timing.slot", "not a duration: ''", "slot ="),
    "duration without unit": ([('slot = "30m"', 'slot = "30"')], "timing.slot", "not a duration: '30'", "slot ="),
    "zero duration": ([('slot = "30m"', 'slot = "0s"')], "timing.slot", "must be longer than zero", "slot ="),
    "integer among the alerts": ([('alerts = ["10m", "5m", "1m"]', 'alerts = ["10m", 5]')], "timing.alerts[1]", "not a duration: 5", "alerts ="),
    "missing title": ([('title = "Gelar Budaya Kerja 2016"\n', "")], "event.title", "required key is missing", "[event]"),
    "zero weight": ([("weight = 20", "weight = 0")], "criteria[0].weight", "must be greater than 0", "weight = 0"),
    "negative weight": ([("weight = 20", "weight = -5")], "criteria[0].weight", "must be greater than 0", "weight = -5"),
    "min equal to max": ([("min = 0\nmax = 100", "min = 100\nmax = 100")], "scoring.max", "must be greater than scoring.min (100), found 100", "max = 100"),
    "min above max": ([("min = 0\nmax = 100", "min = 60\nmax = 50")], "scoring.max", "must be greater than scoring.min (60), found 50", "max = 50"),
    "alert as long as the slot": ([('alerts = ["10m", "5m", "1m"]', 'alerts = ["30m", "5m"]')], "timing.alerts[0]", "the alert at 30m is not shorter than the slot (30m)", "alerts ="),
    "alert longer than the slot": ([('alerts = ["10m", "5m", "1m"]', 'alerts = ["5m", "1h"]')], "timing.alerts[1]", "the alert at 1h is not shorter than the slot (30m)", "alerts ="),
    "group slot not above first alert": ([('agency = "Satpol PP"', 'agency = "Satpol PP"\nslot = "10m"')], "groups[1].slot", "this group's slot (10m) must be longer than the first alert (10m)", 'slot = "10m"'),
    "unknown tie-break key": ([('tie_break = ["inovasi", "overtime"]', 'tie_break = ["overtime", "inovatif"]')], "scoring.tie_break[1]", "unknown tie-break key 'inovatif'", "tie_break"),
    "unknown method": ([('method = "mean"', 'method = "average"')], "scoring.method", "expected one of 'mean', 'median', 'trimmed' or 'rank', found 'average'", "method ="),
    "trimmed with two jurors": ([('method = "mean"', 'method = "trimmed"\ntrim = 1')], "scoring.trim", "needs at least 3 jurors; the event has 2", "trim ="),
    "three decimals in max": ([("max = 100", "max = 99.999")], "scoring.max", "use at most two decimals, found 99.999", "max ="),
    "three decimals in min": ([("min = 0", "min = 0.125")], "scoring.min", "use at most two decimals, found 0.125", "min ="),
    "three decimals in penalty": ([("penalty_per_minute = 0", "penalty_per_minute = 0.125")], "timing.penalty_per_minute", "use at most two decimals, found 0.125", "penalty_per_minute"),
    "too many members": (
        [("max_members = 10", "max_members = 2"), ('agency = "RSUD Gambiran"\nmembers = []', 'agency = "RSUD Gambiran"\nmembers = ["Ani", "Budi", "Citra"]')],
        "groups[2].members", "3 members, but max_members is 2", '"Citra"',
    ),
    "duplicate criterion id": ([('id = "kerjasama"', 'id = "analisis"')], "criteria[5].id", "duplicate id 'analisis' (already used by criteria[0])", 'id = "analisis"'),
    "duplicate juror id": ([('id = "swasta"', 'id = "pemprov"')], "jurors[1].id", "duplicate id 'pemprov' (already used by jurors[0])", 'id = "pemprov"'),
    "duplicate group id": ([('id = "cp-joss"', 'id = "ceria"')], "groups[3].id", "duplicate id 'ceria' (already used by groups[0])", 'id = "ceria"'),
    "id with a space": ([('id = "ceria"', 'id = "kbk ceria"')], "groups[0].id", "not a valid id: 'kbk ceria'", 'id = "kbk ceria"'),
    "unknown language": ([('language = "id"', 'language = "fr"')], "event.language", "expected one of 'id' or 'en', found 'fr'", "language ="),
}


@pytest.mark.parametrize("changes, path, message, anchor", MISTAKES.values(), ids=MISTAKES.keys())
def test_mistake_names_key_path_line_and_fix(demo_source, changes, path, message, anchor):
    source = edit(demo_source, *changes)
    text = rejection(source)
    assert text.splitlines()[0] == f"The event file {NAME} has mistakes:"
    problem = f"{NAME}:{line_of(source, anchor)}: {path}: "
    assert problem in text, text
    assert message in text.split(problem, 1)[1].splitlines()[0], text


def test_every_mistake_is_listed_not_only_the_first(demo_source):
    source = edit(demo_source, ("max = 100", "max = 99.999"), ("penalty_per_minute = 0", "penalty_per_minute = 0.125"))
    problems = rejection(source).splitlines()[1:]
    assert len(problems) == 2
    assert any("scoring.max" in p for p in problems) and any("timing.penalty_per_minute" in p for p in problems)


@pytest.mark.parametrize(
    "change, expected",
    [
        (lambda d: d.update(criteria=[]), "criteria: needs at least 1 entry"),
        (lambda d: d.pop("criteria"), "criteria: required key is missing"),
        (lambda d: d.pop("jurors"), "jurors: required key is missing"),
        (lambda d: d.update(groups=[]), "groups: needs at least 1 entry"),
    ],
    ids=["criteria empty", "criteria missing", "jurors missing", "groups empty"],
)
def test_missing_entries(demo_source, change, expected):
    assert expected in rejection(from_data(demo_source, change))


@pytest.mark.parametrize(
    "changes",
    [
        [("max_members = 10", "max_members = 3"), ('agency = "Dispenda"\nmembers = []', 'agency = "Dispenda"\nmembers = ["Ani", "Budi", "Citra"]')],
        [('method = "mean"', 'method = "trimmed"\ntrim = 0')],
        [('method = "mean"', 'method = "trimmed"\ntrim = 1'), ("# The report names the jurors'", '[[jurors]]\nid = "ketiga"\nname = "Juri ketiga"\n\n#')],
        [("max = 100", "max = 99.5"), ("penalty_per_minute = 0", "penalty_per_minute = 0.25")],
        [('slot = "30m"', 'slot = "1m30s"'), ('alerts = ["10m", "5m", "1m"]', 'alerts = ["1m", "30s"]')],
        [('agency = "Satpol PP"', 'agency = "Satpol PP"\nslot = "45m"')],
        [('tie_break = ["inovasi", "overtime"]', "tie_break = []")],
    ],
    ids=["members at the limit", "trim 0", "trimmed with 3 jurors", "two decimals", "short slot", "group slot override", "no tie-break"],
)
def test_edge_values_that_are_allowed(demo_source, changes):
    parse_event(edit(demo_source, *changes), NAME)


def test_group_slot_override_is_used(demo_source):
    event = parse_event(edit(demo_source, ('agency = "Satpol PP"', 'agency = "Satpol PP"\nslot = "45m"')), NAME)
    assert [event.slot_of(g) for g in event.group_ids] == [1800, 2700, 1800, 1800]


# -- known bugs --------------------------------------------------------------------



@pytest.mark.parametrize("changes", [[("max_members = 10", "max_members = true")], [('method = "mean"', 'method = "mean"\ntrim = true')]], ids=["max_members", "trim"])
def test_boolean_where_a_whole_number_is_refused(demo_source, changes):
    assert "expected a whole number, found true" in rejection(edit(demo_source, *changes))



@pytest.mark.parametrize(
    "old, new",
    [("weight = 20", "weight = 0"), ("penalty_per_minute = 0", "penalty_per_minute = -1"), ("date = 2016-08-16", "date = 2016-08-16T10:00:00")],
    ids=["zero weight", "negative penalty", "datetime as date"],
)
def test_messages_show_values_as_written_not_python_reprs(demo_source, old, new):
    text = rejection(edit(demo_source, (old, new)))
    assert "Decimal(" not in text and "datetime." not in text, text


# -- durations ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, seconds",
    [("30m", 1800), ("90s", 90), ("1h", 3600), ("1m30s", 90), ("1h30m", 5400), ("2h0m5s", 7205), (" 10M ", 600), ("1h 30m", 5400)],
)
def test_parse_duration(text, seconds):
    assert parse_duration(text) == seconds


@pytest.mark.parametrize("text", ["", " ", "30", "30x", "-5m", "1.5m", "m", "30m1h", "half an hour"])
def test_parse_duration_refuses_with_an_example(text):
    with pytest.raises(ValueError, match='"30m"'):
        parse_duration(text)


@pytest.mark.parametrize("seconds, text", [(0, "0s"), (45, "45s"), (90, "1m30s"), (1800, "30m"), (3600, "1h"), (3661, "1h1m1s")])
def test_format_duration(seconds, text):
    assert format_duration(seconds) == text


@pytest.mark.parametrize("seconds, face", [(0, "00:00"), (59, "00:59"), (1799, "29:59"), (1800, "30:00"), (3600, "1:00:00"), (3725, "1:02:05")])
def test_format_clock(seconds, face):
    assert format_clock(seconds) == face


def _read_clock(face: str) -> int:
    parts = [int(p) for p in face.split(":")]
    return sum(p * 60**i for i, p in enumerate(reversed(parts)))


@given(st.integers(min_value=0, max_value=10 * 24 * 3600))
def test_duration_and_clock_round_trip(seconds):
    text = format_duration(seconds)
    assert re.fullmatch(r"(\d+h)?(\d+m)?(\d+s)?", text) and text
    assert parse_duration(text) == seconds
    face = format_clock(seconds)
    assert re.fullmatch(r"(\d+:[0-5]\d|[0-5]\d):[0-5]\d", face)
    assert _read_clock(face) == seconds


def test_a_kept_verdict_that_does_not_fit_the_model_is_checked_afresh(tmp_path) -> None:
    import json

    from gelar_tui.verdict_cache import verdict_file
    from gelar_tui.event.eventfile import bundled_event_path, load_event

    path = tmp_path / "lomba.toml"
    path.write_bytes(bundled_event_path().read_bytes())
    first = load_event(path)
    kept = verdict_file("checked", path.read_bytes())
    assert kept.exists()
    data = json.loads(kept.read_text(encoding="utf-8"))
    data["event"]["a_key_from_another_build"] = "x"  # edited, or written by another build of gelar
    kept.write_text(json.dumps(data), encoding="utf-8")
    assert load_event(path) == first

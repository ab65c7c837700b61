"""Days, categories and the letterhead in the event file: the model, the checks, the pure helpers."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys

import pytest

from gelar_tui.errors import GelarError
from gelar_tui.event.days import (
    category_awards,
    category_finalists,
    category_name,
    day_for_date,
    day_of_group,
    day_order,
    event_days,
)
from gelar_tui.event.eventfile import bundled_event_path, load_event, parse_event
from gelar_tui.i18n import Messages

EN = Messages("en")
DEMO = bundled_event_path().read_text("utf-8")  # groups ceria, melati, berlian, cp-joss; jurors pemprov, swasta


def rejection(source: str) -> str:
    with pytest.raises(GelarError) as info:
        parse_event(source, "lomba.toml")
    return info.value.render(EN)


def with_tables(extra: str, groups: dict[str, str] | None = None) -> str:
    """The demo event with *extra* tables appended and `category = ...` added to groups by id."""
    source = DEMO
    for group, category in (groups or {}).items():
        anchor = f'id = "{group}"\n'
        source = source.replace(anchor, anchor + f'category = "{category}"\n', 1)
    return source + "\n" + extra


DAYS = """
[[days]]
date = 2016-08-16
start = "08:00"
groups = ["melati", "ceria"]

[[days]]
date = 2016-08-17
start = "09:00"
end = "12:00"
groups = 2
"""


def test_an_event_without_days_is_one_day_as_before():
    event = parse_event(DEMO)
    (day,) = event_days(event)
    assert (day.number, day.date, day.groups) == (1, event.event.date, tuple(event.group_ids))
    assert day_for_date(event, dt.date(2030, 1, 1)) == 1
    assert event.categories == () and event.document.letterhead == ()


def test_days_by_ids_and_by_number_give_each_day_its_running_order():
    event = parse_event(with_tables(DAYS))
    first, second = event_days(event)
    assert first.groups == ("melati", "ceria") and first.start == dt.time(8, 0)
    assert second.groups == ("berlian", "cp-joss") and second.end == dt.time(12, 0)
    assert day_of_group(event, "cp-joss") == 2 and day_of_group(event, "melati") == 1
    assert day_order(event, 2) == ["berlian", "cp-joss"]
    assert day_for_date(event, dt.date(2016, 8, 17)) == 2
    assert day_for_date(event, dt.date(2016, 8, 18)) is None


def test_numbers_fill_the_days_in_running_order():
    days = "\n".join(f"[[days]]\ndate = 2016-08-{16 + n}\nstart = \"08:00\"\ngroups = {count}\n" for n, count in enumerate((1, 3)))
    event = parse_event(with_tables(days))
    assert [d.groups for d in event_days(event)] == [("ceria",), ("melati", "berlian", "cp-joss")]


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (('groups = ["melati", "ceria"]', 'groups = ["melati", "ceria", "berlian"]'), "days[1].groups"),
        (('groups = ["melati", "ceria"]', 'groups = ["melati", "mawar"]'), "no group with the id 'mawar'"),
        (("date = 2016-08-17", "date = 2016-08-15"), "does not come after the day before (2016-08-16)"),
        (("date = 2016-08-16\nstart", "date = 2016-08-15\nstart"), "the first day is 2016-08-15 but [event] date is 2016-08-16"),
        (("groups = 2", "groups = 3"), "ask for 3 groups by number but only 2 groups are left"),
        (("groups = 2", "groups = 1"), "1 group(s) on no day: cp-joss"),
        (('end = "12:00"', 'end = "08:00"'), "days[1].end"),
        (("groups = 2", 'groups = "two"'), "days[1].groups: expected the ids of the day's groups"),
        (("groups = 2", "groups = true"), "or a number of groups (12), found true"),
        (("groups = 2", "groups = 0"), "or a number of groups (12), found 0"),
        (('"melati", "ceria"]', '"melati", "ce ria"]'), "days[0].groups: not a group id: 'ce ria'"),
    ],
)
def test_every_mistake_in_the_days_names_the_key_and_the_value(change, expected):
    message = rejection(with_tables(DAYS.replace(*change)))
    assert expected in message, message


def test_a_group_on_two_days_names_both():
    message = rejection(with_tables(DAYS.replace('groups = 2', 'groups = ["berlian", "cp-joss", "ceria"]')))
    assert "the group 'ceria' is on day 2 and on day 1" in message
    assert "lomba.toml:" in message and "days[1].groups[2]" in message


def categories(extra: str = "") -> str:
    tables = """
[[categories]]
id = "opd"
name = "Perangkat Daerah"
finalists = 1

[[categories]]
id = "kota"
name = "Kabupaten/Kota"
awards = { winners = 1, honourable_mentions = 0 }
""" + extra
    source = with_tables(tables, {"ceria": "opd", "melati": "opd", "berlian": "kota", "cp-joss": "kota"})
    return source.replace("[scoring]\n", "[scoring]\noverall = true\nfinalists = 2\n", 1)


def test_categories_give_each_group_its_category_awards_and_cut():
    event = parse_event(categories())
    assert event.group("berlian").category == "kota" and event.scoring.overall
    assert category_name(event, "kota") == "Kabupaten/Kota"
    assert category_awards(event, "kota").winners == 1 and category_awards(event, "opd") == event.awards
    assert (category_finalists(event, "opd"), category_finalists(event, "kota")) == (1, 2)


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (('category = "kota"', 'category = "desa"'), "no category with the id 'desa' (the categories are: opd, kota)"),
        (('category = "kota"\n', ""), "every group needs category"),
        (('id = "kota"', 'id = "opd"'), "categories[1].id"),
        (("finalists = 1", "finalists = 0"), "categories[0].finalists"),
    ],
)
def test_every_mistake_in_the_categories_names_the_key_and_the_value(change, expected):
    message = rejection(categories().replace(*change))
    assert expected in message, message


def test_a_category_or_overall_without_categories_is_refused():
    message = rejection(with_tables("", {"ceria": "opd"}).replace("[scoring]\n", "[scoring]\noverall = true\n", 1))
    assert "category 'opd' is given but the event has no [[categories]]" in message
    assert "scoring.overall" in message


DOCUMENT = """
[document]
letterhead = ["PEMERINTAH KOTA KEDIRI", "BADAN KEPEGAWAIAN DAERAH"]
number = "800/123/419.34/2016"
place = "Kediri"
chair = "pemprov"
"""


def test_the_document_table_carries_the_letterhead():
    document = parse_event(with_tables(DOCUMENT)).document
    assert document.letterhead == ("PEMERINTAH KOTA KEDIRI", "BADAN KEPEGAWAIAN DAERAH")
    assert (document.number, document.place, document.chair) == ("800/123/419.34/2016", "Kediri", "pemprov")


def test_a_chair_who_is_not_a_juror_is_refused():
    message = rejection(with_tables(DOCUMENT.replace('"pemprov"', '"bupati"')))
    assert "the chair 'bupati' is not a juror (the jurors are: pemprov, swasta)" in message


PNG = b"\x89PNG\r\n\x1a\n" + bytes(40)


@pytest.mark.parametrize(
    ("logo", "content", "expected"),
    [
        ("logo.png", None, "the logo 'logo.png' is not there"),
        ("logo.png", b"not an image at all", "the logo 'logo.png' is not an image"),
        ("logo.txt", b"text", "the logo 'logo.txt' is not an image"),
        ("logo.png", PNG, None),
    ],
)
def test_the_logo_must_be_an_image_beside_the_event_file(tmp_path, logo, content, expected):
    path = tmp_path / "lomba.toml"
    path.write_text(with_tables(DOCUMENT + f'logo = "{logo}"\n'), encoding="utf-8")
    if content is not None:
        (tmp_path / logo).write_bytes(content)
    if expected is None:
        assert load_event(path, use_cache=False).document.logo == logo
        return
    with pytest.raises(GelarError) as info:
        load_event(path, use_cache=False)
    assert expected in info.value.render(EN) and "document.logo" in info.value.render(EN)


def test_gelar_check_refuses_a_bad_day_with_status_2_and_no_traceback(tmp_path):
    path = tmp_path / "lomba.toml"
    path.write_text(with_tables(DAYS.replace('"ceria"]', '"mawar"]')), encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "gelar_tui", "check", str(path)], capture_output=True, text=True, env={"GELAR_LANG": "en", "PATH": ""})
    assert done.returncode == 2, done.stderr
    assert "tidak ada kelompok ber-id 'mawar'" in done.stderr and "Traceback" not in done.stderr  # the event's language


def test_the_indonesian_catalogue_says_it_too():
    with pytest.raises(GelarError) as info:
        parse_event(with_tables(DAYS.replace('"ceria"]', '"mawar"]')))
    assert "tidak ada kelompok ber-id 'mawar'" in info.value.render(Messages("id"))


def test_gelar_check_prints_each_days_planned_schedule(tmp_path, capsys):
    from gelar_tui.cli import main

    path = tmp_path / "lomba.toml"
    path.write_text(categories(DAYS).replace("[timing]\n", '[timing]\nchangeover = "2m"\n', 1), encoding="utf-8")
    assert main(["check", str(path), "--lang", "en"]) == 0
    out = capsys.readouterr().out
    day2 = out[out.index("Day 2 of 2, Wednesday, 17 August 2016:") :]
    assert "09:00  KBK Berlian (30m)" in day2 and "09:32  KBK CP JOSS (30m)" in day2 and "must end by 12:00" in day2
    assert "08:00  KBK Melati (30m)" in out[: out.index("Day 2 of 2")]
    listed = [line.split()[1:3] for line in out.splitlines() if re.match(r"\s+\d\.\s+KBK", line)]
    assert listed == [["KBK", "Melati"], ["KBK", "Ceria"], ["KBK", "Berlian"], ["KBK", "CP"]]  # day by day, in running order
    berlian = next(line for line in out.splitlines() if "KBK Berlian" in line and "RSUD" in line)
    assert berlian.split()[-3:] == ["Kabupaten/Kota", "day", "2"]  # each group's category and day in the summary


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (("finalists = 1", "finalists = 3"), "categories[0].finalists: finalists = 3 but the category 'opd' has only 2 group(s): make it 2 or fewer"),
        (("overall = true\nfinalists = 2", "overall = true\nfinalists = 5"), "scoring.finalists: finalists = 5 but the category 'kota' has only 2 group(s)"),
        (('name = "Kabupaten/Kota"', 'name = "Kabupaten/Kota"\n\n[[categories]]\nid = "desa"\nname = "Desa"\n\n[[categories]]\nid = "x"\nname = "X"'), "categories[2].id: the category 'desa' has no groups"),
    ],
)
def test_a_cut_above_a_category_or_a_category_without_groups_is_refused(change, expected):
    source = categories().replace(*change, 1)
    assert source != categories()
    message = rejection(source)
    assert expected in message, message


def test_finalists_without_categories_is_refused_not_ignored():
    message = rejection(DEMO.replace("[scoring]\n", "[scoring]\nfinalists = 2\n", 1))
    assert "scoring.finalists: finalists is the cut of each category and the event has no [[categories]]" in message

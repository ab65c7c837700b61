"""`gelar new --from` and `gelar groups import`: the event file from the organiser's participant list."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import Workbook

from gelar_tui.cli import main
from gelar_tui.event.days import category_name, event_days
from gelar_tui.event.eventfile import load_event
from gelar_tui.paper.participants import split_members
from gelar_tui.paper.participants_toml import slug, unique_ids

HEADINGS_ID = ["No", "Nama Kelompok", "Instansi", "Kategori", "Hari", "Anggota"]


def workbook(path: Path, rows: list[list], *, headings=HEADINGS_ID, jurors: list[list] | None = None, merge: str | None = None) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.title = "Peserta"
    sheet.append(headings)
    for row in rows:
        sheet.append(row)
    if merge:
        sheet.merge_cells(merge)
    if jurors is not None:
        juri = book.create_sheet("Juri")
        juri.append(["Nama Juri", "Asal", "Kode"])
        for row in jurors:
            juri.append(row)
    book.save(path)
    return path


GROUPS = [
    [1, "KBK Ceria", "Dispenda", "Perangkat Daerah", 1, "Siti Aminah, S.Kom.\nBudi Santoso\nDewi"],
    [2, "KBK Melati", "Satpol PP", "Perangkat Daerah", 1, "Rina, S.E., Joko, M.M., Ani"],
    [],
    [3, "KBK Berlian", "RSUD Gambiran", "Kabupaten/Kota", 2, "Andi"],
    [4, "Tim Ceria", "Kecamatan Kota", "Kabupaten/Kota", None, 2024],
]
JURORS = [["Dr. Ir. Siti Aminah, M.Si.", "Pemprov Jatim", ""], ["Bambang", "Swasta", "swasta"]]


def new(tmp_path: Path, *args: str, capsys=None) -> tuple[int, str]:
    code = main(["new", str(tmp_path / "lomba.toml"), *args, "--lang", "en"])
    err = capsys.readouterr().err if capsys is not None else ""
    return code, err


def test_a_workbook_becomes_an_event_file_that_passes_the_check(tmp_path, capsys):
    workbook(tmp_path / "peserta.xlsx", GROUPS, jurors=JURORS, merge="E5:E6")  # the day 2 cell covers two rows
    code, err = new(tmp_path, "--from", str(tmp_path / "peserta.xlsx"), capsys=capsys)
    assert code == 0, err
    event = load_event(tmp_path / "lomba.toml", use_cache=False)
    assert [g.id for g in event.groups] == ["ceria", "melati", "berlian", "ceria-2"]
    assert event.group("ceria").members == ("Siti Aminah, S.Kom.", "Budi Santoso", "Dewi")
    assert event.group("melati").members == ("Rina, S.E.", "Joko, M.M.", "Ani")
    assert event.group("ceria-2").members == ("2024",)  # a number where text is expected: as written
    assert [d.groups for d in event_days(event)] == [("ceria", "melati"), ("berlian", "ceria-2")]
    assert [category_name(event, event.group(g).category) for g in ("ceria", "berlian")] == ["Perangkat Daerah", "Kabupaten/Kota"]
    assert [(j.id, j.name) for j in event.jurors] == [("siti-aminah", "Dr. Ir. Siti Aminah, M.Si."), ("swasta", "Bambang")]
    source = (tmp_path / "lomba.toml").read_text("utf-8")
    assert source.startswith("# A gelar event file.") and "[awards]" in source  # the commented template around the list
    assert main(["check", str(tmp_path / "lomba.toml")]) == 0


def test_english_headings_dates_and_a_jurors_csv(tmp_path, capsys):
    rows = [["KBK One", "Agency A", "2026-08-20", "A, B"], ["KBK Two", "Agency B", dt.datetime(2026, 8, 21), "C"]]
    workbook(tmp_path / "list.xlsx", rows, headings=["Group", "Agency", "Day", "Members"])
    (tmp_path / "jury.csv").write_text("Juror;Affiliation;Id\nAni;Uni;ani\nBudi;Gov;\n", encoding="utf-8")
    code, err = new(tmp_path, "--from", str(tmp_path / "list.xlsx"), "--jurors", str(tmp_path / "jury.csv"), capsys=capsys)
    assert code == 0, err
    event = load_event(tmp_path / "lomba.toml", use_cache=False)
    assert event.event.date == dt.date(2026, 8, 20)  # the event's date is its first day
    assert [(d.date, d.groups) for d in event_days(event)] == [(dt.date(2026, 8, 20), ("one",)), (dt.date(2026, 8, 21), ("two",))]
    assert event.juror_ids == ["ani", "budi"] and event.categories == ()


def test_a_csv_of_groups_without_days_is_one_day(tmp_path, capsys):
    (tmp_path / "peserta.csv").write_text("Nama Kelompok,Instansi,Anggota\nKBK A,X,\"Ani, Budi\"\n\nKBK B,Y,\n", encoding="utf-8")
    code, err = new(tmp_path, "--from", str(tmp_path / "peserta.csv"), capsys=capsys)
    assert code == 0, err
    event = load_event(tmp_path / "lomba.toml", use_cache=False)
    assert event.days == () and [g.members for g in event.groups] == [("Ani", "Budi"), ()]


HOSTILE = [
    ['=HYPERLINK("http://x","KBK Jahat")', "Dispenda", "A", 1, "x"],
    ["KBK \u202eMerah", "Satpol", "A", 1, "x"],
    ["K" * 300, "Satpol", "A", "besok", "x"],
    [2024, 12.0, "A", 1.5, None],
    [None, "orphan agency", "A", 2, None],
    ["KBK Satu", "X", "A", 1, "Ani"],
    ["kbk satu", "Y", "A", 1, "Budi"],
]


def test_every_bad_cell_is_named_and_no_file_is_written(tmp_path, capsys):
    workbook(tmp_path / "bad.xlsx", HOSTILE, headings=["Group", "Agency", "Category", "Day", "Members"])
    code, err = new(tmp_path, "--from", str(tmp_path / "bad.xlsx"), capsys=capsys)
    assert code == 2 and not (tmp_path / "lomba.toml").exists()
    assert "Peserta!A2: a formula (=HYPERLINK(" in err
    assert "Peserta!A3: a control or direction character (\\u202e)" in err
    assert "Peserta!A4: 300 characters: at most 150" in err
    assert "Peserta!D4: not a day: 'besok'" in err and "Peserta!D5: not a day: '1.5'" in err
    assert "Peserta!A6: this row has no name" in err
    assert "Peserta!A8: a second group called 'kbk satu' (the first at Peserta!A7)" in err


def test_the_list_level_mistakes_name_a_row(tmp_path, capsys):
    (tmp_path / "p.csv").write_text("Group;Agency;Day;Category\nA;X;1;c\nB;Y;2026-08-20;\n", encoding="utf-8")
    code, err = new(tmp_path, "--from", str(tmp_path / "p.csv"), capsys=capsys)
    assert code == 2 and "as numbers in some rows and as dates in others" in err and "'B' has no category" in err
    (tmp_path / "q.csv").write_text("Agency;Day\nX;1\n", encoding="utf-8")
    code, err = new(tmp_path, "--from", str(tmp_path / "q.csv"), capsys=capsys)
    assert code == 2 and "q.csv:1: no column for the names" in err
    code, err = new(tmp_path, "--from", str(tmp_path / "none.xlsx"), capsys=capsys)
    assert code == 2 and "no participant list at" in err


def test_members_split_on_lines_or_commas_keeping_titles():
    assert split_members("Ani, Budi,Cici") == ("Ani", "Budi", "Cici")
    assert split_members("1. Ani, S.T.\n2. Budi, SE\n\n") == ("Ani, S.T.", "Budi, SE")
    assert split_members("Dr. Ani, M.Sc., Budi") == ("Dr. Ani, M.Sc.", "Budi")


def test_ids_are_made_from_names_and_unique():
    assert slug("KBK Ceria") == "ceria" and slug("Kelompok Mawar Putih") == "mawar-putih" and slug("KBK") == "kbk"
    assert unique_ids(["KBK Ceria", "Ceria", "★★★"], "group") == ["ceria", "ceria-2", "group3"]
    assert len(slug("Kelompok " + "Panjang " * 20)) <= 30


# -- gelar groups import ---------------------------------------------------


@pytest.fixture
def event_file(tmp_path, capsys):
    workbook(tmp_path / "peserta.xlsx", GROUPS[:2], jurors=JURORS)
    assert new(tmp_path, "--from", str(tmp_path / "peserta.xlsx"), capsys=capsys)[0] == 0
    path = tmp_path / "lomba.toml"
    path.write_text(path.read_text("utf-8").replace("[awards]", "# the office's own note\n[awards]"), encoding="utf-8")
    return path


def test_groups_import_replaces_the_groups_and_keeps_the_rest_of_the_file(tmp_path, event_file, capsys):
    before = event_file.read_text("utf-8")
    workbook(tmp_path / "baru.xlsx", [GROUPS[1], GROUPS[0], GROUPS[3]])
    assert main(["groups", "import", str(event_file), str(tmp_path / "baru.xlsx"), "--lang", "en"]) == 0, capsys.readouterr().err
    after = event_file.read_text("utf-8")
    event = load_event(event_file, use_cache=False)
    assert event.group_ids == ["melati", "ceria", "berlian"]
    assert [d.groups for d in event_days(event)] == [("melati", "ceria"), ("berlian",)]
    assert before.split("[[categories]]")[0] == after.split("[[categories]]")[0]  # everything above is untouched
    assert "# the office's own note\n[awards]" in after and after.count("[awards]") == 1


def scored(event_file: Path, group: str) -> None:
    from gelar_tui.day.facade import Day, ScoreRow
    from gelar_tui.paths import default_journal

    event = load_event(event_file, use_cache=False)
    day = Day.open(event, default_journal(event_file, False), origin="cli", create=True)
    day.import_scores([ScoreRow(group, juror, c, "80") for juror in event.juror_ids for c in event.criterion_ids])
    day.close()


def test_groups_import_refuses_to_change_a_group_with_scores(tmp_path, event_file, capsys):
    scored(event_file, "ceria")
    before = event_file.read_text("utf-8")
    workbook(tmp_path / "baru.xlsx", [GROUPS[1], [9, "KBK Ceria", "Dinas Lain", "Perangkat Daerah", 1, "Ani"]])
    assert main(["groups", "import", str(event_file), str(tmp_path / "baru.xlsx"), "--lang", "en"]) == 2
    assert "the journal holds scores of 'KBK Ceria' (ceria)" in capsys.readouterr().err
    assert event_file.read_text("utf-8") == before
    workbook(tmp_path / "sama.xlsx", [GROUPS[0], GROUPS[3]])  # melati goes, ceria stays as it was: fine
    assert main(["groups", "import", str(event_file), str(tmp_path / "sama.xlsx"), "--lang", "en"]) == 0, capsys.readouterr().err
    assert load_event(event_file, use_cache=False).group_ids == ["ceria", "berlian"]




def test_a_title_row_above_the_headings_is_passed_over(tmp_path, capsys):
    book = Workbook()
    sheet = book.active
    sheet.title = "Daftar Peserta"
    sheet.append(["DAFTAR PESERTA GELAR BUDAYA KERJA 2026"])
    sheet.merge_cells("A1:D1")
    sheet.append([])
    sheet.append(["Nama Kelompok", "Instansi", "Anggota"])
    sheet.append(["KBK Ceria", "Dispenda", '=CONCAT("A","B")'])
    book.save(tmp_path / "peserta.xlsx")
    code, err = new(tmp_path, "--from", str(tmp_path / "peserta.xlsx"), capsys=capsys)
    assert code == 2 and "'Daftar Peserta'!C4: a formula (=CONCAT(" in err  # a sheet name with a space is quoted
    sheet["C4"] = "Ani\nBudi"
    book.save(tmp_path / "peserta.xlsx")
    code, err = new(tmp_path, "--from", str(tmp_path / "peserta.xlsx"), capsys=capsys)
    assert code == 0, err
    assert load_event(tmp_path / "lomba.toml", use_cache=False).group("ceria").members == ("Ani", "Budi")


def test_groups_import_keeps_a_windows_files_line_ends_and_byte_order_mark(tmp_path, event_file, capsys):
    event_file.write_bytes(b"\xef\xbb\xbf" + event_file.read_text("utf-8").replace("\n", "\r\n").encode("utf-8"))
    workbook(tmp_path / "baru.xlsx", [GROUPS[1], GROUPS[0]])
    assert main(["groups", "import", str(event_file), str(tmp_path / "baru.xlsx"), "--lang", "en"]) == 0, capsys.readouterr().err
    raw = event_file.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf# A gelar event file.") and raw.count(b"\n") == raw.count(b"\r\n")
    assert load_event(event_file, use_cache=False).group_ids == ["melati", "ceria"]


async def test_the_written_event_opens_in_the_console(tmp_path, event_file):
    from tests.support.console import make_app, open_day, screen_text, settled

    event = load_event(event_file, use_cache=False)
    day = open_day(event, tmp_path / "lomba.gelar-journal")
    app = make_app(day, "en")
    async with app.run_test(size=(160, 48)) as pilot:
        assert await settled(pilot, lambda: "KBK Ceria" in screen_text(app) and "KBK Melati" in screen_text(app))
    day.close()


def test_a_list_level_mistake_heads_with_the_file_and_names_the_day_cell(tmp_path, capsys):
    rows = [
        [1, "KBK Satu", "A", "Perangkat Daerah", dt.datetime(2026, 8, 11), "X"],
        [2, "KBK Dua", "B", "Perangkat Daerah", 2, "Y"],
        [3, "KBK  satu ", "C", "Perangkat Daerah", dt.datetime(2026, 8, 11), "Z"],
    ]
    workbook(tmp_path / "peserta.xlsx", rows, jurors=[["Ani", "Uni", "ani"], ["Budi", "Gov", "ani"]])
    code, err = new(tmp_path, "--from", str(tmp_path / "peserta.xlsx"), capsys=capsys)
    assert code == 2 and not (tmp_path / "lomba.toml").exists()
    assert "The participant list peserta.xlsx has mistakes" in err  # the file, not its sheet
    assert "Peserta!B4: a second group called 'KBK satu'" in err  # spaces and case make no other name
    rows[2][1] = "KBK Tiga"
    workbook(tmp_path / "peserta.xlsx", rows, jurors=[["Ani", "Uni", "ani"], ["Budi", "Gov", "ani"]])
    code, err = new(tmp_path, "--from", str(tmp_path / "peserta.xlsx"), capsys=capsys)
    assert code == 2 and "The participant list peserta.xlsx has mistakes" in err
    assert "Peserta!E3: the days are written as numbers in some rows and as dates in others" in err  # the odd day's cell
    rows[1][4] = dt.datetime(2026, 8, 12)
    workbook(tmp_path / "peserta.xlsx", rows, jurors=[["Ani", "Uni", "ani"], ["Budi", "Gov", "ani"]])
    code, err = new(tmp_path, "--from", str(tmp_path / "peserta.xlsx"), capsys=capsys)
    assert code == 2 and "The participant list peserta.xlsx has mistakes" in err and "Juri!A3" in err
    assert not (tmp_path / "lomba.toml").exists()


def test_a_csv_mistake_names_its_line_and_column(tmp_path, capsys):
    (tmp_path / "p.csv").write_text("Nama Kelompok;Instansi;Hari\nKBK A;X;1\n=cmd|' /C calc'!A0;Y;besok\n", encoding="utf-8")
    code, err = new(tmp_path, "--from", str(tmp_path / "p.csv"), capsys=capsys)
    assert code == 2 and not (tmp_path / "lomba.toml").exists()
    assert "p.csv:3 (Nama Kelompok): a formula (=cmd|' /C calc'!A0)" in err
    assert "p.csv:3 (Hari): not a day: 'besok'" in err


def test_a_line_break_or_tab_in_a_name_is_a_space_and_members_stay_one_a_line(tmp_path, capsys):
    rows = [[1, "KBK\nCeria", "Dinas\tPendapatan", "Perangkat Daerah", 1, "Siti\tAminah\n Budi  Santoso "]]
    workbook(tmp_path / "peserta.xlsx", rows)
    code, err = new(tmp_path, "--from", str(tmp_path / "peserta.xlsx"), capsys=capsys)
    assert code == 0, err
    group = load_event(tmp_path / "lomba.toml", use_cache=False).groups[0]
    assert (group.name, group.agency, group.members) == ("KBK Ceria", "Dinas Pendapatan", ("Siti Aminah", "Budi Santoso"))

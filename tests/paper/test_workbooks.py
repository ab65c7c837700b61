"""Score workbooks: `gelar forms` writes them, jurors fill them, `gelar scores import` reads them back.

Workbooks are filled the way a person would: by the names printed on the sheet (the
group's name in column B, the criterion's name in row 2), not by ids.
"""

from __future__ import annotations

import io
import json
import re
import shutil
import zipfile
from pathlib import Path

import openpyxl
import pytest

from gelar_tui.event.eventfile import load_event
from tests.support.paper import all_scores, event_variant, write_scores_csv
from tests.support.cli import ok, refused


def journal_records(capsys, event: Path) -> int:
    if not event.with_name(event.stem + ".gelar-journal").exists():
        return 0  # nothing was ever written (`log` refuses a missing journal)
    return len([line for line in ok(capsys, "log", event).splitlines() if line.strip()])


@pytest.fixture
def event(tmp_path: Path) -> Path:
    return event_variant(tmp_path, groups=4, jurors=3)


@pytest.fixture
def forms(capsys, event: Path, tmp_path: Path) -> Path:
    folder = tmp_path / "forms"
    ok(capsys, "forms", event, "-o", folder)
    return folder


def fill(path: Path, event: Path, *, only: dict | None = None, text: bool = False) -> Path:
    """Type every score of the event into the workbook at *path*, finding cells by the names shown."""
    ev = load_event(event)
    book = openpyxl.load_workbook(path)
    scores = {(j, g, c): v for j, g, c, v in all_scores(ev)}
    for sheet in book.worksheets:
        juror = next(j for j in ev.jurors if j.name in str(sheet["A1"].value))
        columns = {str(sheet.cell(2, col).value): col for col in range(1, sheet.max_column + 1)}
        for row in range(5, sheet.max_row + 1):
            shown = str(sheet.cell(row, 2).value)
            group = next(g for g in ev.groups if shown.startswith(g.name))
            for criterion in ev.criteria:
                value = (only or scores).get((juror.id, group.id, criterion.id))
                if value is not None:
                    sheet.cell(row, columns[criterion.name], value.replace(".", ",") if text else float(value))
    book.save(path)
    return path


def test_forms_writes_a_paper_form_and_a_workbook_per_juror(capsys, event, forms):
    ev = load_event(event)
    assert sorted(p.name for p in forms.iterdir()) == sorted(
        [f"form-{j}.html" for j in ev.juror_ids] + [f"scores-{j}.xlsx" for j in ev.juror_ids]
    )
    html = (forms / "form-j1.html").read_text(encoding="utf-8")
    assert ev.jurors[0].name in html and ev.jurors[0].affiliation in html
    assert html.count('<section class="group"') == 4
    assert all(c.name in html and c.description in html for c in ev.criteria)
    assert "nilai 0 sampai 100" in html and "Tanda tangan" in html and "Tanggal" in html


def test_the_workbook_layout(capsys, event, forms):
    ev = load_event(event)
    book = openpyxl.load_workbook(forms / "scores-j2.xlsx")
    assert book.sheetnames == ["j2"]
    sheet = book["j2"]
    assert ev.jurors[1].name in sheet["A1"].value and ev.event.title in sheet["C1"].value
    assert [sheet.cell(2, c).value for c in range(3, 9)] == [c.name for c in ev.criteria]
    assert [sheet.cell(4, c).value for c in range(3, 9)] == ev.criterion_ids
    assert [sheet.cell(r, 1).value for r in range(5, 9)] == ev.group_ids
    assert sheet.cell(5, 2).value.startswith(ev.groups[0].name)
    assert sheet.freeze_panes == "C5"
    assert book.defined_names["gelar_event"].attr_text == f'"{ev.identity}"'
    assert sheet.protection.sheet and not sheet.protection.password
    assert sheet["C5"].protection.locked is False and sheet["B5"].protection.locked is True
    (check,) = sheet.data_validations.dataValidation
    assert (check.type, check.formula1, check.formula2, str(check.sqref)) == ("decimal", "0", "100", "C5:H8")
    assert sheet["I5"].value.startswith("=IF(COUNT(C5:H5)=6,SUMPRODUCT(")
    assert sheet["B2"].value == "Kelompok"  # the event's language


def test_forms_follow_the_journals_running_order(capsys, event, tmp_path):
    from gelar_tui.day.facade import Day

    ev = load_event(event)
    day = Day.open(ev, event.with_suffix(".gelar-journal"))
    day.move(ev.group_ids[3], 0)
    day.close()
    ok(capsys, "forms", event, "-o", tmp_path / "f", "--one-workbook")
    sheet = openpyxl.load_workbook(tmp_path / "f" / "scores.xlsx").worksheets[0]
    assert sheet.cell(5, 1).value == ev.group_ids[3]


def test_forms_never_overwrite_a_workbook(capsys, event, forms):
    before = (forms / "scores-j1.xlsx").read_bytes()
    assert "already exists" in refused(capsys, "--lang", "en", "forms", event, "-o", forms)
    assert (forms / "scores-j1.xlsx").read_bytes() == before


def test_panel_form_for_one_group(capsys, event, tmp_path):
    ev = load_event(event)
    ok(capsys, "forms", event, "-o", tmp_path / "p", "--group", ev.group_ids[1], "--one-workbook")
    html = (tmp_path / "p" / f"form-{ev.group_ids[1]}.html").read_text(encoding="utf-8")
    assert all(j.name in html for j in ev.jurors) and ev.groups[1].name in html
    assert openpyxl.load_workbook(tmp_path / "p" / "scores.xlsx").sheetnames == ev.juror_ids
    assert "No group 'nope'" in refused(capsys, "--lang", "en", "forms", event, "-o", tmp_path / "q", "--group", "nope")


def results_json(capsys, event: Path) -> list:
    return json.loads(ok(capsys, "results", event, "--format", "json"))["ranking"]


@pytest.mark.parametrize("one_workbook", [False, True], ids=["a workbook per juror", "one workbook"])
def test_round_trip_gives_the_same_results_as_csv(capsys, event, tmp_path, one_workbook):
    folder = tmp_path / "forms"
    ok(capsys, "forms", event, "-o", folder, *(["--one-workbook"] if one_workbook else []))
    books = [fill(p, event, text=i == 0) for i, p in enumerate(sorted(folder.glob("*.xlsx")))]
    out = ok(capsys, "--lang", "en", "scores", "import", event, *books)
    assert "Imported 72 score(s); 12 complete sheet(s) locked" in out
    twin = tmp_path / "csv"
    twin.mkdir()
    other = shutil.copy(event, twin / event.name)
    ok(capsys, "scores", "import", other, write_scores_csv(load_event(event), twin / "scores.csv"))
    assert results_json(capsys, event) == results_json(capsys, other)


def test_reimport_identical_does_nothing_and_a_change_is_refused_cell_by_cell(capsys, event, forms):
    book = fill(forms / "scores-j1.xlsx", event)
    ok(capsys, "scores", "import", event, book)
    records = journal_records(capsys, event)
    assert "Nothing new" in ok(capsys, "--lang", "en", "scores", "import", event, book)
    assert journal_records(capsys, event) == records
    changed = openpyxl.load_workbook(book)
    changed["j1"]["D6"] = 12
    changed.save(book)
    err = refused(capsys, "--lang", "en", "scores", "import", event, book)
    assert "[scores-j1.xlsx]j1!D6: the sheet of juror 'j1'" in err and "is locked and holds" in err and "ctrl+u" in err
    assert journal_records(capsys, event) == records


def test_a_partly_filled_workbook_stores_what_is_there_and_locks_complete_sheets(capsys, event, forms):
    ev = load_event(event)
    first = ev.group_ids[0]
    only = {(j, g, c): v for j, g, c, v in all_scores(ev) if j == "j1" and (g == first or c == "analisis")}
    book = fill(forms / "scores-j1.xlsx", event, only=only)
    assert "Imported 9 score(s); 1 complete sheet(s) locked" in ok(capsys, "--lang", "en", "scores", "import", event, book)
    fill(book, event)  # the locked sheet's 6 scores are already in; the other 3 sheets' 18 are stored and locked
    assert "Imported 18 score(s); 3 complete sheet(s) locked" in ok(capsys, "--lang", "en", "scores", "import", event, book)


def write(book: openpyxl.Workbook, path: Path) -> Path:
    book.save(path)
    return path


def set_cell(path: Path, cell: str, value) -> Path:
    book = openpyxl.load_workbook(path)
    book.worksheets[0][cell] = value
    return write(book, path)


@pytest.mark.parametrize(
    "cell, value, message",
    [
        ("D7", 120, "[scores-j1.xlsx]j1!D7: 120 is outside 0..100"),
        ("E5", "delapan", "[scores-j1.xlsx]j1!E5: not a number: 'delapan'"),
        ("C6", 85.555, "[scores-j1.xlsx]j1!C6: 85.555: use at most two decimals"),
        ("A6", "nobody", "[scores-j1.xlsx]j1!A6: unknown group 'nobody'"),
        ("D4", "renamed", "[scores-j1.xlsx]j1!D4: the criterion id here is 'renamed' where the form has 'solusi'"),
        ("C6", "=80+5", "[scores-j1.xlsx]j1!C6: holds the formula =80+5 but no saved value"),
    ],
    ids=["out of range", "text", "decimals", "unknown group", "changed header", "formula without value"],
)
def test_bad_cells_are_named_and_nothing_is_stored(capsys, event, forms, cell, value, message):
    book = set_cell(fill(forms / "scores-j1.xlsx", event), cell, value)
    err = refused(capsys, "--lang", "en", "scores", "import", event, book)
    assert "Nothing was imported" in err and message in err
    assert journal_records(capsys, event) == 0


def test_a_decimal_comma_typed_as_text_is_read(capsys, event, forms):
    book = set_cell(forms / "scores-j1.xlsx", "C5", "85,5")
    ok(capsys, "scores", "import", event, book)
    assert "value=85.5" in ok(capsys, "log", event)


def test_a_formula_is_read_from_its_saved_value(capsys, event, forms):
    path = set_cell(forms / "scores-j1.xlsx", "C5", "=80+5.5")
    raw = io.BytesIO()
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(raw, "w") as target:
        for item in source.infolist():  # what Excel does on saving: keep the formula's value beside it
            data = source.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                data, count = re.subn(rb"(<c r=\"C5\"[^>]*><f>80\+5\.5</f>)<v\s*/>", rb"\1<v>85.5</v>", data)
                assert count == 1
            target.writestr(item, data)
    path.write_bytes(raw.getvalue())
    ok(capsys, "scores", "import", event, path)
    assert re.search(r"criterion=analisis group=\S+ juror=j1 value=85.5", ok(capsys, "log", event))


def test_a_workbook_of_another_event_is_refused(capsys, event, tmp_path):
    other = event_variant(tmp_path, groups=4, jurors=3, name="other.toml")
    other.write_text(other.read_text(encoding="utf-8").replace("Tahun 2016", "Tahun 2017"), encoding="utf-8")
    ok(capsys, "forms", other, "-o", tmp_path / "of")
    err = refused(capsys, "--lang", "en", "scores", "import", event, tmp_path / "of" / "scores-j1.xlsx")
    assert "is a score workbook of another event ('Gelar Budaya Kerja Pemerintah Kota Kediri Tahun 2017'" in err


def test_the_long_layout_on_a_first_sheet(capsys, event, tmp_path):
    ev = load_event(event)
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Nilai juri"
    sheet.append(["Juror", "Group", "Criterion", "Score"])
    for row in all_scores(ev):
        sheet.append([*row[:3], float(row[3])])
    sheet.append(["j1", "ghost", "analisis", 80])
    path = write(book, tmp_path / "long.xlsx")
    err = refused(capsys, "--lang", "en", "scores", "import", event, path)
    assert f"[long.xlsx]'Nilai juri'!B{len(all_scores(ev)) + 2}: unknown group 'ghost'" in err
    sheet.delete_rows(sheet.max_row)
    assert "Imported 72 score(s)" in ok(capsys, "--lang", "en", "scores", "import", event, write(book, path))


def test_several_files_are_all_or_nothing_together(capsys, event, forms, tmp_path):
    good = fill(forms / "scores-j1.xlsx", event)
    bad = set_cell(fill(forms / "scores-j2.xlsx", event), "C5", 101)
    err = refused(capsys, "--lang", "en", "scores", "import", event, good, bad)
    assert "[scores-j2.xlsx]j2!C5" in err and journal_records(capsys, event) == 0
    twice = tmp_path / "twice.xlsx"
    shutil.copy(good, twice)
    err = refused(capsys, "--lang", "en", "scores", "import", event, good, twice)
    assert "[twice.xlsx]j1!C5: the same juror, group and criterion as [scores-j1.xlsx]j1!C5" in err


def encrypted(path: Path, target: Path) -> Path:
    msoffcrypto = pytest.importorskip("msoffcrypto")
    from msoffcrypto.format.ooxml import OOXMLFile

    with path.open("rb") as plain, target.open("wb") as out:
        OOXMLFile(plain).encrypt("rahasia", out)
    assert msoffcrypto
    return target


def test_unreadable_kinds_are_refused_with_what_to_do(capsys, event, forms, tmp_path):
    locked = encrypted(forms / "scores-j1.xlsx", tmp_path / "locked.xlsx")
    assert "protected with a password" in refused(capsys, "--lang", "en", "scores", "import", event, locked)
    old = tmp_path / "old.xls"
    old.write_bytes(bytes.fromhex("D0CF11E0A1B11AE1") + bytes(504) + "Workbook".encode("utf-16-le"))
    assert "old Excel .xls file" in refused(capsys, "--lang", "en", "scores", "import", event, old)
    ods = tmp_path / "nilai.ods"
    with zipfile.ZipFile(ods, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", "<x/>")
    assert "OpenDocument spreadsheet (.ods)" in refused(capsys, "--lang", "en", "scores", "import", event, ods)
    fake = tmp_path / "fake.xlsx"
    fake.write_text("juror,group\n")
    assert "is not one" in refused(capsys, "--lang", "en", "scores", "import", event, fake)
    assert journal_records(capsys, event) == 0

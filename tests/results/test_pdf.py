"""The berita acara as a PDF, and the results as a workbook for the organiser.

The PDF is read back with pdftotext -layout, page by page: every group's row ends with
its full final score (then its award), no heading is left alone at the bottom of a
page, the results table repeats its header on each page, and the signature block is
never split.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from gelar_tui.event.eventfile import load_event
from gelar_tui.i18n import Messages
from tests.support.paper import event_variant, score, write_scores_csv
from tests.support.cli import gelar, ok, refused

HEADINGS = ["Kriteria dan bobot penilaian", "Hasil penilaian", "Waktu paparan", "Tanda tangan"]
RANKING_HEADER = re.compile(r"^\s*Peringkat\s+Kelompok / Instansi\s+j1\s+j2")


def scored_event(capsys, folder: Path, **variant) -> Path:
    event = event_variant(folder, **variant)
    ok(capsys, "scores", "import", event, write_scores_csv(load_event(event), folder / "scores.csv"))
    return event


def pdf_pages(capsys, event: Path, folder: Path) -> list[list[str]]:
    pytest.importorskip("weasyprint")
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    pdf = folder / "berita-acara.pdf"
    ok(capsys, "results", event, "--format", "pdf", "-o", pdf)
    assert pdf.read_bytes().startswith(b"%PDF")
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return [page.splitlines() for page in text.split("\f")[:-1]]


def page_of(pages: list[list[str]], pattern: str) -> int:
    """The page (from 1) where a line first starts with *pattern*."""
    return next(number for number, lines in enumerate(pages, start=1) for line in lines if line.strip().startswith(pattern))


def ranking(capsys, event: Path) -> list[dict]:
    return json.loads(ok(capsys, "results", event, "--format", "json"))["ranking"]


def test_every_row_of_the_long_names_event_ends_with_its_full_score(capsys, tmp_path):
    event = scored_event(capsys, tmp_path)
    pages = pdf_pages(capsys, event, tmp_path)
    lines = [line for page in pages for line in page]
    t = Messages("id")
    for row in ranking(capsys, event):
        totals = r"\s+".join(re.escape(t.number(v)) for v in row["jurors"].values())
        score = t.number(row["score"])
        pattern = rf"^\s*{row['rank']}=?\s+.*\s{totals}\s+{re.escape(t.number(row['penalty']))}\s+(\S+)(\s+\S.*)?$"
        found = [m for line in lines if (m := re.match(pattern, line))]
        assert len(found) == 1, (row["name"], score)
        assert found[0].group(1) == score  # the final score in full, right after the penalty
    assert "j1: Prof. Dr. Ir. H. Bambang Suharto Wicaksono, M.Sc., M.M., IPU (Universitas Brawijaya Malang)" in " ".join(lines)


@pytest.mark.parametrize(
    "groups, expected",
    [(4, {"Kriteria dan bobot penilaian": 1, "Hasil penilaian": 1, "Waktu paparan": 2, "Tanda tangan": 3}),
     (30, {"Kriteria dan bobot penilaian": 1, "Hasil penilaian": 1, "Waktu paparan": 6, "Tanda tangan": 8})],
    ids=["4 groups", "30 groups"],
)  # fmt: skip
def test_which_section_starts_on_which_page(capsys, tmp_path, groups, expected):
    event = scored_event(capsys, tmp_path, groups=groups)
    pages = pdf_pages(capsys, event, tmp_path)
    assert {heading: page_of(pages, heading) for heading in HEADINGS} == expected
    assert page_of(pages, "Sidik jurnal") == len(pages)
    first = "\n".join(pages[0])
    assert "BERITA ACARA PENILAIAN" in first and "Gelar Budaya Kerja Pemerintah Kota Kediri Tahun 2016" in first
    winner = ranking(capsys, event)[0]
    assert re.search(rf"^1\s+{re.escape(winner['name'][:20])}.*Juara I$", first, re.MULTILINE)
    fingerprint = json.loads(ok(capsys, "status", event, "--json"))  # the journal the document was made from
    assert fingerprint["journal_records"] and re.search(r"^[0-9a-f]{64}$", "\n".join(pages[-1]), re.MULTILINE)
    for number, lines in enumerate(pages, start=1):
        body = [line for line in lines if line.strip() and not re.fullmatch(r"\s*\d+/\d+", line)]
        assert body[-1].strip() not in HEADINGS, f"a heading alone at the bottom of page {number}"
    table_pages = range(page_of(pages, "Hasil penilaian"), page_of(pages, "Waktu paparan"))
    headed = [n for n in table_pages if any(RANKING_HEADER.match(line) for line in pages[n - 1])]
    rows_on = [n for n in table_pages if any(re.match(r"^\d+=?\s+KBK", line) for line in pages[n - 1])]
    assert headed == rows_on  # every page the table runs on repeats its header row
    signature_pages = {n for n, lines in enumerate(pages, start=1) for line in lines if "Penyelenggara" in line or line.strip() == "Juri"}
    assert signature_pages == {expected["Tanda tangan"]}


def test_more_than_seven_jurors_put_the_table_on_a_landscape_page(capsys, tmp_path):
    event = scored_event(capsys, tmp_path, jurors=8)
    pages = pdf_pages(capsys, event, tmp_path)
    pdf = tmp_path / "berita-acara.pdf"
    sizes = subprocess.run(["pdfinfo", "-f", "1", "-l", str(len(pages)), str(pdf)], capture_output=True, text=True).stdout
    landscape = [int(m.group(1)) for m in re.finditer(r"Page\s+(\d+) size:\s+841\.89 x 595\.2", sizes)]
    assert landscape and page_of(pages, "Hasil penilaian") == landscape[0]
    assert any(RANKING_HEADER.match(line) and " j8 " in line for line in pages[landscape[0] - 1])


def test_without_weasyprint_the_pdf_says_how_to_get_it(capsys, tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "weasyprint", None)
    event = event_variant(tmp_path)
    err = refused(capsys, "--lang", "en", "results", event, "--format", "pdf", "-o", tmp_path / "x.pdf")
    assert 'pip install "gelar[pdf]"' in err and not (tmp_path / "x.pdf").exists()


@pytest.mark.parametrize("fmt", ["pdf", "xlsx"])
def test_binary_formats_need_an_output_file(capsys, tmp_path, fmt):
    assert "name it with -o FILE" in refused(capsys, "--lang", "en", "results", event_variant(tmp_path), "--format", fmt)


def test_the_html_of_long_names_has_ids_and_a_legend_and_the_demo_keeps_names(capsys, tmp_path):
    event = scored_event(capsys, tmp_path)
    html = ok(capsys, "results", event, "--format", "html")
    assert '<th class="num juror">j1</th>' in html and '<ul class="legend">' in html
    md = ok(capsys, "results", event, "--format", "md")
    assert "| j1 | j2 |" in md and "- **j5**: dr. R. Agus Prasetyo Hadiwijoyo" in md
    from gelar_tui.day.facade import Day
    from gelar_tui.event.eventfile import bundled_event_path

    Day.open(load_event(bundled_event_path()), tmp_path / "demo.gelar-journal").close()  # `results` reads one, makes none
    demo = ok(capsys, "results", "--format", "html", "--journal", tmp_path / "demo.gelar-journal")
    assert '<th class="num juror">Juri Pemprov Jawa Timur</th>' in demo and "legend" not in demo.split("<body>")[1]


def test_the_results_workbook_reads_back_as_the_json_ranking(capsys, tmp_path):
    event = scored_event(capsys, tmp_path)
    code, _, _ = gelar(capsys, "results", event, "--format", "xlsx", "-o", tmp_path / "hasil.xlsx")
    assert code == 0
    book = openpyxl.load_workbook(tmp_path / "hasil.xlsx")
    assert book.sheetnames == ["Peringkat", "Rincian nilai", "Waktu"]
    sheet = book["Peringkat"]
    header = [c.value for c in sheet[4]]
    assert header[:5] == ["Peringkat", "Kelompok", "Instansi", load_event(event).jurors[0].name, load_event(event).jurors[1].name]
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=5)]
    expected = ranking(capsys, event)
    assert [(r[0], r[1], r[2]) for r in rows] == [(e["rank"], e["name"], e["agency"]) for e in expected]
    assert [round(r[9], 4) for r in rows] == [e["score"] for e in expected]
    assert [[round(v, 4) for v in r[3:8]] for r in rows] == [list(e["jurors"].values()) for e in expected]
    assert all(isinstance(v, (int, float)) for r in rows for v in r[3:10])  # numbers, not text
    assert sheet.cell(5, 10).number_format == "0.00" and rows[0][10] == "Juara I"
    tied = [row for row in sheet.iter_rows(min_row=5) if row[0].number_format == '0"="']
    assert [row[0].value for row in tied] == [e["rank"] for e in expected if e["tied"]]
    detail = book["Rincian nilai"]
    assert detail.max_row == 4 + 12 * 5 * 6
    first = [c.value for c in detail[5]]
    assert first[7] == float(score(load_event(event), first[2], first[0], first[4]))
    times = book["Waktu"]
    assert times.cell(5, 3).value == dt.timedelta(minutes=30) and times.cell(5, 3).number_format == "[h]:mm:ss"

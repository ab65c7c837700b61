"""The documents of an event with categories and days: a ranking per category, the finalists and the
tie at the cut, each day's times; and an event without them prints exactly what it printed before."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from openpyxl import load_workbook

from gelar_tui.cli import main
from gelar_tui.day.facade import Day, ScoreRow
from gelar_tui.event.eventfile import load_event
from tests.paper.test_rundown import provincial_source
from tests.results.demo_documents import FOLDER, demo_documents

EQUAL = {"analisis": 90, "solusi": 80, "inovasi": 70, "manfaat": 80, "presentasi": 80, "kerjasama": 80}
"""Totals 80, like all 80, but a worse inovasi: the demo's first tie-break."""
SCORES = {"ceria": EQUAL, "melati": 80, "berlian": 85, "cp-joss": 75}


def scored_event(folder: Path, source: str | None = None, scores: dict = SCORES) -> Path:
    """The two-day event in two categories (opd: ceria, melati, one finalist; kota: berlian, cp-joss, two), scored."""
    path = folder / "lomba.toml"
    path.write_text(source or provincial_source(), encoding="utf-8")
    event = load_event(path)
    rows = [
        ScoreRow(group, juror, c, str(value[c] if isinstance(value, dict) else value))
        for group, value in scores.items()
        for juror in event.juror_ids
        for c in event.criterion_ids
    ]
    day = Day.open(event, path.with_suffix(".gelar-journal"), origin="cli")
    day.import_scores(rows)
    day.close()
    return path


def run(capsys, path: Path, *args: str) -> str:
    assert main(["results", str(path), "--lang", "en", *args]) == 0
    return capsys.readouterr().out


def test_an_event_without_categories_or_days_prints_the_same_documents(tmp_path):
    """The demo event's documents in every format, byte for byte as before categories and days."""
    for name, text in demo_documents(tmp_path / "demo.gelar-journal").items():
        assert text == (FOLDER / name).read_text(encoding="utf-8"), name


def test_the_json_has_each_categorys_ranking_finalists_and_tie_at_the_cut(capsys, tmp_path):
    data = json.loads(run(capsys, scored_event(tmp_path), "--format", "json"))
    assert [row["group"] for row in data["ranking"]] == ["berlian", "melati", "ceria", "cp-joss"]  # as before
    opd, kota = data["categories"]["opd"], data["categories"]["kota"]
    assert opd["ranking"] == [{"rank": 1, "group": "melati", "score": 80.0}, {"rank": 2, "group": "ceria", "score": 80.0}]
    assert opd["finalists"] == ["melati"] and opd["name"] == "Perangkat Daerah"
    assert opd["tie_at_cut"] == {"groups": ["melati", "ceria"], "places": 1, "decided": True, "decided_by": "inovasi"}
    assert kota["finalists"] == ["berlian", "cp-joss"] and kota["tie_at_cut"] is None


def test_the_berita_acara_has_a_table_per_category_then_the_overall_one(capsys, tmp_path):
    page = run(capsys, scored_event(tmp_path), "--format", "md")
    opd, kota, overall = (page.index(h) for h in ("### Results: Perangkat Daerah", "### Results: Kabupaten/Kota", "### Overall results"))
    assert opd < kota < overall
    assert page[opd:kota].count("| 1 | KBK Melati") == 1 and "| 2 | KBK Ceria" in page[opd:kota]
    assert "- Going on (top 1): KBK Melati" in page[opd:kota]
    assert "- Tied at the cut (top 1): KBK Melati, KBK Ceria; decided by Inovasi" in page[opd:kota]
    assert "- Going on (top 2): KBK Berlian, KBK CP JOSS" in page[kota:overall]
    # the category's own awards: kota gives one winner only
    kota_rows = [line for line in page[kota:overall].splitlines() if line.startswith("| 2 |")]
    assert kota_rows and kota_rows[0].rstrip().endswith("|  |")


def test_without_overall_the_berita_acara_has_only_the_categories(capsys, tmp_path):
    page = run(capsys, scored_event(tmp_path, provincial_source().replace("overall = true\n", "")), "--format", "html")
    assert "Results: Perangkat Daerah" in page and "Results: Kabupaten/Kota" in page
    assert "Overall results" not in page and ">Results<" not in page


def test_the_berita_acara_has_each_days_times_under_its_date(capsys, tmp_path):
    page = run(capsys, scored_event(tmp_path), "--format", "md")
    times = page[page.index("### Presentation times") :]
    first, second = times.index("#### Day 1 of 2"), times.index("#### Day 2 of 2")
    assert "KBK Berlian" not in times[first:second]
    assert times.index("| KBK Melati", first) < times.index("| KBK Ceria", first) < second  # the day's running order
    assert "KBK Berlian" in times[second:] and "KBK CP JOSS" in times[second:]
    html = run(capsys, scored_event(tmp_path), "--format", "html")
    assert html.count('<h4 class="day">') == 2


@pytest.mark.parametrize("fmt", ["text", "md", "html", "json", "toml", "csv"])
def test_results_day_prints_that_days_times_table(capsys, tmp_path, fmt):
    text = run(capsys, scored_event(tmp_path), "--day", "2", "--format", fmt)
    assert "KBK Berlian" in text and "KBK CP JOSS" in text
    assert "KBK Melati" not in text and "KBK Ceria" not in text
    if fmt == "json":
        data = json.loads(text)
        assert (data["day"], [row["group"] for row in data["times"]]) == (2, ["berlian", "cp-joss"])
        assert data["times"][0]["state"] and "planned" in data["times"][0]
    if fmt in ("text", "md", "html"):
        assert "Day 2 of 2" in text


def test_results_day_as_a_workbook(capsys, tmp_path):
    out = tmp_path / "day2.xlsx"
    run(capsys, scored_event(tmp_path), "--day", "1", "--format", "xlsx", "-o", str(out))
    cells = [v for row in load_workbook(out).active.iter_rows(values_only=True) for v in row if v]
    assert "KBK Melati" in cells and "KBK Ceria" in cells and "KBK Berlian" not in cells


@pytest.mark.parametrize("number", ["3", "0", "-1"])
def test_an_unknown_day_is_refused_with_status_2(capsys, tmp_path, number):
    path = scored_event(tmp_path)
    assert main(["results", str(path), "--lang", "en", "--day", number]) == 2
    err = capsys.readouterr().err
    assert f"there is no day {number}: the event has 2 day(s)" in err and "Traceback" not in err


def test_a_one_day_event_has_day_1_only(capsys, tmp_path):
    from gelar_tui.event.eventfile import bundled_event_path

    path = tmp_path / "demo.toml"
    path.write_text(bundled_event_path().read_text(encoding="utf-8"), encoding="utf-8")
    Day.open(load_event(path), path.with_suffix(".gelar-journal"), origin="cli").close()
    text = run(capsys, path, "--day", "1")
    assert "KBK Ceria" in text and "Day 1 of 1" in text
    assert main(["results", str(path), "--lang", "en", "--day", "2"]) == 2


HOSTILE = '=HYPERLINK("http://x","y") [bold]Kota|<b>[/bold] [@click=app.quit] ' + "x" * 300


def hostile_event(folder: Path) -> Path:
    escaped = HOSTILE.replace('"', '\\"')
    return scored_event(folder, provincial_source().replace('name = "Kabupaten/Kota"', f'name = "{escaped}"'))


def test_a_hostile_category_name_is_plain_text_in_every_format(capsys, tmp_path):
    path = hostile_event(tmp_path)
    data = json.loads(run(capsys, path, "--format", "json"))
    assert data["categories"]["kota"]["name"] == HOSTILE
    assert HOSTILE.replace('"', '\\"') in run(capsys, path, "--format", "toml")
    page = run(capsys, path, "--format", "md")
    assert f"### Results: {HOSTILE.replace('|', chr(92) + '|')}" in page or f"### Results: {HOSTILE}" in page
    html = run(capsys, path, "--format", "html")
    assert "Kota|&lt;b&gt;[/bold]" in html and "<b>[/bold]" not in html
    for fmt in ("text", "csv"):
        run(capsys, path, "--format", fmt)  # no category there, and nothing breaks
    out = tmp_path / "r.xlsx"
    run(capsys, path, "--format", "xlsx", "-o", str(out))
    book = load_workbook(out)
    title = book.sheetnames[2]
    assert title.startswith("2 =HYPERLINK(") and len(title) <= 31 and not set("[]:*?/\\") & set(title)
    cell = book[title]["A3"]
    assert cell.value == HOSTILE and cell.data_type == "s" and cell.quotePrefix


def test_a_control_character_in_a_category_name_is_refused_before_anything_is_printed(capsys, tmp_path):
    path = scored_event(tmp_path)
    path.write_text(provincial_source().replace('name = "Kabupaten/Kota"', 'name = "Kota\\u001b[31m"'), encoding="utf-8")
    assert main(["results", str(path), "--lang", "en", "--format", "md"]) == 2
    captured = capsys.readouterr()
    assert "categories[1].name" in captured.err and captured.out == "" and "Traceback" not in captured.err


def test_the_workbook_has_a_sheet_per_category_with_its_awards_and_finalists(capsys, tmp_path):
    out = tmp_path / "r.xlsx"
    run(capsys, scored_event(tmp_path), "--format", "xlsx", "-o", str(out))
    book = load_workbook(out)
    assert book.sheetnames[:3] == ["Ranking", "1 Perangkat Daerah", "2 Kabupaten-Kota"]
    kota = [row for row in book["2 Kabupaten-Kota"].iter_rows(values_only=True)]
    assert kota[4][:2] == (1, "KBK Berlian") and kota[4][-1] == "1st place" and kota[5][-1] is None  # one winner in kota
    assert ("Going on (top 2): KBK Berlian, KBK CP JOSS",) == tuple(v for v in kota[7] if v)


def test_the_analysis_is_per_category(capsys, tmp_path):
    path = scored_event(tmp_path)
    assert main(["analysis", str(path), "--lang", "en", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert list(data["categories"]) == ["opd", "kota"]
    assert data["categories"]["opd"]["methods"]["mean"] == [{"rank": 1, "group": "melati"}, {"rank": 2, "group": "ceria"}]
    assert main(["analysis", str(path), "--lang", "en"]) == 0
    text = capsys.readouterr().out
    assert text.index("Perangkat Daerah\n====") < text.index("Kabupaten/Kota\n====")
    page = run(capsys, path, "--format", "md")
    appendix = page[page.index("### Appendix: analysis of the results") :]
    assert "#### Perangkat Daerah" in appendix and "#### Kabupaten/Kota" in appendix


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs pdftotext")
def test_the_pdf_has_each_category_and_a_hostile_name_wraps_on_the_page(capsys, tmp_path):
    pytest.importorskip("weasyprint")
    out = tmp_path / "ba.pdf"
    run(capsys, hostile_event(tmp_path), "--format", "pdf", "-o", str(out))
    text = subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True, check=True).stdout
    assert "Results: Perangkat Daerah" in text and 'Results: =HYPERLINK("http://x","y") [bold]Kota|<b>[/bold]' in text
    assert "Day 1 of 2" in text and "Going on (top 1): KBK Melati" in text
    first = subprocess.run(["pdftotext", "-f", "1", "-l", "1", str(out), "-"], capture_output=True, text=True, check=True).stdout
    assert first.count("x") >= 300  # the long name wraps: none of it runs off the page (where pdftotext cannot see it)
    day = tmp_path / "day1.pdf"
    run(capsys, tmp_path / "lomba.toml", "--day", "1", "--format", "pdf", "-o", str(day))
    assert "KBK Melati" in subprocess.run(["pdftotext", str(day), "-"], capture_output=True, text=True, check=True).stdout


@pytest.mark.parametrize("fmt", ["text", "json", "xlsx"])
def test_a_days_times_from_a_broken_journal_are_refused_or_marked_unverified(capsys, tmp_path, fmt):
    from tests.scoring.test_final import tamper_one_score

    path = scored_event(tmp_path)
    tamper_one_score(path.with_suffix(".gelar-journal"))
    out = tmp_path / f"day.{fmt}"
    assert main(["results", str(path), "--lang", "en", "--day", "1", "--format", fmt, "-o", str(out)]) == 1
    assert "hash chain breaks" in capsys.readouterr().err and not out.exists()
    run(capsys, path, "--day", "1", "--format", fmt, "-o", str(out), "--unverified")
    if fmt == "xlsx":
        text = " ".join(str(v) for row in load_workbook(out).active.iter_rows(values_only=True) for v in row if v)
    else:
        text = out.read_text(encoding="utf-8")
    assert "NOT VERIFIED" in text and "KBK Melati" in text


def test_the_text_results_add_each_categorys_ranking(capsys, tmp_path):
    text = run(capsys, scored_event(tmp_path))
    opd, kota = text.index("Results: Perangkat Daerah\n---"), text.index("Results: Kabupaten/Kota\n---")
    assert text.index("4     KBK CP JOSS") < opd < kota  # the overall ranking first, as before
    assert "Tied at the cut (top 1): KBK Melati, KBK Ceria; decided by Inovasi" in text[opd:kota]
    assert text[kota:].splitlines()[4].rstrip().endswith("75.00")  # no award: kota gives one winner
    hostile = run(capsys, hostile_event(tmp_path / "h" if (tmp_path / "h").mkdir() is None else tmp_path))
    assert f"Results: {HOSTILE}" in hostile


def test_a_tie_at_the_cut_nothing_decides_is_said_in_both_languages(capsys, tmp_path):
    path = scored_event(tmp_path, scores={"ceria": 80, "melati": 80, "berlian": 85, "cp-joss": 75})
    page = run(capsys, path, "--format", "md")
    assert "- Going on (top 1): KBK Melati, KBK Ceria" in page
    assert "- Tied at the cut (top 1): KBK Melati, KBK Ceria; the tie-break could not decide, so all go on until the jury decides" in page
    assert main(["results", str(path), "--lang", "id", "--format", "md"]) == 0
    assert "penentu nilai sama tidak dapat memutuskan" in capsys.readouterr().out


def test_a_berita_acara_over_several_days_names_them_all_and_is_signed_on_the_last(capsys, tmp_path):
    path = scored_event(tmp_path)
    page = run(capsys, path, "--format", "md")
    opening = next(line for line in page.splitlines() if line.startswith("On "))
    assert opening.startswith("On Tuesday, 16 August 2016 to Wednesday, 17 August 2016, at ")
    assert "to be used as appropriate. " in page and page.count("Wednesday, 17 August 2016.") == 1  # the closing
    assert main(["results", str(path), "--lang", "id", "--format", "md"]) == 0
    page = capsys.readouterr().out
    assert "Pada hari Selasa, 16 Agustus 2016 sampai dengan Rabu, 17 Agustus 2016, bertempat di " in page
    assert page.count("Rabu, 17 Agustus 2016.") == 1  # signed on the last day

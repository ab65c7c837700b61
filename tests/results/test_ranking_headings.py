"""No heading of the results table is broken inside a word, in the PDF ("pemp/rov", "akade/misi",
"Penghargaa/n" were): checked with pdftotext on events with long juror names and ids and many jurors."""

from __future__ import annotations

import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest
import tomli_w

from gelar_tui.event.eventfile import load_event
from gelar_tui.i18n import Messages
from tests.support.paper import LONG_NAMES, write_scores_csv
from tests.support.cli import ok

IDS = ["pemprov", "akademisi", "swasta", "praktisi", "bappeda", "inspektorat", "universitas", "masyarakat", "perwakilan-dprd", "ombudsman", "kejaksaan", "kepolisian"]


SHORT_NAMES = ["Juri Pemprov Jawa Timur", "Juri Akademisi", "Juri Swasta"]
"""Names short enough to head a column (as in the bundled event), with words wider than a figure."""


def event_with(folder: Path, jurors: int, lang: str, names: list[str] | None = None) -> Path:
    """The long-names event with *jurors* jurors whose ids are words (as in the bundled event) and names long."""
    data = tomllib.loads(LONG_NAMES.read_text(encoding="utf-8"))
    base = data["jurors"]
    data["event"]["language"] = lang
    data["jurors"] = [
        {"id": IDS[i], "name": names[i] if names else f"{base[i % len(base)]['name']} {i + 1}", "affiliation": base[i % len(base)]["affiliation"]}
        for i in range(jurors)
    ]
    path = folder / "event.toml"
    path.write_text(tomli_w.dumps(data), encoding="utf-8")
    return path


def pdf_text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def scored(capsys, folder: Path, jurors: int, lang: str) -> Path:
    event = event_with(folder, jurors, lang, SHORT_NAMES if jurors == 3 else None)
    ok(capsys, "scores", "import", event, write_scores_csv(load_event(event), folder / "scores.csv"))
    return event


def assert_headings_whole(html: str, pdf: Path, jurors: int, t: Messages) -> None:
    """Every word of every heading of the ranking is whole in the PDF's text, and a legend names short labels."""
    heads = [th.split(">", 1)[1] for th in html.split('<table class="ranking')[1].split("</thead>")[0].split("</th>")[:-1]]
    named = heads[2] == t("results.agency")  # names head the jurors' columns, beside a column of agencies
    labels = heads[3 : 3 + jurors] if named else heads[2 : 2 + jurors]
    assert labels in (SHORT_NAMES[:jurors], IDS[:jurors], [f"J{n}" for n in range(1, jurors + 1)])
    text = pdf_text(pdf)
    lines = text.splitlines()
    first = next(i for i, line in enumerate(lines) if line.split()[:1] == [t("results.rank")] and t("results.penalty") in line.split())
    header = lines[first].split()
    for line in lines[first + 1 :]:  # a heading wraps between words onto the lines up to the first row
        if line.split()[:1] == ["1"]:
            break
        header += line.split()
    group = [t("results.group"), t("results.agency")] if named else f"{t('results.group')} / {t('results.agency')}".split()
    expected = [t("results.rank"), *group, *(word for label in labels for word in label.split())]
    expected += [t("results.penalty"), t("results.score"), *t("document.award").split()]
    assert sorted(header) == sorted(expected)
    if not named:  # a legend names every juror of a heading
        assert all(f"{label}:" in text.split() for label in labels)


def needs(*tools: str) -> None:
    for tool in tools:
        if shutil.which(tool) is None:
            pytest.skip(f"{tool} is not installed")


@pytest.mark.parametrize("lang", ["id", "en"])
@pytest.mark.parametrize("jurors", [3, 4, 5, 7, 9, 12])
def test_every_heading_of_the_results_table_is_whole(capsys, tmp_path, jurors, lang):
    pytest.importorskip("weasyprint")
    needs("pdftotext")
    event = scored(capsys, tmp_path, jurors, lang)
    pdf = tmp_path / "berita-acara.pdf"
    ok(capsys, "results", event, "--format", "pdf", "-o", pdf)
    assert_headings_whole(ok(capsys, "results", event, "--format", "html"), pdf, jurors, Messages(lang))


@pytest.mark.parametrize("jurors", [3, 5, 9])
def test_chromiums_print_keeps_every_heading_whole(capsys, tmp_path, jurors):
    needs("chromium", "pdftotext")
    event = scored(capsys, tmp_path, jurors, "id")
    html = ok(capsys, "results", event, "--format", "html")
    page, pdf = tmp_path / "berita-acara.html", tmp_path / "chromium.pdf"
    page.write_text(html, encoding="utf-8")
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"]
    subprocess.run(
        ["chromium", *flags, f"--user-data-dir={tmp_path / 'profile'}", "--no-pdf-header-footer", f"--print-to-pdf={pdf}", page.as_uri()],
        capture_output=True, timeout=300, check=True,
    )  # fmt: skip
    assert_headings_whole(html, pdf, jurors, Messages("id"))

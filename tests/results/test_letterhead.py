"""The office's letterhead on the berita acara: lines, logo, letter number, place, and the chair signing first."""

from __future__ import annotations

import base64
import shutil
import subprocess

import pytest

from gelar_tui.cli import main
from tests.results.test_document import event_path, import_scores, parse, results  # noqa: F401  (a fixture)

DOCUMENT = """
[document]
letterhead = ["PEMERINTAH KOTA KEDIRI", "BADAN KEPEGAWAIAN DAERAH", "Jl. Basuki Rahmat No. 15, [bold]Kediri[/bold]"]
number = "800/123/419.34/2016"
place = "Kediri"
chair = "swasta"
logo = "logo.png"
"""
# a 2x2 red PNG
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGP8z8DAwMDAxMDAwMDAAAANHQEDasKb6QAAAABJRU5ErkJggg=="
)


@pytest.fixture
def lettered(event_path):  # noqa: F811
    event_path.write_text(event_path.read_text("utf-8") + DOCUMENT, encoding="utf-8")
    (event_path.parent / "logo.png").write_bytes(PNG)
    import_scores(event_path)
    return event_path


def test_the_html_document_opens_with_the_letterhead_and_the_chair_signs_first(capsys, lettered):
    page = results(capsys, lettered, "html", "en")
    head = page.index('<header class="letterhead with-logo">')
    assert head < page.index("<h1>")
    assert 'src="data:image/png;base64,' in page
    assert "<div>PEMERINTAH KOTA KEDIRI</div>" in page and "[bold]Kediri[/bold]" in page
    assert "Number: 800/123/419.34/2016" in page
    signatures = page[page.index('class="signatures"') :]
    assert signatures.index("Chair of the jury") < signatures.index(">Juror<")
    assert signatures.index('class="signature juror chair"') < signatures.index('class="signature juror"')
    assert "Kediri, " in page[page.index('class="closing"') :]


def test_the_indonesian_document_names_the_chair(capsys, lettered):
    page = results(capsys, lettered, "html", "id")
    assert "Ketua Dewan Juri" in page and "Nomor: 800/123/419.34/2016" in page


def test_text_and_markdown_carry_the_letterhead_lines_and_number(capsys, lettered):
    text = results(capsys, lettered, "text", "en")
    assert text.splitlines()[:4] == [
        "PEMERINTAH KOTA KEDIRI",
        "BADAN KEPEGAWAIAN DAERAH",
        "Jl. Basuki Rahmat No. 15, [bold]Kediri[/bold]",
        "Number: 800/123/419.34/2016",
    ]
    markdown = results(capsys, lettered, "md", "en")
    assert markdown.startswith("PEMERINTAH KOTA KEDIRI\n") and "**Chair of the jury**" in markdown
    assert markdown.index("**Chair of the jury**") < markdown.index("**Juror**")


def test_without_a_document_table_the_berita_acara_is_as_before(capsys, event_path):  # noqa: F811
    import_scores(event_path)
    page = results(capsys, event_path, "html", "en")
    assert "letterhead" not in page.split("</style>", 1)[1] and "Chair of the jury" not in page


def test_a_logo_deleted_after_the_check_is_refused_with_status_2(capsys, lettered):
    (lettered.parent / "logo.png").unlink()
    assert main(["results", str(lettered), "--format", "html", "--lang", "en"]) == 2
    assert "the logo 'logo.png' is not there" in capsys.readouterr().err


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs pdftotext")
def test_the_pdf_is_a4_and_opens_with_the_letterhead(tmp_path, lettered):
    pytest.importorskip("weasyprint")
    out = tmp_path / "berita.pdf"
    assert main(["results", str(lettered), "--format", "pdf", "-o", str(out), "--lang", "id"]) == 0
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True).stdout
    assert "595.276 x 841.89" in info or "595.28 x 841.89" in info  # A4 in points
    first = subprocess.run(["pdftotext", "-layout", "-l", "1", str(out), "-"], capture_output=True, text=True).stdout
    assert first.lstrip().startswith("PEMERINTAH KOTA KEDIRI") and "Nomor: 800/123/419.34/2016" in first

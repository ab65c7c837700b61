"""The times table an office prints at a day's close (`gelar results --day N`) is on its letterhead."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook

from gelar_tui.cli import main

PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010802000000907753de"
    "0000000c4944415408d763f8cfc0000003010100c9fe92ef0000000049454e44ae426082"
)
LETTERHEAD = '["PEMERINTAH PROVINSI JAWA TIMUR", "BADAN KEPEGAWAIAN DAERAH"]'


def _event(folder: Path, *, document: bool) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.append(["Nama Kelompok", "Instansi", "Hari", "Anggota"])
    for number in range(4):
        sheet.append([f"KBK Nomor {number + 1}", "Instansi", 1 + number // 2, "Ani"])
    book.save(folder / "peserta.xlsx")
    event_file = folder / "lomba.toml"
    assert main(["new", str(event_file), "--from", str(folder / "peserta.xlsx"), "--lang", "id"]) == 0
    if document:
        (folder / "logo.png").write_bytes(PNG)
        with event_file.open("a", encoding="utf-8") as out:
            out.write(f'\n[document]\nletterhead = {LETTERHEAD}\nlogo = "logo.png"\nnumber = "800/1/2026"\n')
    (folder / "nilai.csv").write_text("juror,group,criterion,score\njuri1,nomor-1,inovasi,80\n", encoding="utf-8")
    assert main(["scores", "import", str(event_file), str(folder / "nilai.csv")]) == 0
    return event_file


def test_the_day_s_times_table_is_printed_on_the_letterhead(tmp_path, capsys):
    event_file = _event(tmp_path, document=True)
    capsys.readouterr()
    assert main(["results", str(event_file), "--day", "2", "--format", "html"]) == 0
    page = capsys.readouterr().out
    assert '<header class="letterhead with-logo"><img src="data:image/png;base64,' in page
    assert page.index("PEMERINTAH PROVINSI JAWA TIMUR") < page.index("BADAN KEPEGAWAIAN DAERAH") < page.index("Hari ke-2 dari 2")
    assert "KBK Nomor 3" in page and "KBK Nomor 1" not in page


def test_without_a_letterhead_the_day_s_times_table_has_none(tmp_path, capsys):
    event_file = _event(tmp_path, document=False)
    capsys.readouterr()
    assert main(["results", str(event_file), "--day", "1", "--format", "html"]) == 0
    page = capsys.readouterr().out
    assert "letterhead" not in page.split("</style>", 1)[1] and "KBK Nomor 1" in page

"""A provincial office's participant list, as it is really typed: what `gelar new --from` makes of it."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook

from gelar_tui.cli import main
from gelar_tui.event.eventfile import load_event


def _list(path: Path, members: str) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.title = "Peserta"
    sheet.append(["No", "Nama Kelompok", "Instansi", "Kategori", "Hari", "Anggota"])
    sheet.append([1, "KBK Mawar", "Kabupaten Blitar", "Kabupaten/Kota", 1, members])
    book.save(path)
    return path


def test_members_split_by_new_lines_and_commas_in_one_cell(tmp_path):
    # two lines typed with Alt+Enter, then the rest of the team on the last line, separated by commas
    cell = "Budi Susanti, S.Kom.\nAgus Rahayu\nSiti Kurniawan, Wahyu Susanti, M.M., Hadi Wibowo"
    source = _list(tmp_path / "peserta.xlsx", cell)
    assert main(["new", str(tmp_path / "lomba.toml"), "--from", str(source), "--lang", "id"]) == 0
    members = load_event(tmp_path / "lomba.toml", use_cache=False).group("mawar").members
    assert members == ("Budi Susanti, S.Kom.", "Agus Rahayu", "Siti Kurniawan", "Wahyu Susanti, M.M.", "Hadi Wibowo")


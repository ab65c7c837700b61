"""A provincial office's participant list, as it is really typed: what `gelar new --from` makes of it."""

from __future__ import annotations

import re
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



PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010802000000907753de"
    "0000000c4944415408d763f8cfc0000003010100c9fe92ef0000000049454e44ae426082"
)
"""A one-pixel PNG: the office's logo."""


def _office_list(path: Path) -> Path:
    """Ten groups in two categories over two days, and three jurors, the first of them the chair."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Peserta"
    sheet.append(["Nama Kelompok", "Instansi", "Kategori", "Hari", "Anggota"])
    for number in range(10):
        category = ("Perangkat Daerah", "Kabupaten/Kota")[number % 2]
        sheet.append([f"KBK Nomor {number + 1}", f"Instansi {number}", category, 1 + number // 5, "Ani\nBudi, Cici"])
    jurors = book.create_sheet("Juri")
    jurors.append(["Nama Juri", "Asal", "Kode"])
    for name, code in (("Prof. Sutrisno", "ketua"), ("Dra. Endang", None), ("Ir. Bambang", None)):
        jurors.append([name, "Provinsi", code])
    book.save(path)
    return path


def test_the_file_from_a_list_shows_where_breaks_the_letterhead_and_finalists_go(tmp_path, capsys):
    source = _office_list(tmp_path / "peserta.xlsx")
    event_file = tmp_path / "lomba.toml"
    assert main(["new", str(event_file), "--from", str(source), "--lang", "id"]) == 0
    text = event_file.read_text("utf-8")
    for commented in ("# overall = true", "# finalists = 5", "# [[breaks]]", "# [document]", "# letterhead = [", "# chair = "):
        assert commented in text, commented
    # the office takes the comments out, as the file suggests, and fills in its own
    lines = []
    for line in text.splitlines():
        if re.match(r"# (overall|finalists|\[\[breaks\]\]|after|name|length|\[document\]|letterhead|logo|number|place|chair) ", line + " "):
            line = line[2:]
        line = line.replace('after = "kelompok1"', 'after = "nomor-2"').replace('chair = "juri1"', 'chair = "ketua"')
        lines.append(line)
    event_file.write_text("\n".join(lines) + "\n", "utf-8")
    (tmp_path / "logo.png").write_bytes(PNG)
    capsys.readouterr()
    assert main(["check", str(event_file)]) == 0, capsys.readouterr().err
    assert "Ishoma" in capsys.readouterr().out
    event = load_event(event_file, use_cache=False)
    assert event.scoring.overall and event.scoring.finalists == 5 and event.document.chair == "ketua"


def test_a_list_s_berita_acara_does_not_say_the_winner_represents_the_city(tmp_path, capsys):
    source = _office_list(tmp_path / "peserta.xlsx")
    event_file = tmp_path / "lomba.toml"
    assert main(["new", str(event_file), "--from", str(source), "--lang", "id"]) == 0
    (tmp_path / "nilai.csv").write_text("juror,group,criterion,score\nketua,nomor-1,inovasi,80\n", encoding="utf-8")
    assert main(["scores", "import", str(event_file), str(tmp_path / "nilai.csv")]) == 0
    capsys.readouterr()
    assert main(["results", str(event_file), "--format", "md"]) == 0
    document = capsys.readouterr().out
    assert "Hasil penilaian" in document and "mewakili kota" not in document


def _days_list(path: Path, days: list) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.title = "Peserta"
    sheet.append(["Nama Kelompok", "Instansi", "Kategori", "Hari", "Anggota"])
    for number, day in enumerate(days, start=1):
        sheet.append([f"KBK {number}", "Instansi", "Perangkat Daerah", day, "Ani"])
    book.save(path)
    return path


def test_days_written_out_as_an_office_writes_them(tmp_path):
    days = ["Selasa, 18 Agustus 2026", "18 Agustus 2026", "Rabu, 19 Agt 2026", "Thursday, 20 August 2026", "Jum'at, 21 Agustus 2026"]
    source = _days_list(tmp_path / "peserta.xlsx", days)
    assert main(["new", str(tmp_path / "lomba.toml"), "--from", str(source), "--lang", "id"]) == 0
    event = load_event(tmp_path / "lomba.toml", use_cache=False)
    assert [(d.date.isoformat(), d.groups) for d in event.days] == [
        ("2026-08-18", ("1", "2")),
        ("2026-08-19", ("3",)),
        ("2026-08-20", ("4",)),
        ("2026-08-21", ("5",)),
    ]


def test_a_weekday_that_does_not_match_its_date_is_named_and_nothing_is_written(tmp_path, capsys):
    source = _days_list(tmp_path / "peserta.xlsx", ["Selasa, 18 Agustus 2026", "Rabu, 18 Agustus 2026", "31 Agustus 2026x"])
    assert main(["new", str(tmp_path / "lomba.toml"), "--from", str(source), "--lang", "id"]) == 2
    err = capsys.readouterr().err
    assert "Peserta!D3: 'Rabu, 18 Agustus 2026': tanggal itu hari Selasa" in err
    assert "Peserta!D4: bukan hari: '31 Agustus 2026x'" in err and "Peserta!D2" not in err
    assert not (tmp_path / "lomba.toml").exists()


def test_a_category_typed_in_other_case_or_spacing_is_the_same_category(tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.append(["Nama Kelompok", "Instansi", "Kategori", "Hari", "Anggota"])
    for name, category in (("KBK A", "Perangkat Daerah"), ("KBK B", "perangkat  daerah "), ("KBK C", "Kabupaten / Kota"), ("KBK D", "Kabupaten/Kota")):
        sheet.append([name, "Instansi", category, 1, "Ani"])
    book.save(tmp_path / "peserta.xlsx")
    assert main(["new", str(tmp_path / "lomba.toml"), "--from", str(tmp_path / "peserta.xlsx"), "--lang", "id"]) == 0
    event = load_event(tmp_path / "lomba.toml", use_cache=False)
    assert [(c.id, c.name) for c in event.categories] == [("perangkat-daerah", "Perangkat Daerah"), ("kabupaten-kota", "Kabupaten / Kota")]
    assert [g.category for g in event.groups] == ["perangkat-daerah", "perangkat-daerah", "kabupaten-kota", "kabupaten-kota"]


def test_the_headings_a_provincial_office_uses_are_recognised(tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.append(["No", "Nama Tim", "Asal", "Kategori", "Tanggal Tampil", "Anggota Tim", "Nama Inovasi"])
    sheet.append([1, "KBK Tangguh", "Dinas Sosial", "Perangkat Daerah", "Selasa, 18 Agustus 2026", "Ani\nBudi, Cici", "Layanan Cepat"])
    book.save(tmp_path / "peserta.xlsx")
    assert main(["new", str(tmp_path / "lomba.toml"), "--from", str(tmp_path / "peserta.xlsx"), "--lang", "id"]) == 0
    group = load_event(tmp_path / "lomba.toml", use_cache=False).group("tangguh")
    assert (group.name, group.agency, group.topic, group.members) == ("KBK Tangguh", "Dinas Sosial", "Layanan Cepat", ("Ani", "Budi", "Cici"))

"""A provincial round as a new user runs it: the participant workbook, `gelar new --from`, the check,
the MC's rundown, the scores as CSV, the berita acara with its letterhead. Each step is a `gelar` process."""

from __future__ import annotations

import base64
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import Workbook

LOGO = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGP8z8DAwMDAxMDAwMDAAAANHQEDasKb6QAAAABJRU5ErkJggg==")


def gelar(folder: Path, *args: str) -> subprocess.CompletedProcess:
    done = subprocess.run([sys.executable, "-m", "gelar_tui", *args, "--lang", "en"], capture_output=True, text=True, cwd=folder)
    assert "Traceback" not in done.stderr, done.stderr
    return done


def test_from_a_spreadsheet_to_the_berita_acara(tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.title = "Peserta"
    sheet.append(["Nama Kelompok", "Instansi", "Kategori", "Hari", "Anggota"])
    for n in range(9):
        sheet.append([f"KBK {n + 1}", f"Dinas {n}", "OPD" if n % 2 else "Kota", n // 3 + 1, f"Ani {n}\nBudi {n}"])
    juri = book.create_sheet("Juri")
    juri.append(["Nama Juri", "Asal", "Kode"])
    for code in ("pemprov", "akademisi", "swasta"):
        juri.append([f"Juri {code.title()}", "Jawa Timur", code])
    book.save(tmp_path / "peserta.xlsx")

    assert gelar(tmp_path, "new", "lomba.toml", "--from", "peserta.xlsx").returncode == 0
    source = (tmp_path / "lomba.toml").read_text("utf-8")
    source += '\n[document]\nletterhead = ["PEMERINTAH PROVINSI JAWA TIMUR"]\nlogo = "logo.png"\nnumber = "800/9/2026"\nchair = "akademisi"\n'
    (tmp_path / "lomba.toml").write_text(source, encoding="utf-8")
    (tmp_path / "logo.png").write_bytes(LOGO)
    check = gelar(tmp_path, "check", "lomba.toml")
    assert check.returncode == 0, check.stderr
    assert "Day 3 of 3" in check.stdout

    rundown = gelar(tmp_path, "rundown", "lomba.toml", "--format", "md", "--day", "2")
    assert rundown.returncode == 0 and "KBK 4" in rundown.stdout and "KBK 1" not in rundown.stdout and "Ani 4 · Budi 4" in rundown.stdout

    import tomllib

    event = tomllib.loads(source)
    rows = ["juror,group,criterion,score"]
    rows += [f"{j['id']},{g['id']},{c['id']},{70 + i}" for i, g in enumerate(event["groups"]) for j in event["jurors"] for c in event["criteria"]]
    (tmp_path / "nilai.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    imported = gelar(tmp_path, "scores", "import", "lomba.toml", "nilai.csv")
    assert imported.returncode == 0, imported.stderr

    text = gelar(tmp_path, "results", "lomba.toml")
    assert text.returncode == 0 and text.stdout.splitlines()[:2] == ["PEMERINTAH PROVINSI JAWA TIMUR", "Number: 800/9/2026"]
    page = gelar(tmp_path, "results", "lomba.toml", "--format", "html")
    assert 'class="letterhead with-logo"' in page.stdout and "Chair of the jury" in page.stdout
    if shutil.which("pdftotext") is None:
        pytest.skip("needs pdftotext")
    pytest.importorskip("weasyprint")
    assert gelar(tmp_path, "results", "lomba.toml", "--format", "pdf", "-o", "berita.pdf").returncode == 0
    first = subprocess.run(["pdftotext", "-l", "1", str(tmp_path / "berita.pdf"), "-"], capture_output=True, text=True).stdout
    assert "PEMERINTAH PROVINSI JAWA TIMUR" in first and "KBK 9" in first

"""One rounding of a figure in every output: half away from zero, as a spreadsheet shows it.

A final score of exactly 86.125 (the mean of 86.25 and 86.00) and a juror total of
exactly 86.005 are the figures where a float's own rounding (86.12, 86.00) and the
spreadsheet's (86.13, 86.01) used to disagree between the text, the documents and
the workbook.
"""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import openpyxl
import pytest

from gelar_tui.i18n import Messages, rounded
from tests.support.screens import CRITERIA, demo_source
from tests.support.cli import ok

BASE = dict.fromkeys(CRITERIA, "86")
SCORES = {
    # melati: pemprov 86.25, swasta 86.00: the mean is exactly 86.125
    ("melati", "pemprov"): dict.fromkeys(CRITERIA, "86.25"),
    ("melati", "swasta"): BASE,
    # ceria: pemprov's weighted total is exactly 86.005 (analisis +0.02 × 20 %, kerjasama +0.01 × 10 %)
    ("ceria", "pemprov"): {**BASE, "analisis": "86.02", "kerjasama": "86.01"},
    ("ceria", "swasta"): BASE,
}


@pytest.mark.parametrize(
    "value, places, expected",
    [
        (86.125, 2, "86.13"),
        (Fraction(689, 8), 2, "86.13"),
        (Fraction(17201, 200), 2, "86.01"),
        (86.005, 2, "86.01"),  # the binary float is 86.00499…: the decimal it was written as counts
        (2.675, 2, "2.68"),
        (-86.125, 2, "-86.13"),
        (Fraction(-1, 1000), 2, "0.00"),
        (Decimal("0.0005"), 3, "0.001"),
        (Fraction(1, 3), 3, "0.333"),
        (Decimal("-0.0001"), 3, "0.000"),
        (1e30, 2, "1,000,000,000,000,000,000,000,000,000,000.00"),  # a huge figure keeps every digit, no error
    ],
)
def test_half_away_from_zero_on_the_exact_value(value, places, expected):
    assert Messages("en").number(value, places) == expected
    assert f"{rounded(value, places):,}" == expected


@pytest.fixture
def scored(tmp_path: Path) -> Path:
    event = tmp_path / "gelar.toml"
    event.write_text(demo_source(), encoding="utf-8")
    sheet = tmp_path / "scores.csv"
    with sheet.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["juror", "group", "criterion", "score"])
        for (group, juror), scores in SCORES.items():
            writer.writerows([juror, group, c, v] for c, v in scores.items())
    return event


def test_every_output_shows_the_spreadsheets_rounding(capsys, scored, tmp_path):
    ok(capsys, "scores", "import", scored, tmp_path / "scores.csv")
    text = ok(capsys, "results", scored, "--lang", "id")
    melati = next(line for line in text.splitlines() if "KBK Melati" in line).split()
    assert melati[-4:] == ["86,25", "86,00", "0,00", "86,13"]
    ceria = next(line for line in text.splitlines() if "KBK Ceria" in line).split()
    assert ceria[-4:] == ["86,01", "86,00", "0,00", "86,00"]  # 86.005 and (86.005 + 86) / 2 = 86.0025

    md = ok(capsys, "results", scored, "--format", "md", "--lang", "en")
    assert "| KBK Melati | Satpol PP | 86.25 | 86.00 | 0.00 | 86.13 |" in md
    assert "| KBK Ceria | Dispenda | 86.01 | 86.00 | 0.00 | 86.00 |" in md
    html = ok(capsys, "results", scored, "--format", "html", "--lang", "id")
    assert '<td class="num score">86,13</td>' in html and '<td class="num">86,01</td>' in html
    assert "86,12" not in html and '<td class="num">86,00</td><td class="num">86,00</td>' not in html

    data = json.loads(ok(capsys, "results", scored, "--format", "json"))
    by_group = {row["group"]: row for row in data["ranking"]}
    assert by_group["melati"]["score"] == 86.125 and by_group["ceria"]["jurors"]["pemprov"] == 86.005
    rows = {row["group"]: row for row in csv.DictReader(io.StringIO(ok(capsys, "results", scored, "--format", "csv")))}
    assert rows["melati"]["score"] == "86.125" and rows["ceria"]["pemprov"] == "86.005"

    # the workbook keeps the exact figure and shows it at two decimals, which a spreadsheet rounds as the text does
    ok(capsys, "results", scored, "--format", "xlsx", "-o", tmp_path / "hasil.xlsx")
    sheet = openpyxl.load_workbook(tmp_path / "hasil.xlsx").worksheets[0]
    found = next(row for row in sheet.iter_rows(min_row=5) if row[1].value == "KBK Melati")
    assert found[6].value == 86.125 and found[6].number_format == "0.00"
    assert str(rounded(found[6].value, 2)).replace(".", ",") == melati[-1]

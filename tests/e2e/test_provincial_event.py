"""A provincial round run end to end as a new user would (issue 21's "Done when").

The event is made here from a seed, as an office would type it: a workbook of
participants with Indonesian headings (two categories, three days, members in one
cell on several lines and separated by commas, a jurors sheet whose chair has the
code "ketua"), a logo. Then the commands: `gelar new --from`, the README's edits,
`gelar check`, `gelar rundown --format pdf`; three days, each scored from a CSV
file, day 1 closed (its scores locked), a group moved from day 2 to day 3; and the
end: the berita acara as PDF, `--day N`, json, xlsx, `gelar analysis`. What the
paper says is checked against rankings computed here, with plain means, from the
scores imported. The presentations are driven through the day (as the console's
keys do) on a fake clock, so that each day's times are known; the console itself
is opened in tmux once, to see it open on the right day.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
import random
import re
import shlex
import shutil
import struct
import subprocess
import sys
import time
import tomllib
import uuid
import zlib
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from gelar_tui.cli import main
from gelar_tui.day.facade import Day
from gelar_tui.event.eventfile import load_event
from gelar_tui.journal.clock import FakeClock

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed")

SEED = 2126
CATEGORIES = ("Perangkat Daerah", "Kabupaten/Kota")
FLOWERS = "Mawar Melati Anggrek Cempaka Kenanga Teratai Dahlia Seruni Kamboja Asoka Tanjung Kemuning".split()
COLOURS = "Biru Jingga Hijau".split()
AGENCIES = {
    "Perangkat Daerah": ["Dinas Kesehatan", "Bappeda", "BKD", "Dinas Sosial", "Satpol PP", "Diskominfo", "Inspektorat", "BPBD"],
    "Kabupaten/Kota": ["Kabupaten Kediri", "Kota Malang", "Kabupaten Jember", "Kota Batu", "Kabupaten Gresik", "Kota Madiun"],
}
PEOPLE = ["Siti Aminah", "Budi Santoso", "Rina Wulandari", "Agus Salim", "Dewi Lestari", "Eko Prasetyo", "Nur Hidayah", "Hadi Wibowo"]
TITLES = ["", ", S.Kom.", ", S.E.", ", M.M."]
JURORS = [
    ("Prof. Dr. Ir. Sutrisno, M.Si.", "Universitas Airlangga", "ketua"),
    ("Dra. Endang Wahyuni", "Biro Organisasi", None),
    ("Ir. Bambang Setiawan, M.T.", "Bappeda Provinsi", None),
    ("Dr. Maria Ulfa", "Ombudsman Jawa Timur", None),
    ("Hendro Prasetyo, S.H.", "Kadin Jawa Timur", None),
]
LETTERHEAD = ["PEMERINTAH PROVINSI JAWA TIMUR", "BADAN KEPEGAWAIAN DAERAH", "Jl. Jemur Andayani I No. 7, Surabaya"]
NUMBER = "800/417/101.4/2026"
MONTHS = "Januari Februari Maret April Mei Juni Juli Agustus September Oktober November Desember".split()
DAYNAMES = "Senin Selasa Rabu Kamis Jumat Sabtu Minggu".split()


def _png(path: Path) -> None:
    """A small logo: a green square with a white cross, as the office's scanner would give a PNG."""
    size = 32
    rows = b"".join(
        b"\x00" + b"".join(b"\xff\xff\xff" if 12 <= x < 20 or 12 <= y < 20 else b"\x10\x80\x30" for x in range(size))
        for y in range(size)
    )

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


def _participants(path: Path, rng: random.Random) -> list[dict]:
    """The office's workbook: 36 groups in two categories over three days, and the five jurors."""
    names = [f"KBK {flower} {colour}" for colour in COLOURS for flower in FLOWERS]
    rng.shuffle(names)
    rows = []
    for number, name in enumerate(names, start=1):
        category = CATEGORIES[number % 2] if number % 7 else CATEGORIES[0]
        members = [rng.choice(PEOPLE) + rng.choice(TITLES) for _ in range(rng.randint(3, 5))]
        rows.append(
            {"name": name, "agency": rng.choice(AGENCIES[category]), "category": category, "day": 1 + (number - 1) // 12, "members": members}
        )
    book = Workbook()
    sheet = book.active
    sheet.title = "Peserta"
    sheet.append(["No", "Nama Kelompok", "Instansi", "Kategori", "Hari", "Anggota", "Keterangan"])
    for number, row in enumerate(rows, start=1):
        # two lines typed with Alt+Enter, then the rest of the team on one line, separated by commas
        cell = "\n".join(row["members"][:2]) + "\n" + ", ".join(row["members"][2:])
        sheet.append([number, row["name"], row["agency"], row["category"], row["day"], cell, "hadir"])
    jurors = book.create_sheet("Juri")
    jurors.append(["No", "Nama Juri", "Asal", "Kode"])
    for number, (name, affiliation, code) in enumerate(JURORS, start=1):
        jurors.append([number, name, affiliation, code])
    book.save(path)
    return rows


def _edit(path: Path, break_after: tuple[str, str]) -> None:
    """What the README tells the office to add: the title, breaks, the letterhead, the finalists, the overall ranking."""
    text = path.read_text("utf-8")
    text = re.sub(r'^title = "[^"]*"', 'title = "Gelar Budaya Kerja Tingkat Provinsi 2026"', text, count=1, flags=re.M)
    text = re.sub(r'^organizer = "[^"]*"', 'organizer = "Pemerintah Provinsi Jawa Timur"', text, count=1, flags=re.M)
    text = re.sub(r'^venue = "[^"]*"', 'venue = "Gedung Grahadi"', text, count=1, flags=re.M)
    text = text.replace("[scoring]\n", "[scoring]\noverall = true\nfinalists = 5\n", 1)
    text += f'''
[[breaks]]
after = "{break_after[0]}"
name = "Ishoma"
length = "1h"

[[breaks]]
after = "{break_after[1]}"
name = "Ishoma hari kedua"
length = "45m"

[document]
letterhead = {json.dumps(LETTERHEAD)}
logo = "logo.png"
number = "{NUMBER}"
place = "Surabaya"
chair = "ketua"
'''
    path.write_text(text, "utf-8")


def _scores(rng: random.Random, groups: list[str], jurors: list[str], criteria: list[str]) -> dict[tuple[str, str, str], int]:
    scores = {}
    bases = rng.sample(range(55, 95), len(groups))
    for group, base in zip(groups, bases):
        for juror in jurors:
            for criterion in criteria:
                scores[juror, group, criterion] = base + rng.randint(-6, 6)
    return scores


def _csv(path: Path, scores: dict[tuple[str, str, str], int]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["juror", "group", "criterion", "score"])
        for (juror, group, criterion), value in scores.items():
            writer.writerow([juror, group, criterion, value])
    return path


def _means(scores: dict[tuple[str, str, str], int], weights: dict[str, float]) -> dict[str, float]:
    """Each group's final score, computed here: the plain mean of the jurors' weighted-mean totals."""
    totals: dict[str, dict[str, float]] = {}
    for (juror, group, criterion), value in scores.items():
        totals.setdefault(group, {}).setdefault(juror, 0.0)
        totals[group][juror] += value * weights[criterion] / sum(weights.values())
    return {group: sum(by_juror.values()) / len(by_juror) for group, by_juror in totals.items()}


def _flat(text: str) -> str:
    return " ".join(text.split())


def _section(text: str, start: str, *ends: str) -> str:
    begin = text.index(start)
    stops = [text.index(end, begin + len(start)) for end in ends if end in text[begin + len(start) :]]
    return text[begin : min(stops) if stops else len(text)]


def _mmss(seconds: int) -> str:
    return f"{seconds // 60:02d}:{seconds % 60:02d}"


def _long_date(day: dt.date) -> str:
    return f"{DAYNAMES[day.weekday()]}, {day.day} {MONTHS[day.month - 1]} {day.year}"


def _run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def _present(event, journal: Path, clock: FakeClock, number: int, rng: random.Random, in_time: set[str]) -> dict[str, int]:
    """Day *number* through the day's own actions (space, then n, as on the console): each group's time used."""
    used = {}
    day = Day.open(event, journal, clock=clock, origin="console")
    try:
        day.open_day(number)
        order = day.running_order()
        for group in order:
            seconds = rng.randint(18 * 60, 29 * 60 if group in in_time else 33 * 60)  # some run over their 30 minutes
            day.start()
            clock.advance(seconds)
            used[group] = seconds
            day.next_group()  # the last one's ends the day's presentations
            clock.advance(60)
    finally:
        day.close()
    return used


def _console_opens_on(folder: Path, event_file: Path, journal: Path, number: int, wants: list[str]) -> str:
    socket = f"gelar-prov-{os.getpid()}-{uuid.uuid4().hex[:8]}"
    env = {**os.environ, "HOME": str(folder), "LANG": "C.UTF-8", "TZ": "UTC"}
    command = [sys.executable, "-m", "gelar_tui", "run", str(event_file), "--journal", str(journal), "--day", str(number), "--no-bell", "--no-sound"]
    tmux = ["tmux", "-L", socket, "-f", "/dev/null"]
    subprocess.run([*tmux, "new-session", "-d", "-s", "prov", "-x", "160", "-y", "48", "exec " + shlex.join(command)], env=env, check=True, timeout=10)
    screen = ""
    try:
        deadline = time.monotonic() + 60  # a busy machine starts the console slowly
        while time.monotonic() < deadline:
            screen = subprocess.run([*tmux, "capture-pane", "-p", "-t", "prov"], env=env, capture_output=True, text=True, timeout=10).stdout
            if all(want in screen for want in wants):
                break
            time.sleep(0.3)
    finally:
        subprocess.run([*tmux, "kill-server"], env=env, capture_output=True, timeout=10)
    return screen


def test_a_provincial_event_from_the_participant_list_to_the_berita_acara(tmp_path, capsys):
    rng = random.Random(SEED)
    folder = tmp_path
    event_file, journal = folder / "lomba.toml", folder / "lomba.gelar-journal"
    rows = _participants(folder / "peserta.xlsx", rng)
    _png(folder / "logo.png")

    # 1. The event file from the list, edited as the README says, checked, and the MC's rundown.
    code, out, err = _run(capsys, "new", str(event_file), "--from", str(folder / "peserta.xlsx"), "--lang", "id")
    assert code == 0, err
    made = load_event(event_file, use_cache=False)
    ids = {group.name: group.id for group in made.groups}
    assert len(ids) == len(rows) == 36
    for row in rows:  # the members, one a line and separated by commas in one cell, are each their own
        assert made.group(ids[row["name"]]).members == tuple(row["members"]), row["name"]
    by_day = {number: [ids[row["name"]] for row in rows if row["day"] == number] for number in (1, 2, 3)}
    _edit(event_file, (by_day[1][5], by_day[2][3]))
    code, out, err = _run(capsys, "check", str(event_file))
    assert code == 0, err
    assert "Ishoma" in out and "Hari ke-3 dari 3" in out
    event = load_event(event_file, use_cache=False)
    dates = [event.event.date + dt.timedelta(days=offset) for offset in range(3)]

    code, out, err = _run(capsys, "rundown", str(event_file), "--format", "pdf", "-o", str(folder / "rundown.pdf"))
    assert code == 0, err
    rundown = subprocess.run(["pdftotext", "-layout", str(folder / "rundown.pdf"), "-"], capture_output=True, text=True, check=True).stdout
    pages = rundown.split("\f")
    for number in (1, 2, 3):  # a page (at least) for each day, with its groups and the break after its sixth / fourth group
        page = next(page for page in pages if f"Hari ke-{number} dari 3" in page)
        day_text = _flat(_section(rundown, page[:200], *(f"Hari ke-{later} dari 3" for later in range(number + 1, 4))))
        for group in by_day[number]:
            assert event.group(group).name in day_text
    assert "Ishoma" in rundown and "Ishoma hari kedua" in rundown
    first = event.group(by_day[1][0])
    assert _flat(f"Anggota: {' · '.join(first.members)}") in _flat(rundown)

    # 2. Three days: each day's presentations, its scores from a CSV file; day 1 closed; a group moved to day 3.
    juror_ids = [juror.id for juror in event.jurors]
    weights = {c["id"]: float(c["weight"]) for c in tomllib.loads(event_file.read_text("utf-8"))["criteria"]}  # as the file says
    clock = FakeClock(dt.datetime.combine(dates[0], dt.time(1, 0), tzinfo=dt.timezone.utc).timestamp())
    used: dict[str, int] = {}
    moved = by_day[2][2]
    # The jurors' sheets, as they will be typed; the sixth of "Perangkat Daerah" gets the very sheets of its
    # fifth, and both present within their time, so that no tie-break (innovation, then overtime) can part them.
    scores = _scores(rng, list(ids.values()), juror_ids, list(weights))
    cut = next(c.id for c in event.categories if c.name == CATEGORIES[0])
    means = _means(scores, weights)
    fifth, sixth = sorted((g.id for g in event.groups if g.category == cut), key=lambda g: -means[g])[4:6]
    scores |= {(juror, sixth, criterion): value for (juror, group, criterion), value in scores.items() if group == fifth}
    tied = {fifth, sixth}

    def of_day(number: int) -> dict[tuple[str, str, str], int]:
        return {key: value for key, value in scores.items() if key[1] in by_day[number]}

    used |= _present(event, journal, clock, 1, rng, tied)
    day1 = of_day(1)
    code, out, err = _run(capsys, "scores", "import", str(event_file), str(_csv(folder / "nilai-hari1.csv", day1)))
    assert code == 0, err
    code, out, err = _run(capsys, "close-day", str(event_file), "--day", "1")
    assert code == 0, err
    before = _run(capsys, "results", str(event_file), "--format", "json")[1]
    changed = dict(list(day1.items())[:1])
    changed = {key: (value + 5 if value < 95 else value - 5) for key, value in changed.items()}
    code, out, err = _run(capsys, "scores", "import", str(event_file), str(_csv(folder / "ubah.csv", changed)))
    ((_juror, group, _criterion),) = changed
    assert code == 2 and "Traceback" not in err
    assert event.group(group).name in err and dates[0].isoformat() in err  # the refusal names the group and the closed day
    assert _run(capsys, "results", str(event_file), "--format", "json")[1] == before  # nothing changed

    clock.advance(24 * 3600)
    code, out, err = _run(capsys, "move", str(event_file), moved, "--day", "3")  # its bus broke down
    assert code == 0, err
    assert event.group(moved).name in out
    used |= _present(event, journal, clock, 2, rng, tied)
    assert _run(capsys, "scores", "import", str(event_file), str(_csv(folder / "nilai-hari2.csv", of_day(2))))[0] == 0
    clock.advance(24 * 3600)
    if shutil.which("tmux"):  # the console opens on the day asked for, the moved group counted in its running order
        wants = ["Hari ke-3 dari 3", event.group(by_day[3][0]).name, f"1 dari {len(by_day[3]) + 1}"]
        screen = _console_opens_on(folder, event_file, journal, 3, wants)
        assert all(want in screen for want in wants), screen
    used |= _present(event, journal, clock, 3, rng, tied)
    assert _run(capsys, "scores", "import", str(event_file), str(_csv(folder / "nilai-hari3.csv", of_day(3))))[0] == 0
    days_run = {1: by_day[1], 2: [g for g in by_day[2] if g != moved], 3: [*by_day[3], moved]}
    assert set(used) == set(ids.values())

    # The rankings, computed here from the scores imported.
    means = _means(scores, weights)
    expected: dict[str, list[str]] = {}
    for category in event.categories:
        members = sorted((g.id for g in event.groups if g.category == category.id), key=lambda g: -means[g])
        apart = [g for g in members[:7] if g != sixth]  # no other tie near the top, or the seed is a poor one
        assert len({round(means[g], 2) for g in apart}) == len(apart), "the seed gives another tie near the top: choose another"
        expected[category.name] = members
    assert set(expected[CATEGORIES[0]][4:6]) == tied and means[fifth] == means[sixth]
    overall = sorted(means, key=lambda g: -means[g])

    # 3. The berita acara.
    code, out, err = _run(capsys, "results", str(event_file), "--format", "pdf", "-o", str(folder / "berita-acara.pdf"))
    assert code == 0, err
    text = subprocess.run(["pdftotext", "-layout", str(folder / "berita-acara.pdf"), "-"], capture_output=True, text=True, check=True).stdout
    head = [line.strip() for line in text.splitlines() if line.strip()][:5]
    assert head[:3] == LETTERHEAD
    assert f"Nomor: {NUMBER}" in head
    flat = _flat(text)
    for name, ranking in expected.items():
        table = _section(text, f"Hasil penilaian: {name}", "Hasil penilaian")
        winner = event.group(ranking[0]).name
        assert re.search(rf"^1\s+{re.escape(winner)}\s.*Juara I\s*$", table, re.M), (name, winner)
        finalists = [event.group(g).name for g in ranking[:5]]
        if name == CATEGORIES[0]:  # the tie at the cut is shown, undecided: both go on until the jury decides
            tie = re.search(r"Nilai sama pada batas 5 besar: (.*?); penentu nilai sama tidak dapat memutuskan", _flat(table))
            assert tie and set(tie.group(1).split(", ")) == {event.group(g).name for g in tied}, _flat(table)
            going = re.search(r"Lolos \(5 besar\): (.*?)(?: •|$)", _flat(table)).group(1).split(", ")
            assert going[:4] == finalists[:4] and set(going[4:]) == {event.group(g).name for g in tied}
        else:
            assert f"Lolos (5 besar): {', '.join(finalists)}" in _flat(table)
    overall_table = _section(text, "Hasil penilaian keseluruhan", "Waktu paparan")
    assert re.search(rf"^1\s+{re.escape(event.group(overall[0]).name)}\s", overall_table, re.M)

    times = _section(text, "Waktu paparan", "Demikian")
    for number, groups in days_run.items():
        heading = f"Hari ke-{number} dari 3 · {_long_date(dates[number - 1])}"
        assert heading in times
        table = _section(times, heading, *(f"Hari ke-{later} dari 3" for later in range(number + 1, 4)))
        for group in groups:
            line = next(line for line in table.splitlines() if re.match(rf"\s*{re.escape(event.group(group).name)}\s", line))
            assert _mmss(used[group]) in line, (number, line)
        assert len([g for g in used if re.search(rf"^\s*{re.escape(event.group(g).name)}\s", table, re.M)]) == len(groups)

    signatures = _section(text, "Tanda tangan", "Lampiran")
    names = [name for name, _affiliation, _code in JURORS]
    lines = [line for line in signatures.splitlines() if line.strip()]
    assert lines[1].split()[:3] == ["Ketua", "Dewan", "Juri"]  # the chair signs first, named as such
    first_names = next(line for line in lines if "Sutrisno" in line or "Wahyuni" in line)
    assert first_names.strip().startswith("Prof. Dr. Ir. Sutrisno")
    assert all(name.split(",")[0] in _flat(signatures) for name in names[1:])
    assert "Surabaya," in flat

    # A day's times table, what the office prints at the day's close (on the letterhead): the moved group on day 3, not on day 2.
    assert _run(capsys, "results", str(event_file), "--day", "1", "--format", "pdf", "-o", str(folder / "hari1.pdf"))[0] == 0
    sheet = subprocess.run(["pdftotext", "-layout", str(folder / "hari1.pdf"), "-"], capture_output=True, text=True, check=True).stdout
    assert [line.strip() for line in sheet.splitlines() if line.strip()][:3] == LETTERHEAD
    assert all(_mmss(used[g]) in sheet for g in days_run[1])
    day_2 = _run(capsys, "results", str(event_file), "--day", "2")[1]
    day_3 = _run(capsys, "results", str(event_file), "--day", "3")[1]
    assert event.group(moved).name not in day_2 and event.group(moved).name in day_3
    assert all(_mmss(used[g]) in day_2 for g in days_run[2])

    # json: a ranking per category with its finalists; xlsx: a sheet per category; the analysis per category.
    def swapped(ranking: list[str]) -> list[str]:  # the two tied groups, in either order
        return [sixth if g == fifth else fifth if g == sixth else g for g in ranking]

    data = json.loads(_run(capsys, "results", str(event_file), "--format", "json")[1])
    for category in event.categories:
        block = data["categories"][category.id]
        assert block["name"] == category.name
        assert [row["group"] for row in block["ranking"]] in (expected[category.name], swapped(expected[category.name]))
        if category.name == CATEGORIES[0]:
            assert block["finalists"][:4] == expected[category.name][:4] and set(block["finalists"][4:]) == tied
            assert set(block["tie_at_cut"]["groups"]) == tied and block["tie_at_cut"]["decided"] is False
        else:
            assert block["finalists"] == expected[category.name][:5] and block["tie_at_cut"] is None
    assert _run(capsys, "results", str(event_file), "--format", "xlsx", "-o", str(folder / "hasil.xlsx"))[0] == 0
    sheets = load_workbook(folder / "hasil.xlsx", read_only=True).sheetnames
    assert any(name.endswith("Perangkat Daerah") for name in sheets) and any(name.endswith("Kabupaten-Kota") for name in sheets)
    code, out, err = _run(capsys, "analysis", str(event_file))
    assert code == 0, err
    assert all(name in out for name in CATEGORIES)


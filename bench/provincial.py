"""Provincial-round benchmark: the participant list, the MC's rundown and the berita acara of a big event.

    python -m bench.provincial [--repeat N]

A made-up provincial round: 40 groups over 3 days in 2 categories, 5 jurors, 6 criteria,
every sheet complete, a letterhead with a logo. Prints the median and worst of N runs of:
reading the participant workbook and writing the event file (``gelar new --from``, without
the process start), checking the written file, the rundown PDF (three pages), and the
berita acara as PDF (with the letterhead), re-ranking after one score (the whole ranking and each
category's, with its cut: what the scoreboard and the documents ask for), without and with the
score's journal write, and opening the console on day 2 of the full journal (``gelar run --day 2``
in tmux, from the start of the process to its first frame on the terminal, beside a bare Textual
app started the same way: skipped where tmux is missing). Figures, not assertions.
"""

from __future__ import annotations

import argparse
import base64
import statistics
import tempfile
import time
from pathlib import Path

from openpyxl import Workbook

from gelar_tui.day.facade import Day, ScoreRow
from gelar_tui.event.eventfile import load_event, parse_event
from gelar_tui.event.template import template
from gelar_tui.i18n import Messages
from gelar_tui.paper.participants import read_participants
from gelar_tui.paper.participants_toml import new_event_source
from gelar_tui.results import document
from gelar_tui.results.pdf import html_to_pdf
from gelar_tui.results.rundown import rundowns, to_html
from gelar_tui.scoring.categories import category_rankings
from gelar_tui.scoring.rules import scale_of
from gelar_tui.scoring.day_results import results_of

GROUPS, DAYS, JURORS = 40, 3, 5
TARGETS = {
    "new --from": 2.0, "check": 1.0, "rundown pdf": 3.0, "berita acara pdf": 5.0, "re-rank": 0.1, "score + re-rank": 0.2,
    "console open": 1.5, "bare Textual app": 1.5,
}
"""Seconds: what an organiser waits for without noticing (a command that answers at once)."""
LOGO = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGP8z8DAwMDAxMDAwMDAAAANHQEDasKb6QAAAABJRU5ErkJggg==")


def participant_workbook(path: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.title = "Peserta"
    sheet.append(["No", "Nama Kelompok", "Instansi", "Kategori", "Hari", "Anggota"])
    for n in range(GROUPS):
        category = "Perangkat Daerah" if n % 2 else "Kabupaten/Kota"
        members = "\n".join(f"Anggota {n}-{m}, S.Kom." for m in range(8))
        sheet.append([n + 1, f"KBK Nomor {n + 1}", f"Dinas {n % 13}", category, n * DAYS // GROUPS + 1, members])
    jurors = book.create_sheet("Juri")
    jurors.append(["Nama Juri", "Asal", "Kode"])
    for j in range(JURORS):
        jurors.append([f"Dr. Juri {j + 1}, M.Si.", f"Universitas {j}", f"j{j + 1}"])
    book.save(path)


def timed(function, repeat: int) -> tuple[float, float, float]:
    """Median and worst wall-clock seconds, and the median CPU seconds of this process (the machine may be shared)."""
    samples, cpu = [], []
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        function()
        samples.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return statistics.median(samples), max(samples), statistics.median(cpu)


def rerank_rows(day: Day, repeat: int) -> list[tuple[str, float, float, float]]:
    """Re-ranking after one score: the ranking of every group and of each category (with its cut)."""
    event = day.event
    group, juror, criterion = event.group_ids[len(event.group_ids) // 2], event.juror_ids[0], event.criterion_ids[0]
    values = iter(str(60 + n % 40) for n in range(10**6))
    day.unlock_sheet(group, juror, "benchmark: a juror corrects a score")

    def rerank() -> None:
        results_of(day)
        category_rankings(event, day.state, day.overtimes(), scale_of(day.event))

    def score() -> None:
        day.set_score(group, juror, criterion, next(values))

    def score_and_rerank() -> None:
        score()
        rerank()

    alone = []
    for _ in range(repeat):
        score()  # a new score, then the ranking alone is timed
        alone.append(timed(rerank, 1))
    median = statistics.median(a[0] for a in alone)
    return [
        ("re-rank", median, max(a[1] for a in alone), statistics.median(a[2] for a in alone)),
        ("score + re-rank", *timed(score_and_rerank, repeat)),
    ]


def console_rows(root: Path, event_path: Path, title: str, repeat: int) -> list[tuple[str, float, float, float]]:
    """The console's first frame on day 2 of the full journal, and a bare Textual app's, alternating (bench.console's
    gate and output watch); CPU is not measured here (another process). None without tmux."""
    import shutil
    import sys

    from bench.console import HELLO, HERE, Tmux, first_frame

    if shutil.which("tmux") is None:
        print("tmux is missing: the console's opening is not measured")
        return []
    script = Path(sys.executable).parent / "gelar"
    launcher = [str(script)] if script.exists() else [sys.executable, "-m", "gelar_tui"]
    gelar = [*launcher, "run", str(event_path), "--journal", str(root / "lomba.gelar-journal"), "--day", "2", "--no-bell"]
    hello = [sys.executable, str(HERE / "hello_app.py")]
    home = root / "home"
    home.mkdir(exist_ok=True)
    tmux = Tmux(home)
    frames: dict[str, list[float]] = {"console open": [], "bare Textual app": []}
    try:
        for i in range(repeat + 1):  # run 0 warms the caches
            for name, argv, expect in (("console open", gelar, title), ("bare Textual app", hello, HELLO)):
                seconds = first_frame(tmux, f"{name.split()[0]}-{i}", argv, expect, root).seconds
                if i:
                    frames[name].append(seconds)
    finally:
        tmux.close()
    return [(name, statistics.median(values), max(values), float("nan")) for name, values in frames.items()]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    repeat = parser.parse_args().repeat
    t = Messages("id")
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        participant_workbook(root / "peserta.xlsx")

        def new_from() -> str:
            text = new_event_source(template("id"), read_participants(root / "peserta.xlsx"))
            parse_event(text, "lomba.toml")
            return text

        rows = [("new --from", *timed(new_from, repeat))]
        text = new_from()
        text += '\n[document]\nletterhead = ["PEMERINTAH PROVINSI JAWA TIMUR", "BADAN KEPEGAWAIAN DAERAH"]\nlogo = "logo.png"\nnumber = "800/1/2026"\nchair = "j1"\n'
        path = root / "lomba.toml"
        path.write_text(text, encoding="utf-8")
        (root / "logo.png").write_bytes(LOGO)
        rows.append(("check", *timed(lambda: load_event(path, use_cache=False), repeat)))
        event = load_event(path, use_cache=False)
        rows.append(("rundown pdf", *timed(lambda: html_to_pdf(to_html(event, rundowns(event), t)), repeat)))
        day = Day.open(event, root / "lomba.gelar-journal", origin="cli", create=True)
        day.import_scores(
            [ScoreRow(g, j, c, str(60 + (hash((g, j, c)) % 40))) for g in event.group_ids for j in event.juror_ids for c in event.criterion_ids]
        )
        day.event_path = path

        def berita_acara() -> bytes:
            return html_to_pdf(document.render(day, results_of(day), t, "html"))

        rows.append(("berita acara pdf", *timed(berita_acara, repeat)))
        rows += rerank_rows(day, repeat)
        day.close()
        rows += console_rows(root, path, event.event.title, repeat)
    print(f"{GROUPS} groups over {DAYS} days in 2 categories, {JURORS} jurors; median and worst of {repeat} runs")
    for name, median, worst, cpu in rows:
        shown_cpu = "      -" if cpu != cpu else f"{cpu * 1000:7.0f}"  # NaN: another process's
        print(f"  {name:<18} median {median * 1000:7.0f} ms   worst {worst * 1000:7.0f} ms   CPU {shown_cpu} ms   target < {TARGETS[name] * 1000:.0f} ms")


if __name__ == "__main__":
    main()

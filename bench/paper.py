"""Paper benchmark: writing the jury's workbooks, reading them back, rendering the berita acara as a PDF.

    python -m bench.paper            # 30 groups x 5 jurors x 6 criteria, 5 repetitions each

Figures, not assertions: it prints min and median per operation.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path


from tests.support.paper import all_scores, event_variant  # noqa: E402

from gelar_tui.journal.clock import FakeClock  # noqa: E402
from gelar_tui.day.facade import Day, ScoreRow  # noqa: E402
from gelar_tui.results.document import render  # noqa: E402
from gelar_tui.event.eventfile import load_event  # noqa: E402
from gelar_tui.i18n import Messages  # noqa: E402
from gelar_tui.paper.workbook import forms_workbook  # noqa: E402
from gelar_tui.paper.workbook_read import read_workbook  # noqa: E402
from gelar_tui.scoring.day_results import results_of  # noqa: E402

REPEAT = 5


def timed(label: str, action) -> None:
    times = []
    for _ in range(REPEAT):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    print(f"{label:<58} min {min(times):7.1f} ms   median {statistics.median(times):7.1f} ms")


def main() -> None:
    folder = Path(tempfile.mkdtemp())
    event = load_event(event_variant(folder, groups=30))
    t = Messages("id")
    book = forms_workbook(event, event.group_ids, event.jurors, t)
    print(f"30 groups x {len(event.jurors)} jurors x {len(event.criteria)} criteria; workbook {len(book) // 1024} KiB")
    timed("write the forms workbook (every juror, one workbook)", lambda: forms_workbook(event, event.group_ids, event.jurors, t))
    from openpyxl import load_workbook

    filled = load_workbook(__import__("io").BytesIO(book))
    for juror, group, criterion, value in all_scores(event):
        sheet = filled[juror]
        row = 5 + event.group_ids.index(group)
        sheet.cell(row, 3 + event.criterion_ids.index(criterion), float(value))
    out = __import__("io").BytesIO()
    filled.save(out)
    raw = out.getvalue()
    timed("read it back, filled (900 scores)", lambda: read_workbook(raw, "scores.xlsx", event))
    day = Day.open(event, folder / "bench.gelar-journal", clock=FakeClock())
    day.import_scores([ScoreRow(g, j, c, v) for j, g, c, v in all_scores(event)])
    results = results_of(day)
    html = render(day, results, t, "html")
    try:
        from gelar_tui.results.pdf import html_to_pdf

        timed("the berita acara as a PDF (WeasyPrint)", lambda: html_to_pdf(html))
    except Exception as exc:  # no WeasyPrint: say so and go on
        print(f"PDF skipped: {exc}")
    day.close()


if __name__ == "__main__":
    main()

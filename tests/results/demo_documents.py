"""The demo event's documents in every format, from a fixed day: what an event without days or categories prints.

``python -m tests.results.demo_documents`` writes them to ``tests/results/demo_documents/``; the test
``test_categories.py::test_an_event_without_categories_or_days_prints_the_same_documents`` compares.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

from openpyxl import load_workbook

from gelar_tui.day.facade import Day
from gelar_tui.i18n import Messages
from gelar_tui.journal.clock import FakeClock
from gelar_tui.results import document, export
from gelar_tui.results.results_workbook import results_workbook
from tests.support.console import demo_event
from gelar_tui.scoring.day_results import results_of

FOLDER = Path(__file__).with_name("demo_documents")


def workbook_cells(data: bytes) -> str:
    """Every sheet's name and cell values (the file itself carries its time of writing)."""
    book = load_workbook(io.BytesIO(data))
    return json.dumps({sheet.title: [[None if v is None else str(v) for v in row] for row in sheet.iter_rows(values_only=True)] for sheet in book}, ensure_ascii=False, indent=1)


def demo_documents(journal: Path, language: str = "id") -> dict[str, str]:
    """A demo day with two groups presented (one over time) and scored, one scored in part; its documents."""
    t = Messages(language)
    clock = FakeClock()
    day = Day.open(demo_event(), journal, clock=clock)
    try:
        event = day.event
        for seconds in (29 * 60, 31 * 60 + 10):
            day.start()
            clock.advance(seconds)
            day.next_group()
        for n, group in enumerate(event.group_ids[:2]):
            for m, juror in enumerate(event.juror_ids):
                for k, criterion in enumerate(event.criterion_ids):
                    day.set_score(group, juror, criterion, str(70 + (n * 7 + m * 3 + k * 5) % 25))
        day.set_score(event.group_ids[2], event.juror_ids[0], event.criterion_ids[0], "88")
        results = results_of(day)
        data = export.ranking_data(day, results, t)
        return {
            "text.txt": export.to_text(day, results, t),
            "json.json": export.to_json(data),
            "toml.toml": export.to_toml(data),
            "csv.csv": export.to_csv(data, event.juror_ids),
            "md.md": document.render(day, results, t, "md"),
            "html.html": document.render(day, results, t, "html"),
            "xlsx.json": workbook_cells(results_workbook(day, results, t)),
        }
    finally:
        day.close()


if __name__ == "__main__":
    import tempfile

    FOLDER.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        for name, text in demo_documents(Path(folder) / "demo.gelar-journal").items():
            (FOLDER / name).write_text(text, encoding="utf-8")

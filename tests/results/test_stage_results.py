"""The results of an event with stages in every data format: the README's worked example, through the commands."""

from __future__ import annotations

import csv
import io
import json
import tomllib
from pathlib import Path

from tests.support.cli import ok
from tests.support.stages import source_of, stages_data

REVIEW = {"A": {"g1": 86, "g2": 80, "g4": 74, "g6": 68}, "B": {"g1": 64, "g3": 62, "g4": 70, "g5": 58}, "C": {"g2": 88, "g3": 84, "g5": 90, "g6": 86}}
ON_STAGE = {"A": {"g1": 80, "g2": 84, "g4": 88}, "B": {"g1": 82, "g2": 80, "g4": 86}, "C": {"g1": 84, "g2": 86, "g4": 84}}


def worked_example(capsys, folder: Path) -> Path:
    """README "Stages": six proposals, three jurors, two per proposal, three go on, 70/30."""
    data = stages_data(groups=6, jurors=3, review={"advance": 3}, combine={"review": 70, "presentation": 30})
    data["event"]["language"] = "en"
    data["jurors"] = [{"id": j, "name": f"Juri {j}"} for j in "ABC"]
    data["groups"] = [{"id": f"g{n}", "name": f"Grup {n}", "agency": "x"} for n in range(1, 7)]
    data["criteria"] = [{"id": "nilai", "name": "Nilai", "weight": 1}]
    del data["stages"][0]["criteria"]
    event = folder / "lomba.toml"
    event.write_text(source_of(data), encoding="utf-8")
    (folder / "panels.csv").write_text("group;juror\n" + "".join(f"{g};{j}\n" for j, row in REVIEW.items() for g in row), encoding="utf-8")
    ok(capsys, "panels", event, "--stage", "review", "--from", folder / "panels.csv")
    (folder / "review.csv").write_text(
        "stage,juror,group,criterion,score\n" + "".join(f"review,{j},{g},nilai,{v}\n" for j, row in REVIEW.items() for g, v in row.items()),
        encoding="utf-8",
    )
    ok(capsys, "scores", "import", event, folder / "review.csv")
    ok(capsys, "advance", event, "--stage", "review")
    (folder / "final.csv").write_text(
        "juror;group;criterion;score\n" + "".join(f"{j};{g};nilai;{v}\n" for j, row in ON_STAGE.items() for g, v in row.items()), encoding="utf-8"
    )
    ok(capsys, "scores", "import", event, folder / "final.csv")
    return event


def test_the_worked_example_in_every_data_format(capsys, tmp_path: Path) -> None:
    event = worked_example(capsys, tmp_path)
    data = json.loads(ok(capsys, "results", event, "--format", "json"))
    assert [(line["rank"], line["group"], line["score"], line["stage"], line["stage_rank"]) for line in data["ranking"]] == [
        (1, "g1", 83.1675, "presentation", 3), (2, "g4", 82.8499, "presentation", 1), (3, "g2", 81.4497, "presentation", 2),
        (4, "g5", None, "review", 4), (5, "g3", None, "review", 5), (6, "g6", None, "review", 6)]
    assert data["stages"]["review"]["finalists"] == ["g1", "g4", "g2"]
    assert data["stages"]["review"]["ranking"][:2] == [{"rank": 1, "group": "g1", "score": 83.6679}, {"rank": 2, "group": "g4", "score": 81.4999}]
    assert [p["group"] for p in data["stages"]["presentation"]["ranking"]] == ["g4", "g2", "g1"]
    # the presentation day counts the finalists alone: nothing waits for the groups that did not go on
    assert data["provisional"] is False and data["scores_expected"] == 9
    toml = tomllib.loads(ok(capsys, "results", event, "--format", "toml"))
    assert toml["stages"]["review"]["finalists"] == ["g1", "g4", "g2"] and toml["ranking"][3] == {"rank": 4, "group": "g5", "name": "Grup 5", "agency": "x", "stage": "review", "stage_rank": 4}
    rows = list(csv.reader(io.StringIO(ok(capsys, "results", event, "--format", "csv"))))
    assert [row[1] for row in rows[1:]] == ["g1", "g4", "g2", "g5", "g3", "g6"]
    text = ok(capsys, "results", event)
    assert text.splitlines()[1].startswith("Final:")
    final = text.split("Final ranking")[1]
    assert "1     Grup 1  83.17        Presentasi: 3" in final and "4     Grup 5  -            Penilaian proposal: 4" in final


def test_the_berita_acara_has_each_stage_its_panels_its_cut_and_the_final(capsys, tmp_path: Path) -> None:
    event = worked_example(capsys, tmp_path)
    md = ok(capsys, "results", event, "--format", "md")
    review = md.split("### Penilaian proposal")[1].split("### Presentasi")[0]
    assert "score(g) = M + S·z(g)" in review and "Closed: the best 3 went on: Grup 1, Grup 4, Grup 2" in review
    assert "| 1 | Grup 1 | x | 83.67 | Juri A, Juri B | ✓ |" in review and "| 6 | Grup 6 | x | 66.22 | Juri A, Juri C |  |" in review
    final = md.split("### Final ranking")[1]
    assert "final = (70·review + 30·presentation) / 100" in final
    assert "| 1 | Grup 1 | x | 83.17 | Presentasi: 3 | 1st place |" in final
    times = md.split("### Presentation times")[1].split("###")[0]
    assert "Grup 4" in times and "Grup 5" not in times  # only the finalists present
    page = ok(capsys, "results", event, "--format", "html")
    assert 'class="stage-ranking"' in page and 'class="final-ranking"' in page and "Grup 5" in page


def test_the_results_workbook_has_a_sheet_per_stage_and_the_final(capsys, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    event = worked_example(capsys, tmp_path)
    ok(capsys, "results", event, "--format", "xlsx", "-o", tmp_path / "hasil.xlsx")
    book = load_workbook(tmp_path / "hasil.xlsx")
    assert book.sheetnames[1:4] == ["1 Penilaian proposal", "2 Presentasi", "3 Final ranking"]
    review = [row for row in book["1 Penilaian proposal"].iter_rows(min_row=5, values_only=True)]
    assert review[0][:3] == (1, "Grup 1", "x") and review[0][4:] == ("Juri A, Juri B", "✓") and round(review[0][3], 2) == 83.67
    assert review[5][:3] == (6, "Grup 6", "x") and review[5][5] is None
    final = [row for row in book["3 Final ranking"].iter_rows(min_row=5, values_only=True)]
    assert [(row[0], row[1], None if row[3] is None else round(row[3], 2)) for row in final] == [
        (1, "Grup 1", 83.17), (2, "Grup 4", 82.85), (3, "Grup 2", 81.45), (4, "Grup 5", None), (5, "Grup 3", None), (6, "Grup 6", None)]


def test_gelar_stages_says_what_normalising_changed(capsys, tmp_path: Path) -> None:
    shown = ok(capsys, "stages", worked_example(capsys, tmp_path))
    review = shown.split("Presentasi (presentation)")[0]
    assert "Z-scores: M = 75.83, S = 10.75; Kendall's tau between the plain and the normalised order: -0.067" in review
    assert "Within the cut only thanks to normalising: Grup 4; within it without normalising: Grup 6" in review
    assert "Juri B's mean (63.50) lies far from the mean of the other jurors' means (82.00)" in review
    assert "Sheets complete: 9 of 9" in shown.split("Presentasi (presentation)")[1]

"""Stages through the commands: `gelar panels`, review scores by CSV, `gelar stages`, `gelar advance`, the final on
stage and `gelar results`; a held-out two-stage event against the independent computation of tests/scoring."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from gelar_tui.event.eventfile import parse_event
from tests.scoring.test_stages import REVIEW_CRITERIA, held_out, independent
from tests.support.cli import gelar, ok, refused
from tests.support.stages import source_of, stages_data

HELD_OUT = dict(groups=14, jurors=6, review={"criteria": REVIEW_CRITERIA, "advance": 5}, combine={"review": 70, "presentation": 30})
"""The arguments tests/scoring/test_stages.py::held_out gives its event (checked equal below)."""


def write_event(folder: Path, data: dict) -> Path:
    path = folder / "lomba.toml"
    path.write_text(source_of({**data, "event": {**data["event"], "language": "en"}}), encoding="utf-8")
    return path


def write_csv(folder: Path, name: str, header: str, rows: list[str]) -> Path:
    path = folder / name
    path.write_text("\n".join([header, *rows, ""]), encoding="utf-8")
    return path


def points(hundredths: int) -> str:
    return f"{hundredths // 100}.{hundredths % 100:02d}"


@pytest.mark.parametrize("seed", [1, 3])
def test_a_held_out_two_stage_event_through_the_commands(capsys, tmp_path: Path, seed: int) -> None:
    event, review_scores, rng = held_out(seed)
    path = write_event(tmp_path, stages_data(**HELD_OUT))
    assert parse_event(source_of(stages_data(**HELD_OUT))) == event
    # the organiser's own panels: who scored what in the held-out event
    panels = write_csv(tmp_path, "panels.csv", "group,juror", [f"{g},{j}" for j, row in review_scores.items() for g in row])
    out = ok(capsys, "panels", path, "--stage", "review", "--from", panels)
    assert "Per juror" in out and "Per entry" in out and "Saved in the journal" in out
    assert "KBK 1 (g001): Juri 1, Juri 2" in ok(capsys, "panels", path, "--stage", "review")  # shown once set
    # a finalist cannot be scored on stage before the review closes
    early = write_csv(tmp_path, "early.csv", "juror,group,criterion,score", ["j01,g001,isi,80"])
    assert "close Penilaian proposal first" in refused(capsys, "scores", "import", path, early)
    rows = [f"review,{j},{g},{c},{points(v)}" for j, row in review_scores.items() for g, sheet in row.items() for c, v in sheet.items()]
    *first, last = rows
    ok(capsys, "scores", "import", path, write_csv(tmp_path, "review1.csv", "stage,juror,group,criterion,score", first))
    err = refused(capsys, "advance", path, "--stage", "review")
    assert "cannot close: 1 sheet(s) are not complete" in err
    ok(capsys, "scores", "import", path, write_csv(tmp_path, "review2.csv", "stage,juror,group,criterion,score", [last]))
    shown = ok(capsys, "stages", path)
    assert "Sheets complete: 28 of 28" in shown and "Panels: set, 14 entries, 2 jurors each" in shown
    out = ok(capsys, "advance", path, "--stage", "review")
    finalists_line = out.split(": 5 go on: ")[1]
    finalists = [part.rsplit("(", 1)[1].rstrip(")") for part in finalists_line.split(". Saved")[0].split(", ")]
    stage_scores = {j: {g: {"isi": rng.randint(5000, 9500), "cara": rng.randint(5000, 9500)} for g in finalists} for j in event.juror_ids}
    expected_finalists, expected_order, expected_finals = independent(event, review_scores, stage_scores)
    assert finalists == expected_finalists
    on_stage = [f"{j},{g},{c},{points(v)}" for j, row in stage_scores.items() for g, sheet in row.items() for c, v in sheet.items()]
    ok(capsys, "scores", "import", path, write_csv(tmp_path, "final.csv", "juror,group,criterion,score", on_stage))
    data = json.loads(ok(capsys, "results", path, "--format", "json"))
    assert [line["group"] for line in data["ranking"]] == expected_order
    assert [line["rank"] for line in data["ranking"]] == list(range(1, 15))
    for line in data["ranking"][:5]:
        assert line["score"] == pytest.approx(expected_finals[line["group"]], abs=1e-4)
    assert data["stages"]["review"]["finalists"] == expected_finalists
    assert [p["group"] for p in data["stages"]["review"]["ranking"]][:5] == expected_finalists
    assert "finalists" not in data["stages"]["presentation"]
    text = ok(capsys, "results", path)
    assert "Final ranking" in text and "Closed: the best 5 went on" in text and "final = (70·review + 30·presentation) / 100" in text


def small_event(tmp_path: Path) -> Path:
    data = stages_data(groups=6, jurors=3, review={"per_entry": 2, "advance": 3, "normalise": "none"})
    data["jurors"][0]["conflicts"] = ["g001"]
    return write_event(tmp_path, data)


def test_hostile_input_is_refused_by_name_and_nothing_is_stored(capsys, tmp_path: Path) -> None:
    path = small_event(tmp_path)
    hand = write_csv(tmp_path, "hand.csv", "group,juror", ["g001,j01", "g001,j02", "g002,j02", "g002,j03", '"=HYPERLINK(""http://x"")",j02'])
    err = refused(capsys, "panels", path, "--stage", "review", "--from", hand)
    assert "hand.csv:2: j01 may not score g001: a conflict of interest" in err
    assert """hand.csv:6: unknown group '=HYPERLINK("http://x")'""" in err
    assert "unknown stage '=HYPERLINK(\"x\")' (the stages are: review, presentation)" in refused(
        capsys, "panels", path, "--stage", '=HYPERLINK("x")')
    out = ok(capsys, "panels", path, "--stage", "review", "--seed", "7")
    assert "Load: 4 to 4 entries per juror" in out
    # a juror scoring an entry not on their panel, an unknown stage, a formula cell: all refused, nothing stored
    panels_out = ok(capsys, "panels", path, "--stage", "review", "--show")
    line = next(line for line in panels_out.splitlines() if line.strip().startswith("KBK 1 (g001)"))
    assert "Juri 1" not in line  # the conflict is respected
    sheet = write_csv(tmp_path, "bad.csv", "stage,juror,group,criterion,score", [
        "review,j01,g001,substansi,80",
        "final,j02,g001,substansi,80",
        "review,j02,g001,substansi,=HYPERLINK(\"http://x\";\"y\")",
        "\u202ereview,j03,g001,substansi,70",
    ])
    err = refused(capsys, "scores", "import", path, sheet)
    assert "bad.csv:2" in err and "Juri 1 is not on the panel of KBK 1 in the stage Penilaian proposal" in err
    assert "bad.csv:3" in err and "unknown stage 'final'" in err
    assert "bad.csv:4" in err and "bad.csv:5" in err and "\u202e" not in err
    shown = ok(capsys, "stages", path)
    assert "Sheets complete: 0 of 12" in shown
    # a 300-character reason at a tie at the cut is kept, cut to 300, and printed as plain text
    rows = []
    values = {"g001": 90, "g002": 60, "g003": 80, "g004": 70, "g005": 70, "g006": 50}
    panels = {line.split("(")[1].split(")")[0]: line for line in panels_out.splitlines() if line.strip().startswith("KBK")}
    assert len(panels) == 6
    from gelar_tui.day.facade import Day
    from gelar_tui.event.eventfile import load_event
    from gelar_tui.paths import default_journal

    event = load_event(path)
    day = Day.open(event, default_journal(path, False))
    for group, panel in day.state.panels["review"].items():
        rows += [f"review,{j},{group},substansi,{values[group]}" for j in panel]
    day.close()
    ok(capsys, "scores", "import", path, write_csv(tmp_path, "review.csv", "stage,juror,group,criterion,score", rows))
    err = refused(capsys, "advance", path, "--stage", "review")
    assert "KBK 4, KBK 5 share place 3, and 1 of them can go on" in err and "--decide GROUP" in err
    reason = "[bold]alasan[/bold] [@click=app.quit] " + "y" * 300
    out = ok(capsys, "advance", path, "--stage", "review", "--decide", "g004", "--reason", reason)
    assert "3 go on: KBK 1 (g001), KBK 3 (g003), KBK 4 (g004)" in out
    text = ok(capsys, "stages", path)
    assert "the organiser chose KBK 4: [bold]alasan[/bold] [@click=app.quit] yyy" in text
    kept = text.split("the organiser chose KBK 4: ")[1].splitlines()[0]
    assert len(kept) == 300
    assert "closed already" in refused(capsys, "advance", path, "--stage", "review")
    code, _, err = gelar(capsys, "advance", path, "--stage", "presentation")
    assert code == 2 and "has no cut" in err


def test_an_event_without_stages_has_no_stages_in_its_results(capsys, tmp_path: Path) -> None:
    data = stages_data(groups=3, jurors=2)
    del data["stages"]
    path = write_event(tmp_path, data)
    ok(capsys, "scores", "import", path, write_csv(tmp_path, "s.csv", "juror,group,criterion,score", ["j01,g001,isi,80"]))
    out = json.loads(ok(capsys, "results", path, "--format", "json"))
    assert "stages" not in out and "jurors" in out["ranking"][0]
    assert "has no panels" in refused(capsys, "panels", path, "--stage", "presentation")


def test_a_workbook_with_a_stage_column(capsys, tmp_path: Path) -> None:
    from openpyxl import Workbook

    path = small_event(tmp_path)
    ok(capsys, "panels", path, "--stage", "review", "--seed", "2")
    from gelar_tui.day.facade import Day
    from gelar_tui.event.eventfile import load_event
    from gelar_tui.paths import default_journal

    day = Day.open(load_event(path), default_journal(path, False))
    panels = day.state.panels["review"]
    day.close()
    book = Workbook()
    sheet = book.active
    sheet.append(["stage", "juror", "group", "criterion", "score"])
    for group, panel in panels.items():
        for juror in panel:
            sheet.append(["review", juror, group, "substansi", 70])
    off = next(j for j in ("j01", "j02", "j03") if j not in panels["g002"])
    sheet.append(["review", off, "g002", "substansi", 70])
    book.save(tmp_path / "review.xlsx")
    err = refused(capsys, "scores", "import", path, tmp_path / "review.xlsx")
    assert "[review.xlsx]Sheet!E14" in err and "is not on the panel of KBK 2 in the stage Penilaian proposal" in err
    sheet.delete_rows(14)
    book.save(tmp_path / "review.xlsx")
    assert "Imported 12 score(s); 12 complete sheet(s) locked" in ok(capsys, "scores", "import", path, tmp_path / "review.xlsx")
    assert "Sheets complete: 12 of 12" in ok(capsys, "stages", path)


def test_forms_of_a_stage_give_each_juror_their_own_entries_and_read_back(capsys, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    path = small_event(tmp_path)
    assert "has no panels yet" in refused(capsys, "forms", path, "--stage", "review", "-o", tmp_path / "out")
    ok(capsys, "panels", path, "--stage", "review", "--seed", "5")
    shown = ok(capsys, "panels", path, "--stage", "review")
    mine = {line.split("(")[1].split(")")[0]: line.split("· ")[1].split(", ") for line in shown.splitlines() if line.startswith("  Juri ")}
    out = ok(capsys, "forms", path, "--stage", "review", "-o", tmp_path / "out")
    assert "scores-review-j01.xlsx" in out and "form-review-j03.html" in out
    page = (tmp_path / "out" / "form-review-j01.html").read_text(encoding="utf-8")
    assert 'data-group="g001"' not in page and 'data-group="g00' in page and "Lomba Bertahap · Penilaian proposal" in page and "Substansi" in page  # j01's conflict
    for juror, entries in mine.items():
        book_path = tmp_path / "out" / f"scores-review-{juror}.xlsx"
        book = load_workbook(book_path)
        sheet = book[juror]
        assert [sheet.cell(row, 1).value for row in range(5, sheet.max_row + 1)] == entries
        assert sheet.cell(4, 3).value == "substansi" and sheet.cell(4, 4).value == "total"
        for row in range(5, sheet.max_row + 1):
            sheet.cell(row, 3, 75)
        book.save(book_path)
    books = sorted((tmp_path / "out").glob("scores-review-*.xlsx"))
    assert "Imported 12 score(s); 12 complete sheet(s) locked" in ok(capsys, "scores", "import", path, *books)
    assert "Sheets complete: 12 of 12" in ok(capsys, "stages", path)
    assert "--group is for the forms of a day on stage" in refused(capsys, "forms", path, "--stage", "review", "--group", "g001", "-o", tmp_path / "x")


def test_an_uneven_hand_made_assignment_is_stored_with_a_warning(capsys, tmp_path: Path) -> None:
    path = small_event(tmp_path)
    rows = [f"g00{n},j02" for n in range(1, 7)] + [f"g00{n},j03" for n in range(1, 6)] + ["g006,j01"]
    code, out, err = gelar(capsys, "panels", path, "--stage", "review", "--from", write_csv(tmp_path, "hand.csv", "group,juror", rows))
    assert code == 0 and "Saved in the journal" in out
    assert "Warning: j02 scores 6 entries, j01 scores 1: the load differs by more than one" in err
    assert "KBK 6 (g006): Juri 1, Juri 2" in ok(capsys, "panels", path, "--stage", "review", "--show")


def test_with_categories_the_best_of_each_go_on_and_two_advances_at_once_close_it_once(capsys, tmp_path: Path) -> None:
    from gelar_tui.day.facade import Day
    from gelar_tui.event.eventfile import load_event
    from gelar_tui.paths import default_journal

    data = stages_data(groups=6, jurors=3, review={"per_entry": 2, "advance": 2, "normalise": "none"})
    data["categories"] = [{"id": "a", "name": "Kategori A"}, {"id": "b", "name": "Kategori B"}]
    for n, group in enumerate(data["groups"]):
        group["category"] = "a" if n < 3 else "b"
    path = write_event(tmp_path, data)
    ok(capsys, "panels", path, "--stage", "review", "--seed", "1")
    day = Day.open(load_event(path), default_journal(path, False))
    values = {"g001": 90, "g002": 80, "g003": 80, "g004": 70, "g005": 60, "g006": 50}
    rows = [f"review,{j},{g},substansi,{values[g]}" for g, panel in day.state.panels["review"].items() for j in panel]
    day.close()
    ok(capsys, "scores", "import", path, write_csv(tmp_path, "r.csv", "stage,juror,group,criterion,score", rows))
    assert "KBK 2, KBK 3 share place 2, and 1 of them can go on" in refused(capsys, "advance", path, "--stage", "review")
    out = ok(capsys, "advance", path, "--stage", "review", "--decide", "g003", "--reason", "lebih inovatif")
    assert "4 go on: KBK 1 (g001), KBK 3 (g003), KBK 4 (g004), KBK 5 (g005)" in out
    assert "Closed: the best 2 of each category went on: KBK 1, KBK 3, KBK 4, KBK 5" in ok(capsys, "stages", path)
    assert "closed already" in refused(capsys, "advance", path, "--stage", "review", "--decide", "g002", "--reason", "x")

"""Recusals: a juror steps aside for one group (event file or console), and the methods use the jurors present."""

from __future__ import annotations

import statistics
from fractions import Fraction as F
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gelar_tui.scoring.analysis import analyse_day
from gelar_tui.cli import main
from gelar_tui.journal.clock import FakeClock
from gelar_tui.day.facade import Day
from gelar_tui.errors import GelarError
from gelar_tui.event.eventfile import parse_event
from gelar_tui.journal.store import Journal
from gelar_tui.day.state import DayState
from gelar_tui.scoring.day_results import results_of

from tests.support.analysis import event_text, open_day, score  # noqa: F401 (open_day is a fixture)


def gelar(capsys, *argv: object) -> tuple[int, str, str]:
    code = main(["--lang", "en", *(str(a) for a in argv)])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "event.toml"
    path.write_text(text, encoding="utf-8")
    return path


# -- the event file and gelar check --------------------------------------------------------


def test_check_accepts_a_recusal_and_the_day_starts_with_it(open_day) -> None:
    day = open_day(event_text(jurors=3, recusals=[("j1", "g2", "works at Dinas 2")]))
    assert day.is_recused("g2", "j1")
    assert day.state.recused[("g2", "j1")] == "works at Dinas 2"


def test_check_refuses_a_recusal_that_breaks_trimmed(capsys, tmp_path) -> None:
    path = write(tmp_path, event_text(jurors=3, method="trimmed", recusals=[("j1", "g2", "kin")]))
    code, out, err = gelar(capsys, "check", path)
    assert code == 2 and not out
    assert "event.toml:" in err and "recusals[0]" in err
    assert "KBK 2 would keep 2 juror(s), but the trimmed method with trim = 1 needs 3" in err
    assert "Choose another method (mean, median, rank) or a smaller trim" in err


@pytest.mark.parametrize(
    ("recusals", "expected"),
    [
        ([("j9", "g1", "x")], "recusals[0].juror: unknown juror 'j9' (the jurors are: j1, j2, j3)"),
        ([("j1", "g9", "x")], "recusals[0].group: unknown group 'g9'"),
        ([("j1", "g1", "  ")], "recusals[0].reason: a recusal needs a reason"),
        ([("j1", "g1", "a"), ("j1", "g1", "b")], "recusals[1]: the same juror and group as recusals[0]"),
        ([("j1", "g1", "a"), ("j2", "g1", "b"), ("j3", "g1", "c")], "KBK 1 would keep no juror at all"),
    ],
)
def test_check_refuses_each_mistake_in_a_recusal_with_its_line(capsys, tmp_path, recusals, expected) -> None:
    path = write(tmp_path, event_text(jurors=3, recusals=recusals))
    code, out, err = gelar(capsys, "check", path)
    assert code == 2 and not out
    assert expected in err
    line = [line for line in err.splitlines() if expected.split(":")[0] in line][0]
    assert line.strip().startswith("event.toml:") and line.split(":")[1].isdigit()


# -- the console's action ---------------------------------------------------------------------


def test_recuse_and_undo_are_journaled_with_their_reasons(open_day) -> None:
    day = open_day(event_text(jurors=3))
    day.recuse("g1", "j2", "sister in the group")
    assert day.is_recused("g1", "j2")
    day.withdraw_recusal("g1", "j2", "declared by mistake")
    assert not day.is_recused("g1", "j2")
    kinds = [(r.kind, r.data.get("reason")) for r in day.journal.records()]
    assert kinds == [("recusal_declared", "sister in the group"), ("recusal_withdrawn", "declared by mistake")]
    # Replayed from the journal, the state is the same.
    again = DayState.replay(day.event, day.journal.records())
    assert again.recused == day.state.recused


@pytest.mark.parametrize(
    ("setup", "action", "message"),
    [
        (None, lambda d: d.recuse("g1", "j1", " "), "Say why"),
        (lambda d: d.recuse("g1", "j1", "kin"), lambda d: d.recuse("g1", "j1", "again"), "already stands aside"),
        (None, lambda d: d.withdraw_recusal("g1", "j1", "why"), "does not stand aside"),
        (None, lambda d: d.withdraw_recusal("g3", "j3", "why"), "declared in the event file"),
        (None, lambda d: d.recuse("g9", "j1", "kin"), "unknown group 'g9'"),
    ],
)
def test_the_console_refuses_what_cannot_be_done_and_writes_nothing(open_day, setup, action, message) -> None:
    day = open_day(event_text(jurors=3, recusals=[("j3", "g3", "works there")]))
    if setup:
        setup(day)
    before = day.state.seq
    with pytest.raises(GelarError) as caught:
        action(day)
    assert message in str(caught.value)
    assert day.state.seq == before


def test_the_console_refuses_a_recusal_that_breaks_trimmed(open_day) -> None:
    day = open_day(event_text(jurors=3, method="trimmed"))
    with pytest.raises(GelarError) as caught:
        day.recuse("g1", "j1", "kin")
    assert "needs 3" in str(caught.value) and "smaller trim" in str(caught.value)
    assert not day.is_recused("g1", "j1")


def test_scores_given_before_a_recusal_stay_in_the_journal_but_leave_the_results(open_day) -> None:
    day = open_day(event_text(groups=2, jurors=3))
    score(day, {"g1": [90, 60, 60], "g2": [70, 70, 70]})
    assert day.scores_kept("g1", "j1") == 1
    day.recuse("g1", "j1", "kin")
    entry = {e.group: e for e in results_of(day).entries}["g1"]
    assert entry.score == 60 and entry.absent == ("j1",) and entry.totals["j1"] is None
    assert day.state.sheets[("g1", "j1")] == {"a": 9000}  # still in the journal's state
    assert day.journal.records()[-1].data["scores_kept"] == 1
    with pytest.raises(GelarError, match="takes no scores"):
        day.set_score("g1", "j1", "a", "50")
    day.withdraw_recusal("g1", "j1", "mistake")
    assert {e.group: e for e in results_of(day).entries}["g1"].score == 70


def test_a_recused_sheet_is_not_expected(open_day) -> None:
    day = open_day(event_text(groups=2, jurors=3, recusals=[("j1", "g1", "kin")]))
    score(day, {"g1": [None, 80, 70], "g2": [70, 70, 70]})
    for group, juror in [("g1", "j2"), ("g1", "j3"), ("g2", "j1"), ("g2", "j2"), ("g2", "j3")]:
        day.lock_sheet(group, juror)
    results = results_of(day)
    assert results.progress() == {"scores": 5, "expected": 5, "locked": 5, "sheets": 5}
    assert not results.provisional
    found = analyse_day(day)
    assert found.short_groups == [("g1", 2)]


def test_import_of_rows_for_a_recused_sheet_is_refused_naming_the_rows(capsys, tmp_path) -> None:
    path = write(tmp_path, event_text(jurors=3, recusals=[("j1", "g2", "kin")]))
    sheet = tmp_path / "sheet.csv"
    sheet.write_text("juror,group,criterion,score\nj2,g2,a,80\nj1,g2,a,75\nj1,g1,a,70\n", encoding="utf-8")
    code, out, err = gelar(capsys, "scores", "import", path, sheet)
    assert code == 2 and not out
    assert "Nothing was imported" in err
    assert "sheet.csv:3: Juri 1 stands aside for KBK 2" in err
    assert "sheet.csv:2" not in err and "sheet.csv:4" not in err
    journal = tmp_path / "event.gelar-journal"
    if journal.exists():
        with Journal(journal, parse_event(path.read_text()).identity, create=False) as kept:
            assert kept.records() == []


# -- methods over the present jurors -------------------------------------------------------------


def test_rank_places_a_shorter_ranking_on_the_full_field(open_day) -> None:
    """N = 4 groups; j1 is recused from g4, so ranks 3 groups: r is placed at 1 + (r − 1)·3/2."""
    day = open_day(event_text(groups=4, jurors=2, method="rank", recusals=[("j1", "g4", "kin")]))
    score(day, {"g1": [90, 60], "g2": [80, 70], "g3": [70, 80], "g4": [None, 90]})
    scores = {e.group: e.score for e in results_of(day).entries}
    # j1: g1 1, g2 2.5, g3 4 (placed); j2: g4 1, g3 2, g2 3, g1 4.
    assert scores == {"g1": F(5, 2), "g2": F(11, 4), "g3": F(3), "g4": F(1)}


def test_rank_with_one_total_places_it_in_the_middle(open_day) -> None:
    day = open_day(event_text(groups=3, jurors=2, method="rank", recusals=[("j1", "g2", "a"), ("j1", "g3", "b")]))
    score(day, {"g1": [90, 60], "g2": [None, 70], "g3": [None, 80]})
    assert {e.group: e.score for e in results_of(day).entries}["g1"] == F(2 + 3, 2)  # (N+1)/2 = 2, and 3 from j2


def test_criterion_tie_breaks_use_the_present_jurors(tmp_path) -> None:
    text = event_text(groups=2, jurors=3).replace(
        '[[criteria]]\nid = "a"\nname = "A"\nweight = 1\n', '[[criteria]]\nid = "a"\nname = "A"\nweight = 1\n\n[[criteria]]\nid = "b"\nname = "B"\nweight = 1\n'
    ).replace('max = 100\n', 'max = 100\ntie_break = ["a"]\n')
    text += '[[recusals]]\njuror = "j1"\ngroup = "g1"\nreason = "kin"\n'
    day = Day.open(parse_event(text), tmp_path / "j", clock=FakeClock())
    # Both groups total 70 from the present jurors; on criterion a, g2 leads among the present,
    # but j1's recused 100 on a for g1 would have put g1 first.
    for group, juror, a, b in [("g1", "j2", 60, 80), ("g1", "j3", 60, 80), ("g2", "j1", 70, 70), ("g2", "j2", 70, 70), ("g2", "j3", 70, 70)]:
        day.set_score(group, juror, "a", str(a))
        day.set_score(group, juror, "b", str(b))
    entries = results_of(day).entries
    assert [e.group for e in entries] == ["g2", "g1"] and entries[1].decided_by == "a"
    day.close()


def _old_rule(method: str, table: dict[str, list[int]]) -> dict[str, F]:
    """Today's rule on complete sheets, written plainly: mean, median, trimmed (trim 1), mean rank."""
    if method == "rank":
        jurors = len(next(iter(table.values())))
        finals = {g: F(0) for g in table}
        for j in range(jurors):
            for g, row in table.items():
                above = sum(1 for other in table.values() if other[j] > row[j])
                same = sum(1 for other in table.values() if other[j] == row[j])
                finals[g] += F(2 * above + same + 1, 2) / jurors
        return finals
    if method == "mean":
        return {g: F(sum(row), len(row)) for g, row in table.items()}
    if method == "median":
        return {g: F(statistics.median_low(sorted(row)) + statistics.median_high(sorted(row)), 2) for g, row in table.items()}
    return {g: F(sum(sorted(row)[1:-1]), len(row) - 2) for g, row in table.items()}


@settings(max_examples=25, deadline=None)
@given(st.data())
def test_complete_sheets_without_recusals_give_todays_results_under_every_method(tmp_path_factory, data) -> None:
    groups, jurors = data.draw(st.integers(1, 5)), data.draw(st.integers(3, 4))
    table = {f"g{g}": [data.draw(st.integers(0, 100)) for _ in range(jurors)] for g in range(1, groups + 1)}
    folder = tmp_path_factory.mktemp("today")
    for method in ("mean", "median", "trimmed", "rank"):
        day = Day.open(parse_event(event_text(groups, jurors, method)), folder / method, clock=FakeClock())
        score(day, table)
        assert {e.group: e.score for e in results_of(day).entries} == _old_rule(method, table)
        day.close()


# -- the results document --------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_the_document_lists_each_recusal_and_carries_the_analysis(capsys, tmp_path, fmt) -> None:
    path = write(tmp_path, event_text(groups=3, jurors=3, recusals=[("j1", "g2", "works at Dinas 2")]))
    day = Day.open(parse_event(path.read_text()), tmp_path / "event.gelar-journal", clock=FakeClock())
    score(day, {"g1": [80, 81, 79], "g2": [None, 72, 71], "g3": [60, 59, 61]})
    day.recuse("g3", "j2", "married to a member")
    day.close()
    code, out, err = gelar(capsys, "results", path, "--format", fmt)
    assert code == 0, err
    assert "Juri 1 did not score KBK 2: works at Dinas 2" in out
    assert "Juri 2 did not score KBK 3: married to a member" in out
    assert "Appendix: analysis of the results" in out
    assert "KBK 2 was scored by 2 juror(s) (recusals)." in out
    assert "Kendall&#x27;s W" in out or "Kendall's W" in out
    assert ("| recused |" in out) if fmt == "md" else ("<td class=num>recused</td>" in out or '<td class="num">recused</td>' in out)

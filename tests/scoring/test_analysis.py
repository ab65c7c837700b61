"""The analysis before the announcement: methods side by side, leave-one-out, severity, agreement, outliers."""

from __future__ import annotations

import json
import random
from fractions import Fraction as F

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gelar_tui.scoring.analysis import analyse_day, kendall_w, krippendorff_alpha_interval
from gelar_tui.results.analysis_report import analysis_data, to_markdown, to_text
from gelar_tui.day.facade import Day
from gelar_tui.event.eventfile import parse_event
from gelar_tui.i18n import Messages
from gelar_tui.scoring.day_results import results_of

from tests.support.analysis import event_text, open_day, score  # noqa: F401 (open_day is a fixture)

EN = Messages("en")


# -- Kendall's W -----------------------------------------------------------------


def test_w_is_one_for_identical_rankings() -> None:
    assert kendall_w([[90, 80, 70, 60]] * 4) == 1
    assert kendall_w([[90, 80, 80, 60], [9, 8, 8, 6]]) == 1  # identical, ties included


def test_w_matches_the_strawberry_example_without_ties() -> None:
    """Four raters rank eight farms (influentialpoints.com, 'coefficient of concordance'): SS = 500, W = 500/672."""
    ranks = [[8, 4, 2, 3, 5, 1, 6, 7], [7, 3, 1, 4, 5, 2, 6, 8], [8, 2, 5, 6, 7, 1, 4, 3], [8, 3, 4, 2, 5, 1, 6, 7]]
    assert kendall_w([[-r for r in rater] for rater in ranks]) == F(500, 672)


def test_w_matches_a_worked_example_with_ties() -> None:
    """Three raters, four items, one pair tied per rater (worked by hand).

    Ranks: A 1, 2.5, 2.5, 4; B 1.5, 1.5, 3, 4; C 1, 2, 3.5, 3.5. Rank sums 3.5, 6, 9, 11.5 (mean 7.5),
    S = 16 + 2.25 + 2.25 + 16 = 36.5; each rater's T = 2³ − 2 = 6, so ΣT = 18.
    W = 12·36.5 / (3²·(4³ − 4) − 3·18) = 438 / 486 = 73/81. Without the correction it would be 438/540.
    """
    assert kendall_w([[10, 8, 8, 5], [9, 9, 7, 6], [7, 6, 5, 5]]) == F(73, 81)


def test_w_is_undefined_when_every_rater_ties_everything() -> None:
    assert kendall_w([[5, 5, 5], [7, 7, 7]]) is None


# -- Krippendorff's alpha ---------------------------------------------------------------


def test_alpha_matches_the_krippendorff_package_on_random_data_with_missing_values() -> None:
    krippendorff = pytest.importorskip("krippendorff")
    np = pytest.importorskip("numpy")
    rng = random.Random(12)
    checked = 0
    for _ in range(60):
        coders, units = rng.randint(2, 5), rng.randint(2, 8)
        matrix = [[rng.choice([None, *range(rng.randint(2, 12))]) if rng.random() < 0.8 else None for _ in range(units)] for _ in range(coders)]
        ours = krippendorff_alpha_interval([[row[u] for row in matrix if row[u] is not None] for u in range(units)])
        if ours is None:
            continue
        data = np.array([[np.nan if v is None else v for v in row] for row in matrix], dtype=float)
        theirs = krippendorff.alpha(reliability_data=data, level_of_measurement="interval")
        assert float(ours) == pytest.approx(theirs, abs=1e-9)
        checked += 1
    assert checked > 30


def test_alpha_is_one_for_perfect_agreement_and_none_without_pairs() -> None:
    assert krippendorff_alpha_interval([[3, 3], [5, 5, 5], [1]]) == 1
    assert krippendorff_alpha_interval([[3], [4]]) is None
    assert krippendorff_alpha_interval([[3, 3], [3, 3]]) is None


# -- the analysis of a day -------------------------------------------------------------------


def test_methods_side_by_side_and_an_unstable_winner(open_day) -> None:
    day = open_day(event_text(groups=3, jurors=3))
    # g1 wins on the mean (one juror loves it), g2 on the median and on ranks.
    score(day, {"g1": [100, 60, 60], "g2": [70, 70, 70], "g3": [50, 50, 50]})
    found = analyse_day(day)
    assert [e.group for e in found.methods["mean"].entries][:2] == ["g1", "g2"]
    assert found.methods["median"].entries[0].group == "g2"
    assert found.winners == ["g1"]
    assert found.winner_stable is False
    assert {"method": "median", "rank": 1, "group": "g2", "instead_of": "g1"} in found.differs
    assert found.needs_confirmation
    # Leaving j1 out, g2 wins; leaving j2 or j3 out, g1 still does.
    assert found.leave_one_out == {"j1": ["g2"], "j2": ["g1"], "j3": ["g1"]}


def test_severity_is_the_mean_distance_from_the_jury_mean(open_day) -> None:
    day = open_day(event_text(groups=2, jurors=3))
    score(day, {"g1": [60, 70, 80], "g2": [50, 60, 70]})
    found = analyse_day(day)
    assert found.severity == {"j1": -10, "j2": 0, "j3": 10}


def test_outlying_sheet_uses_the_gap_in_points(open_day) -> None:
    day = open_day(event_text(groups=2, jurors=4, gap="10"))
    score(day, {"g1": [80, 82, 81, 60], "g2": [70, 71, 72, 73]})
    found = analyse_day(day)
    assert [(o.group, o.juror, o.total, o.others_median) for o in found.outliers] == [("g1", "j4", 60, 81)]
    data = analysis_data(found, EN)
    assert data["outliers"] == [{"group": "g1", "juror": "j4", "total": 60.0, "others_median": 81.0}]


def test_default_gap_is_fifteen_percent_of_the_scale(open_day) -> None:
    day = open_day(event_text(groups=1, jurors=3, scale=(50, 90)))
    score(day, {"g1": [70, 70, 76.5]})  # 6.5 from the others' median: over 15 % of 40 = 6
    found = analyse_day(day)
    assert found.gap == 6
    assert [o.juror for o in found.outliers] == ["j3"]


def test_with_two_jurors_there_are_no_outliers_and_a_note_says_why(open_day) -> None:
    day = open_day(event_text(groups=2, jurors=2))
    score(day, {"g1": [100, 0], "g2": [50, 50]})
    found = analyse_day(day)
    assert found.outliers == []
    assert "at least 3 jurors" in " ".join(analysis_data(found, EN)["notes"])


def test_trimmed_that_cannot_apply_is_null_with_a_note(open_day) -> None:
    day = open_day(event_text(groups=2, jurors=2))
    score(day, {"g1": [80, 70], "g2": [60, 65]})
    data = analysis_data(analyse_day(day), EN)
    assert data["methods"]["trimmed"] is None
    assert any("Trimmed" in note for note in data["notes"])


def test_json_keys_are_the_contract_and_never_nan(open_day) -> None:
    day = open_day(event_text(groups=3, jurors=3))
    score(day, {"g1": [80, 80, 80], "g2": [70, 70, 70], "g3": [60, 60, 60]})
    text = json.dumps(analysis_data(analyse_day(day), EN))
    data = json.loads(text)
    assert "NaN" not in text
    for key in ("method", "provisional", "groups_used", "methods", "differs", "winner_stable", "leave_one_out",
                "severity", "kendall_w", "alpha", "outliers", "short_groups", "notes"):
        assert key in data
    assert data["kendall_w"] == 1 and data["groups_used"] == 3 and data["winner_stable"] is True
    assert data["methods"]["rank"][0] == {"rank": 1, "group": "g1"}


def test_w_with_too_few_groups_is_null_with_a_note(open_day) -> None:
    day = open_day(event_text(groups=2, jurors=2))
    score(day, {"g1": [80, 70], "g2": [None, 65]})
    data = analysis_data(analyse_day(day), EN)
    assert data["kendall_w"] is None and data["groups_used"] == 1
    assert any("Kendall" in note for note in data["notes"])


def test_text_and_markdown_read_in_the_events_language(open_day) -> None:
    day = open_day(event_text(groups=3, jurors=3))
    score(day, {"g1": [80, 81, 79], "g2": [70, 72, 71], "g3": [60, 59, 61]})
    found = analyse_day(day)
    text = to_text(found, day.event, EN)
    assert "Kendall's W (corrected for ties): 1.00 (strong)" in text
    indonesian = to_markdown(found, day.event, Messages("id"))
    assert "## Metode berdampingan" in indonesian and "(kuat)" in indonesian


# -- properties ---------------------------------------------------------------------------------

totals = st.integers(min_value=0, max_value=100)


@settings(max_examples=30, deadline=None)
@given(st.data())
def test_a_juror_giving_everyone_the_same_total_changes_no_ranking_under_mean_and_rank(tmp_path_factory, data) -> None:
    from gelar_tui.journal.clock import FakeClock

    groups, jurors = data.draw(st.integers(2, 5)), data.draw(st.integers(1, 4))
    table = {f"g{g}": [data.draw(totals) for _ in range(jurors)] for g in range(1, groups + 1)}
    flat = data.draw(totals)
    folder = tmp_path_factory.mktemp("flat")
    for method in ("mean", "rank"):
        before = Day.open(parse_event(event_text(groups, jurors, method)), folder / f"{method}-a", clock=FakeClock())
        after = Day.open(parse_event(event_text(groups, jurors + 1, method)), folder / f"{method}-b", clock=FakeClock())
        score(before, table)
        score(after, {g: [*row, flat] for g, row in table.items()})
        assert [(e.group, e.rank) for e in results_of(before).entries] == [(e.group, e.rank) for e in results_of(after).entries]
        before.close(), after.close()


# -- gelar analysis ------------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["text", "json", "md"])
def test_gelar_analysis_prints_every_format_and_writes_a_file(capsys, tmp_path, fmt) -> None:
    from gelar_tui.cli import main

    path = tmp_path / "event.toml"
    path.write_text(event_text(groups=3, jurors=3), encoding="utf-8")
    day = Day.open(parse_event(path.read_text()), tmp_path / "event.gelar-journal")
    score(day, {"g1": [100, 60, 60], "g2": [70, 70, 70], "g3": [50, 50, 50]})
    day.close()
    assert main(["analysis", str(path), "--format", fmt]) == 0
    out = capsys.readouterr().out
    if fmt == "json":
        assert json.loads(out)["winner_stable"] is False
    else:
        assert "The winner is NOT the same under every method" in out
    target = tmp_path / f"analysis.{fmt}"
    assert main(["analysis", str(path), "--format", fmt, "-o", str(target)]) == 0
    assert target.read_text(encoding="utf-8") == out


def test_gelar_analysis_refuses_an_unwritable_output(capsys, tmp_path) -> None:
    from gelar_tui.cli import main

    path = tmp_path / "event.toml"
    path.write_text(event_text(), encoding="utf-8")
    main(["show", str(path), "clock"])  # a journal to read (a view refuses a missing one)
    capsys.readouterr()
    code = main(["analysis", str(path), "-o", str(tmp_path / "no" / "such" / "file.txt")])
    out, err = capsys.readouterr()
    assert code == 2 and not out and "Cannot write" in err and "Traceback" not in err

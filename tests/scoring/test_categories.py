"""Rankings per category and the top-N cut (scoring/categories.py)."""

from __future__ import annotations

import random

import pytest

from gelar_tui.day.facade import Day
from gelar_tui.event.eventfile import parse_event
from gelar_tui.event.model import Event
from gelar_tui.journal.clock import FakeClock
from gelar_tui.scoring.awards import award_for
from gelar_tui.scoring.categories import category_rankings, entry_of, top_cut
from gelar_tui.scoring.rules import scale_of
from gelar_tui.scoring.day_results import results_of

GROUPS = {"g1": "opd", "g2": "kota", "g3": "opd", "g4": "kota", "g5": "opd", "g6": "kota", "g7": "opd", "g8": "kota"}


def category_event(method: str = "mean", tie_break: tuple[str, ...] = ("b",), opd: str = "", kota: str = "", scoring: str = "") -> Event:
    """Eight groups in two categories (opd: g1 g3 g5 g7, kota: g2 g4 g6 g8), three jurors, two criteria."""
    return parse_event(category_source(method, tie_break, opd, kota, scoring))


def category_source(method: str = "mean", tie_break: tuple[str, ...] = ("b",), opd: str = "", kota: str = "", scoring: str = "") -> str:
    """The event file of :func:`category_event`."""
    quoted = ", ".join(f'"{k}"' for k in tie_break)
    text = (
        '[event]\ntitle = "Uji"\norganizer = "Panitia"\nvenue = "Balai"\ndate = 2026-08-16\n\n'
        '[timing]\nslot = "2m"\nalerts = ["1m"]\npenalty_per_minute = 1\n\n'
        f'[scoring]\nmethod = "{method}"\ntrim = 1\ntie_break = [{quoted}]\n{scoring}\n'
        '[awards]\nwinners = 2\nhonourable_mentions = 1\n\n'
        '[[criteria]]\nid = "a"\nname = "Kriteria A"\nweight = 2\n\n[[criteria]]\nid = "b"\nname = "Kriteria B"\nweight = 1\n\n'
        f'[[categories]]\nid = "opd"\nname = "Perangkat Daerah"\n{opd}\n\n'
        f'[[categories]]\nid = "kota"\nname = "Kabupaten/Kota"\n{kota}\n\n'
    )
    text += "".join(f'[[jurors]]\nid = "j{i}"\nname = "Juri {i}"\n\n' for i in range(1, 4))
    text += "".join(f'[[groups]]\nid = "{g}"\nname = "KBK {g}"\nagency = "Dinas {g}"\ncategory = "{c}"\n\n' for g, c in GROUPS.items())
    return text


@pytest.fixture
def open_days(tmp_path):
    days: list[Day] = []

    def make(event: Event) -> Day:
        days.append(Day.open(event, tmp_path / f"day{len(days)}.gelar-journal", clock=FakeClock()))
        return days[-1]

    yield make
    for day in days:
        day.close()


def fill(day: Day, group: str, juror: str, a: str, b: str) -> None:
    day.set_score(group, juror, "a", a)
    day.set_score(group, juror, "b", b)


def rankings(day: Day):
    return {c.category: c for c in category_rankings(day.event, day.state, day.overtimes(), scale_of(day.event))}


@pytest.mark.parametrize("method", ["mean", "median", "trimmed"])
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_category_ranked_on_its_own_gives_the_figures_of_the_whole_event(open_days, method, seed):
    """The same group's total and place within its category, computed two ways: ranking the category
    on its own, and ranking the whole event then counting the category's groups above it."""
    day = open_days(category_event(method))
    draw = random.Random(seed)
    for group in GROUPS:
        for juror in ("j1", "j2", "j3"):
            fill(day, group, juror, str(draw.choice(range(60, 100, 5))), str(draw.choice(range(60, 100, 5))))
    whole = results_of(day)
    for category, ranking in rankings(day).items():
        mine = [e for e in whole.entries if GROUPS[e.group] == category]
        assert [e.group for e in ranking.results.entries] == [e.group for e in mine]
        for entry in mine:
            own = entry_of(ranking.results, entry.group)
            place = 1 + sum(1 for other in mine if other.rank < entry.rank)
            assert (own.score, own.totals, own.rank) == (entry.score, entry.totals, place)


def test_each_category_gives_its_own_awards_or_the_events(open_days):
    day = open_days(category_event(kota="awards = { winners = 1, honourable_mentions = 0 }"))
    for group, score in zip(GROUPS, ("90", "85", "80", "75", "70", "65", "60", "55")):
        for juror in ("j1", "j2", "j3"):
            fill(day, group, juror, score, score)
    found = rankings(day)
    opd, kota = found["opd"], found["kota"]
    assert [e.group for e in opd.results.entries] == ["g1", "g3", "g5", "g7"]
    assert [e.rank for e in kota.results.entries] == [1, 2, 3, 4]
    assert [award_for(e.rank, opd.event) is not None for e in opd.results.entries] == [True, True, True, False]
    assert [award_for(e.rank, kota.event) is not None for e in kota.results.entries] == [True, False, False, False]
    assert opd.name == "Perangkat Daerah" and opd.finalists == () and opd.tie_at_cut is None


def test_the_rank_method_ranks_a_category_among_itself(open_days):
    day = open_days(category_event("rank"))
    for group, score in zip(GROUPS, ("90", "85", "80", "75", "70", "65", "60", "55")):
        for juror in ("j1", "j2", "j3"):
            fill(day, group, juror, score, score)
    kota = rankings(day)["kota"]
    assert [(e.group, e.score) for e in kota.results.entries] == [("g2", 1), ("g4", 2), ("g6", 3), ("g8", 4)]


def test_the_cut_takes_the_first_n_without_a_tie(open_days):
    day = open_days(category_event(scoring="finalists = 2", opd="finalists = 3"))
    for group, score in zip(GROUPS, ("90", "85", "80", "75", "70", "65", "60", "55")):
        for juror in ("j1", "j2", "j3"):
            fill(day, group, juror, score, score)
    found = rankings(day)
    assert (found["opd"].cut, found["opd"].finalists, found["opd"].tie_at_cut) == (3, ("g1", "g3", "g5"), None)
    assert (found["kota"].cut, found["kota"].finalists) == (2, ("g2", "g4"))


def test_a_tie_at_the_cut_decided_by_the_tie_break_is_named(open_days):
    day = open_days(category_event(scoring="finalists = 2"))
    # opd: g1 best; g3 and g5 share the total (2·a + b)/3 = 80, g5 has the better b: the tie-break puts it in.
    sheets = {"g1": ("95", "95"), "g3": ("85", "70"), "g5": ("80", "80"), "g7": ("50", "50")}
    for group, (a, b) in sheets.items():
        for juror in ("j1", "j2", "j3"):
            fill(day, group, juror, a, b)
    opd = rankings(day)["opd"]
    assert opd.finalists == ("g1", "g5")
    assert opd.tie_at_cut is not None and opd.tie_at_cut.groups == ("g5", "g3")
    assert opd.tie_at_cut.decided and opd.tie_at_cut.decided_by == "b" and opd.tie_at_cut.places == 2


def test_a_tie_at_the_cut_nothing_decides_sends_both_on_and_says_so(open_days):
    day = open_days(category_event(scoring="finalists = 2"))
    sheets = {"g1": ("95", "95"), "g3": ("80", "80"), "g5": ("80", "80"), "g7": ("50", "50")}
    for group, (a, b) in sheets.items():
        for juror in ("j1", "j2", "j3"):
            fill(day, group, juror, a, b)
    opd = rankings(day)["opd"]
    assert opd.finalists == ("g1", "g3", "g5")  # three go on for two places: the jury must decide
    assert opd.tie_at_cut is not None and opd.tie_at_cut.groups == ("g3", "g5") and not opd.tie_at_cut.decided


def test_groups_without_a_score_never_go_on(open_days):
    day = open_days(category_event(scoring="finalists = 3"))
    fill(day, "g1", "j1", "90", "90")
    opd = rankings(day)["opd"]
    assert opd.finalists == ("g1",) and opd.tie_at_cut is None
    assert top_cut(opd.results, None) == ((), None)


def test_an_event_without_categories_has_no_category_rankings(open_days):
    from tests.support.console import demo_event

    day = open_days(demo_event())
    assert category_rankings(day.event, day.state, day.overtimes()) == []

"""The scoreboard's category (day/hall.py), each category's live ranking (scoring/live_categories.py)
and the announcement category by category (scoring/awards.py)."""

from __future__ import annotations

import random

import pytest

from gelar_tui.day import hall
from gelar_tui.day.facade import Day
from gelar_tui.errors import GelarError
from gelar_tui.scoring.awards import announcement_steps, reveal_steps
from gelar_tui.scoring.categories import category_rankings
from gelar_tui.scoring.day_results import results_of
from gelar_tui.scoring.live_categories import LiveCategories
from tests.scoring.test_categories import GROUPS, category_event, fill, open_days  # noqa: F401  (a fixture)

SCORES = dict(zip(GROUPS, ("90", "85", "80", "75", "70", "65", "60", "55")))
"""opd: g1 90, g3 80, g5 70, g7 60; kota: g2 85, g4 75, g6 65, g8 55."""


def score_all(day: Day) -> None:
    for group, score in SCORES.items():
        for juror in ("j1", "j2", "j3"):
            fill(day, group, juror, score, score)


@pytest.mark.parametrize("seed", [1, 2])
def test_each_live_category_ranking_is_what_the_documents_rank(open_days, seed):
    """The scoreboard's rankings and the berita acara's, computed two ways, as scores keep arriving."""
    day = open_days(category_event(scoring="finalists = 2"))
    live = LiveCategories(day.event)
    draw = random.Random(seed)
    cells = [(g, j) for g in GROUPS for j in ("j1", "j2", "j3")]
    draw.shuffle(cells)
    for count, (group, juror) in enumerate(cells, start=1):
        fill(day, group, juror, str(draw.choice(range(60, 100, 5))), str(draw.choice(range(60, 100, 5))))
        if count % 5 and count != len(cells):
            continue
        documents = category_rankings(day.event, day.state, day.overtimes())
        board = live.rankings(day.state, day.overtimes())
        assert [b.category for b in board] == ["opd", "kota"]
        for mine, theirs in zip(board, documents):
            assert mine.results == theirs.results
            assert (mine.name, mine.cut, mine.finalists, mine.tie_at_cut) == (theirs.name, theirs.cut, theirs.finalists, theirs.tie_at_cut)
            assert mine.event.awards == theirs.event.awards


def test_a_category_is_tallied_again_only_when_its_own_groups_change(open_days):
    day = open_days(category_event())
    score_all(day)
    live = LiveCategories(day.event)
    live.rankings(day.state, day.overtimes())
    opd, kota = live._live_of("opd"), live._live_of("kota")
    before = (opd.tallied, kota.tallied)
    fill(day, "g2", "j1", "99", "99")  # a kota group
    live.rankings(day.state, day.overtimes())
    assert (opd.tallied, kota.tallied) == (before[0], before[1] + 1)


def test_the_overall_ranking_is_the_whole_events(open_days):
    day = open_days(category_event(scoring="overall = true"))
    score_all(day)
    overall = LiveCategories(day.event).ranking(day.state, day.overtimes(), hall.OVERALL)
    assert overall.results == results_of(day) and overall.finalists == () and overall.event is day.event


def test_the_choices_cycle_through_each_category_then_the_overall_ranking(open_days):
    day = open_days(category_event(scoring="overall = true"))
    seen = []
    for _ in range(4):
        seen.append(hall.board_category(day.event, day.state))
        day.show_category(hall.next_board_category(day.event, day.state))
    assert seen == ["opd", "kota", hall.OVERALL, "opd"]
    assert [r.data for r in day.journal.records() if r.kind == "board_category"] == [
        {"category": "kota"}, {"category": "*"}, {"category": "opd"}, {"category": "kota"}
    ]


def test_without_overall_the_cycle_is_the_categories_alone(open_days):
    day = open_days(category_event())
    assert hall.board_choices(day.event) == ["opd", "kota"]
    day.show_category("kota")
    assert hall.next_board_category(day.event, day.state) == "opd"
    with pytest.raises(GelarError) as refused:
        day.show_category(hall.OVERALL)
    assert refused.value.key == "catboard.unknown_category"
    assert hall.board_category(day.event, day.state) == "kota"  # nothing stored changed


def test_the_choice_is_journaled_for_every_process(open_days, tmp_path):
    day = open_days(category_event())
    day.show_category("kota")
    other = Day.open(day.event, day.journal.path, clock=day.clock, origin="display")
    try:
        assert hall.board_category(other.event, other.state) == "kota"
    finally:
        other.close()


def test_an_event_without_categories_has_no_choice(open_days):
    from tests.support.console import demo_event

    day = open_days(demo_event())
    assert hall.board_choices(day.event) == [] and hall.board_category(day.event, day.state) is None
    with pytest.raises(GelarError):
        day.show_category("opd")
    assert not [r for r in day.journal.records() if r.kind == "board_category"]


def test_the_announcement_goes_category_by_category_then_overall(open_days):
    """Two winners and one honourable mention each: opd from Harapan I up to Juara I, then kota, then overall."""
    day = open_days(category_event(scoring="overall = true", kota="awards = { winners = 1, honourable_mentions = 0 }"))
    score_all(day)
    steps = announcement_steps(LiveCategories(day.event).rankings(day.state, day.overtimes()))
    shown = [(s.category, s.award.kind, s.award.number, [e.group for e in s.entries]) for s in steps]
    assert shown == [
        ("opd", "honourable", 1, ["g5"]),
        ("opd", "winner", 2, ["g3"]),
        ("opd", "winner", 1, ["g1"]),
        ("kota", "winner", 1, ["g2"]),
        ("*", "honourable", 1, ["g3"]),
        ("*", "winner", 2, ["g2"]),
        ("*", "winner", 1, ["g1"]),
    ]


def test_without_categories_the_announcement_is_as_before(open_days):
    from tests.support.console import demo_event
    from tests.support.screens import fill as fill_demo

    day = open_days(demo_event())
    fill_demo(day)
    assert hall.board_choices(day.event) == []
    assert announcement_steps([]) == [] and reveal_steps(results_of(day), day.event)[0].category is None


def test_a_spill_file_may_hold_the_boards_choice_and_a_long_announcement(open_days):
    """A record held while the journal could not be written comes back through the spill check."""
    from gelar_tui.day.spillcheck import check_record

    day = open_days(category_event(scoring="overall = true"))
    check_record(day.event, day.state, {}, "board_category", {"category": "kota"})
    check_record(day.event, day.state, {}, "board_category", {"category": "*"})
    with pytest.raises(GelarError):
        check_record(day.event, day.state, {}, "board_category", {"category": "nope"})
    # eight groups, each category's places and then the overall ones: more steps than groups
    check_record(day.event, day.state, {}, "award_revealed", {"shown": 12})


def test_a_choice_the_event_no_longer_has_shows_the_first_category(open_days):
    """The journal may hold a category that an edited event file dropped, or a record without its field."""
    from gelar_tui.day.state import DayState
    from gelar_tui.journal.store import Record

    day = open_days(category_event())
    gone = DayState.initial(day.event)
    gone.apply_all(day.event, [Record(1, 0.0, "board_category", {"category": "gone"}, "console")])
    assert hall.board_category(day.event, gone) == "opd" and hall.next_board_category(day.event, gone) == "kota"
    broken = DayState.initial(day.event)
    broken.apply_all(day.event, [Record(1, 0.0, "board_category", {}, "console")])
    assert broken.unfit == 1 and hall.board_category(day.event, broken) == "opd"

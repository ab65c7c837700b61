"""The live ranking: re-tallying only the groups records name gives the full ranking, always."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from gelar_tui.journal.store import Record
from gelar_tui.scoring.live_ranking import LiveRanking
from gelar_tui.scoring.rules import rank
from gelar_tui.day.state import DayState, Kind

from tests.scoring.test_scoring import make_event


class StubDay:
    """What a view feeds its LiveRanking from a day: the state (records applied in place) and each group's overtime."""

    def __init__(self, event) -> None:
        self.event = event
        self.state = DayState.initial(event)
        self.overtime: dict[str, int] = {}
        self.seq = 0

    def overtimes(self, now=None) -> dict[str, int]:
        return {g: self.overtime.get(g, 0) for g in self.state.order}

    def apply(self, kind: str, **data) -> None:
        self.seq += 1
        self.state.apply_all(self.event, [Record(self.seq, float(self.seq), kind, data, "test")])


GROUPS = [f"g{i}" for i in range(1, 5)]
JURORS = [f"j{i}" for i in range(1, 4)]
CRITERIA = [("a", "1"), ("b", "2"), ("c", "0.5")]

steps = st.one_of(
    st.tuples(
        st.just("score"), st.sampled_from(GROUPS), st.sampled_from(JURORS), st.sampled_from([c for c, _ in CRITERIA]),
        st.one_of(st.none(), st.sampled_from(["0", "50", "75.5", "80", "100"]), st.integers(0, 100).map(str)),
    ),
    st.tuples(st.sampled_from(["lock", "unlock", "recuse", "withdraw"]), st.sampled_from(GROUPS), st.sampled_from(JURORS)),
    st.tuples(st.just("overtime"), st.sampled_from(GROUPS), st.sampled_from([0, 1, 60, 61, 130])),
    st.tuples(st.just("order"), st.permutations(GROUPS)),
    st.just(("rank",)),
)


@settings(max_examples=150, deadline=None)
@given(
    method=st.sampled_from(["mean", "median", "trimmed", "rank"]),
    tie_break=st.lists(st.sampled_from(["a", "b", "overtime"]), unique=True, max_size=2),
    script=st.lists(steps, max_size=60),
)
def test_the_live_ranking_equals_a_full_ranking_after_any_records(method, tie_break, script) -> None:
    event = make_event(groups=4, jurors=3, criteria=CRITERIA, method=method, trim=1, tie_break=tie_break, penalty="0.5")
    day = StubDay(event)
    live = LiveRanking(event)
    for step in [*script, ("rank",)]:
        kind = step[0]
        if kind == "score":
            _, group, juror, criterion, value = step
            day.apply(Kind.SCORE_SET.value, group=group, juror=juror, criterion=criterion, value=value)
        elif kind in ("lock", "unlock"):
            day.apply((Kind.SHEET_LOCKED if kind == "lock" else Kind.SHEET_UNLOCKED).value, group=step[1], juror=step[2])
        elif kind in ("recuse", "withdraw"):
            recusal = Kind.RECUSAL_DECLARED if kind == "recuse" else Kind.RECUSAL_WITHDRAWN
            day.apply(recusal.value, group=step[1], juror=step[2], reason="test")
        elif kind == "overtime":
            day.overtime[step[1]] = step[2]
        elif kind == "order":
            day.apply(Kind.ORDER_CHANGED.value, order=list(step[1]))
        else:
            assert live.results(day.state, day.overtimes()) == rank(event, day.state, day.overtimes())


def test_only_the_group_a_record_names_is_tallied_again() -> None:
    event = make_event(groups=4, jurors=3, criteria=CRITERIA)
    day = StubDay(event)
    live = LiveRanking(event)
    live.results(day.state, day.overtimes())
    assert live.tallied == 4
    day.apply(Kind.SCORE_SET.value, group="g2", juror="j1", criterion="a", value="80")
    assert live.results(day.state, day.overtimes()) == rank(event, day.state, day.overtimes())
    assert live.tallied == 5
    first = live.results(day.state, day.overtimes())
    assert live.results(day.state, day.overtimes()) is first  # nothing new: the same ranking, not worked out again
    day.overtime["g3"] = 61
    assert live.results(day.state, day.overtimes()) == rank(event, day.state, day.overtimes())
    assert live.tallied == 6  # the overtime moved g3's penalty: g3 alone


def test_a_state_replayed_afresh_is_tallied_afresh() -> None:
    event = make_event(groups=2, jurors=2, criteria=CRITERIA)
    day = StubDay(event)
    live = LiveRanking(event)
    day.apply(Kind.SCORE_SET.value, group="g1", juror="j1", criterion="a", value="80")
    live.results(day.state, day.overtimes())
    day.state = DayState.initial(event)  # as a journal fault's replay does: a new state, its changes count from 0
    assert live.results(day.state, day.overtimes()) == rank(event, day.state, day.overtimes())
    assert all(entry.units["j1"] is None for entry in live.results(day.state, day.overtimes()).entries)


def test_the_day_keeps_no_ranking_each_view_owns_its_own() -> None:
    """Ranking lives in scoring: a day has no results, scale or ranking of its own to share between views,
    and two live rankings of one day (two views) each follow every record."""
    from gelar_tui.day.facade import Day

    assert [name for name in ("results", "scale", "ranking") if hasattr(Day, name)] == []
    event = make_event(groups=3, jurors=2, criteria=CRITERIA)
    day = StubDay(event)
    board, announcement = LiveRanking(event), LiveRanking(event)
    board.results(day.state, day.overtimes())
    day.apply(Kind.SCORE_SET.value, group="g1", juror="j1", criterion="a", value="80")
    for view in (board, announcement):
        assert view.results(day.state, day.overtimes()) == rank(event, day.state, day.overtimes())

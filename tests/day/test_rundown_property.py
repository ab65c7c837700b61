"""Property (issue 14): a day with no overruns and every start on time expects every item at its planned start."""

from __future__ import annotations

import dataclasses
import datetime as dt
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.support.console import fixed_timezone
from gelar_tui.journal.clock import FakeClock
from gelar_tui.day.facade import Day
from gelar_tui.event.model import Break, Event, Segment
from gelar_tui.event.eventfile import bundled_event_path, load_event

MIN = 60
OPENING = dt.datetime(2016, 8, 16, 7, 0)
"""Local time (Asia/Jakarta) at which the fake clock starts, before the day's planned start."""

lengths = st.integers(min_value=1, max_value=40).map(lambda minutes: minutes * MIN)
segment_lists = st.lists(lengths, min_size=0, max_size=3)
days = st.fixed_dictionaries(
    {
        "groups": st.lists(segment_lists, min_size=1, max_size=4),
        "breaks": st.lists(st.tuples(st.integers(min_value=0, max_value=3), lengths), max_size=2),
        "changeover": st.integers(min_value=0, max_value=5).map(lambda minutes: minutes * MIN),
        "start": st.integers(min_value=0, max_value=120),
        "slot": lengths,
        "checks": st.lists(st.floats(min_value=0.0, max_value=1.0), min_size=1, max_size=3),
    }
)


def make_event(spec: dict) -> Event:
    demo = load_event(bundled_event_path())
    groups = []
    for index, segment_lengths in enumerate(spec["groups"]):
        group = demo.groups[index]
        segments = tuple(Segment(f"part {n}", length, (), n == 0) for n, length in enumerate(segment_lengths))
        groups.append(dataclasses.replace(group, segments=segments, slot=None))
    ids = [group.id for group in groups]
    breaks = tuple(Break(ids[after % len(ids)], f"break {n}", length) for n, (after, length) in enumerate(spec["breaks"]))
    start = (OPENING + dt.timedelta(minutes=spec["start"])).time()
    return dataclasses.replace(
        demo,
        event=dataclasses.replace(demo.event, start=start),
        timing=dataclasses.replace(demo.timing, slot=spec["slot"], alerts=(), changeover=spec["changeover"]),
        groups=tuple(groups),
        breaks=breaks,
    )


def assert_on_plan(day: Day) -> None:
    schedule = day.schedule()
    for item in schedule.items:
        assert item.expected_start is not None and abs(item.expected_start - item.planned_start) < 1e-6, item
    assert schedule.delay is not None and abs(schedule.delay) < 1e-6
    assert abs(schedule.expected_end - schedule.planned_end) < 1e-6


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(days)
def test_no_overruns_and_on_time_starts_keep_every_expected_start_on_plan(spec) -> None:
    event = make_event(spec)
    with fixed_timezone("Asia/Jakarta"), tempfile.TemporaryDirectory() as folder:
        clock = FakeClock(OPENING.timestamp())
        day = Day.open(event, Path(folder) / "day.gelar-journal", clock=clock)
        try:
            assert_on_plan(day)  # before the day starts
            for item in day.schedule().items:
                clock.advance(item.planned_start - day.now())  # wait for the item's planned start
                assert_on_plan(day)
                if item.kind == "group":
                    assert day.state.current == item.item
                    day.start()
                else:
                    assert day.start_break() == item.item
                done = 0.0
                for fraction in sorted(spec["checks"]):
                    clock.advance(fraction * item.length - done)
                    done = fraction * item.length
                    day.sync_segments()
                    assert_on_plan(day)
                clock.advance(item.length - done)  # exactly its planned length
                if item.kind == "group":
                    day.next_group()
                else:
                    day.end_break()
                assert_on_plan(day)
        finally:
            day.close()

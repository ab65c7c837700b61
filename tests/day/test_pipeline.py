"""The one write path of a day (gelar_tui.day.pipeline): what it adds to a decision's records, and what it holds."""

from __future__ import annotations

import pytest

from gelar_tui.day.facade import Day
from gelar_tui.errors import GelarError
from gelar_tui.journal.clock import FakeClock
from gelar_tui.journal.store import JournalWriteError


def kinds(day: Day) -> list[str]:
    return [r.kind for r in day.journal.records()]


def test_a_new_boots_first_write_held_by_a_failing_journal_is_bridged_once(demo_event, tmp_path, monkeypatch) -> None:
    clock = FakeClock()
    path = tmp_path / "day.gelar-journal"
    first = Day.open(demo_event, path, clock)
    first.start()
    first.close()
    clock.reboot()
    day = Day.open(demo_event, path, clock)
    append = day.journal.append

    def full(*args, **kwargs):
        raise JournalWriteError("full", path, "disk full")

    monkeypatch.setattr(day.journal, "append", full)
    day.set_score("ceria", "pemprov", "analisis", "80")  # decided, then refused by the disk: held
    assert [u.kind for u in day.unsaved] == ["clock_bridged", "score_set"]
    monkeypatch.setattr(day.journal, "append", append)
    assert day.flush_unsaved()
    assert kinds(day) == ["slot_started", "clock_bridged", "score_set", "journal_fault"]
    assert day.state.sheets[("ceria", "pemprov")]["analisis"] == 8000
    day.close()


def test_every_verb_goes_through_the_pipeline_and_day_has_no_base(day, monkeypatch) -> None:
    assert Day.__mro__ == (Day, object)
    writes: list[object] = []
    write = day.pipeline.write
    monkeypatch.setattr(day.pipeline, "write", lambda decide, **kw: writes.append(decide) or write(decide, **kw))
    day.start()
    day.set_score("ceria", "pemprov", "analisis", day.parse_score("85,5"))
    day.show_on_display("scoreboard")
    assert len(writes) == 3 and kinds(day) == ["slot_started", "score_set", "display_shown"]
    assert day.journal.records()[1].data["value"] == "85.5"


def test_a_station_writes_nothing_it_may_not_even_through_the_core(demo_event, tmp_path) -> None:
    day = Day.open(demo_event, tmp_path / "day.gelar-journal", FakeClock(), "jury:pemprov")
    with pytest.raises(GelarError) as info:
        day.set_score("ceria", "pemprov", "analisis", "80")  # not opened with the PIN
    assert info.value.key == "station.not_open" and kinds(day) == [] and not day.unsaved
    day.close()

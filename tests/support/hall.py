"""Helpers for the tests of the audience display, the presenter monitor and the long-name scoreboard."""

from __future__ import annotations

from pathlib import Path

from gelar_tui.journal.clock import FakeClock
from gelar_tui.day.facade import Day
from gelar_tui.event.eventfile import load_event
from gelar_tui.i18n import Messages
from gelar_tui.ui.display.app import DisplayApp
from gelar_tui.ui.themes import load_themes

LONG_NAMES = Path(__file__).parents[1] / "fixtures" / "hall_long_names.toml"


def long_names_day(journal: Path, clock: FakeClock) -> Day:
    """The 12-group provincial event, every sheet scored and locked; group i of 12 gets 90 - 2.5·i."""
    day = Day.open(load_event(LONG_NAMES), journal, clock=clock)
    for index, group in enumerate(day.event.group_ids):
        for offset, juror in enumerate(day.event.juror_ids):
            for criterion in day.event.criterion_ids:
                day.set_score(group, juror, criterion, str(90 - 2.5 * index + offset))
            day.lock_sheet(group, juror)
    return day


def make_display(day: Day, lang: str = "en", *, presenter: bool = False, bell: bool = False) -> DisplayApp:
    themes, problems = load_themes()
    assert not problems, problems
    return DisplayApp(day, Messages(lang), themes=themes, theme="projector", bell=bell, presenter=presenter)

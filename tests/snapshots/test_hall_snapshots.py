"""Snapshots of the audience display (clock in each alert stage, scoreboard, winner, title), the presenter
monitor and the console's scoreboard with long names, at 80×24 and 160×48 (issue 8).

Update with `--snapshot-update`, render each SVG with headless Chromium and look at it before committing.
"""

from __future__ import annotations

import pytest

from tests.support.hall import long_names_day, make_display
from tests.support.screens import fill, fixed_timezone, make_app

SIZES = {"small": (80, 24), "large": (160, 48)}
SLOT = 30 * 60
STAGES = {"normal": SLOT - 12 * 60, "alert": SLOT - 7 * 60, "last": SLOT - 30, "over": SLOT + 75}
"""Seconds run for each alert stage of the demo (alerts at 10, 5 and 1 minutes)."""


@pytest.fixture(autouse=True)
def jakarta_time():
    with fixed_timezone("Asia/Jakarta"):
        yield


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("stage", STAGES)
def test_display_clock(snap_compare, day, clock, stage, size) -> None:
    day.start()
    clock.advance(STAGES[stage])
    assert snap_compare(make_display(day), terminal_size=SIZES[size])


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("view", ["scoreboard", "winner", "title"])
def test_display_views(snap_compare, tmp_path, clock, view, size) -> None:
    day = long_names_day(tmp_path / "d.gelar-journal", clock)
    day.show_on_display(view)
    if view == "winner":
        day.show_awards(6)  # Juara I, the last step
    assert snap_compare(make_display(day), terminal_size=SIZES[size])
    day.close()


@pytest.mark.parametrize("size", SIZES)
def test_presenter(snap_compare, day, clock, size) -> None:
    fill(day)
    day.start()
    clock.advance(STAGES["last"])
    assert snap_compare(make_display(day, presenter=True), terminal_size=SIZES[size])


@pytest.mark.parametrize("size", SIZES)
def test_console_scoreboard_long_names(snap_compare, tmp_path, clock, size) -> None:
    day = long_names_day(tmp_path / "d.gelar-journal", clock)
    assert snap_compare(make_app(day, "en"), press=["s"], terminal_size=SIZES[size])
    day.close()

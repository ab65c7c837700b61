"""Snapshots of the audience display with categories (issue 21): one category's scoreboard, paged,
with its name above and its finalists below, and a place of the announcement under its
category's name, at 80×24 and 160×48.

Update with `--snapshot-update`, render each SVG with headless Chromium and look at it before committing.
"""

from __future__ import annotations

import pytest

from tests.support.hall import make_display
from tests.support.screens import fixed_timezone
from tests.ui.test_scoreboard_categories import big_category_day

SIZES = {"small": (80, 24), "large": (160, 48)}


@pytest.fixture(autouse=True)
def jakarta_time():
    with fixed_timezone("Asia/Jakarta"):
        yield


@pytest.mark.parametrize("size", SIZES)
def test_display_scoreboard_of_one_category(snap_compare, tmp_path, size) -> None:
    day = big_category_day(tmp_path)
    day.show_on_display("scoreboard")
    assert snap_compare(make_display(day), terminal_size=SIZES[size])
    day.close()


@pytest.mark.parametrize("size", SIZES)
def test_display_announcement_of_the_second_category(snap_compare, tmp_path, size) -> None:
    day = big_category_day(tmp_path)
    day.show_on_display("winner")
    day.show_awards(8)  # Perangkat Daerah's six places, then Kabupaten/Kota's Juara III and II
    assert snap_compare(make_display(day), terminal_size=SIZES[size])
    day.close()

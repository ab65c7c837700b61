"""Snapshots of the jury sheet, the scoreboard and every step of the winner announcement (issue 4).

Every state is prepared through the day's own actions before the app starts,
on a fake clock with the time zone pinned; input cursors do not blink. Update
with `--snapshot-update` and look at every changed SVG before committing it.
"""

from __future__ import annotations

import pytest
from textual.widgets import Input

from gelar_tui.ui.screens.jury import JuryScreen
from tests.support.screens import (
    event_with,
    fill,
    fixed_timezone,
    make_app,
    open_day,
    score_sheet,
    tie_day,
)

JURY = (120, 30)
BOARD = (160, 40)
HALL = (120, 36)


@pytest.fixture(autouse=True)
def jakarta_time():
    with fixed_timezone("Asia/Jakarta"):
        yield


def keys(*groups, station: str | None = None):
    """A run_before that presses each group of keys in turn, with input cursors kept still."""

    async def run_before(pilot) -> None:
        if station is not None:
            await pilot.app.push_screen(JuryScreen(juror=station))
        for group in (*groups, ()):
            await pilot.pause()
            for widget in pilot.app.screen.query(Input):
                widget.cursor_blink = False
            await pilot.press(*group)

    return run_before


# -- the jury sheet -------------------------------------------------------------------------------


def jury_day(day, clock) -> None:
    """Ceria on stage for 4:13; swasta's sheet locked; pemprov halfway through his."""
    day.start()
    clock.advance(4 * 60 + 13)
    score_sheet(day, "ceria", "swasta", [82, 78.5, 90, 85, 80, 75])
    score_sheet(day, "ceria", "pemprov", {"analisis": "85.5", "solusi": 80}, lock=False)


@pytest.mark.parametrize("lang", ["id", "en"])
def test_jury_sheet_with_valid_invalid_and_locked_cells(snap_compare, day, clock, lang) -> None:
    jury_day(day, clock)
    app = make_app(day, lang)
    # manfaat: 72 stored; inovasi: 101 (out of range) being typed, marked and explained
    run = keys(["j"], ["down", "down", "down", "7", "2", "up", "1", "0", "1"])
    assert snap_compare(app, terminal_size=JURY, run_before=run)


def test_jury_sheet_at_a_blind_station(snap_compare, tmp_path, clock) -> None:
    event = event_with(('reveal = "live"', 'reveal = "live"\nblind = true'))
    day = open_day(event, tmp_path / "blind.gelar-journal", clock)
    jury_day(day, clock)
    app = make_app(day, "id")
    assert snap_compare(app, terminal_size=JURY, run_before=keys(["8", "8", "tab"], station="pemprov"))


# -- the scoreboard ---------------------------------------------------------------------------------


def provisional_day(day) -> None:
    fill(day, {"berlian": 90, "ceria": 85})
    score_sheet(day, "cp-joss", "pemprov", 80, lock=False)
    score_sheet(day, "cp-joss", "swasta", {"analisis": 70, "solusi": 75}, lock=False)


@pytest.mark.parametrize("lang", ["id", "en"])
def test_scoreboard_provisional(snap_compare, day, lang) -> None:
    provisional_day(day)
    assert snap_compare(make_app(day, lang), terminal_size=BOARD, press=["s"])


def test_scoreboard_complete(snap_compare, day) -> None:
    fill(day)
    assert snap_compare(make_app(day, "id"), terminal_size=BOARD, press=["s"])


@pytest.mark.parametrize("decided, lang", [(True, "en"), (False, "id")])
def test_scoreboard_with_a_tie(snap_compare, day, decided, lang) -> None:
    tie_day(day, decided=decided)
    assert snap_compare(make_app(day, lang), terminal_size=BOARD, press=["s"])


def test_scoreboard_hidden_until_revealed(snap_compare, tmp_path, clock) -> None:
    event = event_with(('reveal = "live"', 'reveal = "end"'))
    day = open_day(event, tmp_path / "end.gelar-journal", clock)
    provisional_day(day)
    assert snap_compare(make_app(day, "id"), terminal_size=BOARD, press=["s"])


# -- the winner announcement ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "step, lang",
    # the title card, Harapan I, Juara III, II, I (the last screen); in English the first and the last
    [(0, "id"), (1, "id"), (2, "id"), (3, "id"), (4, "id"), (0, "en"), (4, "en")],
)
def test_winner_reveal_step(snap_compare, day, step, lang) -> None:
    fill(day)
    app = make_app(day, lang)
    assert snap_compare(app, terminal_size=HALL, press=["w", *["space"] * step])


def test_winner_tied_place(snap_compare, day) -> None:
    tie_day(day, decided=False)
    assert snap_compare(make_app(day, "en"), terminal_size=HALL, press=["w", "space", "space"])

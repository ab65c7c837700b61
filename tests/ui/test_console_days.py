"""The console on one day of several (issue 21): its running order, the other days dimmed, a group moved
with the chooser of days (keys in a burst too), a day closed from the palette."""

from __future__ import annotations

import pytest

from gelar_tui.day.facade import Day
from gelar_tui.ui.screens.day_chooser import DayChooser, move_group_to_day
from tests.day.test_days_run import three_days
from tests.support.console import fixed_timezone, make_app, record_kinds, settled, widget_text

WIDE = (120, 40)


@pytest.fixture(autouse=True)
def jakarta():
    with fixed_timezone("Asia/Jakarta"):
        yield


@pytest.fixture
def day(tmp_path, clock):
    day = Day.open(three_days(), tmp_path / "days.gelar-journal", clock=clock)
    yield day
    day.close()


def command(app, title: str):
    return next(c for c in app.screen.palette_commands() if title in str(c.title))


async def test_the_running_order_is_the_days_own_and_shows_the_other_days_dimmed(day) -> None:
    day.open_day(2)
    app = make_app(day, "en")
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        text = widget_text(app, "#order")
        assert "Running order · Day 2 of 3" in text and "09:00" in text  # the day's own planned start
        assert "1. KBK Berlian" in text and "2. KBK" not in text  # the day's one group, numbered in its day
        assert "Day 1: 2 group(s) · 2016-08-16 ✓" in text and "KBK Melati" in text  # done
        assert "Day 3: 1 group(s) · 2016-08-18" in text and "KBK CP JOSS" in text  # to come
        assert "= Kopi 15m" in text and "Ishoma" not in text  # the day's break only
        await pilot.press("space", "n")
        await pilot.press("enter")  # confirm Next while Berlian presents
        assert await settled(pilot, lambda: day.state.current is None)  # Next calls no other day's group
        assert await settled(pilot, lambda: "Every group of day 2 of 3 has presented" in widget_text(app, "#stage"))  # not the event's


async def test_the_compact_order_of_a_narrow_console_is_the_days_own(day) -> None:
    day.open_day(1)
    app = make_app(day, "en")
    async with app.run_test(size=(90, 30)) as pilot:
        await pilot.pause()
        line = widget_text(app, "#compact-order")
        assert "1· KBK Melati" in line and "2· KBK Ceria" in line and "Berlian" not in line
        assert line.startswith("Day 1 of 3:")  # a narrow console says which day it runs


async def test_a_group_moves_to_another_day_from_the_order_screen_even_with_keys_in_a_burst(day) -> None:
    day.open_day(1)
    app = make_app(day, "en")
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("o")
        assert await settled(pilot, lambda: "order-table" in {w.id for w in app.screen.query("*")})
        await pilot.press("down", "h")  # ceria (second of the whole order): another day
        assert await settled(pilot, lambda: isinstance(app.screen, DayChooser) and bool(app.screen.query("#days")))
        # day 1 is its own (disabled): the first choice is day 2; a burst of keys after Enter changes nothing
        await pilot.press("down", "enter", "enter", "down", "enter")
        assert await settled(pilot, lambda: not isinstance(app.screen, DayChooser))
        assert day.state.group_day["ceria"] == 3
        assert record_kinds(day).count("group_moved") == 1
        table = app.screen.query_one("#order-table")
        row = table.cursor_row
        await pilot.press("up")  # back from the chooser, the arrows move the cursor again
        assert await settled(pilot, lambda: table.cursor_row == row - 1)


async def test_the_palette_moves_the_group_on_stage_and_closes_the_day(day) -> None:
    day.open_day(1)
    app = make_app(day, "en")
    async with app.run_test(size=WIDE) as pilot:
        command(app, "Move the group to another day").callback()
        assert await settled(pilot, lambda: isinstance(app.screen, DayChooser) and bool(app.screen.query("#days")))
        await pilot.press("enter")  # day 2
        assert await settled(pilot, lambda: day.state.group_day["melati"] == 2)
        assert day.state.current == "ceria" and "1. KBK Ceria" in widget_text(app, "#order")
        command(app, "Close day 1").callback()
        await pilot.press("enter")
        assert await settled(pilot, lambda: 1 in day.state.closed_days)
        assert not any("Close day 1" in str(c.title) for c in app.screen.palette_commands())


async def test_a_refused_move_says_why_and_writes_nothing(day, clock) -> None:
    day.open_day(1)
    day.start()
    app = make_app(day, "en")
    async with app.run_test(size=WIDE) as pilot:
        command(app, "Move the group to another day").callback()
        assert await settled(pilot, lambda: isinstance(app.screen, DayChooser) and bool(app.screen.query("#days")))
        await pilot.press("enter")
        assert await settled(pilot, lambda: any("has started presenting" in str(n.message) for n in app._notifications))
        assert "group_moved" not in record_kinds(day)


async def test_hostile_names_in_the_chooser_and_the_other_days_are_plain_text(tmp_path, clock) -> None:
    from gelar_tui.event.eventfile import bundled_event_path, parse_event
    from tests.day.test_days_run import THREE_DAYS

    hostile = "[bold]Gaduh[/] [@click=app.quit]x[/] " + "W" * 300  # bidi and control characters are refused by the file
    source = bundled_event_path().read_text("utf-8").replace('name = "KBK CP JOSS"', f'name = "{hostile}"', 1)
    event = parse_event(source + THREE_DAYS, "lomba.toml")
    day = Day.open(event, tmp_path / "h.gelar-journal", clock=clock)
    try:
        day.open_day(1)
        app = make_app(day, "en")
        async with app.run_test(size=WIDE) as pilot:
            await pilot.pause()
            assert "[bold]Gaduh[/]" in widget_text(app, "#order")
            move_group_to_day(app, "cp-joss")
            assert await settled(pilot, lambda: isinstance(app.screen, DayChooser) and bool(app.screen.query(".question")))
            assert "Move '[bold]Gaduh[/]" in widget_text(app, ".question")
            await pilot.press("enter")
            assert await settled(pilot, lambda: day.state.group_day["cp-joss"] == 1)
            assert app.is_running
    finally:
        day.close()


async def test_the_console_says_which_day_it_runs_and_the_days_its_opening_closed(day) -> None:
    closed = day.open_day(3)
    app = make_app(day, "en")
    app.days_closed_on_open = closed  # as `gelar run --day 3` hands them over
    async with app.run_test(size=WIDE) as pilot:
        assert await settled(pilot, lambda: any("Day 3 of 3 (2016-08-18)" in str(n.message) for n in app._notifications))
        (note,) = [str(n.message) for n in app._notifications if "Day 3" in str(n.message)]
        assert "Closed earlier days: 1, 2 (their scores are locked)" in note


async def test_the_jury_sheet_of_a_closed_day_refuses_a_score_naming_the_day(day) -> None:
    from gelar_tui.ui.widgets.score_cell import ScoreCell

    day.open_day(1)
    day.close_day(1)
    app = make_app(day, "en")
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("j")
        assert await settled(pilot, lambda: bool(app.screen.query("#cell-pemprov-analisis")))
        assert app.focused is app.screen.query_one("#cell-pemprov-analisis", ScoreCell)
        await pilot.press("8", "5", "tab")
        assert await settled(pilot, lambda: any("day 1 (2016-08-16) is closed" in str(n.message) for n in app._notifications))
        assert "score_set" not in record_kinds(day)


async def test_moving_a_group_down_the_order_screen_passes_its_own_days_next_group(day) -> None:
    day.open_day(2)
    day.move_to_day("melati", 2)  # day 2: berlian, melati
    day.move_to_day("ceria", 3)  # day 3: cp-joss, ceria
    app = make_app(day, "en")
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("o")
        assert await settled(pilot, lambda: bool(app.screen.query("#order-table")))
        assert app.screen.query_one("#order-table").cursor_row == 0  # berlian, on stage
        await pilot.press("shift+down")
        assert await settled(pilot, lambda: day.running_order() == ["melati", "berlian"])
        await pilot.press("shift+down")  # the last of its day: nothing to pass on day 2
        await pilot.pause()
        assert day.running_order() == ["melati", "berlian"] and day.state.group_day["berlian"] == 2
        assert [g for g in day.state.order if day.state.group_day[g] == 3] == ["cp-joss", "ceria"]
        assert record_kinds(day).count("order_changed") == 1  # nothing journaled for a move that moves nothing

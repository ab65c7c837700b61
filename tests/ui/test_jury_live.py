"""The jury sheet while records arrive and keys come fast: it redraws only what changed, and loses no key."""

from __future__ import annotations

from textual import events

from tests.support.screens import SIZE, make_app, open_day
from tests.ui.test_jury import cell


def spy_on_loads(screen) -> list:
    """Every load_group the sheet makes from now on, with the jurors it was asked to redraw (None: all)."""
    calls: list = []
    load = screen.load_group

    def spy(keep_focused: bool = False, jurors=None) -> None:
        calls.append(None if jurors is None else set(jurors))
        load(keep_focused, jurors)

    screen.load_group = spy
    return calls


async def test_a_score_for_another_group_leaves_the_shown_sheet_alone(day) -> None:
    app = make_app(day, "en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j")
        screen = app.screen
        assert screen.group == "ceria"
        calls = spy_on_loads(screen)
        other = open_day(day.event, day.journal.path, origin="station")
        try:
            other.set_score("berlian", "pemprov", "analisis", "50")
            app.poll_journal()
            await pilot.pause()
            assert calls == []  # nothing on this sheet changed: no cell is redrawn
            other.set_score("ceria", "swasta", "solusi", "61")
            app.poll_journal()
            await pilot.pause()
        finally:
            other.close()
        assert calls == [{"swasta"}]  # only the column the record names
        assert cell(app, "swasta", "solusi").value == "61"
        assert cell(app, "pemprov", "analisis").value == ""


async def test_keys_typed_faster_than_the_screen_keep_up_land_in_the_cell_tab_moved_to(day) -> None:
    app = make_app(day, "en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j")
        assert app.focused is cell(app, "pemprov", "analisis")
        # Every key is queued before the app handles the first, as on a busy machine.
        for key, character in [("8", "8"), ("0", "0"), ("tab", "\t"), ("7", "7"), ("5", "5"), ("tab", "\t"), ("9", "9")]:
            app.post_message(events.Key(key, character))
        await pilot.pause()
        await pilot.pause()
        assert cell(app, "pemprov", "analisis").value == "80"
        assert cell(app, "pemprov", "solusi").value == "75"
        assert cell(app, "pemprov", "inovasi").value == "9"
        assert day.state.sheets[("ceria", "pemprov")] == {"analisis": 8000, "solusi": 7500}

"""The winner announcement category by category (issue 21): each category from its last award up
to its winner, its name above, then the next, the overall ranking last; the console and the
audience display at the same place for the same journaled counter; finality per category."""

from __future__ import annotations

from gelar_tui.ui.screens.confirm import ConfirmScreen
from gelar_tui.ui.screens.winner import WinnerScreen
from tests.support.console import settled
from tests.support.hall import make_display
from tests.support.screens import SIZE, make_app, open_day, records_of, widget_text
from tests.ui.test_scoreboard_categories import category_day

EXPECTED = [
    ("Perangkat Daerah", "HONOURABLE MENTION I", "KBK g3"),
    ("Perangkat Daerah", "2ND PLACE", "KBK g5"),
    ("Perangkat Daerah", "1ST PLACE", "KBK g1"),
    ("Kabupaten/Kota", "1ST PLACE", "KBK g2"),
    ("Overall results", "HONOURABLE MENTION I", "KBK g5"),
    ("Overall results", "2ND PLACE", "KBK g2"),
    ("Overall results", "1ST PLACE", "KBK g1"),
]
"""opd: g1 95, g5 80 and g3 80 (Kriteria B puts g5 first), g7 50; kota (one winner, no mention): g2 85 …;
overall: g1 95, g2 85, g5 80, g3 80 …"""


def place_shown(app) -> tuple[str, str, str]:
    category = app.screen.query_one("#reveal-category")
    heading = widget_text(app, "#reveal-category") if category.display else ""
    return heading, widget_text(app, "#place"), widget_text(app, "#group-name")


async def test_the_announcement_goes_category_by_category_then_overall(tmp_path) -> None:
    day = category_day(tmp_path, kota="awards = { winners = 1, honourable_mentions = 0 }")
    app = make_app(day, "en")
    seen = []
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("w")
        assert isinstance(app.screen, WinnerScreen) and not app.screen.preview  # every category final
        assert place_shown(app)[:2] == ("", "ANNOUNCEMENT OF THE WINNERS")
        for _ in EXPECTED:
            await pilot.press("space")
            seen.append(place_shown(app))
            if seen[-1][0] == "Overall results" and seen[-1][1] == "2ND PLACE":
                revealed = widget_text(app, "#revealed")
                assert revealed == "Honourable mention I: KBK g5"  # this category's places alone
        await pilot.press("space")  # past the last: nothing more
        assert place_shown(app) == EXPECTED[-1]
        assert app.screen.query_one("#reveal").has_class("-winner")
        await pilot.press("backspace")
        assert place_shown(app) == EXPECTED[-2]
    assert seen == EXPECTED
    assert [r["shown"] for r in records_of(day, "award_revealed")] == [1, 2, 3, 4, 5, 6, 7, 6]
    day.close()


async def test_the_display_shows_the_same_place_for_each_count(tmp_path) -> None:
    day = category_day(tmp_path, kota="awards = { winners = 1, honourable_mentions = 0 }")
    day.show_on_display("winner")
    display = make_display(day)
    async with display.run_test(size=SIZE) as pilot:
        console = open_day(day.event, day.journal.path, day.clock, origin="console")
        for shown, expected in enumerate(EXPECTED, start=1):
            console.show_awards(shown)
            assert await settled(pilot, lambda: place_shown(display) == expected), (shown, place_shown(display))
        console.reset_announcement()
        assert await settled(pilot, lambda: place_shown(display)[1] == "ANNOUNCEMENT OF THE WINNERS")
        console.close()
    day.close()


async def test_each_place_is_marked_by_its_own_categorys_finality(tmp_path) -> None:
    day = category_day(tmp_path, kota="awards = { winners = 1, honourable_mentions = 0 }")
    day.unlock_sheet("g4", "j1", "a mistake on the sheet")  # kota, and so the overall ranking, provisional
    app = make_app(day, "en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("w")
        assert isinstance(app.screen, ConfirmScreen)  # provisional: a preview, asked first
        await pilot.press("enter")
        assert isinstance(app.screen, WinnerScreen) and app.screen.preview
        marks = []
        for _ in EXPECTED:
            await pilot.press("space")
            marks.append(widget_text(app, "#mark"))
        assert all("PREVIEW" in m for m in marks)
        assert ["PROVISIONAL" in m for m in marks] == [False, False, False, True, True, True, True]
        assert "11 of 12 sheets locked" in marks[3] and "23 of 24 sheets locked" in marks[4]
    assert records_of(day, "award_revealed") == []  # a preview: the hall saw nothing
    day.close()


async def test_the_announcement_asks_first_when_a_categorys_own_winner_is_unstable(tmp_path) -> None:
    """opd's winner depends on one juror (g1: 100, 60, 60 against g3's 70s); the whole event's winner
    (kota's g2, 85 from everyone) does not: the question names the category."""
    from tests.scoring.test_categories import category_event
    from gelar_tui.day.facade import Day
    from gelar_tui.journal.clock import FakeClock

    day = Day.open(category_event(), tmp_path / "unstable.gelar-journal", clock=FakeClock())
    sheets = {"g1": (100, 60, 60), "g3": (70, 70, 70), "g5": (50, 50, 50), "g7": (40, 40, 40)}
    sheets |= {"g2": (85, 85, 85), "g4": (75, 75, 75), "g6": (65, 65, 65), "g8": (55, 55, 55)}
    for group, values in sheets.items():
        for juror, value in zip(("j1", "j2", "j3"), values):
            day.set_score(group, juror, "a", str(value))
            day.set_score(group, juror, "b", str(value))
            day.lock_sheet(group, juror)
    app = make_app(day, "en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("w")
        assert isinstance(app.screen, ConfirmScreen)
        question = widget_text(app, ".question")
        assert "- Perangkat Daerah: the winner depends on the method" in question
        assert "Kabupaten/Kota: the winner" not in question
    day.close()

"""The console's analysis screen (key a), the announcement that asks first, and recusals on the jury sheet."""

from __future__ import annotations

import pytest
from textual.widgets import Input

from gelar_tui.ui.screens.analysis import AnalysisScreen
from gelar_tui.ui.screens.confirm import ConfirmScreen
from gelar_tui.ui.screens.jury import JuryScreen
from gelar_tui.ui.screens.reason import ReasonScreen
from gelar_tui.ui.screens.winner import WinnerScreen
from tests.support.screens import event_with, fill, fixed_timezone, make_app, open_day, score_sheet, screen_text, widget_text

SIZES = {"80x24": (80, 24), "160x48": (160, 48)}
THIRD_JUROR = '\n[[jurors]]\nid = "akademisi"\nname = "Juri Akademisi"\naffiliation = "Universitas"\n'
RECUSAL = '\n[[recusals]]\njuror = "akademisi"\ngroup = "melati"\nreason = "bekerja di Satpol PP"\n'


@pytest.fixture(autouse=True)
def jakarta_time():
    with fixed_timezone("Asia/Jakarta"):
        yield


@pytest.fixture
def jury_of_three(tmp_path):
    """Three jurors, one recused from melati in the file; berlian wins on the median, ceria on the mean,
    and the academic's 60 for berlian lies far from the others."""
    day = open_day(event_with(append=THIRD_JUROR + RECUSAL), tmp_path / "three.gelar-journal")
    for group, values in {"berlian": (88, 88, 60), "ceria": (85, 86, 87), "cp-joss": (80, 79, 81), "melati": (75, 76, None)}.items():
        for juror, value in zip(("pemprov", "swasta", "akademisi"), values):
            if value is not None:
                score_sheet(day, group, juror, value)
    yield day
    day.close()


async def test_key_a_opens_the_analysis_and_escape_closes_it(jury_of_three) -> None:
    app = make_app(jury_of_three, "en")
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.press("a")
        assert isinstance(app.screen, AnalysisScreen)
        text = screen_text(app)
        assert "Check before the announcement" in text
        assert "The winner is NOT the same under every method" in text
        assert "Juri Akademisi" in text and "KBK Melati was scored by 2 juror(s) (recusals)." in text
        assert "Krippendorff's alpha (interval):" in text
        await pilot.press("escape")
        assert not isinstance(app.screen, AnalysisScreen)


async def test_the_announcement_asks_first_and_says_why(jury_of_three) -> None:
    app = make_app(jury_of_three, "en")
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("w")
        assert isinstance(app.screen, ConfirmScreen)
        question = str(app.screen.question)  # the question as the moderator reads it
        assert "the winner depends on the method" in question
        assert "1 outlying sheet(s): Juri Akademisi / KBK Berlian" in question
        await pilot.press("escape")
        assert not isinstance(app.screen, WinnerScreen) and jury_of_three.state.awards_shown == 0
        await pilot.press("w", "enter")
        assert isinstance(app.screen, WinnerScreen)


async def test_a_sound_result_is_announced_without_a_question(day) -> None:
    fill(day)  # two jurors agreeing: the same winner under every method, no outlier possible
    app = make_app(day, "en")
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("w")
        assert isinstance(app.screen, WinnerScreen)


async def on_jury_sheet(app, pilot, group: str) -> None:
    await app.push_screen(JuryScreen(group=group))
    await pilot.pause()


async def answer(app, pilot, reason: str) -> None:
    """Type *reason* into the reason dialog and confirm it."""
    app.screen.query_one(Input).value = reason
    await pilot.press("enter")
    await pilot.pause()


async def test_recusal_from_the_jury_sheet_says_the_scores_leave_the_results(jury_of_three) -> None:
    day = jury_of_three
    app = make_app(day, "en")
    async with app.run_test(size=(160, 48), notifications=True) as pilot:
        await on_jury_sheet(app, pilot, "berlian")
        app.screen.query_one("#lockbtn-akademisi").focus()
        await pilot.press("ctrl+r")
        assert isinstance(app.screen, ReasonScreen)
        assert "has already given KBK Berlian 6 score(s): they stay in the journal but leave the results" in app.screen.question
        await answer(app, pilot, "konflik kepentingan")
        assert day.is_recused("berlian", "akademisi")
        assert widget_text(app, "#lock-akademisi") == "RECUSED"
        assert app.screen.query_one("#cell-akademisi-analisis").disabled
        # The lock button now undoes it, with a reason too.
        app.screen.query_one("#lockbtn-akademisi").press()
        await pilot.pause()
        assert isinstance(app.screen, ReasonScreen) and "score KBK Berlian again" in app.screen.question
        await answer(app, pilot, "keliru")
        assert not day.is_recused("berlian", "akademisi")


async def test_a_recusal_of_the_event_file_cannot_be_undone_from_the_console(jury_of_three) -> None:
    day = jury_of_three
    app = make_app(day, "en")
    async with app.run_test(size=(160, 48), notifications=True) as pilot:
        await on_jury_sheet(app, pilot, "melati")
        assert widget_text(app, "#lock-akademisi") == "RECUSED"
        app.screen.query_one("#lockbtn-akademisi").press()
        await pilot.pause()
        assert not isinstance(app.screen, ReasonScreen)
        assert any("declared in the event file" in n.message for n in app._notifications)
        assert day.is_recused("melati", "akademisi")


@pytest.mark.parametrize("lang", ["id", "en"])
@pytest.mark.parametrize("size", list(SIZES))
def test_analysis_screen(snap_compare, jury_of_three, size, lang) -> None:
    async def run_before(pilot) -> None:
        await pilot.press("a")
        await pilot.pause()

    assert snap_compare(make_app(jury_of_three, lang), terminal_size=SIZES[size], run_before=run_before)

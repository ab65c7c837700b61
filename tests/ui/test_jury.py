"""The jury sheet (issue 4), driven key by key from the console's `j`.

Every test reads what the sheet shows (cells, totals, the message line) and
what the journal holds: a value is stored the moment its cell is left, and
only when it is valid.
"""

from __future__ import annotations

import pytest
from textual.widgets import Button, Select

from gelar_tui.ui.screens.jury import JuryScreen
from gelar_tui.ui.screens.reason import ReasonScreen
from gelar_tui.ui.widgets.score_cell import ScoreCell
from tests.support.screens import (
    CRITERIA,
    SIZE,
    event_with,
    make_app,
    open_day,
    record_kinds,
    records_of,
    score_sheet,
    widget_text,
)

def cell(app, juror: str, criterion: str) -> ScoreCell:
    return app.screen.query_one(f"#cell-{juror}-{criterion}", ScoreCell)


def notes(app) -> list[str]:
    return [n.message for n in app._notifications]


# -- opening and moving ---------------------------------------------------------------------


async def test_tab_and_arrows_move_between_cells(day) -> None:
    app = make_app(day, "en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "tab")  # Tab: down the first juror's column ...
        assert app.focused is cell(app, "pemprov", "solusi")
        await pilot.press("tab", "tab", "tab", "tab")
        assert app.focused is cell(app, "pemprov", "kerjasama")
        await pilot.press("tab")  # ... then to that juror's lock button (Enter locks the column) ...
        assert app.focused is app.screen.query_one("#lockbtn-pemprov")
        await pilot.press("tab")  # ... then on to the next juror
        assert app.focused is cell(app, "swasta", "analisis")
        await pilot.press("shift+tab", "shift+tab")
        assert app.focused is cell(app, "pemprov", "kerjasama")
        await pilot.press("up")
        assert app.focused is cell(app, "pemprov", "presentasi")
        await pilot.press("down")
        assert app.focused is cell(app, "pemprov", "kerjasama")
        await pilot.press("8", "5", "left")  # inside the text: the cursor moves, not the focus
        assert app.focused is cell(app, "pemprov", "kerjasama")
        await pilot.press("right", "right")  # at the end: on to the next juror, same criterion
        assert app.focused is cell(app, "swasta", "kerjasama")
        await pilot.press("left")  # an empty cell: its start is its end
        assert app.focused is cell(app, "pemprov", "kerjasama")
        assert records_of(day, "score_set")[-1]["value"] == "85"  # leaving by arrow stores too


# -- typing ---------------------------------------------------------------------------------


@pytest.mark.parametrize("lang, shown", [("id", "85,5"), ("en", "85.5")])
async def test_opens_on_the_current_group_and_journals_a_value_when_its_cell_is_left(day, lang, shown) -> None:
    day.call("berlian")
    app = make_app(day, lang)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j")
        assert isinstance(app.screen, JuryScreen)
        assert app.screen.query_one(Select).value == "berlian"
        assert "KBK Berlian (RSUD Gambiran)" in widget_text(app, "#group-select")
        assert ("Lembar nilai juri" if lang == "id" else "Jury sheet") in widget_text(app, ".topbar")
        text = widget_text(app, "#sheet")
        assert "20  Analisis masalah" in text and "10  Kekompakan tim" in text and "Juri Swasta" in text
        assert app.focused is cell(app, "pemprov", "analisis")
        await pilot.press("8", "5", ",", "5")
        assert records_of(day, "score_set") == []  # not yet: the cell is still being typed in
        await pilot.press("tab")
        assert records_of(day, "score_set") == [
            {"group": "berlian", "juror": "pemprov", "criterion": "analisis", "value": "85.5"}
        ]
        assert day.state.sheets[("berlian", "pemprov")] == {"analisis": 8550}
        assert cell(app, "pemprov", "analisis").value == shown
        await pilot.press("shift+tab", "tab")  # leaving again without a change stores nothing new
        assert len(records_of(day, "score_set")) == 1


INVALID = {
    "abc": {"id": "bukan angka: 'abc'", "en": "not a number: 'abc'"},
    "101": {"id": "101 di luar rentang 0..100", "en": "101 is outside 0..100"},
    "85.555": {"id": "85.555: paling banyak dua angka desimal", "en": "85.555: use at most two decimals"},
}


@pytest.mark.parametrize("lang", ["id", "en"])
async def test_an_invalid_value_is_marked_explained_and_not_stored(day, lang) -> None:
    app = make_app(day, lang)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j")
        target = cell(app, "pemprov", "analisis")
        for typed, explanation in INVALID.items():
            await pilot.press("shift+home", *typed)  # select what is there, type over it
            assert target.value == typed and target.has_class("-refused"), typed
            message = widget_text(app, "#jury-message")
            assert message == ("Tidak disimpan: " if lang == "id" else "Not stored: ") + explanation[lang]
            assert widget_text(app, "#total-pemprov") == "- (0/6)"
        await pilot.press("backspace")  # "85.55" is valid
        assert not target.has_class("-refused") and widget_text(app, "#jury-message") == ""
        await pilot.press("5")
        await pilot.press("tab", "shift+tab")  # leave the cell and come back
        assert "score_set" not in record_kinds(day)
        assert target.value == "85.555"  # still there to be corrected
        await pilot.press("9", "0")  # coming back selected the whole text: typing replaces it
        assert target.value == "90" and widget_text(app, "#jury-message") == ""
        await pilot.press("tab")
        assert records_of(day, "score_set") == [{"group": "ceria", "juror": "pemprov", "criterion": "analisis", "value": "90"}]


async def test_an_invalid_value_stays_marked_after_its_cell_is_left(day) -> None:
    app = make_app(day, "id")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "1", "0", "1", "tab")
        assert cell(app, "pemprov", "analisis").value == "101"
        assert cell(app, "pemprov", "analisis").has_class("-refused")


async def test_the_weighted_total_follows_what_is_typed(day) -> None:
    score_sheet(day, "ceria", "pemprov", {c: 80 for c in CRITERIA[:-1]}, lock=False)
    app = make_app(day, "en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j")
        assert widget_text(app, "#total-pemprov") == "- (5/6)"
        await pilot.press(*["down"] * 5, "9", "0")
        assert app.focused is cell(app, "pemprov", "kerjasama")
        # (20+20+20+20+10)·80 + 10·90 over 100: shown before the cell is left and stored
        assert widget_text(app, "#total-pemprov") == "81.00"
        assert len(records_of(day, "score_set")) == 5
        await pilot.press("backspace")  # "9" alone is a valid score too
        assert widget_text(app, "#total-pemprov") == "72.90"
        await pilot.press("escape")  # leaving the sheet stores the cell being typed in
        assert records_of(day, "score_set")[-1] == {"group": "ceria", "juror": "pemprov", "criterion": "kerjasama", "value": "9"}


# -- locking --------------------------------------------------------------------------------


async def test_ctrl_s_locks_a_complete_column(day) -> None:
    score_sheet(day, "ceria", "pemprov", {c: 80 for c in CRITERIA[:-1]}, lock=False)
    app = make_app(day, "id")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", *["down"] * 5, "7", "5", "ctrl+s")
        assert records_of(day, "sheet_locked") == [{"group": "ceria", "juror": "pemprov"}]
        assert records_of(day, "score_set")[-1]["value"] == "75"  # the cell being typed in is stored first
        assert all(cell(app, "pemprov", c).disabled for c in CRITERIA)
        assert not cell(app, "swasta", "analisis").disabled
        assert "TERKUNCI" in widget_text(app, "#lock-pemprov")
        assert any("dikunci" in n for n in notes(app))


async def test_ctrl_s_refuses_an_incomplete_column(day) -> None:
    app = make_app(day, "en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "8", "0", "ctrl+s")
        assert "sheet_locked" not in record_kinds(day)
        assert any(n.startswith("This sheet still lacks: Solusi") and "Inovasi" in n for n in notes(app))
        assert not cell(app, "pemprov", "analisis").disabled
        assert "TERKUNCI" not in widget_text(app, "#lock-pemprov")


async def test_a_locked_column_cannot_be_changed(day) -> None:
    score_sheet(day, "ceria", "pemprov", 80)
    app = make_app(day, "id")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j")
        locked = cell(app, "pemprov", "analisis")
        assert locked.disabled and app.focused is not locked
        assert "TERKUNCI (diserahkan)" in widget_text(app, "#lock-pemprov")
        locked.focus()
        await pilot.press("5", "tab")
        assert locked.value == "80"
        assert len(records_of(day, "score_set")) == 6
        await pilot.click("#cell-pemprov-solusi")
        await pilot.press("1")
        assert cell(app, "pemprov", "solusi").value == "80"
        assert len(records_of(day, "score_set")) == 6


async def test_ctrl_u_after_locking_asks_for_a_reason(day) -> None:
    score_sheet(day, "ceria", "pemprov", 80)
    app = make_app(day, "id")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "ctrl+u")
        assert isinstance(app.screen, ReasonScreen)


async def test_unlocking_asks_for_a_reason_that_goes_into_the_journal(day) -> None:
    score_sheet(day, "ceria", "pemprov", 80)
    app = make_app(day, "id")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j")
        await pilot.click("#lockbtn-pemprov")
        assert isinstance(app.screen, ReasonScreen)
        await pilot.press(*"oops", "escape")  # Escape: nothing happens
        assert isinstance(app.screen, JuryScreen) and "sheet_unlocked" not in record_kinds(day)
        assert cell(app, "pemprov", "analisis").disabled
        await pilot.click("#lockbtn-pemprov")
        await pilot.press("enter")  # an empty reason is refused
        assert isinstance(app.screen, ReasonScreen)
        assert any("Sebutkan alasan" in n for n in notes(app))
        await pilot.press(*"salah ketik", "enter")
        assert isinstance(app.screen, JuryScreen)
        assert records_of(day, "sheet_unlocked") == [{"group": "ceria", "juror": "pemprov", "reason": "salah ketik"}]
        assert not cell(app, "pemprov", "analisis").disabled
        assert app.screen.query_one("#lockbtn-pemprov", Button).label.plain.startswith("Kunci")


# -- groups and other writers ----------------------------------------------------------------


async def test_pagedown_and_the_group_list_show_that_groups_values(day) -> None:
    score_sheet(day, "melati", "swasta", 60, lock=False)
    score_sheet(day, "berlian", "pemprov", 70)
    app = make_app(day, "id")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "8", "8", "pagedown")
        assert records_of(day, "score_set")[-1] == {"group": "ceria", "juror": "pemprov", "criterion": "analisis", "value": "88"}
        assert app.screen.query_one(Select).value == "melati"
        assert cell(app, "swasta", "inovasi").value == "60"
        assert cell(app, "pemprov", "analisis").value == ""
        assert widget_text(app, "#total-swasta") == "60,00"
        await pilot.press("pageup")
        assert cell(app, "pemprov", "analisis").value == "88"
        # the list: shift+tab twice reaches it, Enter opens it, down twice, Enter chooses
        app.screen.query_one(Select).focus()
        await pilot.press("enter", "down", "down", "enter")
        assert app.screen.group == "berlian"
        assert cell(app, "pemprov", "analisis").value == "70" and cell(app, "pemprov", "analisis").disabled
        assert "TERKUNCI" in widget_text(app, "#lock-pemprov")


async def test_another_writer_shows_up_without_touching_the_cell_being_typed_in(day) -> None:
    app = make_app(day, "id")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "7")
        other = open_day(day.event, day.journal.path, origin="station")
        try:
            other.set_score("ceria", "pemprov", "analisis", "50")
            other.set_score("ceria", "pemprov", "solusi", "66,5")
            score_sheet(other, "ceria", "swasta", 55)
        finally:
            other.close()
        await pilot.pause(0.6)
        assert cell(app, "pemprov", "solusi").value == "66,5"
        assert cell(app, "swasta", "kerjasama").value == "55"
        assert cell(app, "swasta", "analisis").disabled and "TERKUNCI" in widget_text(app, "#lock-swasta")
        assert widget_text(app, "#total-swasta") == "55,00"
        assert app.focused is cell(app, "pemprov", "analisis") and cell(app, "pemprov", "analisis").value == "7"
        await pilot.press("tab")
        assert day.state.sheets[("ceria", "pemprov")]["analisis"] == 700


# -- jury stations -----------------------------------------------------------------------------


async def test_a_blind_station_shows_only_its_own_column(tmp_path, clock) -> None:
    event = event_with(("reveal = \"live\"", "reveal = \"live\"\nblind = true"))
    day = open_day(event, tmp_path / "blind.gelar-journal", clock)
    score_sheet(day, "ceria", "swasta", 55, lock=False)
    app = make_app(day, "en")
    async with app.run_test(size=SIZE) as pilot:
        await app.push_screen(JuryScreen(juror="pemprov"))
        await pilot.pause()
        text = widget_text(app, "#sheet")
        assert "Juri Pemprov" in text and "Juri Swasta" not in text and "55" not in text
        assert not app.screen.query("#cell-swasta-analisis")
        assert app.focused is cell(app, "pemprov", "analisis")
        await pilot.press("8", "0", "tab")
        assert records_of(day, "score_set")[-1]["juror"] == "pemprov"
    day.close()


async def test_a_station_without_blind_sees_both_columns_but_edits_only_its_own(day) -> None:
    score_sheet(day, "ceria", "swasta", 55, lock=False)
    app = make_app(day, "id")
    async with app.run_test(size=SIZE) as pilot:
        await app.push_screen(JuryScreen(juror="pemprov"))
        await pilot.pause()
        text = widget_text(app, "#sheet")
        assert "Juri Swasta" in text and cell(app, "swasta", "analisis").value == "55"
        assert all(cell(app, "swasta", c).disabled for c in CRITERIA)
        assert not any(cell(app, "pemprov", c).disabled for c in CRITERIA)
        assert app.screen.query_one("#lockbtn-swasta", Button).disabled
        await pilot.press("right")  # the other juror's column cannot take the focus
        assert app.focused is cell(app, "pemprov", "analisis")

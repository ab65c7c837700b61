"""The live scoreboard (issue 4): the ranking as it stands, progress, ties, hiding and revealing.

Scores reach it the way they do on the day: from another connection to the
journal (a jury station, `gelar scores import`), picked up by the app's poll,
and in one test from a separate process.
"""

from __future__ import annotations

import asyncio
import random
import sys
import textwrap

import pytest

from gelar_tui.day.facade import ScoreRow
from gelar_tui.ui.screens.confirm import ConfirmScreen
from gelar_tui.ui.screens.scoreboard import ScoreboardScreen
from tests.support.console import settled
from tests.support.screens import (
    SIZE,
    WIDE,
    big_event,
    event_with,
    fill,
    make_app,
    open_day,
    records_of,
    score_sheet,
    screen_text,
    table_rows,
    tie_day,
    widget_text,
)

RANK, GROUP, AGENCY, PEMPROV, SWASTA, PENALTY, SCORE, BAR, NOTE = range(9)


def bar_length(bar: str) -> int:
    return len(bar.rstrip())


def notes(app) -> list[str]:
    return [n.message for n in app._notifications]


def other_connection(day, origin: str = "station"):
    return open_day(day.event, day.journal.path, day.clock, origin=origin)


@pytest.mark.parametrize("lang", ["id"])
async def test_rows_in_rank_order_with_totals_penalty_final_and_bar(tmp_path, clock, lang) -> None:
    event = event_with(("penalty_per_minute = 0", "penalty_per_minute = 1"))
    day = open_day(event, tmp_path / "day.gelar-journal", clock)
    day.start()
    clock.advance(31 * 60 + 15)  # ceria runs 1:15 over: two started minutes, two points off
    day.next_group()
    for _ in range(3):  # the others present within their time: with every group through, the results can be final
        day.start()
        clock.advance(60)
        day.next_group()
    for group, (a, b) in {"ceria": (86, 84), "melati": (76, 74), "berlian": (92, 88), "cp-joss": (80, 80)}.items():
        score_sheet(day, group, "pemprov", a)
        score_sheet(day, group, "swasta", b)
    app = make_app(day, lang)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("s")
        assert isinstance(app.screen, ScoreboardScreen)
        rows = table_rows(app, "#ranking")
        n = (lambda s: s.replace(".", ",")) if lang == "id" else (lambda s: s)
        assert [r[:BAR] for r in rows] == [
            ["1", "KBK Berlian", "RSUD Gambiran", n("92.00"), n("88.00"), "-", n("90.00")],
            ["2", "KBK Ceria", "Dispenda", n("84.00"), n("82.00"), n("2.00"), n("83.00")],
            ["3", "KBK CP JOSS", "Puskesmas Campurejo", n("80.00"), n("80.00"), "-", n("80.00")],
            ["4", "KBK Melati", "Satpol PP", n("76.00"), n("74.00"), "-", n("75.00")],
        ]
        bars = [bar_length(r[BAR]) for r in rows]
        assert bars[0] > bars[1] > bars[2] > bars[3] > 0
        assert bars[0] / bars[3] == pytest.approx(90 / 75, rel=0.05)  # drawn in proportion (on 0..100)
        shown = widget_text(app, "#ranking").split("\n")
        order = [next(i for i, line in enumerate(shown) if name in line) for name in ("Berlian", "Ceria", "CP JOSS", "Melati")]
        assert order == sorted(order)
        assert "Juri Pemprov Jawa Timur" in shown[0] and ("Penalti" if lang == "id" else "Penalty") in shown[0]
        assert "█" * 20 in shown[order[0]]
        status = widget_text(app, "#board-status")
        assert status.startswith("Final") and ("Metode: rata-rata" if lang == "id" else "Method: mean") in status
    day.close()


async def test_provisional_until_every_sheet_is_in_and_locked(day) -> None:
    fill(day, {"ceria": 85, "melati": 75, "berlian": 90})
    score_sheet(day, "cp-joss", "pemprov", 80)
    score_sheet(day, "cp-joss", "swasta", {"analisis": 80, "solusi": 80}, lock=False)
    app = make_app(day, "id")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s")
        status = widget_text(app, "#board-status")
        assert status.startswith("SEMENTARA: 44 dari 48 nilai masuk, 7 dari 8 lembar terkunci.")
        cp_joss = table_rows(app, "#ranking")[2]
        assert cp_joss[GROUP] == "KBK CP JOSS" and cp_joss[SWASTA] == "-"  # no total yet
        assert cp_joss[SCORE] == "80,00"  # the mean of the totals there are
        other = other_connection(day)
        score_sheet(other, "cp-joss", "swasta", {"inovasi": 70, "manfaat": 70, "presentasi": 70, "kerjasama": 70}, lock=False)
        await pilot.pause(0.6)
        assert widget_text(app, "#board-status").startswith("SEMENTARA: 48 dari 48 nilai masuk, 7 dari 8")
        assert table_rows(app, "#ranking")[2][GROUP:SCORE + 1] == ["KBK CP JOSS", "Puskesmas Campurejo", "80,00", "74,00", "-", "77,00"]
        other.lock_sheet("cp-joss", "swasta")
        other.close()
        await pilot.pause(0.6)
        status = widget_text(app, "#board-status")
        assert status.startswith("Final: semua nilai sudah masuk") and "SEMENTARA" not in status


@pytest.mark.parametrize("lang", ["en"])
async def test_a_tie_decided_by_a_tie_break_names_it(day, lang) -> None:
    tie_day(day, decided=True)
    app = make_app(day, lang)
    async with app.run_test(size=WIDE) as pilot:  # the note is the last column to find room
        await pilot.press("s")
        rows = table_rows(app, "#ranking")
        assert [(r[RANK], r[GROUP]) for r in rows] == [("1", "KBK Berlian"), ("2", "KBK Ceria"), ("3", "KBK Melati"), ("4", "KBK CP JOSS")]
        assert rows[1][SCORE] == rows[2][SCORE]
        assert rows[2][NOTE] == ("seri, ditentukan oleh Inovasi" if lang == "id" else "tie decided by Inovasi")
        assert rows[1][NOTE] == rows[0][NOTE] == rows[3][NOTE] == ""


@pytest.mark.parametrize("lang", ["id"])
async def test_a_tie_that_stays_is_a_shared_rank(day, lang) -> None:
    tie_day(day, decided=False)
    app = make_app(day, lang)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s")
        rows = table_rows(app, "#ranking")
        assert [r[RANK] for r in rows] == ["1", "2=", "2=", "4"]
        assert {rows[1][GROUP], rows[2][GROUP]} == {"KBK Ceria", "KBK Melati"}
        assert rows[1][NOTE] == rows[2][NOTE] == ("seri" if lang == "id" else "tied")
        assert bar_length(rows[1][BAR]) == bar_length(rows[2][BAR])
        shown = widget_text(app, "#ranking").split("\n")
        assert [line.split()[0] for line in shown[1:5]] == ["1", "2=", "2=", "4"]


async def test_the_whole_ranking_fits_a_160_column_projector(day) -> None:
    tie_day(day, decided=True)
    app = make_app(day, "en")
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("s")
        assert "tie decided by Inovasi" in screen_text(app)


async def test_the_progress_matrix_shows_each_sheets_state(day) -> None:
    score_sheet(day, "ceria", "pemprov", 80)  # locked
    score_sheet(day, "ceria", "swasta", 80, lock=False)  # complete, not locked
    score_sheet(day, "melati", "pemprov", {"analisis": 70, "solusi": 71, "inovasi": 72}, lock=False)  # partly
    app = make_app(day, "en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s")
        assert table_rows(app, "#progress") == [
            ["KBK Ceria", "✓", "○"],
            ["KBK Melati", "◐ 3/6", "·"],
            ["KBK Berlian", "·", "·"],
            ["KBK CP JOSS", "·", "·"],
        ]
        title = widget_text(app, "#progress-title")
        assert title.startswith("Sheets locked: 1 of 8") and "○ complete, not locked" in title
        assert "◐ 3/6" in widget_text(app, "#progress")
        other = other_connection(day)
        other.lock_sheet("ceria", "swasta")
        other.close()
        await pilot.pause(0.6)
        assert table_rows(app, "#progress")[0] == ["KBK Ceria", "✓", "✓"]
        assert widget_text(app, "#progress-title").startswith("Sheets locked: 2 of 8")


@pytest.mark.parametrize("lang", ["en"])  # the Indonesian hidden board is a snapshot
async def test_reveal_at_the_end_hides_scores_until_v_and_enter(tmp_path, clock, lang) -> None:
    event = event_with(('reveal = "live"', 'reveal = "end"'))
    day = open_day(event, tmp_path / "end.gelar-journal", clock)
    fill(day)
    app = make_app(day, lang)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s")
        text = screen_text(app)
        assert ("Nilai disembunyikan" if lang == "id" else "Scores are hidden") in text
        assert "90,00" not in text and "90.00" not in text and "KBK Berlian" not in text
        assert widget_text(app, "#progress-title") == ("Semua 8 lembar terkunci ✓" if lang == "id" else "All 8 sheets locked ✓")
        assert not app.screen.query_one("#ranking").display
        await pilot.press("v")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("escape")  # not yet
        assert not app.screen.query_one("#ranking").display and records_of(day, "results_revealed") == []
        await pilot.press("v", "enter")
        assert isinstance(app.screen, ScoreboardScreen)
        assert records_of(day, "results_revealed") == [{"revealed": True}]
        assert await settled(pilot, lambda: app.screen.query_one("#ranking").display)  # redraws are folded: wait for it
        assert ("90,00" if lang == "id" else "90.00") in widget_text(app, "#ranking")
        await pilot.press("v", "enter")  # v again hides
        assert records_of(day, "results_revealed")[-1] == {"revealed": False}
        assert await settled(pilot, lambda: not app.screen.query_one("#ranking").display)
        assert "90,00" not in screen_text(app) and "90.00" not in screen_text(app)
    day.close()


async def test_v_on_a_live_scoreboard_only_explains(day) -> None:
    fill(day)
    app = make_app(day, "en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s", "v")
        assert isinstance(app.screen, ScoreboardScreen)
        assert any("shows scores live" in n for n in notes(app))
        assert records_of(day, "results_revealed") == []


# -- size -------------------------------------------------------------------------------------


def big_day(tmp_path, clock, jurors: int = 15):
    event = big_event(200, jurors)
    day = open_day(event, tmp_path / "big.gelar-journal", clock)
    rng = random.Random(4)
    rows = [
        ScoreRow(g, j, c, f"{rng.randint(5000, 9999) / 100}")
        for g in event.group_ids
        for j in event.juror_ids
        for c in event.criterion_ids
        if not (g == "g200" and j == event.juror_ids[-1] and c == "kerjasama")  # one missing: provisional
    ]
    day.import_scores(rows)
    return day


async def test_two_hundred_groups_and_fifteen_jurors_render_and_scroll(tmp_path, clock) -> None:
    day = big_day(tmp_path, clock)
    app = make_app(day, "en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s")
        ranking = table_rows(app, "#ranking")
        # 110 columns: no room for fifteen juror totals; rank, name, agency, final score and bar
        assert len(ranking) == 200 and len(ranking[0]) == 5
        assert ranking[0][RANK] == "1" and ranking[-1][RANK] == "200"
        assert len(table_rows(app, "#progress")) == 200
        assert widget_text(app, "#board-status").startswith("PROVISIONAL: 17999 of 18000 scores in, 2999 of 3000")
        top = ranking[0][GROUP]
        assert top in screen_text(app)
        table = app.screen.query_one("#ranking")
        table.focus()
        await pilot.press("pagedown", "pagedown")
        assert table.scroll_y > 0 and top not in screen_text(app)
        other = other_connection(day)
        other.set_score("g200", "j15", "kerjasama", "50")  # a refresh of the whole board
        other.close()
        await pilot.pause(0.6)
        assert widget_text(app, "#board-status").startswith("PROVISIONAL: 18000 of 18000 scores in")
    day.close()


async def test_with_two_hundred_groups_the_last_one_and_the_progress_can_be_reached(tmp_path, clock) -> None:
    day = big_day(tmp_path, clock, jurors=2)
    app = make_app(day, "en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s")
        last = table_rows(app, "#ranking")[-1][GROUP]
        app.screen.query_one("#ranking").scroll_end(animate=False)
        await pilot.pause()
        text = screen_text(app)
        assert f" 200   {last}" in text
        assert "Sheets locked:" in text
    day.close()


# -- another process --------------------------------------------------------------------------

WRITER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from gelar_tui.day.facade import Day
    from gelar_tui.event.eventfile import bundled_event_path, load_event

    day = Day.open(load_event(bundled_event_path()), Path(sys.argv[1]), origin="station")
    for juror, value in (("pemprov", "91"), ("swasta", "89,5")):
        for criterion in day.event.criterion_ids:
            day.set_score("melati", juror, criterion, value)
        day.lock_sheet("melati", juror)
    day.close()
    """
)


async def test_scores_written_by_another_process_show_within_half_a_second(day) -> None:
    fill(day, {"ceria": 85})
    app = make_app(day, "id")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s")
        assert table_rows(app, "#ranking")[0][GROUP] == "KBK Ceria"
        process = await asyncio.create_subprocess_exec(sys.executable, "-c", WRITER, str(day.journal.path))
        assert await process.wait() == 0

        def shown() -> bool:
            rows = table_rows(app, "#ranking")
            return rows[0][:SCORE + 1] == ["1", "KBK Melati", "Satpol PP", "91,00", "89,50", "-", "90,25"]

        for _ in range(10):
            if shown():
                break
            await pilot.pause(0.05)
        assert shown()
        assert "KBK Melati" in widget_text(app, "#ranking").split("\n")[1]
        assert table_rows(app, "#progress")[1] == ["KBK Melati", "✓", "✓"]
        assert widget_text(app, "#progress-title").startswith("Lembar terkunci: 4 dari 8")

"""The scoreboard one category at a time (issue 21): the key that cycles the categories and the
overall ranking, the audience display following the choice, finalists and the tie at the cut,
finality per category, and an event without categories left as it was."""

from __future__ import annotations

import pytest

from gelar_tui.day.facade import Day
from gelar_tui.journal.clock import FakeClock
from gelar_tui.ui.screens.scoreboard import ScoreboardScreen
from tests.scoring.test_categories import category_event
from tests.support.console import settled
from tests.support.hall import make_display
from tests.support.screens import SIZE, WIDE, make_app, open_day, records_of, screen_text, table_rows, widget_text

OPD = {"g1": ("95", "95"), "g3": ("85", "70"), "g5": ("80", "80"), "g7": ("50", "50")}
"""g3 and g5 share the total 80 at the cut of two; g5's better Kriteria B puts it in."""
KOTA = {"g2": ("85", "85"), "g4": ("75", "75"), "g6": ("65", "65"), "g8": ("55", "55")}


def category_day(tmp_path, *, scoring: str = "overall = true\nfinalists = 2", lock: bool = True, score_kota: bool = True, **names) -> Day:
    event = category_event(scoring=scoring, **names)
    day = Day.open(event, tmp_path / "cat.gelar-journal", clock=FakeClock())
    for group, (a, b) in {**OPD, **(KOTA if score_kota else {})}.items():
        for juror in ("j1", "j2", "j3"):
            day.set_score(group, juror, "a", a)
            day.set_score(group, juror, "b", b)
            if lock:
                day.lock_sheet(group, juror)
    return day


def groups_shown(app) -> list[str]:
    return [row[1] for row in table_rows(app, "#ranking")]


def heading(app) -> str:
    return widget_text(app, "#board-category")


async def test_c_cycles_the_categories_then_the_overall_ranking_and_journals_each(tmp_path) -> None:
    day = category_day(tmp_path)
    app = make_app(day, "en")
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("s")
        assert isinstance(app.screen, ScoreboardScreen)
        assert heading(app).startswith("Perangkat Daerah") and "1 of 3" in heading(app)
        assert groups_shown(app) == ["KBK g1", "KBK g5", "KBK g3", "KBK g7"]
        assert [r[0] for r in table_rows(app, "#ranking")] == ["1", "2", "3", "4"]
        assert "c Category" in screen_text(app).split("\n")[-1]
        await pilot.press("c")
        assert heading(app).startswith("Kabupaten/Kota") and "2 of 3" in heading(app)
        assert groups_shown(app) == ["KBK g2", "KBK g4", "KBK g6", "KBK g8"]
        await pilot.press("c")
        assert heading(app).startswith("Overall results") and "3 of 3" in heading(app)
        assert groups_shown(app) == ["KBK g1", "KBK g2", "KBK g5", "KBK g3", "KBK g4", "KBK g6", "KBK g8", "KBK g7"]
        await pilot.press("c")
        assert heading(app).startswith("Perangkat Daerah")
    assert records_of(day, "board_category") == [{"category": "kota"}, {"category": "*"}, {"category": "opd"}]
    day.close()


async def test_a_category_shows_its_own_awards_finalists_and_the_tie_at_the_cut(tmp_path) -> None:
    day = category_day(tmp_path, kota="awards = { winners = 1, honourable_mentions = 0 }")
    app = make_app(day, "en")
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("s")
        finalists = widget_text(app, "#board-finalists")
        assert "Going on (top 2): KBK g1, KBK g5" in finalists
        assert "Tied at the cut (top 2): KBK g5, KBK g3; decided by Kriteria B" in finalists
        note = {r[1]: r[-1] for r in table_rows(app, "#ranking")}
        assert note["KBK g3"] == "tie decided by Kriteria B"
        await pilot.press("c")
        finalists = widget_text(app, "#board-finalists")
        assert "Going on (top 2): KBK g2, KBK g4" in finalists and "Tied" not in finalists
        await pilot.press("c")  # the overall ranking has no cut
        assert not app.screen.query_one("#board-finalists").display
    day.close()


async def test_finality_holds_per_category(tmp_path) -> None:
    day = category_day(tmp_path, score_kota=False)  # kota has no score yet
    app = make_app(day, "en")
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("s")
        assert widget_text(app, "#board-status").startswith("Final")
        await pilot.press("c")
        assert widget_text(app, "#board-status").startswith("PROVISIONAL: 0 of 24 scores in")
        await pilot.press("c")
        assert widget_text(app, "#board-status").startswith("PROVISIONAL: 24 of 48 scores in")
    day.close()


async def test_the_audience_display_follows_the_consoles_choice(tmp_path) -> None:
    day = category_day(tmp_path)
    day.show_on_display("scoreboard")
    display = make_display(day)
    async with display.run_test(size=SIZE) as pilot:
        assert await settled(pilot, lambda: heading(display).startswith("Perangkat Daerah"))
        assert groups_shown(display) == ["KBK g1", "KBK g5", "KBK g3", "KBK g7"]
        console = open_day(day.event, day.journal.path, day.clock, origin="console")
        console.show_category("kota")
        assert await settled(pilot, lambda: heading(display).startswith("Kabupaten/Kota"))
        assert groups_shown(display) == ["KBK g2", "KBK g4", "KBK g6", "KBK g8"]
        console.show_category("*")
        assert await settled(pilot, lambda: heading(display).startswith("Overall results"))
        assert len(groups_shown(display)) == 8
        console.close()
    day.close()


@pytest.mark.parametrize("name", ["[bold]Kat[/bold]", "[@click=app.quit]x[/]", "K" * 300])
async def test_hostile_category_and_group_names_show_as_text(tmp_path, name) -> None:
    from dataclasses import replace

    day = category_day(tmp_path, scoring="overall = true")
    categories = (replace(day.event.categories[0], name=name), day.event.categories[1])
    groups = tuple(replace(g, name=name + g.id) if g.id == "g1" else g for g in day.event.groups)
    day.event = replace(day.event, categories=categories, groups=groups)
    app = make_app(day, "en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s")
        assert heading(app).replace("\n", "").startswith(name[:40])
        assert groups_shown(app)[0].startswith(name[:10])
        await pilot.press("c")
        assert heading(app).startswith("Kabupaten/Kota")
        assert app.is_running
    day.close()


async def test_an_event_without_categories_has_no_key_and_no_heading(day) -> None:
    from tests.support.screens import fill

    fill(day)
    app = make_app(day, "en")
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("s")
        assert not app.screen.query_one("#board-category").display
        assert not app.screen.query_one("#board-finalists").display
        assert "Category" not in screen_text(app)
        await pilot.press("c")
        assert len(groups_shown(app)) == 4
    assert records_of(day, "board_category") == []


def big_category_day(tmp_path, opd: int = 20, kota: int = 6) -> Day:
    """*opd* groups in Perangkat Daerah and *kota* in Kabupaten/Kota, three jurors, every sheet scored and locked."""
    from gelar_tui.event.eventfile import parse_event

    text = (
        '[event]\ntitle = "Uji Provinsi"\norganizer = "Panitia"\nvenue = "Balai"\ndate = 2026-08-16\n\n'
        '[timing]\nslot = "2m"\nalerts = ["1m"]\n\n[scoring]\nmethod = "mean"\ntie_break = ["b"]\nfinalists = 5\n\n'
        '[awards]\nwinners = 3\nhonourable_mentions = 3\n\n'
        '[[criteria]]\nid = "a"\nname = "Kriteria A"\nweight = 1\n\n[[criteria]]\nid = "b"\nname = "Kriteria B"\nweight = 1\n\n'
        '[[categories]]\nid = "opd"\nname = "Perangkat Daerah"\n\n[[categories]]\nid = "kota"\nname = "Kabupaten/Kota"\n\n'
    )
    text += "".join(f'[[jurors]]\nid = "j{i}"\nname = "Juri {i}"\n\n' for i in range(1, 4))
    groups = [(f"o{i:02}", "opd") for i in range(1, opd + 1)] + [(f"k{i:02}", "kota") for i in range(1, kota + 1)]
    text += "".join(f'[[groups]]\nid = "{g}"\nname = "KBK {g}"\nagency = "Dinas {g}"\ncategory = "{c}"\n\n' for g, c in groups)
    day = Day.open(parse_event(text), tmp_path / "big.gelar-journal", clock=FakeClock())
    for index, (group, _) in enumerate(groups):
        for juror in ("j1", "j2", "j3"):
            day.set_score(group, juror, "a", str(95 - index))
            day.set_score(group, juror, "b", str(90 - index))
            day.lock_sheet(group, juror)
    return day


@pytest.mark.parametrize("size", [(80, 24), (160, 48)])
async def test_a_category_of_twenty_pages_on_the_display(tmp_path, size) -> None:
    day = big_category_day(tmp_path)
    day.show_on_display("scoreboard")
    display = make_display(day)
    async with display.run_test(size=size) as pilot:
        board = display.screen.query_one("#scoreboard-view")
        assert await settled(pilot, lambda: heading(display).startswith("Perangkat Daerah"))
        seen: list[str] = []
        if size == (160, 48):  # twenty rows fit: one page
            assert board.pages == 1 and "page" not in widget_text(display, "#board-status")
            seen = groups_shown(display)
        else:
            assert board.pages > 1
            for page in range(1, board.pages + 1):
                assert f"page {page} of {board.pages}" in widget_text(display, "#board-status")
                seen += groups_shown(display)
                board.next_page()
                await pilot.pause()
            assert board.page == 0  # round again
            board.next_page()
            await pilot.pause()
        assert seen == [f"KBK o{i:02}" for i in range(1, 21)]  # every group of the category once, in rank order
        assert max(len(line) for line in screen_text(display).split("\n")) <= size[0]
        console = open_day(day.event, day.journal.path, day.clock, origin="console")
        console.show_category("kota")
        console.close()
        assert await settled(pilot, lambda: heading(display).startswith("Kabupaten/Kota"))
        assert board.page == 0 and board.pages == 1  # another category starts on its first page
        assert groups_shown(display) == [f"KBK k{i:02}" for i in range(1, 7)]
    day.close()


async def test_keys_in_one_burst_each_move_one_category(tmp_path) -> None:
    day = category_day(tmp_path)
    app = make_app(day, "en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s", *"ccccc")
        assert await settled(pilot, lambda: heading(app).startswith("Overall results"))  # five on from opd: kota, *, opd, kota, *
    assert [r["category"] for r in records_of(day, "board_category")] == ["kota", "*", "opd", "kota", "*"]
    day.close()


async def test_hidden_results_hide_the_finalists_too(tmp_path) -> None:
    day = category_day(tmp_path, scoring='overall = true\nfinalists = 2\nreveal = "end"')
    app = make_app(day, "en")
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("s")
        assert heading(app).startswith("Perangkat Daerah")
        assert app.screen.query_one("#hidden-note").display
        assert not app.screen.query_one("#board-finalists").display and "Going on" not in screen_text(app)
    day.close()


async def test_a_display_started_late_shows_the_chosen_category_at_once(tmp_path) -> None:
    day = category_day(tmp_path)
    day.show_on_display("scoreboard")
    day.show_category("kota")
    display = make_display(day)
    async with display.run_test(size=SIZE) as pilot:
        assert await settled(pilot, lambda: display.screen.query_one("#board-category").display)
        assert heading(display).startswith("Kabupaten/Kota")
        assert groups_shown(display) == ["KBK g2", "KBK g4", "KBK g6", "KBK g8"]
    day.close()

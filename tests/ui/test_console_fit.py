"""Long names at 80×24 (issue 17 items 13 and 17): the analysis shows every method's column, the
running order wraps a long name under its first character, and the sound's notice leaves the
event's title its place on the top line."""

from __future__ import annotations

from tests.support.console import make_app, screen_lines, screen_text, settled, widget_text
from gelar_tui.ui.widgets.table_view import Column, fit_within
from tests.support.hall import long_names_day

SMALL = (80, 24)



def test_columns_give_way_to_the_width_the_widest_first() -> None:
    rows = [["1", "KBK Gesit Melayani Sepenuh Hati Tanpa Pungutan Liar", "KBK Jujur", "n/a"]]
    columns = fit_within([Column("Place", 0), Column("Mean *", 0), Column("Median", 0), Column("Trimmed", 0)], rows, 60)
    assert sum(c.width for c in columns) + 2 * 3 <= 60
    assert [c.width for c in columns][0] == 5 and columns[2].width >= len("Median") and columns[3].width == len("Trimmed")
    assert fit_within([Column("A", 0)], [["short"]], 80)[0].width == 5  # room enough: nothing cut


async def test_the_analysis_reads_at_80x24_with_long_names(tmp_path, clock) -> None:
    day = long_names_day(tmp_path / "long.gelar-journal", clock)
    app = make_app(day, "en")
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("a")
        assert await settled(pilot, lambda: "Methods side by side" in screen_text(app))
        lines = screen_lines(app)
        head = next(line for line in lines if line.lstrip().startswith("Place"))
        assert all(title in head for title in ("Mean *", "Median", "Trimmed", "Rank")), head
        first = next(line for line in lines if line.lstrip().startswith("1 "))
        assert first.count("KBK Gesit") == 4 and "…" in first  # every method's winner, cut to fit
        assert all(len(line) <= 80 for line in lines)


async def test_a_long_name_wraps_under_its_first_character_in_the_running_order(tmp_path, clock) -> None:
    day = long_names_day(tmp_path / "long.gelar-journal", clock)
    app = make_app(day, "en")
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        rows = widget_text(app, "#order").split("\n")
        name = day.event.group(day.event.group_ids[0]).name
        start = next(i for i, row in enumerate(rows) if "1. KBK Gesit" in row)
        indent = rows[start].index("KBK Gesit")
        follow = rows[start + 1]
        assert follow[:indent].strip() == "" and follow[indent] != " ", rows[start : start + 3]
        assert " ".join(" ".join(rows[start : start + 3]).split()).find(name.split()[0]) >= 0


async def test_the_sound_notice_leaves_the_title_its_place(tmp_path, clock) -> None:
    day = long_names_day(tmp_path / "long.gelar-journal", clock)
    app = make_app(day, "en")
    async with app.run_test(size=SMALL) as pilot:
        app.show_sound_notice("No sound player found: install sox or pulseaudio-utils, or set [sound] player")
        await pilot.pause()
        top = screen_lines(app)[0]
        assert top.lstrip().startswith("Gelar Budaya Kerja Tingkat Provinsi Jawa Timur 2016"), top  # whole
    app = make_app(day, "en")
    async with app.run_test(size=(160, 48)) as pilot:
        app.show_sound_notice("No sound player found: install sox")
        await pilot.pause()
        top = screen_lines(app)[0]
        assert "Gelar Budaya Kerja Tingkat Provinsi Jawa Timur 2016" in top and "No sound player found" in top, top
        assert "install sox  " in top  # never glued to the time of day


async def test_a_dialogs_question_keeps_every_word_at_80x24(day) -> None:
    """The question of a dialog wraps within the dialog: at 80 columns the dialog is 72 wide and
    its question (at most 70 where there is room) was cut at each line's end ("sheet" for
    "sheets", "The hall nothing of it")."""
    from gelar_tui.ui.screens.confirm import ConfirmScreen
    from gelar_tui.ui.screens.reason import ReasonScreen

    question = (
        "The results are still provisional (0 of 16 scores in, 0 of 4 sheets locked; a slot is still open "
        "(Group 1); still to present or be withdrawn: Group 2). Open a preview of the announcement? The hall sees nothing of it."
    )
    for kind in (ConfirmScreen, ReasonScreen):
        for size in (SMALL, (60, 20), (160, 48)):
            app = make_app(day, "en")
            async with app.run_test(size=size) as pilot:
                app.push_screen(kind(question))
                assert await settled(pilot, lambda: isinstance(app.screen, kind) and app.screen.query(".question"))
                await pilot.pause()
                shown = app.screen.query_one(".question")
                frame = app.screen.query_one(".dialog")
                lines = ["".join(segment.text for segment in line) for line in shown.render_lines(shown.region.reset_offset)]
                assert " ".join(" ".join(lines).split()) == question  # the widget wraps every word in
                assert shown.region.right <= frame.content_region.right, (kind.__name__, size)  # and the dialog shows it whole
                assert shown.region.width <= 70

"""The scoreboard on a projector at any size (issue 8), with long names, agencies and titled jurors."""

from __future__ import annotations

import pytest

from gelar_tui.ui.widgets.board_layout import plan_board, shorten
from tests.support.hall import long_names_day, make_display
from tests.support.screens import make_app, screen_text, widget_text

LONGEST = "KBK Gesit Melayani Sepenuh Hati Tanpa Pungutan Liar Demi Warga Surabaya"


def ranking_lines(app) -> list[str]:
    return widget_text(app, "#ranking").split("\n")


async def test_at_80x24_the_top_eight_and_their_final_scores_show(tmp_path, clock) -> None:
    day = long_names_day(tmp_path / "d.gelar-journal", clock)
    app = make_app(day, "en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s")
        lines = ranking_lines(app)
        assert "Score" in lines[0]
        for rank, line in enumerate(lines[1:9], start=1):
            final = f"{90 - 2.5 * (rank - 1) + 2:.2f}"  # the mean of the five jurors' offsets 0..4 is 2
            assert line.startswith(str(rank)) and final in line, line
        assert "KBK Gesit Melayani" in lines[1] and "…" in lines[1] and LONGEST not in lines[1]
        assert max(len(line) for line in screen_text(app).split("\n")) <= 80
        assert widget_text(app, "#progress-title") == "All 60 sheets locked ✓"
    day.close()


@pytest.mark.parametrize("size", [(120, 40), (160, 48)])
async def test_wider_every_group_shows_with_agency_and_juror_totals_by_id(tmp_path, clock, size) -> None:
    day = long_names_day(tmp_path / "d.gelar-journal", clock)
    app = make_app(day, "en")
    async with app.run_test(size=size) as pilot:
        await pilot.press("s")
        lines = ranking_lines(app)
        assert len(lines) == 13 and lines[12].startswith("12")
        assert "Agency" in lines[0] and "Dinas Kependudukan" in lines[1]
        assert ("hadi" in lines[0]) == (size == (160, 48))  # fifteen-odd cells a juror: only at 160
        if size == (160, 48):
            assert "Penalty" in lines[0]
            assert widget_text(app, "#juror-legend").startswith("hadi = Dr. Ir. Hadi Santoso, M.Si.")
        table = app.screen.query_one("#ranking")
        assert table.virtual_size.width <= table.scrollable_content_region.width  # no horizontal scrolling
    day.close()


async def test_the_display_pages_a_ranking_longer_than_the_screen(tmp_path, clock) -> None:
    day = long_names_day(tmp_path / "d.gelar-journal", clock)
    day.show_on_display("scoreboard")
    app = make_display(day)
    async with app.run_test(size=(80, 16)) as pilot:
        board = app.screen.query_one("#scoreboard-view")
        assert board.pages > 1
        assert f"page 1 of {board.pages}" in widget_text(app, "#board-status")
        first = ranking_lines(app)[1]
        board.next_page()
        await pilot.pause()
        assert f"page 2 of {board.pages}" in widget_text(app, "#board-status")
        assert ranking_lines(app)[1] != first
    day.close()


def test_the_plan_keeps_what_matters_and_adds_the_rest_in_order() -> None:
    names, ids = ["Dr. Ir. Hadi Santoso, M.Si."] * 5, ["j1", "j2", "j3", "j4", "j5"]
    sizes = dict(rank=4, name=71, agency=54, juror_names=names, juror_ids=ids, number=5, penalty=7, score=5, note=20)
    narrow, middle, wide = (plan_board(w, **sizes) for w in (76, 116, 156))
    assert narrow.agency == narrow.jurors == 0 and narrow.score and narrow.bar >= 8
    assert middle.agency and not middle.jurors
    assert wide.agency and wide.jurors and wide.juror_ids and wide.penalty
    for plan, width in ((narrow, 76), (middle, 116), (wide, 156)):
        used = plan.rank + plan.name + plan.agency + 5 * (plan.jurors and plan.jurors + 2) + plan.penalty + plan.score + plan.bar
        assert used <= width
    assert shorten(LONGEST, 20) == "KBK Gesit Melayani…"

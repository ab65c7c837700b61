"""The BigClock widget in a running app, at every terminal size."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.color import Color

from gelar_tui.ui.bigfont import layout
from gelar_tui.ui.widgets.bigclock import BigClock

INK = set("█▀▄")


class ClockApp(App[None]):
    """A screen holding nothing but a clock."""

    CSS = """
    BigClock.-late { color: red; }
    """

    def __init__(self, text: str = "29:59") -> None:
        super().__init__()
        self.clock_text = text

    def compose(self) -> ComposeResult:
        yield BigClock(self.clock_text, id="clock")


def screen_lines(app: App[None]) -> list[str]:
    """The text the terminal shows, one string per row."""
    return [strip.text for strip in app.screen._compositor.render_strips()]


def ink_rows(lines: list[str]) -> list[int]:
    return [y for y, line in enumerate(lines) if INK & set(line)]


SIZES = [
    (1, 1), (2, 1), (1, 2), (3, 3), (5, 1), (10, 3), (25, 4), (26, 4),
    (40, 10), (80, 24), (81, 25), (120, 30), (160, 48), (200, 60),
    (200, 2), (3, 60), (160, 48), (79, 23), (7, 2), (1, 1), (200, 60),
]


async def test_survives_every_size_and_grows_on_a_big_screen() -> None:
    app = ClockApp("29:59")
    async with app.run_test(size=(80, 24)) as pilot:
        clock = app.query_one(BigClock)
        for width, height in SIZES:
            await pilot.resize_terminal(width, height)
            await pilot.pause()
            assert clock.size == (width, height)  # fills the screen
            lines = screen_lines(app)
            assert len(lines) == height
            if width >= 160 and height >= 48:
                assert len(ink_rows(lines)) >= 8, (width, height)


async def test_big_text_is_centred_on_the_screen() -> None:
    # Height decides the scale here, leaving wide margins left and right.
    app = ClockApp("0:00")
    async with app.run_test(size=(140, 20)) as pilot:
        await pilot.pause()
        lines = screen_lines(app)
        glyphs = layout("0:00", 140, 20)
        assert glyphs is not None
        assert len(glyphs[0]) <= 100
        rows = ink_rows(lines)
        top, bottom = rows[0], rows[-1]
        assert bottom - top + 1 == len(glyphs)
        assert abs(top - (len(lines) - 1 - bottom)) <= 1
        left = (140 - len(glyphs[0])) // 2
        right = 140 - left - len(glyphs[0])
        assert abs(left - right) <= 1
        for y, glyph_line in enumerate(glyphs, start=top):
            assert lines[y] == " " * left + glyph_line + " " * right


async def test_tiny_screen_shows_the_plain_text_on_one_line() -> None:
    app = ClockApp("29:59")
    async with app.run_test(size=(12, 3)) as pilot:
        await pilot.pause()
        lines = screen_lines(app)
        assert lines == [" " * 12, "   29:59    ", " " * 12]

        await pilot.resize_terminal(3, 1)
        await pilot.pause()
        assert screen_lines(app) == ["29:"]


async def test_text_the_font_cannot_draw_is_shown_plainly() -> None:
    app = ClockApp("PAUSED")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        shown = [line.strip() for line in screen_lines(app) if line.strip()]
        assert shown == ["PAUSED"]


async def test_new_text_is_drawn_and_same_text_does_not_repaint() -> None:
    app = ClockApp("29:59")
    async with app.run_test(size=(80, 24)) as pilot:
        clock = app.query_one(BigClock)
        await pilot.pause()
        before = screen_lines(app)

        refreshes: list[dict[str, object]] = []
        original_refresh = clock.refresh

        def counting_refresh(*args: object, **kwargs: object) -> BigClock:
            refreshes.append(kwargs)
            return original_refresh(*args, **kwargs)

        clock.refresh = counting_refresh  # type: ignore[method-assign]
        clock.text = "29:59"
        await pilot.pause()
        assert refreshes == []

        clock.text = "29:58"
        await pilot.pause()
        assert refreshes
        after = screen_lines(app)
        assert after != before
        assert "".join(after).replace(" ", "") == "".join(
            layout("29:58", 80, 24) or []
        ).replace(" ", "")


async def test_colour_comes_from_css_classes() -> None:
    app = ClockApp("0:00")
    async with app.run_test(size=(80, 24)) as pilot:
        clock = app.query_one(BigClock)
        clock.add_class("-late")
        await pilot.pause()
        ink_colours = {
            segment.style.color.triplet
            for strip in app.screen._compositor.render_strips()
            for segment in strip
            if INK & set(segment.text) and segment.style and segment.style.color
        }
        assert ink_colours == {Color.parse("red").rich_color.triplet}


async def test_zero_sized_clock_draws_nothing_and_does_not_crash() -> None:
    app = ClockApp("29:59")
    async with app.run_test(size=(40, 10)) as pilot:
        clock = app.query_one(BigClock)
        clock.styles.height = 0
        await pilot.pause()
        assert clock.size.height == 0
        assert clock.clock_lines() == []
        clock.styles.height = 1
        clock.styles.width = 1
        await pilot.pause()
        assert clock.clock_lines() == ["2"]

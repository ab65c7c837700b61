"""Partial repaints: what the clock and the slot bar repaint each second covers every cell that changed.

The console repaints only the cells a tick changed; a region too small would leave
stale pieces of a digit on the projector, so these tests compare the region asked
for with the cells that really differ.
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from textual.app import App, ComposeResult
from textual.color import Color
from textual.geometry import Region

from gelar_tui.event.durations import format_clock
from gelar_tui.ui.widgets.bigclock import BigClock
from gelar_tui.ui.widgets.changes import changed_span
from gelar_tui.ui.widgets.slot_bar import SlotBar, bar_text

INK = set("█▀▄")


@given(st.text(alphabet="ab█ ", max_size=40), st.text(alphabet="ab█ ", max_size=40))
def test_changed_span_covers_every_difference_and_nothing_outside_is_different(before: str, after: str) -> None:
    span = changed_span(before, after)
    if before == after:
        assert span is None
        return
    assert span is not None
    start, end = span
    width = max(len(before), len(after))
    padded_before, padded_after = before.ljust(width, "\0"), after.ljust(width, "\0")
    differing = [x for x in range(width) if padded_before[x] != padded_after[x]]
    assert start == differing[0]
    assert end == differing[-1] + 1


class Repaints:
    """Records the regions a widget asks to repaint."""

    def __init__(self, widget: BigClock | SlotBar) -> None:
        self.regions: list[Region | None] = []
        original = widget.refresh

        def recording(*regions: Region, **kwargs: object) -> object:
            self.regions.extend(regions or [None])
            return original(*regions, **kwargs)

        widget.refresh = recording  # type: ignore[method-assign]


def changed_cells(before: list[str], after: list[str]) -> set[tuple[int, int]]:
    return {(x, y) for y, (a, b) in enumerate(zip(before, after)) for x, (p, q) in enumerate(zip(a, b)) if p != q}


class ClockApp(App[None]):
    CSS = "BigClock.-late { color: red; }"

    def compose(self) -> ComposeResult:
        yield BigClock("30:00")


async def test_each_second_of_a_countdown_repaints_every_changed_cell_and_only_near_them() -> None:
    faces = [format_clock(seconds) for seconds in range(30 * 60, 30 * 60 - 75, -1)]
    faces += ["00:02", "00:01", "00:00", "+00:01", "+00:02", "+00:59", "+01:00"]
    for size in [(80, 24), (160, 48), (200, 60), (41, 9)]:
        app = ClockApp()
        async with app.run_test(size=size) as pilot:
            clock = app.query_one(BigClock)
            await pilot.pause()
            repaints = Repaints(clock)
            for face in faces:
                before = clock.clock_lines()
                repaints.regions.clear()
                clock.text = face
                after = clock.clock_lines()
                cells = changed_cells(before, after)
                if not cells:
                    assert repaints.regions == [], f"{face} at {size}: nothing changed, nothing to repaint"
                    continue
                assert len(repaints.regions) == 1, f"{face} at {size}"
                region = repaints.regions[0]
                assert region is not None
                assert all(region.contains(x, y) for x, y in cells), f"{face} at {size}: a changed cell is left stale"
                # Only the cells between the first and last change are repainted.
                xs = [x for x, _ in cells]
                ys = [y for _, y in cells]
                assert region == Region(min(xs), min(ys), max(xs) - min(xs) + 1, max(ys) - min(ys) + 1)


async def test_a_face_changing_only_its_last_digit_repaints_a_fraction_of_the_clock() -> None:
    app = ClockApp()
    async with app.run_test(size=(160, 48)) as pilot:
        clock = app.query_one(BigClock)
        clock.text = "29:58"
        await pilot.pause()
        repaints = Repaints(clock)
        clock.text = "29:57"
        (region,) = repaints.regions
        assert region is not None
        assert region.width < clock.size.width / 4


async def test_the_clock_takes_a_new_colour_at_once_when_its_class_changes() -> None:
    app = ClockApp()
    async with app.run_test(size=(80, 24)) as pilot:
        clock = app.query_one(BigClock)
        await pilot.pause()

        def ink_colours() -> set[tuple[int, int, int]]:
            return {
                segment.style.color.triplet
                for strip in app.screen._compositor.render_strips()
                for segment in strip
                if INK & set(segment.text) and segment.style and segment.style.color and segment.style.color.triplet
            }

        assert Color.parse("red").rich_color.triplet not in ink_colours()
        clock.add_class("-late")
        await pilot.pause()
        assert ink_colours() == {Color.parse("red").rich_color.triplet}
        clock.remove_class("-late")
        await pilot.pause()
        assert Color.parse("red").rich_color.triplet not in ink_colours()


class BarApp(App[None]):
    def compose(self) -> ComposeResult:
        yield SlotBar()


def screen_row(app: App[None], y: int = 0) -> str:
    return app.screen._compositor.render_strips()[y].text


async def test_the_bar_fills_with_the_slot_and_shows_its_label_at_the_right() -> None:
    app = BarApp()
    async with app.run_test(size=(60, 3)) as pilot:
        bar = app.query_one(SlotBar)
        bar.set_progress(0.5, "15:00 / 30:00")
        await pilot.pause()
        row = screen_row(app)
        assert row.endswith(" 15:00 / 30:00")
        drawn = row[: -len(" 15:00 / 30:00")]
        assert drawn == bar_text(0.5, 46)
        assert drawn.count("█") == 23


async def test_a_ticking_label_repaints_only_its_own_cells() -> None:
    app = BarApp()
    async with app.run_test(size=(120, 3)) as pilot:
        bar = app.query_one(SlotBar)
        bar.set_progress(0.1, "03:00 / 30:00")
        await pilot.pause()
        repaints = Repaints(bar)
        bar.set_progress(0.1005, "03:01 / 30:00")  # the bar itself does not move a whole eighth
        (region,) = repaints.regions
        assert region is not None
        assert region.height == 1 and region.width == 1  # one digit of the label
        await pilot.pause()
        assert screen_row(app).endswith(" 03:01 / 30:00")

        repaints.regions.clear()
        bar.set_progress(0.1005, "03:01 / 30:00")
        assert repaints.regions == []  # nothing changed: no repaint


async def test_a_longer_label_after_an_extension_redraws_the_bar_to_fit() -> None:
    app = BarApp()
    async with app.run_test(size=(80, 3)) as pilot:
        bar = app.query_one(SlotBar)
        bar.set_progress(0.25, "07:30 / 30:00")
        await pilot.pause()
        bar.set_progress(0.25 * 30 / 31, "07:30 / 31:00 (+1m)")
        await pilot.pause()
        row = screen_row(app)
        assert len(row) == 80
        assert row.endswith(" 07:30 / 31:00 (+1m)")
        assert row[: -len(" 07:30 / 31:00 (+1m)")] == bar_text(0.25 * 30 / 31, 80 - len(" 07:30 / 31:00 (+1m)"))

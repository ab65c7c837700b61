"""The countdown font: glyphs, scaling and fitting a box."""

from __future__ import annotations

from itertools import combinations

import pytest

from gelar_tui.ui.bigfont import MAX_STRETCH, GLYPH_HEIGHT, GLYPHS, layout, render, supports

DIGITS = "0123456789"
TEXTS = ["29:59", "1:00:00", "+03:12", "-0:05", "0:00", "+59:59", "- 1"]
_PIXELS = {"█": (True, True), "▀": (True, False), "▄": (False, True), " ": (False, False)}


def to_pixels(lines: list[str]) -> list[list[bool]]:
    """Half-block lines back to pixel rows (two per line)."""
    rows: list[list[bool]] = []
    for line in lines:
        pairs = [_PIXELS[cell] for cell in line]
        rows.append([top for top, _ in pairs])
        rows.append([bottom for _, bottom in pairs])
    return rows


def test_scale_grows_with_the_terminal() -> None:
    for text in ("29:59", "+03:12"):
        sizes = [layout(text, w, h) for w, h in [(80, 24), (160, 48), (200, 60)]]
        assert all(lines is not None for lines in sizes)
        heights = [len(lines) for lines in sizes]
        widths = [len(lines[0]) for lines in sizes]
        assert heights == sorted(set(heights)), text
        assert widths == sorted(set(widths)), text


def test_full_hd_terminal_gives_a_clock_a_hall_can_read() -> None:
    lines = layout("29:59", 160, 48)
    assert lines is not None
    assert len(lines) >= 20  # scale 6: 42 pixel rows


@pytest.mark.parametrize("text", TEXTS)
def test_output_always_fits_the_box_with_equal_lines(text: str) -> None:
    for width in range(0, 210, 7):
        for height in range(0, 64, 3):
            lines = layout(text, width, height)
            if lines is None:
                continue
            assert 0 < len(lines) <= height
            lengths = {len(line) for line in lines}
            assert len(lengths) == 1
            assert lengths.pop() <= width
            assert set("".join(lines)) <= set(_PIXELS)


@pytest.mark.parametrize("text", TEXTS)
def test_the_scale_is_the_largest_that_fits(text: str) -> None:
    for width, height in [(26, 4), (40, 40), (80, 24), (120, 20), (160, 48), (200, 60)]:
        lines = layout(text, width, height)
        if lines is None:
            assert len(render(text, 1)[0]) > width or len(render(text, 1)) > height
            continue
        scale, tall = next(
            (s, t) for s in range(1, 100) for t in range(s, 2 * s) if render(text, s, t) == lines
        )
        bigger = render(text, scale + 1)
        assert len(bigger) > height or len(bigger[0]) > width, (width, height)
        # the digits grow taller only where the box has room, and at most by half
        assert tall <= scale * MAX_STRETCH
        if tall < int(scale * MAX_STRETCH):
            assert len(render(text, scale, tall + 1)) > height, (width, height)


def test_a_tall_box_stretches_the_digits_upwards() -> None:
    wide = layout("29:59", 118, 14)
    tall = layout("29:59", 118, 40)
    assert wide is not None and tall is not None
    assert len(wide[0]) == len(tall[0])
    assert len(tall) > len(wide)


def test_none_when_even_scale_one_does_not_fit() -> None:
    # "29:59" at scale 1 is 26 columns × 4 rows (7 pixel rows).
    assert layout("29:59", 26, 4) is not None
    assert layout("29:59", 25, 4) is None
    assert layout("29:59", 26, 3) is None
    assert layout("29:59", 0, 0) is None
    assert layout("29:59", -5, 10) is None


def test_pixels_are_square_and_glyphs_are_spaced() -> None:
    for scale in (1, 2, 3, 6):
        lines = render("88", scale)
        assert len(lines) == -(-GLYPH_HEIGHT * scale // 2)
        assert len(lines[0]) == (5 + 1 + 5) * scale
        gap = {line[5 * scale : 6 * scale] for line in lines}
        assert gap == {" " * scale}


@pytest.mark.parametrize("scale", [1, 2, 3, 4, 5])
def test_rendering_draws_the_glyph_bitmap(scale: int) -> None:
    for char, glyph in GLYPHS.items():
        pixels = to_pixels(render(char, scale))
        width = len(glyph[0])
        assert len(pixels[0]) == width * scale
        for y, row in enumerate(pixels):
            for x, ink in enumerate(row):
                expected = y < GLYPH_HEIGHT * scale and glyph[y // scale][x // scale]
                assert ink == expected, (char, scale, x, y)


def test_every_supported_character_renders() -> None:
    assert set("0123456789:+- ") <= set(GLYPHS)
    for char in GLYPHS:
        lines = layout(char, 40, 20)
        assert lines is not None
        has_ink = any(cell != " " for line in lines for cell in line)
        assert has_ink == (char != " "), repr(char)


def test_glyphs_are_well_formed() -> None:
    for char, glyph in GLYPHS.items():
        assert len(glyph) == GLYPH_HEIGHT, char
        assert len({len(row) for row in glyph}) == 1, char
    assert len(GLYPHS[":"][0]) <= 2
    assert all(len(GLYPHS[d][0]) == 5 for d in DIGITS)


def test_digits_are_pairwise_distinct_by_several_pixels() -> None:
    # A single stray pixel must never turn one digit into another.
    for a, b in combinations(DIGITS, 2):
        differing = sum(
            pixel_a != pixel_b
            for row_a, row_b in zip(GLYPHS[a], GLYPHS[b])
            for pixel_a, pixel_b in zip(row_a, row_b)
        )
        assert differing >= 3, (a, b)
        assert layout(a, 40, 20) != layout(b, 40, 20)


def test_unsupported_characters_are_visible_not_silent() -> None:
    assert supports("+29:59")
    assert not supports("PAUSE")
    lines = layout("x", 40, 20)
    assert lines is not None
    assert any(cell != " " for line in lines for cell in line)


def test_empty_text_renders_nothing() -> None:
    assert layout("", 80, 24) == []


def test_cached_result_cannot_be_corrupted_by_a_caller() -> None:
    first = layout("12:34", 80, 24)
    assert first is not None
    expected = list(first)
    first[0] = "garbage"
    first.append("more")
    assert layout("12:34", 80, 24) == expected

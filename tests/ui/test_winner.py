"""The winner announcement (issue 4): places by the Indonesian convention, revealed one press at a time.

Pilot tests read the hall's screen and the journal; unit tests pin down
gelar_tui.scoring.awards (roman numerals, English ordinals, which rank earns which place,
the order of the reveal).
"""

from __future__ import annotations

import pytest

from gelar_tui.scoring.awards import HONOURABLE, WINNER, Award, award_for, ordinal, reveal_steps, roman
from gelar_tui.i18n import Messages
from gelar_tui.ui.screens.confirm import ConfirmScreen
from gelar_tui.ui.screens.console import ConsoleScreen
from gelar_tui.ui.screens.winner import WinnerScreen
from gelar_tui.scoring.day_results import results_of
from tests.support.screens import (
    SIZE,
    event_with,
    fill,
    make_app,
    open_day,
    records_of,
    score_sheet,
    tie_day,
    widget_text,
)

NOTE = "Juara I mewakili Kota Kediri pada lomba Gelar Budaya Kerja tingkat Provinsi Jawa Timur."


def hall(app) -> tuple[str, str, str]:
    """The place, the group(s) and the agency (agencies) on the screen."""
    return widget_text(app, "#place"), widget_text(app, "#group-name"), widget_text(app, "#agency")


# -- the reveal, step by step --------------------------------------------------------------


@pytest.mark.parametrize(
    "lang, places",
    [
        ("id", ["HARAPAN I", "JUARA III", "JUARA II", "JUARA I"]),
        ("en", ["HONOURABLE MENTION I", "3RD PLACE", "2ND PLACE", "1ST PLACE"]),
    ],
)
async def test_each_space_reveals_the_next_place_up_to_the_first(day, lang, places) -> None:
    fill(day)  # berlian 90, ceria 85, cp-joss 80, melati 75: all final
    app = make_app(day, lang)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("w")
        assert isinstance(app.screen, WinnerScreen)  # final results: no question asked
        place, name, hint = hall(app)
        assert place == ("PENGUMUMAN PEMENANG" if lang == "id" else "ANNOUNCEMENT OF THE WINNERS")
        assert name == "Gelar Budaya Kerja 2016" and hint == "Balai Kota Kediri · Pemerintah Kota Kediri"
        expected = [("KBK Melati", "Satpol PP", 75), ("KBK CP JOSS", "Puskesmas Campurejo", 80), ("KBK Ceria", "Dispenda", 85), ("KBK Berlian", "RSUD Gambiran", 90)]
        for step, (label, (group, agency, score)) in enumerate(zip(places, expected), start=1):
            await pilot.press("space")
            assert hall(app) == (label, group, agency)
            assert app.screen.query_one("#score").text == (f"{score},00" if lang == "id" else f"{score}.00")
            assert day.state.awards_shown == step
            if step < 4:
                assert widget_text(app, "#note") == "" and app.bells_rung == 0
                assert not app.screen.query_one("#reveal").has_class("-winner")
        assert [r["shown"] for r in records_of(day, "award_revealed")] == [1, 2, 3, 4]
        note = " ".join(widget_text(app, "#note").split())
        assert note.startswith("Selamat!" if lang == "id" else "Congratulations!") and NOTE in note
        assert app.bells_rung == 1
        assert app.screen.query_one("#reveal").has_class("-winner")
        assert widget_text(app, "#revealed").split("\n") == (
            ["Juara II: KBK Ceria", "Juara III: KBK CP JOSS", "Harapan I: KBK Melati"]
            if lang == "id"
            else ["2nd place: KBK Ceria", "3rd place: KBK CP JOSS", "Honourable mention I: KBK Melati"]
        )
        await pilot.press("space")  # nothing after the first place: no record, no second bell
        assert len(records_of(day, "award_revealed")) == 4 and app.bells_rung == 1


async def test_backspace_goes_back_one_place(day) -> None:
    fill(day)
    app = make_app(day, "id")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("w", "space", "space", "space")
        assert hall(app)[0] == "JUARA II"
        await pilot.press("backspace")
        assert hall(app)[:2] == ("JUARA III", "KBK CP JOSS") and day.state.awards_shown == 2
        assert widget_text(app, "#revealed") == "Harapan I: KBK Melati"
        await pilot.press("backspace", "backspace")
        assert hall(app)[0] == "PENGUMUMAN PEMENANG" and day.state.awards_shown == 0
        await pilot.press("backspace")  # already at the title card
        assert [r["shown"] for r in records_of(day, "award_revealed")] == [1, 2, 3, 2, 1, 0]
        await pilot.press("escape")
        assert isinstance(app.screen, ConsoleScreen)


async def test_the_counts_of_places_come_from_the_event(tmp_path, clock) -> None:
    event = event_with(("winners = 3\nhonourable_mentions = 3", "winners = 2\nhonourable_mentions = 1"))
    day = open_day(event, tmp_path / "awards.gelar-journal", clock)
    fill(day)
    app = make_app(day, "id")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("w")
        seen = []
        for _ in range(4):
            await pilot.press("space")
            seen.append(hall(app)[:2])
        assert seen == [("HARAPAN I", "KBK CP JOSS"), ("JUARA II", "KBK Ceria"), ("JUARA I", "KBK Berlian"), ("JUARA I", "KBK Berlian")]
        assert "KBK Melati" not in widget_text(app, "#revealed")  # 4th of 4: not announced
        assert app.bells_rung == 1
    day.close()


async def test_tied_groups_share_a_place_and_are_revealed_together(day) -> None:
    tie_day(day, decided=False)  # berlian 90, ceria = melati 80, cp-joss 70
    app = make_app(day, "en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("w", "space")
        assert hall(app) == ("HONOURABLE MENTION I", "KBK CP JOSS", "Puskesmas Campurejo")
        await pilot.press("space")
        place, names, agencies = hall(app)
        assert place == "2ND PLACE"
        assert names in ("KBK Ceria · KBK Melati", "KBK Melati · KBK Ceria")
        assert set(agencies.split(" · ")) == {"Dispenda", "Satpol PP"}
        await pilot.press("space")
        assert hall(app)[:2] == ("1ST PLACE", "KBK Berlian") and day.state.awards_shown == 3
        assert app.bells_rung == 1


# -- provisional results and restarts ------------------------------------------------------


@pytest.mark.parametrize("lang, words", [("id", "Hasil masih sementara (42 dari 48"), ("en", "still provisional (42 of 48")])
async def test_provisional_results_ask_before_opening(day, lang, words) -> None:
    fill(day, {"ceria": 85, "melati": 75, "berlian": 90})
    score_sheet(day, "cp-joss", "pemprov", 80, lock=False)
    app = make_app(day, lang)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("w")
        assert isinstance(app.screen, ConfirmScreen)
        assert words in widget_text(app, ".question")
        await pilot.press("escape")
        assert isinstance(app.screen, ConsoleScreen)
        await pilot.press("w", "enter")
        assert isinstance(app.screen, WinnerScreen)
        await pilot.press("space", "space")
        assert hall(app)[:2] == (("JUARA III" if lang == "id" else "3RD PLACE"), "KBK CP JOSS")  # one juror's 80, as it stands


async def test_a_restart_resumes_at_the_same_step(day, clock) -> None:
    fill(day)
    app = make_app(day, "id")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("w", "space", "space")
        before = hall(app)
    assert before[0] == "JUARA III"
    again = open_day(day.event, day.journal.path, clock)  # the console started again
    app = make_app(again, "id")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("w")
        assert hall(app) == before
        assert widget_text(app, "#revealed") == "Harapan I: KBK Melati"
        await pilot.press("space")
        assert hall(app)[0] == "JUARA II"
    again.close()


async def test_no_final_score_yet_says_so(day) -> None:
    app = make_app(day, "en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("w", "enter", "space")
        assert hall(app)[0] == "No group has a final score yet."
        assert records_of(day, "award_revealed") == [] and app.bells_rung == 0


# -- gelar_tui.scoring.awards ----------------------------------------------------------------------


@pytest.mark.parametrize("number, text", [(1, "I"), (2, "II"), (3, "III"), (4, "IV"), (5, "V"), (6, "VI"), (9, "IX"), (10, "X")])
def test_roman(number, text) -> None:
    assert roman(number) == text


@pytest.mark.parametrize(
    "number, text",
    [(1, "1st"), (2, "2nd"), (3, "3rd"), (4, "4th"), (10, "10th"), (11, "11th"), (12, "12th"), (13, "13th"),
     (21, "21st"), (22, "22nd"), (23, "23rd"), (101, "101st"), (111, "111th"), (112, "112th")],
)
def test_ordinal(number, text) -> None:
    assert ordinal(number) == text


def test_award_for_follows_the_convention(demo_event) -> None:
    assert [award_for(rank, demo_event) for rank in (None, 1, 3, 4, 6, 7)] == [
        None, Award(WINNER, 1), Award(WINNER, 3), Award(HONOURABLE, 1), Award(HONOURABLE, 3), None,
    ]
    small = event_with(("winners = 3\nhonourable_mentions = 3", "winners = 1\nhonourable_mentions = 0"))
    assert [award_for(rank, small) for rank in (1, 2)] == [Award(WINNER, 1), None]


@pytest.mark.parametrize(
    "lang, labels",
    [("id", ["Juara I", "Juara II", "Juara III", "Harapan I", "Harapan II"]),
     ("en", ["1st place", "2nd place", "3rd place", "Honourable mention I", "Honourable mention II"])],
)
def test_award_labels(lang, labels) -> None:
    t = Messages(lang)
    awards = [Award(WINNER, 1), Award(WINNER, 2), Award(WINNER, 3), Award(HONOURABLE, 1), Award(HONOURABLE, 2)]
    assert [a.label(t) for a in awards] == labels


def test_reveal_steps_go_from_the_lowest_place_up_with_ties_together(day) -> None:
    fill(day)
    steps = reveal_steps(results_of(day), day.event)
    assert [(s.award, [e.group for e in s.entries]) for s in steps] == [
        (Award(HONOURABLE, 1), ["melati"]),
        (Award(WINNER, 3), ["cp-joss"]),
        (Award(WINNER, 2), ["ceria"]),
        (Award(WINNER, 1), ["berlian"]),
    ]


def test_reveal_steps_with_a_tie_and_groups_without_a_score(day) -> None:
    score_sheet(day, "ceria", "pemprov", 80)
    score_sheet(day, "melati", "pemprov", 80)
    score_sheet(day, "berlian", "pemprov", 70)  # cp-joss: no score, no place
    steps = reveal_steps(results_of(day), day.event)
    assert [(s.award, sorted(e.group for e in s.entries)) for s in steps] == [
        (Award(WINNER, 3), ["berlian"]),
        (Award(WINNER, 1), ["ceria", "melati"]),
    ]

"""A juror's station on a review stage: the desk review (issue 22).

The station offers an open review stage first: only the entries of the juror's panels, the
stage's criteria, the juror's own column, each entry's proposal document; scores and locks
carry the stage. F3 goes to the presentation sheet when the station offers both.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from gelar_tui.day.facade import Day
from gelar_tui.day.stations import station_origin
from gelar_tui.event.eventfile import parse_event
from gelar_tui.i18n import Messages
from gelar_tui.ui.screens.jury import JuryScreen
from gelar_tui.ui.station_app import StationApp
from gelar_tui.ui.themes import load_themes
from tests.support.console import open_day, screen_text, settled, widget_text
from tests.support.stages import source_of, stages_data

SIZE = (110, 32)
HOSTILE = ("[@click=app.quit][bold]Kelompok", "Pasar =HYPERLINK(\"http://x\")", "K" * 300)


def review_data(**review) -> dict:
    data = stages_data(groups=6, jurors=3, review={"per_entry": 2, "advance": 3, "normalise": "none",
                                                   "documents": "proposals/{group}.pdf", **review})
    data["stages"][0]["criteria"].append({"id": "dampak", "name": "Dampak", "weight": 2})
    for group, name in zip(data["groups"], HOSTILE):
        group["name"] = name
    return data


def panels_of(event) -> dict[str, tuple[str, ...]]:
    """g001 j01 j02, g002 j02 j03, g003 j03 j01, g004 j01 j02, g005 j02 j03, g006 j03 j01."""
    jurors = event.juror_ids
    return {g: (jurors[n % 3], jurors[(n + 1) % 3]) for n, g in enumerate(event.group_ids)}


def review_day(tmp_path: Path, **review) -> tuple[Day, dict[str, str]]:
    event = parse_event(source_of(review_data(**review)), "review.toml")
    day = open_day(event, tmp_path / "review.gelar-journal")
    if event.stages[0].per_entry is not None:
        day.set_panels("review", panels_of(event), "test")
    return day, day.issue_pins()


def station_app(day: Day, juror: str) -> StationApp:
    desk = Day.open(day.event, day.journal.path, clock=day.clock, origin=station_origin(juror))
    themes, _ = load_themes()
    return StationApp(desk, Messages("en"), themes=themes, theme="projector")


async def opened(pilot, pin: str) -> None:
    await pilot.press(*pin, "enter")
    assert await settled(pilot, lambda: isinstance(pilot.app.screen, JuryScreen))


async def test_a_review_station_shows_only_the_jurors_entries_and_the_stages_criteria(tmp_path: Path) -> None:
    day, pins = review_day(tmp_path)
    app = station_app(day, "j01")
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot, pins["j01"])
        screen = app.screen
        assert screen.stage is not None and screen.stage.id == "review"
        assert screen.groups == ["g001", "g003", "g004", "g006"]
        text = screen_text(app)
        assert "Desk review: Penilaian proposal" in text
        assert "Substansi" in text and "Dampak" in text and "Isi" not in text
        assert "Juri 1" in text and "Juri 2" not in text and "Juri 3" not in text
        assert "Proposal: proposals/g001.pdf" in text
        assert "[@click=app.quit][bold]Kelompok" in text  # a hostile name as plain text
        assert not screen.query("#cell-j02-substansi")
    app.day.close()
    day.close()



async def test_review_scores_and_locks_carry_the_stage_and_page_down_stays_on_the_jurors_entries(tmp_path: Path) -> None:
    day, pins = review_day(tmp_path)
    app = station_app(day, "j01")
    async with app.run_test(size=(80, 24)) as pilot:
        await opened(pilot, pins["j01"])
        await pilot.press("8", "0", "tab", "7", "0", "tab", "ctrl+s")
        assert await settled(pilot, lambda: ("g001", "j01") in app.day.state.stage_locked.get("review", set()))
        assert "1 of your 4 entries locked" in screen_text(app)
        await pilot.press("pagedown", "6", "0", "tab")  # after a lock, PageDown and the keys go to the next entry's cell
        assert await settled(pilot, lambda: app.day.state.stage_sheets["review"].get(("g003", "j01")) == {"substansi": 6000})
        await pilot.press("pageup")
        seen = []
        for _ in range(5):
            await pilot.press("pagedown")
            await pilot.pause()
            seen.append(app.screen.group)
        assert seen == ["g003", "g004", "g006", "g001", "g003"]  # never g002 or g005, j01 is not on their panels
        assert "Proposal: proposals/g003.pdf" in screen_text(app)
    app.day.close()
    day.refresh()
    assert day.state.stage_sheets["review"][("g001", "j01")] == {"substansi": 8000, "dampak": 7000}
    assert day.state.sheets == {} and day.state.locked == set()  # nothing went to the presentation sheets
    day.close()


def test_a_station_cannot_reach_another_jurors_entry_or_a_stage_it_is_not_on(tmp_path: Path) -> None:
    import pytest

    from gelar_tui.errors import GelarError

    day, pins = review_day(tmp_path)
    desk = Day.open(day.event, day.journal.path, clock=day.clock, origin=station_origin("j01"))
    desk.open_station(pins["j01"])
    with pytest.raises(GelarError) as off_panel:
        desk.set_score("g002", "j01", "substansi", "80", stage="review")
    assert off_panel.value.key == "stageday.not_on_panel"
    with pytest.raises(GelarError) as other_juror:
        desk.set_score("g001", "j02", "substansi", "80", stage="review")
    assert other_juror.value.key == "station.other_juror"
    with pytest.raises(GelarError) as before_the_cut:
        desk.set_score("g001", "j01", "isi", "80")
    assert before_the_cut.value.key == "stageday.cut_not_made"
    desk.close()
    day.close()


async def test_f3_switches_between_an_open_review_and_the_presentation_sheet(tmp_path: Path) -> None:
    # a review stage without a cut stays open while the finalists... every group is on stage as well
    data = review_data()
    del data["stages"][0]["advance"]
    event = parse_event(source_of(data), "both.toml")
    day = open_day(event, tmp_path / "both.gelar-journal")
    day.set_panels("review", panels_of(event), "test")
    pins = day.issue_pins()
    app = station_app(day, "j02")
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot, pins["j02"])
        assert app.screen.stage.id == "review" and app.screen.groups == ["g001", "g002", "g004", "g005"]
        assert "F3: the other stage" in screen_text(app)
        await pilot.press("9", "0", "f3")
        assert await settled(pilot, lambda: isinstance(app.screen, JuryScreen) and app.screen.stage is None)
        assert app.day.state.stage_sheets["review"][("g001", "j02")] == {"substansi": 9000}  # saved on the way out
        text = screen_text(app)
        assert "Isi" in text and "Cara" in text and "Substansi" not in text
        await pilot.press("7", "5", "tab")
        assert await settled(pilot, lambda: app.day.state.sheets.get((app.screen.group, "j02")) == {"isi": 7500})
        await pilot.press("f3")
        assert await settled(pilot, lambda: isinstance(app.screen, JuryScreen) and app.screen.stage is not None)
    app.day.close()
    day.close()


async def test_once_the_review_is_closed_the_station_opens_on_the_presentation_stage(tmp_path: Path) -> None:
    from gelar_tui.scoring.stages import day_stage_results

    day, pins = review_day(tmp_path)
    for group, jurors in panels_of(day.event).items():
        for juror in jurors:
            for criterion in ("substansi", "dampak"):
                day.set_score(group, juror, criterion, str(50 + int(group[1:]) * 5 + int(juror[1:])), stage="review")
    day.close_stage("review", lambda state: day_stage_results(day.event, state)["review"])
    app = station_app(day, "j03")
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot, pins["j03"])
        assert app.screen.stage is None
        assert "Desk review" not in screen_text(app) and "Substansi" not in screen_text(app)
        assert not app.screen.check_action("next_stage", ())
    app.day.close()
    day.close()


BURSTS = [
    ["8", "0", "tab", "7", "0", "shift+tab", "backspace", "backspace", "8", "5", "tab", "ctrl+s"],
    ["9", "0", "pagedown", "6", "0", "tab", "5", "comma", "5", "enter", "pagedown", "1", "0", "1", "tab", "4", "tab"],
    # Enter at the lock button, then onto the locked entry and past it (arrows at the group list open it: not here)
    ["7", "tab", "7", "tab", "enter", "pagedown", "pageup", "8", "9", "pagedown", "pagedown", "3", "3", "tab", "2", "pageup", "1"],
]


def review_cells(app) -> dict:
    return {(c.juror, c.criterion): (c.value, c.has_class("-refused")) for c in app.screen.query("ScoreCell")}


@pytest.mark.parametrize("keys", BURSTS)
async def test_keys_typed_in_one_burst_leave_the_review_sheet_as_a_slow_typist_would(tmp_path: Path, keys) -> None:
    from tests.support.keys import typed

    seen = []
    for how in ("slow", "burst"):
        place = tmp_path / how
        place.mkdir()
        day, pins = review_day(place)
        app = station_app(day, "j01")
        async with app.run_test(size=SIZE) as pilot:
            await opened(pilot, pins["j01"])
            await typed(pilot, keys, how)
            shown = (app.screen.group, review_cells(app), getattr(app.focused, "id", None))
        app.day.close()
        day.refresh()
        seen.append((shown, day.state.stage_sheets, day.state.stage_locked, [r.data for r in day.journal.records() if r.kind == "score_set"]))
        day.close()
    assert seen[0] == seen[1], repr(seen)
    assert seen[0][1]["review"]  # the burst did store review scores


async def test_the_consoles_jury_sheet_shows_the_review_stages_progress(tmp_path: Path) -> None:
    from tests.support.console import make_app

    day, _ = review_day(tmp_path)
    app = make_app(day, "en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j")
        assert await settled(pilot, lambda: isinstance(app.screen, JuryScreen))
        assert "Penilaian proposal: 0 of 12 review sheets complete" in screen_text(app)
        desk = Day.open(day.event, day.journal.path, clock=day.clock, origin="cli")  # scores from elsewhere
        desk.set_score("g001", "j01", "substansi", "80", stage="review")
        desk.set_score("g001", "j01", "dampak", "80", stage="review")
        desk.close()
        app.broadcast_change()  # what the journal watcher does when another process writes
        assert await settled(pilot, lambda: "Penilaian proposal: 1 of 12 review sheets complete" in screen_text(app))
    day.close()


async def test_a_presentation_stage_with_its_own_criteria_is_scored_at_a_station_and_ranked_on_them(tmp_path: Path) -> None:
    from gelar_tui.scoring.rules import rank
    from tests.event.test_stage_criteria import STAGE_CRITERIA, own_criteria_data

    event = parse_event(source_of(own_criteria_data(final={"criteria": STAGE_CRITERIA})), "own.toml")
    day = open_day(event, tmp_path / "own.gelar-journal")
    pins = day.issue_pins()
    for juror in event.juror_ids:  # Paparan weighs 3, Tanya jawab 1
        app = station_app(day, juror)
        async with app.run_test(size=SIZE) as pilot:
            await opened(pilot, pins[juror])
            await pilot.press("f3")  # the review (open, without a cut) comes first; F3: the presentation sheet
            assert await settled(pilot, lambda: isinstance(app.screen, JuryScreen) and app.screen.stage is None)
            assert "Paparan" in screen_text(app) and "Tanya jawab" in screen_text(app) and "Isi" not in screen_text(app)
            await pilot.press("9", "0", "tab", "5", "0", "tab", "ctrl+s")  # g001: 90, 50
            assert await settled(pilot, lambda: ("g001", juror) in app.day.state.locked)
            await pilot.press("pagedown", "7", "0", "tab", "1", "0", "0", "tab")  # g002: 70, 100
            assert await settled(pilot, lambda: len(app.day.state.sheets.get(("g002", juror), {})) == 2)
        app.day.close()
    day.refresh()
    assert day.state.sheets[("g001", "j01")] == {"paparan": 9000, "jawab": 5000}
    ranking = rank(event, day.state, {})
    assert [e.group for e in ranking.entries[:2]] == ["g001", "g002"]  # 80 against 77.5; plain sums would put g002 first
    day.close()


async def test_a_station_opened_before_the_panels_follows_them_and_then_the_cut(tmp_path: Path) -> None:
    from gelar_tui.scoring.stages import day_stage_results

    event = parse_event(source_of(review_data()), "review.toml")
    day = open_day(event, tmp_path / "late.gelar-journal")
    pins = day.issue_pins()
    app = station_app(day, "j01")
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot, pins["j01"])
        assert app.screen.stage is None
        assert await settled(pilot, lambda: any("Nothing for you to score yet" in n.message for n in app._notifications))
        day.set_panels("review", panels_of(event), "test")
        app.broadcast_change(app.day.refresh())  # what the journal watcher does
        assert await settled(pilot, lambda: isinstance(app.screen, JuryScreen) and app.screen.stage is not None)
        assert app.screen.groups == ["g001", "g003", "g004", "g006"]
        for group, jurors in panels_of(event).items():
            for juror in jurors:
                for criterion in ("substansi", "dampak"):
                    day.set_score(group, juror, criterion, str(50 + int(group[1:]) * 5 + int(juror[1:])), stage="review")
        day.close_stage("review", lambda state: day_stage_results(day.event, state)["review"])
        app.broadcast_change(app.day.refresh())
        assert await settled(pilot, lambda: isinstance(app.screen, JuryScreen) and app.screen.stage is None and "Isi" in screen_text(app))
    app.day.close()
    day.close()


async def test_keys_typed_in_one_burst_after_f3_go_to_the_other_stages_sheet(tmp_path: Path) -> None:
    from tests.support.keys import typed

    data = review_data()
    del data["stages"][0]["advance"]  # the review stays open beside the presentation sheet
    keys = ["9", "0", "f3", "7", "5", "tab", "f3", "6", "tab"]
    seen = []
    for how in ("slow", "burst"):
        event = parse_event(source_of(data), "both.toml")
        day = open_day(event, tmp_path / f"{how}.gelar-journal")
        day.set_panels("review", panels_of(event), "test")
        pins = day.issue_pins()
        app = station_app(day, "j02")
        async with app.run_test(size=SIZE) as pilot:
            await opened(pilot, pins["j02"])
            await typed(pilot, keys, how)
        app.day.close()
        day.refresh()
        seen.append((day.state.sheets, day.state.stage_sheets))
        day.close()
    assert seen[0] == seen[1] == ({("g001", "j02"): {"isi": 7500}}, {"review": {("g001", "j02"): {"substansi": 600}}})

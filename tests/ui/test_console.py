"""The moderator's console driven key by key (issue 3), on a fake clock.

Every test reads what the hall would see (the terminal's text) and what the
journal holds, and checks that `gelar status` (a second connection) agrees.
"""

from __future__ import annotations

import asyncio
import re
import time

import pytest
from textual.color import Color
from textual.command import CommandPalette

from tests.support.console import (
    HELP_KEYS,
    SLOT,
    STAGE_FACE,
    clock_shows,
    cross,
    demo_event,
    ink_rows,
    make_app,
    move_clock,
    open_day,
    put_in_stage,
    record_kinds,
    screen_lines,
    screen_text,
    seconds,
    status,
    widget_text,
)
from gelar_tui.journal.clock import ScaledClock
from gelar_tui.event.eventfile import bundled_event_path, parse_event
from gelar_tui.i18n import Messages
from gelar_tui.ui.app import GelarApp
from gelar_tui.ui.screens.confirm import ConfirmScreen
from gelar_tui.ui.screens.console import ConsoleScreen
from gelar_tui.ui.screens.help import HelpScreen
from gelar_tui.ui.screens.order import OrderScreen
from gelar_tui.ui.themes import load_themes

WIDE = (120, 30)  # wide enough for the full running order, small enough to render fast


# -- space: start, pause, resume ------------------------------------------------------
async def test_space_starts_pauses_and_resumes_through_the_journal(day, clock) -> None:
    app = make_app(day, "en")
    async with app.run_test(size=WIDE) as pilot:
        assert "READY" in widget_text(app, "#stage-label") and clock_shows(app, "30:00")
        await pilot.press("space")
        assert record_kinds(day) == ["slot_started"]
        await move_clock(app, pilot, clock, 61)
        assert clock_shows(app, "28:59")
        assert status(day)["phase"] == "running" and status(day)["remaining_s"] == SLOT - 61
        assert "presenting" in widget_text(app, "#order") and "01:01 / 30:00" in widget_text(app, "#bar")

        await pilot.press("space")
        assert record_kinds(day)[-1] == "slot_paused"
        assert widget_text(app, "#stage-label").strip() == "PAUSED"
        await move_clock(app, pilot, clock, 300)
        assert clock_shows(app, "28:59")  # a paused clock does not move
        assert status(day)["phase"] == "paused" and status(day)["remaining_s"] == SLOT - 61

        await pilot.press("space")
        assert record_kinds(day)[-1] == "slot_resumed"
        await move_clock(app, pilot, clock, 9)
        assert clock_shows(app, "28:50")
        assert status(day)["phase"] == "running" and status(day)["remaining_s"] == SLOT - 70


# -- n and b ---------------------------------------------------------------------------
@pytest.mark.parametrize(("key", "question", "lands_on"), [("n", "call the next group", "melati"), ("b", "previous group", "ceria")])
async def test_next_and_back_ask_only_while_a_slot_runs(day, clock, key, question, lands_on) -> None:
    app = make_app(day, "en")
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("n")  # nothing runs: no question
        assert isinstance(app.screen, ConsoleScreen) and "KBK Melati" in widget_text(app, "#group")
        if key == "n":
            await pilot.press("b")
            assert isinstance(app.screen, ConsoleScreen) and "KBK Ceria" in widget_text(app, "#group")
        assert record_kinds(day) == ["current_changed"] * (1 if key == "b" else 2)
        await pilot.press("space")
        await move_clock(app, pilot, clock, 120)
        written, on_stage = record_kinds(day), day.state.current
        await pilot.press(key)
        assert isinstance(app.screen, ConfirmScreen) and question in screen_text(app)
        await pilot.press("escape")
        assert isinstance(app.screen, ConsoleScreen)
        assert record_kinds(day) == written and day.state.current == on_stage  # nothing written on cancel
        assert status(day)["phase"] == "running"

        await pilot.press(key, "enter")
        assert isinstance(app.screen, ConsoleScreen)
        assert record_kinds(day) == [*written, "slot_finished", "current_changed"]
        assert day.state.current == lands_on and status(day)["current"] == lands_on
        assert status(day)["groups"][day.state.order.index(on_stage)]["status"] == "done"
        assert "02:00" in widget_text(app, "#order")  # the finished group's time used


# -- + and - ----------------------------------------------------------------------------
async def test_plus_and_minus_change_the_slot_and_show_it(day, clock) -> None:
    day.start()
    clock.advance(60)
    app = make_app(day, "en")
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("plus")
        assert record_kinds(day)[-1] == "slot_extended" and day.journal.records()[-1].data["seconds"] == 60
        assert clock_shows(app, "30:00")
        assert "01:00 / 31:00 (+1m)" in widget_text(app, "#bar")
        assert "presenting +1m" in widget_text(app, "#order")
        assert status(day)["remaining_s"] == 30 * 60

        await pilot.press("minus", "minus")
        assert [r.data["seconds"] for r in day.journal.records()[-2:]] == [-60, -60]
        assert clock_shows(app, "28:00")
        assert "01:00 / 29:00 (-1m)" in widget_text(app, "#bar")
        assert "presenting -1m" in widget_text(app, "#order")
        assert status(day)["groups"][0]["extension_s"] == -60


# -- r restart, x skip ---------------------------------------------------------------------
async def test_restart_asks_and_then_starts_the_slot_afresh(day, clock) -> None:
    day.start()
    clock.advance(5 * 60)
    app = make_app(day, "en")
    async with app.run_test(size=WIDE) as pilot:
        written = record_kinds(day)
        await pilot.press("r")
        assert isinstance(app.screen, ConfirmScreen) and "Restart this group" in screen_text(app)
        await pilot.press("escape")
        assert record_kinds(day) == written and clock_shows(app, "25:00")
        await pilot.press("r", "enter")
        assert record_kinds(day)[-1] == "slot_restarted"
        assert clock_shows(app, "30:00") and "READY" in widget_text(app, "#stage-label")
        assert status(day)["phase"] == "ready"


async def test_skip_asks_and_the_skipped_group_comes_back_after_the_others(day, clock) -> None:
    day.start()
    app = make_app(day, "id")
    async with app.run_test(size=WIDE) as pilot:
        written = record_kinds(day)
        await pilot.press("x")
        assert isinstance(app.screen, ConfirmScreen) and "Lewati kelompok ini?" in screen_text(app)
        await pilot.press("escape")
        assert record_kinds(day) == written and day.state.current == "ceria"
        await pilot.press("x", "enter")
        assert record_kinds(day)[-3:] == ["slot_restarted", "group_skipped", "current_changed"]
        assert day.state.current == "melati" and status(day)["groups"][0]["status"] == "skipped"
        assert "↷ 1. KBK Ceria\n   dilewati" in widget_text(app, "#order")
        for expected in ("melati", "berlian"):  # (through the day: each key press costs time)
            assert day.state.current == expected
            day.start()
            clock.advance(60)
            day.next_group()
        app.broadcast_change()
        await pilot.press("space")  # the last group presents
        await move_clock(app, pilot, clock, 60)
        await pilot.press("n", "enter")
        assert day.state.current == "ceria" and status(day)["current"] == "ceria"
        assert "KBK Ceria" in widget_text(app, "#group") and "SIAP" in widget_text(app, "#stage-label")


# -- o: the running order ---------------------------------------------------------------
async def test_order_screen_moves_a_waiting_group_and_calls_one(day) -> None:
    app = make_app(day, "en")
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("o")
        assert isinstance(app.screen, OrderScreen) and "Running order" in screen_text(app)
        await pilot.press("down", "shift+down")  # KBK Melati goes after KBK Berlian
        assert day.state.order == ["ceria", "berlian", "melati", "cp-joss"]
        await pilot.press("right_square_bracket")
        assert day.state.order == ["ceria", "berlian", "cp-joss", "melati"]
        assert record_kinds(day) == ["order_changed", "order_changed"]
        text = screen_text(app)
        assert text.index("KBK CP JOSS") < text.index("KBK Melati")
        await pilot.press("escape")
        assert isinstance(app.screen, ConsoleScreen)
        assert "2. KBK Berlian" in widget_text(app, "#order") and "Next: KBK Berlian" in screen_text(app)
        assert status(day)["order"] == ["ceria", "berlian", "cp-joss", "melati"]


async def test_order_screen_calls_a_group_with_enter(day) -> None:
    app = make_app(day, "en")
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("o", "down", "down")
        await pilot.press("enter")  # call KBK Berlian
        await pilot.pause()
        assert isinstance(app.screen, ConsoleScreen)
        assert day.state.current == "berlian" and "KBK Berlian  3 of 4" in widget_text(app, "#group")
        assert record_kinds(day) == ["current_changed"]


# -- s, j, w, ?, m -------------------------------------------------------------------------
async def test_scoreboard_jury_and_winner_keys_answer(day) -> None:
    """Until their screens exist these keys say so; once they exist they open a screen."""
    app = make_app(day, "id")
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        console = app.screen
        for key in "sjw":
            app.clear_notifications()
            await pilot.pause()
            before = screen_text(app)
            await pilot.press(key)
            await pilot.pause()
            text = screen_text(app)
            if app.screen is console:
                assert "Layar ini belum tersedia." in text, key
            else:
                assert text != before and text.strip(), key
                app.pop_screen()
                await pilot.pause()
        assert app.is_running and app.screen is console
        assert "slot_started" not in record_kinds(day)


async def test_help_opens_and_closes(day) -> None:
    app = make_app(day, "id")
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        assert ("ctrl+q", "Keluar") in app.screen.rows and ("space", "Mulai/jeda") in app.screen.rows
        await pilot.press("escape")
        assert isinstance(app.screen, ConsoleScreen)


async def test_help_shows_every_key_in_the_apps_language(day) -> None:
    app, title, foreign = make_app(day, "id"), "Tombol", "Start/pause"
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = screen_text(app)
        assert title in text and foreign not in text
        for key, message in HELP_KEYS:
            line = re.escape(key) + r" +" + re.escape(app.t(message if "." in message else f"console.{message}"))
            assert re.search(line, text), (key, message)


async def test_m_mutes_bell_and_sound_together_and_says_so(day, clock) -> None:
    day.start()
    clock.advance(SLOT - 10 * 60 - 5)
    app = make_app(day, "en", sound=True, sound_player="true")
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await pilot.press("m")
        assert app.muted and "Bell and sound muted" in screen_text(app)
        assert "MUTED" in widget_text(app, "#topbar")
        assert cross(app, clock, 10)  # across the 10-minute alert: still flashes
        assert app.bells_rung == 0 and app.hall.played == []
        await pilot.press("m")
        assert not app.muted and "MUTED" not in widget_text(app, "#topbar")
        await move_clock(app, pilot, clock, 5 * 60)  # across the 5-minute alert
        assert app.bells_rung == 1 and app.hall.played == ["second"]


# -- ctrl+q, ctrl+p --------------------------------------------------------------------------
async def test_quit_is_immediate_when_nothing_runs(day) -> None:
    app = make_app(day, "en")
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert not app.is_running
    assert app.return_code == 0 and record_kinds(day) == []


async def test_quit_asks_while_a_slot_runs(day, clock) -> None:
    day.start()
    app = make_app(day, "en")
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("ctrl+q")
        assert isinstance(app.screen, ConfirmScreen) and "Quit anyway?" in screen_text(app)
        await pilot.press("escape")
        assert app.is_running and isinstance(app.screen, ConsoleScreen)
        await pilot.press("ctrl+q", "enter")
        await pilot.pause()
        assert not app.is_running
    assert record_kinds(day) == ["slot_started"] and status(day)["phase"] == "running"  # the clock keeps running


async def test_command_palette_lists_console_actions_in_the_apps_language(day) -> None:
    app = make_app(day, "id")
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause(0.2)
        assert isinstance(app.screen, CommandPalette)
        text = screen_text(app)
        for word in ("Mulai/jeda", "Berikut", "Kembali", "+1 menit", "Ulang", "Lewati", "Urutan"):
            assert word in text, word
        for word in ("Start/pause", "Restart", "Skip"):
            assert word not in text, word
        await pilot.press(*"Berikut")
        await pilot.pause(0.2)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ConsoleScreen) and day.state.current == "melati"


# -- alerts ------------------------------------------------------------------------------------
async def test_each_alert_flashes_and_rings_and_zero_rings_three_times(day, clock) -> None:
    day.start()
    clock.advance(SLOT - 10 * 60 - 1)  # 10:01 left
    app = make_app(day, "en")
    async with app.run_test(size=WIDE) as pilot:
        console = app.screen
        stage = console.query_one("#stage")
        flashes: list[int] = []
        flash = stage.flash
        stage.flash = lambda steps: (flashes.append(steps), flash(steps))  # type: ignore[method-assign]
        assert app.bells_rung == 0 and stage.has_class("-normal") and not stage.has_class("-flash")
        rung = 0
        for alert, label, stage_class in ((600, "10 MINUTES LEFT", "-alert"), (300, "5 MINUTES LEFT", "-alert"), (60, "1 MINUTE LEFT", "-last")):
            await move_clock(app, pilot, clock, day.slot().remaining - alert - 0.5)
            assert app.bells_rung == rung and len(flashes) == rung  # not yet
            assert cross(app, clock, 0.5)  # the flash starts at once
            await pilot.pause()
            rung += 1
            assert app.bells_rung == rung and len(flashes) == rung and stage.has_class(stage_class)
            assert widget_text(app, "#stage-label").strip() == label
            await move_clock(app, pilot, clock, 1)
            assert app.bells_rung == rung  # once each
        assert cross(app, clock, day.slot().remaining)
        await pilot.pause()
        assert app.bells_rung == rung + 3 and stage.has_class("-over")
        assert clock_shows(app, "00:00")
        await move_clock(app, pilot, clock, 75)
        assert app.screen.query_one("#clock").text == "+01:15" and clock_shows(app, "+01:15")
        assert "OVER BY 01:15" in widget_text(app, "#stage-label")
        assert status(day)["phase"] == "overtime" and status(day)["overtime_s"] == 75
        assert app.bells_rung == rung + 3 and len(flashes) == rung + 1


async def test_an_alert_flash_ends(day, clock) -> None:
    day.start()
    clock.advance(SLOT - 10 * 60 - 1)
    app = make_app(day, "en")
    async with app.run_test(size=WIDE) as pilot:
        assert cross(app, clock, 1)
        stage = app.screen.query_one("#stage")
        await pilot.pause(1.8)  # 4 steps of 0.25 s, and some slack
        assert not stage.has_class("-flash")


@pytest.mark.parametrize(("stage_name", "label"), [("alert5", "5 MINUTES LEFT"), ("over", "OVER BY 01:15")])
async def test_nothing_rings_when_the_console_starts_on_an_alerted_slot(day, clock, stage_name, label) -> None:
    put_in_stage(day, clock, stage_name)  # as after a crash: the alerts were reached before this console
    app = make_app(day, "en")
    async with app.run_test(size=WIDE) as pilot:
        assert clock_shows(app, STAGE_FACE[stage_name]) and label in widget_text(app, "#stage-label")
        await move_clock(app, pilot, clock, 1)
        await move_clock(app, pilot, clock, 1)
        assert app.bells_rung == 0 and not app.screen.query_one("#stage").has_class("-flash")


@pytest.fixture
def days(tmp_path):
    """Opens days on journals in tmp_path (same name, same journal); closes them all at the end."""
    opened = []

    def opener(event, clock, name="day"):
        opened.append(open_day(event, tmp_path / f"{name}.gelar-journal", clock))
        return opened[-1]

    yield opener
    for day in opened:
        day.close()


@pytest.fixture
def stop_day(days, clock):
    """A day of the demo event with `overtime = "stop"`, its first slot 3 s from zero."""
    day = days(demo_event("stop"), clock)
    day.start()
    clock.advance(SLOT - 3)
    return day


async def test_with_overtime_stop_the_slot_ends_at_zero(stop_day, clock) -> None:
    day, app = stop_day, make_app(stop_day, "en")
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await move_clock(app, pilot, clock, 3)
        assert app.bells_rung == 3 and app.screen.query_one("#stage").has_class("-over")
        await move_clock(app, pilot, clock, 90)
        assert clock_shows(app, "00:00") and "+" not in app.screen.query_one("#clock").text
        assert status(day)["phase"] == "done" and status(day)["overtime_s"] == 0
        await pilot.press("space")  # cannot run on past zero
        assert "ended at zero" in screen_text(app) and record_kinds(day) == ["slot_started", "alert"]
        await pilot.press("n", "enter")
        assert day.journal.records()[-2].data.get("at") == pytest.approx(clock.time - 90)
        assert status(day)["groups"][0]["time_used_s"] == SLOT


async def test_with_overtime_stop_zero_says_time_is_up(stop_day, clock) -> None:
    app = make_app(stop_day, "en")
    async with app.run_test(size=WIDE) as pilot:
        await move_clock(app, pilot, clock, 3)
        assert widget_text(app, "#stage-label").strip() == "TIME IS UP"


# -- crash restart -------------------------------------------------------------------------------
async def test_after_a_crash_the_clock_comes_back_running(demo_event, days, clock) -> None:
    first = days(demo_event, clock, "crash")
    first.start()
    clock.advance(180)
    first.extend(60)
    first.close()  # the console dies here
    clock.advance(7 * 60 + 20)
    day = days(demo_event, clock, "crash")
    app = make_app(day, "en")
    async with app.run_test(size=WIDE) as pilot:
        assert clock_shows(app, "20:40")
        await move_clock(app, pilot, clock, 1)
        assert clock_shows(app, "20:39") and app.screen.query_one("#stage").has_class("-normal")
        assert status(day)["phase"] == "running" and status(day)["remaining_s"] == 20 * 60 + 39


async def test_a_paused_slot_shows_its_progress_after_a_restart(day, clock) -> None:
    put_in_stage(day, clock, "paused")  # 12:04 of 30:00 run
    app = make_app(day, "en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause(0.3)
        assert "12:04 / 30:00" in widget_text(app, "#bar")
        assert widget_text(app, "#bar").count("█") >= 20  # 40% of a 64-cell bar


# -- both languages ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("lang", "wanted", "foreign"),
    [
        ("id", ["SIAP · tekan spasi untuk mulai", "1 dari 4", "Berikutnya: KBK Melati", "Urutan tampil", "menunggu", "Mulai/jeda"], ["READY", " of 4", "Next:", "waiting", "Start/pause"]),
        ("en", ["READY · press space to start", "1 of 4", "Next: KBK Melati", "Running order", "waiting", "Start/pause"], ["SIAP", "dari", "Berikutnya", "menunggu", "Mulai"]),
    ],
)
async def test_the_console_speaks_the_chosen_language(day, lang, wanted, foreign) -> None:
    app = make_app(day, lang)
    async with app.run_test(size=WIDE):
        text = screen_text(app)
        for word in wanted:
            assert word in text, word
        for word in foreign:
            assert word not in text, word


# -- sizes ----------------------------------------------------------------------------------------
async def test_resizing_through_every_size(day, clock) -> None:
    put_in_stage(day, clock, "running")  # 25:47 left
    app = make_app(day, "en")
    rows: dict[tuple[int, int], int] = {}
    async with app.run_test(size=(80, 24)) as pilot:
        for size in [(1, 1), (10, 3), (20, 5), (40, 10), (80, 24), (120, 30), (160, 48), (200, 60), (160, 48), (80, 24), (20, 5), (1, 1), (80, 24)]:
            await pilot.resize_terminal(*size)
            await pilot.pause()
            lines = screen_lines(app)
            assert len(lines) == size[1] and max(map(len, lines)) <= size[0]
            rows[size] = len(ink_rows(lines))
            if size == (20, 5):
                assert any("25:47" in line for line in lines), lines  # readable on one line
        assert app.is_running
    assert rows[(200, 60)] > rows[(80, 24)] >= 7


# -- rehearsal -----------------------------------------------------------------------------------
async def test_a_rehearsal_clock_runs_the_display_faster(demo_event, days) -> None:
    clock = ScaledClock(600)
    day = days(demo_event, clock, "rehearsal")
    day.start()
    started = day.state.slots[day.state.current].started_at  # when the journal says it started
    app = make_app(day, "en", rehearsal=600)
    async with app.run_test(size=WIDE):
        assert "REHEARSAL ×600" in screen_text(app)
        face = app.screen.query_one("#clock")
        faces, real_start = [seconds(face.text)], time.monotonic()
        while time.monotonic() - real_start < 0.3:  # watch the face for 0.3 s of real time
            await asyncio.sleep(0.02)
            faces.append(seconds(face.text))
        moved, remaining = faces[0] - faces[-1], SLOT - (day.now() - started)
        assert len(set(faces)) >= 3, faces  # it changed again and again, not once a real second
        assert moved >= 0.3 * 600 * 0.5, faces  # about 3 minutes in 0.3 s
        assert faces[-1] >= remaining and clock_shows(app, face.text)  # never ahead of the day's clock


# -- themes ----------------------------------------------------------------------------------------
def screen_colours(app) -> tuple[Color, Color]:
    """The background and foreground the console's screen is painted with."""
    styles = app.screen.styles
    return styles.background, styles.color


@pytest.mark.parametrize("name", ["projector", "dark", "light", "colorblind"])
async def test_the_console_starts_in_the_chosen_theme(day, name) -> None:
    themes, _ = load_themes()
    app = GelarApp(day, Messages("en"), themes=themes, theme=name)
    async with app.run_test(size=WIDE):
        theme = themes[name]
        background, _ = screen_colours(app)
        assert app.theme == name
        assert background == Color.parse(theme.background)
        assert app.has_class("-light-mode") is (not theme.dark)
        assert app.has_class("-dark-mode") is theme.dark


async def test_switching_the_theme_live_repaints_the_console(day) -> None:
    themes, _ = load_themes()
    app = GelarApp(day, Messages("en"), themes=themes, theme="projector")
    async with app.run_test(size=WIDE) as pilot:
        assert screen_colours(app)[0] == Color.parse(themes["projector"].background)
        app.theme = "light"
        await pilot.pause()
        assert screen_colours(app)[0] == Color.parse(themes["light"].background)
        assert app.has_class("-light-mode")


async def test_an_unknown_theme_falls_back_to_the_projector_theme_and_says_so(day) -> None:
    themes, _ = load_themes()
    app = GelarApp(day, Messages("en"), themes=themes, theme="sunset")
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        assert app.theme == "projector"
        assert screen_colours(app)[0] == Color.parse(themes["projector"].background)
        assert any("sunset" in notice.message for notice in app._notifications)


# -- the running order and the top line -------------------------------------------------------------
def long_event(groups: int):
    """The demo event with *groups* groups."""
    source = bundled_event_path().read_text(encoding="utf-8")
    source = source[: source.index("[[groups]]")]
    for number in range(1, groups + 1):
        source += f'[[groups]]\nid = "g{number:02}"\nname = "KBK Nomor {number}"\nagency = "Dinas {number}"\nmembers = []\n\n'
    return parse_event(source, "long.toml")


async def test_a_long_running_order_keeps_the_group_on_stage_in_view(days, clock) -> None:
    day = days(long_event(30), clock, "long")
    app = make_app(day, "en")
    async with app.run_test(size=(140, 30)) as pilot:
        order = widget_text(app, "#order")
        assert "Running order" in order and "1. KBK Nomor 1" in order and "30. KBK Nomor 30" not in order
        app.act(lambda: day.call("g20"))
        await pilot.pause()
        order = widget_text(app, "#order")
        assert "Running order" in order  # the title stays
        assert "▶" not in order and "20. KBK Nomor 20" in order and "21. KBK Nomor 21" in order
        assert "1. KBK Nomor 1\n" not in order
        app.act(lambda: day.call("g30"))
        await pilot.pause()
        order = widget_text(app, "#order")
        assert "30. KBK Nomor 30" in order and "29. KBK Nomor 29" in order


async def test_the_top_line_keeps_the_time_at_the_right_and_cuts_a_long_title(demo_event, days) -> None:
    clock = ScaledClock(1)
    app = make_app(days(demo_event, clock, "top"), "en", rehearsal=60)
    title = "Gelar Budaya Kerja 2016 · Balai Kota Kediri"
    async with app.run_test(size=(160, 24)) as pilot:
        for width in (160, 70, 50, 40):
            await pilot.resize_terminal(width, 24)
            await pilot.pause()
            top = screen_lines(app)[0]
            assert len(top.rstrip()) == width - 1  # the time ends one cell from the edge
            assert re.search(r" REHEARSAL ×60  \d\d:\d\d$", top.rstrip()), (width, top)
            if width >= 70:
                assert top.startswith(" " + title + " ")
            else:
                assert "…" in top and top.startswith(" " + title[:4]), (width, top)


# -- start-up without the garbage collector ----------------------------------------------------------
@pytest.fixture
def collector_off():
    """The collector off, as `gelar` starts; back on (and nothing left frozen) afterwards."""
    import gc

    gc.disable()
    yield gc
    gc.enable()
    gc.unfreeze()


async def test_the_console_switches_the_collector_back_on_once_drawn(day, collector_off) -> None:
    app = make_app(day, "en")
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        assert "READY" in widget_text(app, "#stage-label")
        assert collector_off.isenabled()
        assert collector_off.get_freeze_count() > 0  # what start-up built is out of the collector's way


async def test_names_with_brackets_are_shown_as_written(days, clock) -> None:
    source = bundled_event_path().read_text(encoding="utf-8")
    source = source.replace('title = "Gelar Budaya Kerja 2016"', 'title = "Gelar [Final] $2016"')
    source = source.replace('name = "KBK Ceria"', 'name = "KBK [b]Ceria[/b]"')
    assert "[Final]" in source and "[b]Ceria" in source
    app = make_app(days(parse_event(source, "brackets.toml"), clock, "brackets"), "en")
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        assert screen_lines(app)[0].startswith(" Gelar [Final] $2016 · ")
        assert "1. KBK [b]Ceria[/b]" in widget_text(app, "#order")
        assert "KBK [b]Ceria[/b]" in widget_text(app, "#group")

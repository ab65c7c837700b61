"""The console's top line shows the hub: in step, behind while shipping fails, refused after a takeover;
and the console starts at once when the hub cannot be reached."""

from __future__ import annotations

from gelar_tui.hub.ship import Shipper
from gelar_tui.ui.widgets.top_bar import TopBar
from tests.hub.hubtools import init_hub
from tests.support.console import demo_event, make_app, open_day, settled
from tests.support.serve import free_port


def top_line(app) -> str:
    return app.screen.query_one(TopBar).render().plain


async def test_the_top_line_says_the_hub_is_in_step(hub_url, tmp_path):
    init_hub(hub_url)
    path = tmp_path / "room.gelar-journal"
    day = open_day(demo_event(), path)
    app = make_app(day, "en")
    app.hub_shipper = Shipper(hub_url, path, demo_event()).start()
    try:
        async with app.run_test(size=(160, 48)) as pilot:
            await pilot.press("space")  # a flip: shipped as it is committed
            shipped = lambda: app.hub_shipper.state.hub_seq == day.journal.fingerprint()[0] > 0  # noqa: E731
            assert await settled(pilot, shipped, tries=200)
            assert await settled(pilot, lambda: "hub ✓" in top_line(app))
    finally:
        app.hub_shipper.stop()
        day.close()


async def test_an_unreachable_hub_at_start_is_said_on_the_top_line_and_the_console_runs(tmp_path):
    path = tmp_path / "room.gelar-journal"
    day = open_day(demo_event(), path)
    app = make_app(day, "en")
    app.hub_shipper = Shipper(f"postgresql://gelar@127.0.0.1:{free_port()}/gelar", path, demo_event()).start()
    try:
        async with app.run_test(size=(160, 48)) as pilot:
            await pilot.press("space")
            assert await settled(pilot, lambda: "hub unreachable · 1 behind" in top_line(app), tries=200)
            assert day.state.slots[day.state.current].running_since is not None  # the flip was taken
            await pilot.press("space")
            assert await settled(pilot, lambda: "hub unreachable · 2 behind" in top_line(app), tries=200)
    finally:
        app.hub_shipper.stop()
        day.close()


async def test_the_hub_badge_fits_a_narrow_console(tmp_path):
    path = tmp_path / "room.gelar-journal"
    day = open_day(demo_event(), path)
    app = make_app(day, "en")
    app.hub_shipper = Shipper(f"postgresql://gelar@127.0.0.1:{free_port()}/gelar", path, demo_event()).start()
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("space")
            assert await settled(pilot, lambda: "hub unreachable" in top_line(app), tries=200)
            line = top_line(app)
            assert len(line) <= 80 and line.rstrip().endswith(":" + line.rstrip()[-2:])  # the time of day stays at the right
    finally:
        app.hub_shipper.stop()
        day.close()

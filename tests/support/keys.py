"""Keys as a terminal delivers them: in one burst (every key posted at once), or one at a time as a slow
typist, each handled before the next (what the burst tests compare)."""

from __future__ import annotations

import time

from textual import events
from textual.app import App


async def burst(pilot, keys) -> None:
    """Post every key to the app at once, as a terminal delivers a burst, then wait until all are handled."""
    app: App = pilot.app
    for key in keys:
        char = key if len(key) == 1 else None
        if key == "comma":
            char = ","
        event = events.Key(key, char)
        event.set_sender(app)
        app._driver.send_message(event)
    await settled(pilot)


async def settled(pilot, timeout: float = 60.0) -> None:
    """Wait until the app has nothing left to do: every queued key and message handled (or fail at *timeout*)."""
    app: App = pilot.app
    deadline = time.monotonic() + timeout
    while True:
        await pilot.pause()
        pumps = [app, *app.screen_stack, *app.screen.walk_children(with_self=False)]
        if all(pump._message_queue.empty() for pump in pumps):
            await pilot.pause()
            if all(pump._message_queue.empty() for pump in pumps):
                return
        assert time.monotonic() < deadline, "the app never settled"


async def typed(pilot, keys, how: str) -> None:
    """*keys* typed "slow" (each pressed and handled before the next) or in a "burst"."""
    if how == "burst":
        await burst(pilot, keys)
        return
    for key in keys:
        await pilot.press(key)
        await pilot.pause()

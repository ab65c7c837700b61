"""Browser tabs under `gelar serve`: how many may be open, and a process that ends with its tab.

Each tab is a process of some 40 MB. Without limits one page could open forty of them
and keep a juror's PIN screen waiting behind their starts; a tab whose connection was
reset left its process blocked writing to a pipe nobody read, deaf to SIGTERM. So:

- :class:`TabLimits` and :class:`OpenTabs`: at most so many tabs per client address and
  in all; a tab refused gets a page that says why.
- :class:`TabProcess`: textual-serve's ``AppService`` (which runs the process and carries
  its terminal) with the process in a session of its own, so that when the tab's
  connection ends, the process is asked to quit and, a moment later, killed.
"""

from __future__ import annotations

import asyncio
import contextlib
import heapq
import itertools
import os
import signal
import time
from collections import Counter
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass

from textual_serve.app_service import AppService

from ..day.stations import CLIENT_ENV

PER_ADDRESS = 4
"""Tabs one client address may have open at once (``--max-tabs-per-address``)."""
IDLE_MINUTES = 30
"""A juror's tab with no key or click for this long is closed (``--idle-minutes``)."""
QUIT_GRACE = 2.0
"""Seconds a tab's process has to quit by itself once its connection ended, before it is killed."""
WIDTH = (20, 400)
HEIGHT = (8, 150)
"""The terminal sizes a tab may ask for (columns, rows): anything else is clamped."""


STARTS_AT_ONCE = max(1, os.cpu_count() or 1)
"""Tab processes starting at once (a start costs a core for half a second); the others queue."""
START_TIMEOUT = 10.0
"""Seconds after which a start that drew nothing yet no longer holds its place."""


def default_total(jurors: int) -> int:
    """Tabs in all, by default: two per juror and per hall screen (display, presenter)."""
    return 2 * (jurors + 2)


def clamp(value: int, bounds: tuple[int, int]) -> int:
    low, high = bounds
    return max(low, min(high, value))


def size_of(query, key: str, default: int, bounds: tuple[int, int]) -> int:
    """A terminal dimension from a request's query or a resize message, clamped; *default* when unreadable."""
    try:
        value = int(query.get(key, default))
    except (TypeError, ValueError, OverflowError):
        value = default
    return clamp(value, bounds)


@dataclass(frozen=True)
class TabLimits:
    """How many tabs may be open, and when an idle one is closed."""

    per_address: int
    total: int
    idle_seconds: float


class OpenTabs:
    """The tabs open now, counted per client address."""

    def __init__(self, limits: TabLimits) -> None:
        self.limits = limits
        self.by_address: Counter[str] = Counter()

    @property
    def total(self) -> int:
        return sum(self.by_address.values())

    def refusal(self, address: str) -> str | None:
        """The message key saying why *address* may not open another tab now, or None."""
        if self.total >= self.limits.total:
            return "serve.full_total"
        if self.by_address[address] >= self.limits.per_address:
            return "serve.full_address"
        return None

    def opened(self, address: str) -> None:
        self.by_address[address] += 1

    def closed(self, address: str) -> None:
        self.by_address[address] -= 1
        if self.by_address[address] <= 0:
            del self.by_address[address]


class StartQueue:
    """Tabs wait here for their process to start, a few at a time, a juror's first.

    Twenty tabs opened and closed at once would otherwise start twenty processes together
    and keep a juror's PIN screen waiting behind them. Here a juror's tab goes ahead of the
    hall's screens, an address with fewer tabs ahead of one with more, and a tab closed
    while it waits never starts a process at all. An *urgent* tab (a device's first tab
    on a juror's station) starts at once, beside those starting, and nothing else starts
    until its screen is up.
    """

    def __init__(self, at_once: int = STARTS_AT_ONCE) -> None:
        self.at_once = at_once
        self.starting = 0
        self.urgent = 0
        self._waiting: list[tuple[tuple, int, asyncio.Future]] = []
        self._order = itertools.count()

    @contextlib.asynccontextmanager
    async def turn(self, rank: tuple, gone: Callable[[], bool], *, urgent: bool = False) -> AsyncIterator[bool]:
        """Wait for a place (True), or until *gone* says the tab closed meanwhile (False); hold it while inside."""
        if urgent and not self.urgent:
            self.urgent += 1
            try:
                yield True
            finally:
                self.urgent -= 1
                self._next()
            return
        if self.starting < self.at_once and not self._waiting and not self.urgent:
            self.starting += 1
        else:
            place = asyncio.get_running_loop().create_future()
            heapq.heappush(self._waiting, (rank, next(self._order), place))
            while not place.done():
                if gone():
                    place.cancel()
                    yield False
                    return
                with contextlib.suppress(asyncio.TimeoutError):
                    await asyncio.wait_for(asyncio.shield(place), 0.2)
        try:
            yield True
        finally:
            self.starting -= 1
            self._next()

    def _next(self) -> None:
        while self._waiting and self.starting < self.at_once and not self.urgent:
            _, _, place = heapq.heappop(self._waiting)
            if place.done():  # its tab closed while it waited
                continue
            self.starting += 1
            place.set_result(None)


class TabProcess(AppService):
    """One tab's process: started without a shell in a session of its own, ended with the tab."""

    def __init__(self, argv: list[str], *, client: str, **kwargs) -> None:
        super().__init__(" ".join(argv), **kwargs)
        self.argv = argv
        self.client = client
        self.last_input = time.monotonic()
        self.drawn = asyncio.Event()
        """Set once the process sent its first output (its start is over)."""

    async def _open_app_process(self, width: int = 80, height: int = 24):
        environment = self._build_environment(width=width, height=height)
        environment[CLIENT_ENV] = self.client
        self._process = process = await asyncio.create_subprocess_exec(
            *self.argv,
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=None,  # straight to the server's own: what a station says as it quits (a spill file) is not lost
            env=environment,
            start_new_session=True,
        )
        nothing = asyncio.StreamReader()  # AppService.run reads a stderr pipe; this one has ended already
        nothing.feed_eof()
        process.stderr = nothing
        self._stdin = process.stdin
        return process

    async def on_data(self, payload: bytes) -> None:
        """Output to the browser; a connection gone ends the reading (the process is then ended)."""
        self.drawn.set()
        try:
            await self.remote_write_bytes(payload)
        except (ConnectionError, RuntimeError):
            raise asyncio.IncompleteReadError(b"", None) from None  # ends AppService.run's loop

    async def started(self) -> None:
        """Until the process drew its first screen, or START_TIMEOUT passed, or it ended."""
        drawn = asyncio.ensure_future(self.drawn.wait())
        waits = {drawn} | ({self._task} if self._task is not None else set())
        await asyncio.wait(waits, timeout=START_TIMEOUT, return_when=asyncio.FIRST_COMPLETED)
        drawn.cancel()

    async def send_bytes(self, data: bytes) -> bool:
        self.last_input = time.monotonic()
        return await super().send_bytes(data)

    async def end(self) -> None:
        """The tab's connection ended: ask the process to quit, then kill it if it has not."""
        process = self._process
        if process is None:
            return
        if process.returncode is None and not self.drawn.is_set():  # it showed nothing yet: nothing to save
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(process.pid, signal.SIGKILL)
        if process.returncode is None:
            with contextlib.suppress(Exception):
                await asyncio.wait_for(self.send_meta({"type": "quit"}), QUIT_GRACE / 2)
            try:
                await asyncio.wait_for(process.wait(), QUIT_GRACE)
            except asyncio.TimeoutError:
                for sig in (signal.SIGTERM, signal.SIGKILL):
                    with contextlib.suppress(ProcessLookupError, PermissionError):
                        os.killpg(process.pid, sig)
                    try:
                        await asyncio.wait_for(process.wait(), 1.0)
                        break
                    except asyncio.TimeoutError:
                        continue
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self._task
            self._task = None
        with contextlib.suppress(Exception):
            await self._download_manager.cancel_app_downloads(app_service_id=self.app_service_id)

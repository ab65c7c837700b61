"""`gelar serve`: every station at one address, each browser tab its own `gelar` process.

textual-serve does the hard part: it runs a command per browser connection and carries
the terminal over a websocket. This server keeps its machinery (the process per
connection, the terminal script and its static files) and replaces its pages: a landing
page that offers the stations, and a terminal page per station, both gelar's own, in
the event's language, naming no command, path or journal, and loading nothing from
outside this server (the terminal's font included).

There is no login: a station is opened inside the app with the juror's PIN. It listens
on loopback unless told otherwise.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import signal
import socket
import ssl
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import GelarError
from .address import is_loopback
from .tabs import TabLimits
from .views import Station, stations

if TYPE_CHECKING:
    from aiohttp import web

    from ..context import Context

TEMPLATES = Path(__file__).parent / "templates"
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"
)
"""Everything from this server only, and no page elsewhere may frame these."""
PAGE_WORDS = ("start", "starting", "ended", "again", "back", "choose", "views", "jurors", "juror_hint", "no_script", "refused_title")


def _server_class():
    """The server, built on textual-serve's when first needed (it imports aiohttp)."""
    import aiohttp_jinja2
    import jinja2
    from aiohttp import WSMsgType, web
    from textual_serve.server import Server, to_int

    from .tabs import HEIGHT, WIDTH, OpenTabs, StartQueue, TabProcess, size_of

    @web.middleware
    async def guard_headers(request: web.Request, handler):
        """No page of this server may be framed by another, nor load anything from elsewhere."""
        response = await handler(request)
        if not response.prepared:
            response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
            response.headers.setdefault("X-Frame-Options", "DENY")
            response.headers.setdefault("X-Content-Type-Options", "nosniff")
            response.headers.setdefault("Referrer-Policy", "no-referrer")
        return response

    class StationServer(Server):
        """textual-serve's server with gelar's pages, one command per station, and limits."""

        def __init__(self, context: Context, offered: list[Station], commands: dict[str, list[str]], options: ServeOptions) -> None:
            super().__init__("gelar", host=options.host, port=options.port, title=context.event.event.title, public_url=options.url, templates_path=TEMPLATES)
            self.context = context
            self.offered = offered
            self.commands = commands
            self.options = options
            self.tabs = OpenTabs(options.limits)
            self.starts = StartQueue()
            self.sockets: set[web.WebSocketResponse] = set()

        def initialize_logging(self) -> None:
            logging.basicConfig(level=logging.WARNING, format="%(message)s")

        async def _make_app(self) -> web.Application:
            app = web.Application(middlewares=[guard_headers])
            aiohttp_jinja2.setup(app, loader=jinja2.FileSystemLoader(self.templates_path), autoescape=True)
            app.add_routes(
                [
                    web.get("/", self.landing),
                    web.get("/station/{key}", self.station_page),
                    web.get("/ws/{key}", self.station_socket),
                    web.static("/static", self.statics_path),
                ]
            )
            app.on_shutdown.append(self.close_tabs)
            return app

        async def close_tabs(self, app: web.Application) -> None:
            """Ctrl+C: every tab's connection closes, so every tab's process ends before the server does."""
            await asyncio.gather(*(socket.close() for socket in list(self.sockets)), return_exceptions=True)

        def _page(self, request: web.Request) -> dict:
            t = self.context.t
            return {
                "lang": t.language,
                "event": self.title,
                "title": self.title,
                "static": "/static/",
                "home": "/",
                "words": {word: t(f"serve.{word}") for word in PAGE_WORDS},
            }

        def _label(self, station: Station) -> str:
            return station.label if station.juror else self.context.t(station.label)

        async def landing(self, request: web.Request) -> web.Response:
            page = self._page(request)
            rows = [{"key": s.key, "label": self._label(s), "href": f"/station/{s.key}"} for s in self.offered]
            page["screens"] = [row for row, s in zip(rows, self.offered) if not s.juror]
            page["jurors"] = [row for row, s in zip(rows, self.offered) if s.juror]
            return aiohttp_jinja2.render_template("landing.html", request, page)

        def _refused(self, request: web.Request, reason: str) -> web.Response:
            """The page a tab gets when it may not open: why, and the way back."""
            page = self._page(request)
            limits = self.options.limits
            page["reason"] = self.context.t(reason, per_address=limits.per_address, total=limits.total)
            return aiohttp_jinja2.render_template("refused.html", request, page, status=503)

        async def station_page(self, request: web.Request) -> web.Response:
            key = request.match_info["key"]
            station = next((s for s in self.offered if s.key == key), None)
            if station is None:
                raise web.HTTPFound("/")
            refusal = self.tabs.refusal(request.remote or "")
            if refusal is not None:
                return self._refused(request, refusal)
            page = self._page(request)
            secure = request.secure or request.headers.get("X-Forwarded-Proto") == "https"
            page.update(
                title=f"{self._label(station)} · {self.title}",
                station=self._label(station),
                websocket=f"{'wss' if secure else 'ws'}://{request.host}/ws/{key}",
                font_size=to_int(request.query.get("fontsize", "16"), 16),
            )
            return aiohttp_jinja2.render_template("station.html", request, page)

        def _origin_allowed(self, request: web.Request) -> bool:
            """A websocket from this server's own pages, or from an origin --allow-origin names.

            A request with no Origin (not a browser) passes, as in Jupyter: the header is
            what a browser sends for every page, so a page elsewhere cannot leave it out.
            """
            origin = request.headers.get("Origin")
            if origin is None:
                return True
            origin = origin.rstrip("/").lower()
            own = {f"{scheme}://{request.host}".lower() for scheme in ("http", "https")}
            return origin in own or origin in self.options.allowed_origins or "*" in self.options.allowed_origins

        async def station_socket(self, request: web.Request) -> web.StreamResponse:
            """One browser tab: its own process running the station's command, ended with the tab."""
            key = request.match_info["key"]
            argv = self.commands.get(key)
            if argv is None:
                raise web.HTTPNotFound()
            if not self._origin_allowed(request):
                raise web.HTTPForbidden(text=self.context.t("serve.origin_refused"))
            address = request.remote or ""
            refusal = self.tabs.refusal(address)
            if refusal is not None:
                raise web.HTTPServiceUnavailable(text=self.context.t(refusal, per_address=self.options.limits.per_address, total=self.options.limits.total))
            self.tabs.opened(address)
            try:
                return await self._run_tab(request, argv, address, juror=key.startswith("jury-"))
            finally:
                self.tabs.closed(address)

        async def _run_tab(self, request: web.Request, argv: list[str], address: str, *, juror: bool) -> web.WebSocketResponse:
            socket = web.WebSocketResponse(heartbeat=15)
            await socket.prepare(request)
            self.sockets.add(socket)
            service = TabProcess(
                argv,
                client=address,
                write_bytes=socket.send_bytes,
                write_str=socket.send_str,
                close=socket.close,
                download_manager=self.download_manager,
            )
            idle = asyncio.create_task(self._close_when_idle(socket, service)) if juror else None
            rank = (0 if juror else 1, self.tabs.by_address[address])  # a juror first, then the address with fewer tabs
            urgent = juror and self.tabs.by_address[address] == 1  # a device's only tab: a juror waiting at the PIN screen

            def gone() -> bool:
                transport = request.transport
                return socket.closed or transport is None or transport.is_closing()

            try:
                async with self.starts.turn(rank, gone, urgent=urgent) as go:
                    if not go:
                        return socket
                    await service.start(size_of(request.query, "width", 80, WIDTH), size_of(request.query, "height", 24, HEIGHT))
                    await service.started()
                await self._carry(socket, service)
            except (asyncio.CancelledError, ConnectionError):
                pass
            finally:
                if idle is not None:
                    idle.cancel()
                await service.end()
                self.sockets.discard(socket)
                with contextlib.suppress(Exception):
                    await socket.close()
            return socket

        async def _carry(self, socket: web.WebSocketResponse, service: TabProcess) -> None:
            """What the browser sends, to the process; sizes clamped, anything unreadable passed over."""
            async for message in socket:
                if message.type != WSMsgType.TEXT:
                    continue
                try:
                    kind, data = message.json()
                except (ValueError, TypeError):
                    continue
                if kind == "stdin" and isinstance(data, str):
                    await service.send_bytes(data.encode("utf-8"))
                elif kind == "resize" and isinstance(data, dict):
                    await service.set_terminal_size(size_of(data, "width", 80, WIDTH), size_of(data, "height", 24, HEIGHT))
                elif kind == "ping":
                    await socket.send_json(["pong", data])
                elif kind == "blur":
                    await service.blur()
                elif kind == "focus":
                    await service.focus()

        async def _close_when_idle(self, socket: web.WebSocketResponse, service: TabProcess) -> None:
            """A juror's tab nobody typed in for the idle time closes (a hall screen never does)."""
            idle = self.options.limits.idle_seconds
            while True:
                left = service.last_input + idle - time.monotonic()
                if left <= 0:
                    await socket.close()
                    return
                await asyncio.sleep(min(left, 30.0))

        def serve(self, debug: bool = False) -> None:
            """Listen first (a port taken is an error before anything is announced), then announce, then serve."""
            self.initialize_logging()
            listening = listen(self.options.host, self.options.port)
            announce(self.context, self.options)
            loop = asyncio.new_event_loop()
            with contextlib.suppress(NotImplementedError):
                loop.add_signal_handler(signal.SIGINT, self.request_exit)
                loop.add_signal_handler(signal.SIGTERM, self.request_exit)
            web.run_app(self._make_app(), sock=listening, ssl_context=self.options.tls, handle_signals=False, loop=loop, print=lambda *args: None)

    return StationServer


@dataclass(frozen=True)
class ServeOptions:
    """How `gelar serve` listens and what it allows."""

    host: str
    port: int
    url: str
    limits: TabLimits
    allowed_origins: frozenset[str] = frozenset()
    tls: ssl.SSLContext | None = None
    lang: str | None = None


def listen(host: str, port: int) -> socket.socket:
    """A socket listening on *host*:*port*, or a clear error (a port another server holds)."""
    try:
        family = socket.AF_INET6 if ":" in host else socket.AF_INET
        return socket.create_server((host, port), family=family, backlog=128, reuse_port=False)
    except OSError as exc:
        raise GelarError("serve.cannot_listen", host=host, port=port, reason=os.strerror(exc.errno) if exc.errno else str(exc)) from None


def announce(context: Context, options: ServeOptions) -> None:
    """What `gelar serve` prints once it listens: the event, the address, who can reach it, its QR code."""
    import segno

    t, url, title = context.t, options.url, context.event.event.title  # printed through SafeStream: never obeyed
    print(title)
    print(t("serve.serving", event=title, url=url))
    if is_loopback(options.host):
        print(t("serve.loopback", command=context.command("serve", "--host", "0.0.0.0")))
    else:
        print(t("serve.network", url=url))
        if options.tls is None:
            print(t("serve.plain"))
    segno.make(url, error="m").terminal(compact=True)
    print(t("serve.quit"), flush=True)


def station_commands(context: Context, offered: list[Station], lang: str | None) -> dict[str, list[str]]:
    """Each station's command: this Python running gelar on this event and journal."""
    tail = [str(context.event_path), "--journal", str(context.journal_path), "--lang", lang or context.t.language]
    return {s.key: [sys.executable, "-m", "gelar_tui", *s.command, *tail] for s in offered}


def tls_context(certfile: Path | None, keyfile: Path | None) -> ssl.SSLContext | None:
    """The certificate and key to serve HTTPS and WSS with, or None (plain HTTP); a clear error when unusable."""
    if certfile is None and keyfile is None:
        return None
    if certfile is None:
        raise GelarError("serve.tls_pair")
    made = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    try:
        made.load_cert_chain(certfile, keyfile)
    except (OSError, ssl.SSLError) as exc:
        raise GelarError("serve.tls_bad", certfile=str(certfile), keyfile=str(keyfile or certfile), reason=getattr(exc, "strerror", None) or str(exc)) from None
    return made


def serve(context: Context, options: ServeOptions) -> int:
    """Serve the stations until Ctrl+C."""
    if not 1 <= options.port <= 65535:
        raise GelarError("serve.bad_port", port=options.port)
    context.open_day(create=True).close()  # a journal that is not this event's is refused now, not in each tab
    offered = stations(context.event)
    server = _server_class()(context, offered, station_commands(context, offered, options.lang), options)
    server.serve()
    return 0

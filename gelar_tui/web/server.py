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
import logging
import shlex
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import GelarError
from .address import is_loopback, public_url
from .views import Station, stations

if TYPE_CHECKING:
    from aiohttp import web

    from ..context import Context
    from ..i18n import Messages

TEMPLATES = Path(__file__).parent / "templates"
PAGE_WORDS = ("start", "starting", "ended", "again", "back", "choose", "views", "jurors", "juror_hint", "no_script")


def _server_class():
    """The server, built on textual-serve's when first needed (it imports aiohttp)."""
    import aiohttp_jinja2
    import jinja2
    from aiohttp import web
    from textual_serve.app_service import AppService
    from textual_serve.server import Server, to_int

    class StationServer(Server):
        """textual-serve's server with gelar's pages, and one command per station."""

        def __init__(self, context: Context, offered: list[Station], commands: dict[str, str], *, host: str, port: int, url: str) -> None:
            super().__init__("gelar", host=host, port=port, title=context.event.event.title, public_url=url, templates_path=TEMPLATES)
            self.context = context
            self.offered = offered
            self.commands = commands

        def initialize_logging(self) -> None:
            logging.basicConfig(level=logging.WARNING, format="%(message)s")

        async def _make_app(self) -> web.Application:
            app = web.Application()
            aiohttp_jinja2.setup(app, loader=jinja2.FileSystemLoader(self.templates_path), autoescape=True)
            app.add_routes(
                [
                    web.get("/", self.landing),
                    web.get("/station/{key}", self.station_page),
                    web.get("/ws/{key}", self.station_socket),
                    web.static("/static", self.statics_path),
                ]
            )
            app.on_startup.append(self.on_startup)
            return app

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

        async def station_page(self, request: web.Request) -> web.Response:
            key = request.match_info["key"]
            station = next((s for s in self.offered if s.key == key), None)
            if station is None:
                raise web.HTTPFound("/")
            page = self._page(request)
            secure = request.secure or request.headers.get("X-Forwarded-Proto") == "https"
            page.update(
                title=f"{self._label(station)} · {self.title}",
                station=self._label(station),
                websocket=f"{'wss' if secure else 'ws'}://{request.host}/ws/{key}",
                font_size=to_int(request.query.get("fontsize", "16"), 16),
            )
            return aiohttp_jinja2.render_template("station.html", request, page)

        async def station_socket(self, request: web.Request) -> web.WebSocketResponse:
            """One browser tab: its own process running the station's command."""
            command = self.commands.get(request.match_info["key"])
            if command is None:
                raise web.HTTPNotFound()
            socket = web.WebSocketResponse(heartbeat=15)
            await socket.prepare(request)
            service = AppService(
                command,
                write_bytes=socket.send_bytes,
                write_str=socket.send_str,
                close=socket.close,
                download_manager=self.download_manager,
            )
            try:
                await service.start(to_int(request.query.get("width", "80"), 80), to_int(request.query.get("height", "24"), 24))
                await self._process_messages(socket, service)
            except asyncio.CancelledError:
                await socket.close()
            finally:
                await service.stop()
            return socket

        async def on_startup(self, app: web.Application) -> None:
            announce(self.context.t, self.title, self.public_url, self.host)

    return StationServer


def announce(t: Messages, title: str, url: str, host: str) -> None:
    """What `gelar serve` prints as it starts: the address, who can reach it, and its QR code."""
    import segno

    print(t("serve.serving", event=title, url=url))
    print(t("serve.loopback") if is_loopback(host) else t("serve.network", url=url))
    segno.make(url, error="m").terminal(compact=True)
    print(t("serve.quit"), flush=True)


def station_commands(context: Context, offered: list[Station], lang: str | None) -> dict[str, str]:
    """Each station's command line: this Python running gelar on this event and journal."""
    tail = [str(context.event_path), "--journal", str(context.journal_path), "--lang", lang or context.t.language]
    return {s.key: shlex.join([sys.executable, "-m", "gelar_tui", *s.command, *tail]) for s in offered}


def serve(context: Context, *, host: str, port: int, public: str | None, lang: str | None) -> int:
    """Serve the stations until Ctrl+C."""
    if not 1 <= port <= 65535:
        raise GelarError("serve.bad_port", port=port)
    url = public_url(host, port, public)
    context.open_day(create=True).close()  # a journal that is not this event's is refused now, not in each tab
    offered = stations(context.event)
    server = _server_class()(context, offered, station_commands(context, offered, lang), host=host, port=port, url=url)
    try:
        server.serve()
    except OSError as exc:
        raise GelarError("serve.cannot_listen", host=host, port=port, reason=exc.strerror or str(exc)) from None
    return 0

"""`gelar serve` as a browser meets it, without a browser: its pages, headers, websockets and tabs' processes.

Each test starts a real `gelar serve` on a free loopback port and talks to it with
aiohttp's client, as bench/stations.py does.
"""

from __future__ import annotations

import asyncio
import json
import os
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import aiohttp
import pytest

from gelar_tui.event.eventfile import bundled_event_path
from tests.support.serve import children, free_port, wait_until


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


class Served:
    def __init__(self, folder: Path, *flags: str, secure=None, title: str | None = None) -> None:
        self.event = folder / "event.toml"
        shutil.copy(bundled_event_path(), self.event)
        if title is not None:
            text = self.event.read_text(encoding="utf-8").replace('title = "Gelar Budaya Kerja 2016"', f"title = {json.dumps(title)}", 1)
            self.event.write_text(text, encoding="utf-8")
        self.port = free_port()
        self.secure = secure
        self.url = f"{'https' if secure else 'http'}://127.0.0.1:{self.port}"
        self.out = folder / f"serve-{self.port}.out"
        self.err = folder / f"serve-{self.port}.err"
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gelar_tui", "serve", str(self.event), "--port", str(self.port), "--lang", "en", *flags],
            stdout=open(self.out, "w"),
            stderr=open(self.err, "w"),
            env={**os.environ, "TZ": "UTC"},
        )

    def up(self) -> bool:
        try:
            return urllib.request.urlopen(self.url + "/", timeout=1, context=self.secure).status == 200
        except OSError:
            return False

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
        for pid in children(self.process.pid):
            os.kill(pid, signal.SIGKILL)


@pytest.fixture
def serving(tmp_path: Path, isolated_home: Path):
    started: list[Served] = []

    def start(*flags: str, secure=None, title=None) -> Served:
        server = Served(tmp_path, *flags, secure=secure, title=title)
        started.append(server)
        wait_until(server.up, "the server answers")
        return server

    yield start
    for server in started:
        server.stop()


async def open_tab(server: Served, station: str, *, origin: str | None = None, size: str = "width=100&height=30"):
    """A websocket as a tab opens it; (session, socket) or the refusal's status."""
    session = aiohttp.ClientSession()
    headers = {"Origin": origin} if origin else {}
    try:
        socket_ = await session.ws_connect(f"{server.url}/ws/{station}?{size}", headers=headers)
    except aiohttp.WSServerHandshakeError as refused:
        await session.close()
        return refused.status
    return session, socket_


async def first_output(socket_, words: bytes = b"", timeout: float = 60.0) -> bytes:
    received = bytearray()
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        message = await socket_.receive(timeout=deadline - time.monotonic())
        if message.type == aiohttp.WSMsgType.BINARY:
            received += message.data
            if words in received:
                return bytes(received)
        elif message.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED, aiohttp.WSMsgType.ERROR):
            break
    raise AssertionError(f"never drew {words!r}")


def test_a_port_another_server_holds_is_an_error_before_any_address_is_printed(tmp_path: Path, isolated_home: Path) -> None:
    event = tmp_path / "event.toml"
    shutil.copy(bundled_event_path(), event)
    with socket.create_server(("127.0.0.1", 0)) as taken:
        port = taken.getsockname()[1]
        done = subprocess.run(
            [sys.executable, "-m", "gelar_tui", "serve", str(event), "--port", str(port), "--lang", "en"],
            capture_output=True, text=True, timeout=60,
        )
    assert done.returncode == 2
    assert "Cannot listen on 127.0.0.1" in done.stderr and "Traceback" not in done.stderr
    assert done.stdout == ""  # no address, no QR code pointing at the other server


def test_serve_prints_the_title_first_and_a_suggestion_that_names_the_event(serving) -> None:
    server = serving()
    text = wait_until(lambda: "Ctrl+C" in server.out.read_text() and server.out.read_text(), "the announcement")
    lines = text.splitlines()
    assert lines[0] == "Gelar Budaya Kerja 2016"
    suggestion = next(line for line in lines if "--host 0.0.0.0" in line).split(": ", 1)[1]
    words = shlex.split(suggestion)
    assert words[:3] == ["gelar", "serve", str(server.event)] and words[-2:] == ["--host", "0.0.0.0"]


def test_a_title_with_markup_is_printed_as_typed(serving) -> None:
    server = serving(title="[bold]Lomba[/] =HYPERLINK(1)")
    text = wait_until(lambda: "Ctrl+C" in server.out.read_text() and server.out.read_text(), "the announcement")
    assert text.splitlines()[0] == "[bold]Lomba[/] =HYPERLINK(1)"


def test_a_title_with_control_characters_is_refused_before_anything_is_served(tmp_path: Path, isolated_home: Path) -> None:
    server = Served(tmp_path, title="Lomba\x1b[31m RED\x07 \u202eevil")
    try:
        assert server.process.wait(timeout=60) == 2
    finally:
        server.stop()
    out, err = server.out.read_text(), server.err.read_text()
    assert out == "" and "event.title" in err and "Traceback" not in err
    assert not any(c in out + err for c in "\x1b\x07\u202e")  # shown as escapes, never obeyed


def test_pages_forbid_framing_and_other_sites(serving) -> None:
    server = serving()
    for path in ("/", "/station/display"):
        headers = urllib.request.urlopen(server.url + path, timeout=5).headers
        assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
        assert headers["X-Frame-Options"] == "DENY"


async def test_a_websocket_from_another_site_is_refused_unless_allowed(serving) -> None:
    server = serving("--allow-origin", "http://hall.example:8080/", "--public-url", "https://gelar.hall.example")
    before = children(server.process.pid)
    for origin in ("http://evil.example", "null", f"http://127.0.0.1:{server.port + 1}"):
        assert await open_tab(server, "display", origin=origin) == 403
    assert children(server.process.pid) == before  # no process started for them
    for origin in (server.url, "http://hall.example:8080", "https://gelar.hall.example"):
        session, tab = await open_tab(server, "display", origin=origin)
        await first_output(tab)
        await tab.close()
        await session.close()


async def test_tabs_are_limited_per_address_and_a_refused_tab_is_told_why(serving) -> None:
    server = serving("--max-tabs-per-address", "2")
    tabs = [await open_tab(server, "display") for _ in range(2)]
    try:
        for _, tab in tabs:
            await first_output(tab)
        assert len(children(server.process.pid)) == 2
        assert await open_tab(server, "presenter") == 503
        with pytest.raises(urllib.error.HTTPError) as page:
            urllib.request.urlopen(server.url + "/station/presenter", timeout=5)
        assert page.value.code == 503
        assert "This device already has as many tabs of this event open as it may (2)" in page.value.read().decode()
        assert len(children(server.process.pid)) == 2
    finally:
        for session, tab in tabs:
            await tab.close()
            await session.close()
    # Closed tabs free their places.
    wait_until(lambda: not children(server.process.pid), "the closed tabs' processes end")
    session, tab = await open_tab(server, "presenter")
    await first_output(tab)
    await tab.close()
    await session.close()


async def test_a_tab_whose_connection_is_cut_loses_its_process_even_a_deaf_one(serving) -> None:
    server = serving()
    session, tab = await open_tab(server, "presenter")
    await first_output(tab)
    (pid,) = children(server.process.pid)
    os.kill(pid, signal.SIGSTOP)  # a process that hears nothing: no quit, no SIGTERM
    tab._response.connection.transport.abort()  # the connection reset, as a closed laptop lid does
    await session.close()
    await asyncio.to_thread(wait_until, lambda: not alive(pid), "the process ends", 30.0)


async def test_a_jurors_idle_tab_closes_and_a_hall_screen_stays(serving) -> None:
    server = serving("--idle-minutes", "0.1")
    screen_session, screen = await open_tab(server, "display")
    await first_output(screen)
    juror_session, juror = await open_tab(server, "jury-pemprov")
    closed = await juror.receive(timeout=60)
    while closed.type == aiohttp.WSMsgType.BINARY:
        closed = await juror.receive(timeout=60)
    assert closed.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED)
    assert not screen.closed
    await asyncio.to_thread(wait_until, lambda: len(children(server.process.pid)) == 1, "the idle tab's process ends")
    for session, tab in ((juror_session, juror), (screen_session, screen)):
        await tab.close()
        await session.close()


async def test_a_tab_cannot_ask_for_a_huge_terminal(serving) -> None:
    server = serving()
    session, tab = await open_tab(server, "display", size="width=100000&height=-5")
    await first_output(tab)
    (pid,) = children(server.process.pid)
    environ = dict(item.split("=", 1) for item in Path(f"/proc/{pid}/environ").read_text().split("\0") if "=" in item)
    assert (environ["COLUMNS"], environ["ROWS"]) == ("400", "8")
    await tab.close()
    await session.close()


def make_certificate(folder: Path) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1, made as the README says."""
    cert, key = folder / "hall.crt", folder / "hall.key"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-keyout", str(key), "-out", str(cert),
         "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"],
        check=True, capture_output=True,
    )
    return cert, key


@pytest.mark.skipif(shutil.which("openssl") is None, reason="openssl is not installed")
async def test_with_a_certificate_pages_and_websockets_are_encrypted(serving, tmp_path: Path) -> None:
    import ssl

    cert, key = make_certificate(tmp_path)
    trust = ssl.create_default_context(cafile=str(cert))
    server = serving("--certfile", str(cert), "--keyfile", str(key), secure=trust)
    text = wait_until(lambda: "Ctrl+C" in server.out.read_text() and server.out.read_text(), "the announcement")
    assert f"https://127.0.0.1:{server.port}" in text
    page = urllib.request.urlopen(server.url + "/station/display", timeout=5, context=trust).read().decode()
    assert f"wss://127.0.0.1:{server.port}/ws/display" in page
    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(ssl=trust)) as session:
        tab = await session.ws_connect(f"wss://127.0.0.1:{server.port}/ws/display?width=100&height=30")
        await first_output(tab)
        await tab.close()
    with pytest.raises(OSError):  # plain HTTP is not served beside it
        urllib.request.urlopen(f"http://127.0.0.1:{server.port}/", timeout=5)


def test_a_certificate_that_cannot_be_used_is_a_clear_error(tmp_path: Path, isolated_home: Path) -> None:
    event = tmp_path / "event.toml"
    shutil.copy(bundled_event_path(), event)
    (tmp_path / "bad.crt").write_text("not a certificate")
    for flags, words in (
        (["--certfile", str(tmp_path / "bad.crt")], "Cannot use the certificate"),
        (["--certfile", str(tmp_path / "missing.crt")], "Cannot use the certificate"),
        (["--keyfile", str(tmp_path / "bad.crt")], "--keyfile needs --certfile"),
        (["--max-tabs", "0"], "--max-tabs must be a positive number"),
        (["--idle-minutes", "nan"], "--idle-minutes must be a positive number"),
    ):
        done = subprocess.run(
            [sys.executable, "-m", "gelar_tui", "serve", str(event), "--port", str(free_port()), "--lang", "en", *flags],
            capture_output=True, text=True, timeout=60,
        )
        assert done.returncode == 2 and words in done.stderr and "Traceback" not in done.stderr, (flags, done.stderr)
        assert done.stdout == ""


async def test_the_start_queue_lets_a_juror_go_first_and_never_starts_a_closed_tab() -> None:
    from gelar_tui.web.tabs import StartQueue

    queue, order, closed, release = StartQueue(at_once=1), [], {"tab": False}, asyncio.Event()

    async def tab(name: str, rank: tuple, gone=lambda: False, hold: asyncio.Event | None = None) -> None:
        async with queue.turn(rank, gone) as go:
            if go:
                order.append(name)
                if hold is not None:
                    await hold.wait()

    first = asyncio.create_task(tab("screen 1", (1, 0), hold=release))
    while not order:
        await asyncio.sleep(0.01)
    waiting = [
        asyncio.create_task(tab("screen 2", (1, 0))),
        asyncio.create_task(tab("closed", (1, 0), gone=lambda: closed["tab"])),
        asyncio.create_task(tab("juror", (0, 3))),
    ]
    await asyncio.sleep(0.05)
    closed["tab"] = True  # that tab's browser went away while it waited
    deadline = time.monotonic() + 10
    while not any(place.cancelled() for _, _, place in queue._waiting):
        assert time.monotonic() < deadline, "the closed tab never left the queue"
        await asyncio.sleep(0.05)
    release.set()
    await asyncio.gather(first, *waiting)
    assert order == ["screen 1", "juror", "screen 2"]
    assert queue.starting == 0


async def test_a_jurors_first_tab_starts_at_once_and_holds_the_others_back() -> None:
    from gelar_tui.web.tabs import StartQueue

    queue, order, juror_up = StartQueue(at_once=1), [], asyncio.Event()

    async def tab(name: str, rank: tuple, urgent: bool = False, hold: asyncio.Event | None = None) -> None:
        async with queue.turn(rank, lambda: False, urgent=urgent) as go:
            assert go
            order.append(name)
            if hold is not None:
                await hold.wait()

    screen_up = asyncio.Event()
    screen = asyncio.create_task(tab("screen 1", (1, 0), hold=screen_up))
    while not order:
        await asyncio.sleep(0.01)
    juror = asyncio.create_task(tab("juror", (0, 1), urgent=True, hold=juror_up))
    while "juror" not in order:
        await asyncio.sleep(0.01)  # beside the screen that is starting: it waited for no one
    screen_up.set()
    await screen
    later = asyncio.create_task(tab("screen 2", (1, 0)))
    await asyncio.sleep(0.3)
    assert order == ["screen 1", "juror"]  # nothing else starts while the juror's does
    juror_up.set()
    await asyncio.gather(juror, later)
    assert order == ["screen 1", "juror", "screen 2"]


async def test_ctrl_c_ends_the_server_and_every_tabs_process(serving) -> None:
    server = serving()
    session, tab = await open_tab(server, "presenter")
    await first_output(tab)
    (pid,) = children(server.process.pid)
    server.process.send_signal(signal.SIGINT)
    await asyncio.to_thread(wait_until, lambda: not alive(pid), "the tab's process ends", 30.0)
    assert await asyncio.to_thread(server.process.wait, 30) == 0
    await session.close()


async def test_the_total_cap_holds_across_addresses(serving) -> None:
    server = serving("--max-tabs", "1")
    session, tab = await open_tab(server, "display")
    await first_output(tab)
    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(local_addr=("127.0.0.2", 0))) as other:
        with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
            await other.ws_connect(f"{server.url}/ws/jury-pemprov")
        assert refused.value.status == 503
        async with other.get(f"{server.url}/station/jury-pemprov") as page:
            assert page.status == 503 and "All 1 places of this server are taken" in await page.text()
    assert len(children(server.process.pid)) == 1
    await tab.close()
    await session.close()

"""Served stations benchmark: start time against a bare Textual app, memory per station,
and the console's flips with ten stations open.

    python -m bench.stations            # the full run (about four minutes)
    python -m bench.stations --quick    # a smoke run
    python -m bench.stations --limits   # only the tab limits: floods and churn

Everything talks to the servers as a browser does, over the websocket (aiohttp's client):
no browser is started, so its own cost does not blur the figures.

- Start: `gelar serve` and textual-serve serving bench/hello_app.py run side by side. Each
  run opens a websocket (a browser tab) and times until the terminal output carries the
  first screen's words (the station's "six-digit PIN"; hello's "Hello"). Pairs of runs,
  one right after the other, alternating which goes first; judged on the median of the
  pairs' ratios (see bench/README.md, "first frame", for why pairs).
- Memory: the resident (RSS) and proportional (PSS: shared pages divided among the
  processes sharing them) size of the process a connection runs, once its first screen
  is drawn; a station and hello side by side.
- Flips: the console in a private tmux server (as bench/console.py runs it), slot running;
  its flips are watched first with no station open, then with ten stations open at once
  (ten jurors, each opened with their PIN and typing a score every two seconds).

- Limits: 40 tabs asked at once from one address (127.0.0.2), then 40 from four
  (127.0.0.2-5, ten each): how many were refused, how many processes ran and their
  summed RSS and PSS once drawn, and how long until every process ended after the tabs
  closed. Then 20 tabs churning (opened and closed again and again, from 127.0.0.2-6)
  while a juror's tab from 127.0.0.10 opens: seconds until its PIN screen shows.

Figures, not assertions: it prints a table and exits 0 whatever they are.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
from tests.support.serve import descendants, free_port  # one place for both
from bench.console import TITLE, Setup, Tmux, _load, percentile, slot_started_ts, start, wait_for, watch_flips  # noqa: E402

START_RATIO, MEMORY_MB, FLIP_MS = 1.5, 80, 50
JURORS = 10
STATION_WORDS, HELLO_WORDS = b"six-digit", b"Hello"


def event_with_jurors(folder: Path, count: int) -> Path:
    """The bundled demo with *count* jurors j01..jNN."""
    from gelar_tui.event.eventfile import bundled_event_path

    source = bundled_event_path().read_text(encoding="utf-8")
    head, rest = source.split("[[jurors]]", 1)
    tail = rest[rest.index("[[groups]]") :]
    jurors = "".join(f'[[jurors]]\nid = "j{n:02d}"\nname = "Juri {n:02d}"\n\n' for n in range(1, count + 1))
    path = folder / "event.toml"
    path.write_text(head + jurors + tail, encoding="utf-8")
    return path


def wait_port(port: int, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise RuntimeError(f"nothing listens on port {port}")


def memory_mb(pid: int) -> tuple[float, float]:
    """(RSS, PSS) in MB of one process."""
    rss = pss = 0
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
        if line.startswith("Rss:"):
            rss = int(line.split()[1])
        elif line.startswith("Pss:"):
            pss = int(line.split()[1])
    return rss / 1024, pss / 1024


def python_children(server: int) -> set[int]:
    found = set()
    for pid in descendants(server):
        try:
            if "python" in Path(f"/proc/{pid}/comm").read_text():
                found.add(pid)
        except OSError:  # it ended meanwhile
            continue
    return found


class Tab:
    """One browser tab on a station: the websocket, what it received, and keys to send."""

    def __init__(self, port: int, path: str) -> None:
        self.url = f"http://127.0.0.1:{port}{path}?width=120&height=36"
        self.received = bytearray()

    async def open(self, session, words: bytes, timeout: float = 60.0) -> float:
        """Connect; seconds until *words* are in the output."""
        began = time.perf_counter()
        self.socket = await session.ws_connect(self.url)
        deadline = began + timeout
        while words not in self.received:
            message = await self.socket.receive(timeout=max(0.1, deadline - time.perf_counter()))
            if isinstance(message.data, bytes):
                self.received += message.data
        return time.perf_counter() - began

    async def keys(self, text: str) -> None:
        for key in text:
            await self.socket.send_str(json.dumps(["stdin", key]))
            await asyncio.sleep(0.15)

    async def drain(self) -> None:
        """Read (and forget) what the app sends, as a browser draws it."""
        async for _ in self.socket:
            pass

    async def close(self) -> None:
        await self.socket.close()


def start_pairs(servers: dict[str, tuple[int, subprocess.Popen, str, bytes]], pairs: int) -> tuple[dict[str, list[float]], list[float], dict[str, list[tuple[float, float]]]]:
    """*pairs* pairs of served starts, alternating which goes first; memory once each first screen is up."""
    import aiohttp

    times: dict[str, list[float]] = {"station": [], "hello": []}
    memory: dict[str, list[tuple[float, float]]] = {"station": [], "hello": []}
    ratios: list[float] = []

    async def one(name: str) -> float:
        port, server, path, words = servers[name]
        before = python_children(server.pid)
        async with aiohttp.ClientSession() as session:
            tab = Tab(port, path)
            seconds = await tab.open(session, words)
            await asyncio.sleep(0.5)  # settle: what the process holds once the screen is up
            for pid in python_children(server.pid) - before:
                memory[name].append(memory_mb(pid))
            await tab.close()
        await asyncio.sleep(0.5)
        return seconds

    async def run() -> None:
        await one("station")  # warm-ups, not counted
        await one("hello")
        for n in range(pairs):
            order = ("station", "hello") if n % 2 == 0 else ("hello", "station")
            pair = {}
            for name in order:
                pair[name] = await one(name)
                times[name].append(pair[name])
                await asyncio.sleep(0.5)
            ratios.append(pair["station"] / pair["hello"])

    asyncio.run(run())
    return times, ratios, memory


def ten_stations(port: int, pins: dict[str, str], stop: threading.Event, ready: threading.Event) -> threading.Thread:
    """A thread holding JURORS tabs open, each opened with its PIN and typing a score every two seconds."""
    import aiohttp

    async def juror(juror: str, index: int) -> None:
        # each juror on their own device (gelar serve allows 4 tabs per address)
        session = aiohttp.ClientSession(connector=aiohttp.TCPConnector(local_addr=(f"127.0.0.{11 + index}", 0)))
        tab = Tab(port, f"/ws/jury-{juror}")
        await tab.open(session, STATION_WORDS)
        await tab.keys(pins[juror] + "\r")
        drain = asyncio.create_task(tab.drain())
        await asyncio.sleep(2 + index * 0.2)
        score = 70
        while not stop.is_set():
            await tab.keys(f"{score}\t")
            score = 70 + (score - 69) % 30
            await asyncio.sleep(2)
        await tab.close()
        drain.cancel()
        await session.close()

    async def run() -> None:
        tasks = [asyncio.create_task(juror(j, i)) for i, j in enumerate(pins)]
        await asyncio.sleep(8)
        ready.set()
        await asyncio.gather(*tasks)

    thread = threading.Thread(target=lambda: asyncio.run(run()), daemon=True)
    thread.start()
    return thread


async def ask_tab(port: int, path: str, source: str, words: bytes, timeout: float = 60.0):
    """A tab from *source* (a loopback address): (session, tab) once drawn, or None when refused."""
    import aiohttp

    session = aiohttp.ClientSession(connector=aiohttp.TCPConnector(local_addr=(source, 0), force_close=True))
    tab = Tab(port, path)
    try:
        await tab.open(session, words, timeout)
    except aiohttp.WSServerHandshakeError:
        await session.close()
        return None
    return session, tab


def flood(port: int, server: int, sources: list[str], tabs: int = 40) -> dict:
    """*tabs* tabs asked at once, spread over *sources*: refused, processes, memory, time for all to end."""

    async def run() -> dict:
        asked = [ask_tab(port, "/ws/display", sources[n % len(sources)], b"\x1b[") for n in range(tabs)]  # drawn: any output
        opened = [t for t in await asyncio.gather(*asked) if t is not None]
        await asyncio.sleep(1)  # settle
        children = python_children(server)
        mem = []
        for pid in children:
            with contextlib.suppress(OSError):
                mem.append(memory_mb(pid))
        for session, tab in opened:
            await tab.close()
            await session.close()
        began = time.perf_counter()
        while python_children(server) and time.perf_counter() - began < 60:
            await asyncio.sleep(0.1)
        return {"accepted": len(opened), "refused": tabs - len(opened), "processes": len(children),
                "rss": sum(m[0] for m in mem), "pss": sum(m[1] for m in mem), "ended_s": time.perf_counter() - began}

    return asyncio.run(run())


def churn_then_pin(port: int, churners: int = 20, rounds: int = 5) -> tuple[list[float], list[float]]:
    """Seconds until a juror's PIN screen shows: alone, then while *churners* tabs open and close again and again."""

    async def churner(n: int, stop: asyncio.Event) -> None:
        import aiohttp

        source = f"127.0.0.{2 + n % 5}"
        while not stop.is_set():
            async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(local_addr=(source, 0), force_close=True)) as session:
                try:
                    socket_ = await session.ws_connect(f"http://127.0.0.1:{port}/ws/{'display' if n % 2 else 'presenter'}?width=120&height=36")
                except aiohttp.WSServerHandshakeError:
                    await asyncio.sleep(0.2)
                    continue
                await asyncio.sleep(0.3 + (n % 4) * 0.2)
                await socket_.close()

    async def pin_screen() -> float:
        began = time.perf_counter()
        opened = await ask_tab(port, "/ws/jury-j01", "127.0.0.10", STATION_WORDS)
        seconds = time.perf_counter() - began if opened else float("nan")
        if opened:
            await opened[1].close()
            await opened[0].close()
        return seconds

    async def run() -> tuple[list[float], list[float]]:
        quiet = []
        for _ in range(rounds):
            quiet.append(await pin_screen())
            await asyncio.sleep(2)
        stop = asyncio.Event()
        tasks = [asyncio.create_task(churner(n, stop)) for n in range(churners)]
        seconds = []
        await asyncio.sleep(3)
        for _ in range(rounds):
            seconds.append(await pin_screen())
            await asyncio.sleep(2)
        stop.set()
        await asyncio.gather(*tasks, return_exceptions=True)
        return quiet, seconds

    return asyncio.run(run())


def limits(event_path: Path, journal: Path, env: dict) -> None:
    """The tab limits' figures, each against a fresh `gelar serve` with its defaults."""
    for label in ("one address", "four addresses", "churn"):
        port = free_port()
        server = subprocess.Popen(
            [sys.executable, "-m", "gelar_tui", "serve", str(event_path), "--journal", str(journal), "--port", str(port), "--lang", "en"],
            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        try:
            wait_port(port)
            if label == "churn":
                quiet, seconds = churn_then_pin(port)
                print("  PIN screen, no other tab:       " + ", ".join(f"{s:.2f}" for s in quiet) + " s")
                print("  PIN screen while 20 tabs churn: " + ", ".join(f"{s:.2f}" for s in seconds) + f" s ({_load()})")
            else:
                sources = ["127.0.0.2"] if label == "one address" else [f"127.0.0.{n}" for n in range(2, 6)]
                got = flood(port, server.pid, sources)
                print(f"  40 tabs from {label}: {got['accepted']} opened, {got['refused']} refused; {got['processes']} processes, "
                      f"RSS {got['rss']:.0f} MB, PSS {got['pss']:.0f} MB in all; all ended {got['ended_s']:.1f} s after the tabs closed")
        finally:
            server.send_signal(signal.SIGINT)
            try:
                server.wait(15)
            except subprocess.TimeoutExpired:
                server.kill()


def flips_line(label: str, late: list[float], skipped: int) -> str:
    if not late:
        return f"{label}: no flips seen"
    return (f"{label}: {len(late)} flips, median {statistics.median(late):.0f}, p95 {percentile(late, 95):.0f}, "
            f"max {max(late):.0f} ms late, {skipped} seconds never shown")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="a smoke run: fewer pairs, shorter windows")
    parser.add_argument("--limits", action="store_true", help="only the tab limits: floods from one and four addresses, churn")
    args = parser.parse_args()
    pairs, window = (4, 8.0) if args.quick else (12, 20.0)
    if shutil.which("tmux") is None:
        print("tmux is not installed: the console runs in tmux (apt-get install tmux).", file=sys.stderr)
        return 2
    from gelar_tui.day.facade import Day
    from gelar_tui.event.eventfile import load_event

    folder = Path(tempfile.mkdtemp(prefix="gelar-bench-stations-"))
    home = folder / "home"
    home.mkdir()
    env = {**os.environ, "HOME": str(home), "XDG_CACHE_HOME": str(home / "cache"), "XDG_DATA_HOME": str(home / "data")}
    os.environ.update({k: env[k] for k in ("XDG_CACHE_HOME", "XDG_DATA_HOME")})
    event_path = event_with_jurors(folder, JURORS)
    journal = folder / "day.gelar-journal"
    day = Day.open(load_event(event_path), journal, origin="cli")
    pins = day.issue_pins()
    day.close()
    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs, {_load()}")
    print(f"\ntab limits (defaults: 4 per address, 2 x ({JURORS} jurors + 2) = {2 * (JURORS + 2)} in all):")
    limits(event_path, journal, env)
    if args.limits:
        shutil.rmtree(folder, ignore_errors=True)
        return 0

    gelar_port, hello_port = free_port(), free_port()
    gelar = subprocess.Popen(
        [sys.executable, "-m", "gelar_tui", "serve", str(event_path), "--journal", str(journal), "--port", str(gelar_port), "--lang", "en"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    hello_command = f"{sys.executable} {HERE / 'hello_app.py'}"
    hello = subprocess.Popen(
        [sys.executable, "-c", f"from textual_serve.server import Server; Server({hello_command!r}, host='127.0.0.1', port={hello_port}).serve()"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    tmux = Tmux(home)
    try:
        wait_port(gelar_port)
        wait_port(hello_port)
        servers = {"station": (gelar_port, gelar, "/ws/jury-j01", STATION_WORDS), "hello": (hello_port, hello, "/ws", HELLO_WORDS)}
        times, ratios, memory = start_pairs(servers, pairs)
        print(f"\nserved start, {pairs} pairs ({_load()}):")
        for name in ("station", "hello"):
            print(f"  {name:<8} " + " ".join(f"{t * 1000:.0f}" for t in times[name]) + " ms")
        print("  ratios   " + " ".join(f"{r:.2f}" for r in ratios))
        mem = {name: (statistics.median(m[0] for m in memory[name]), statistics.median(m[1] for m in memory[name])) for name in memory}
        for name, (rss, pss) in mem.items():
            print(f"  memory {name:<8} RSS {rss:.1f} MB, PSS {pss:.1f} MB (median of {len(memory[name])})")

        pid, since = start(tmux, "console", [*Setup(home, event_path).gelar(journal)], folder)
        wait_for(tmux, "console", TITLE, since)
        tmux.keys("console", "Space")
        while (start_ts := slot_started_ts(journal)) is None:
            time.sleep(0.05)
        time.sleep(1.5)
        alone = watch_flips(tmux, "console", start_ts, window)
        print("\n" + flips_line(f"console alone, {window:.0f} s ({_load()})", alone.late_ms, alone.skipped))
        stop, ready = threading.Event(), threading.Event()
        thread = ten_stations(gelar_port, pins, stop, ready)
        ready.wait(60)
        stations = python_children(gelar.pid)
        station_mem = [memory_mb(p) for p in stations]
        busy = watch_flips(tmux, "console", start_ts, window)
        stop.set()
        thread.join(30)
        print(flips_line(f"console with {len(stations)} stations open, {window:.0f} s ({_load()})", busy.late_ms, busy.skipped))
        if station_mem:
            print(f"  the {len(station_mem)} stations: RSS median {statistics.median(m[0] for m in station_mem):.1f} MB, "
                  f"PSS median {statistics.median(m[1] for m in station_mem):.1f} MB, max RSS {max(m[0] for m in station_mem):.1f} MB")
        tmux.kill_session("console", pid)

        ratio = statistics.median(ratios)
        late = busy.late_ms
        p95 = percentile(late, 95) if late else float("inf")
        rows = [
            ("served start station / hello", f"{ratio:.2f}x per pair ({statistics.median(times['station']) * 1000:.0f} / "
             f"{statistics.median(times['hello']) * 1000:.0f} ms)", f"< {START_RATIO}x", ratio < START_RATIO),
            ("memory per station", f"RSS {mem['station'][0]:.1f} MB, PSS {mem['station'][1]:.1f} MB (hello RSS {mem['hello'][0]:.1f})",
             f"< {MEMORY_MB} MB", mem["station"][0] < MEMORY_MB),
            ("flips, 10 stations open", f"p95 {p95:.0f} ms (alone: p95 {percentile(alone.late_ms, 95) if alone.late_ms else float('nan'):.0f} ms)",
             f"< {FLIP_MS} ms at p95", p95 < FLIP_MS),
        ]
        print(f"\n{'figure':<30} {'measured':<52} {'target':<14} result")
        print("-" * 104)
        for figure, measured, target, ok in rows:
            print(f"{figure:<30} {measured:<52} {target:<14} {'pass' if ok else 'MISS'}")
    finally:
        tmux.close()
        for server in (gelar, hello):
            server.send_signal(signal.SIGINT)
            try:
                server.wait(10)
            except subprocess.TimeoutExpired:
                server.kill()
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

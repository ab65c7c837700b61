"""Helpers of the tests (and benchmarks) that run `gelar serve`: a free loopback port, waiting for what a server does,
the processes it started."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until(check, what: str, timeout: float = 30.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = check()
        if found:
            return found
        time.sleep(0.1)
    raise AssertionError(f"never happened: {what}")


@contextmanager
def serving(event_path: Path, journal: Path, log_path: Path) -> Iterator[str]:
    """`gelar serve` of *event_path* on *journal* at a free loopback port, its output in *log_path*: its URL,
    once it answers; stopped on the way out."""
    port = free_port()
    log = open(log_path, "w+")
    server = subprocess.Popen(
        [sys.executable, "-m", "gelar_tui", "serve", str(event_path), "--journal", str(journal), "--port", str(port), "--lang", "en"],
        stdout=log, stderr=subprocess.STDOUT, env={**os.environ, "TZ": "UTC"},
    )
    url = f"http://127.0.0.1:{port}"

    def up() -> bool:
        try:
            return urllib.request.urlopen(url + "/", timeout=1).status == 200
        except OSError:
            return False

    try:
        wait_until(up, "the server answers")
        yield url
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()


def children(pid: int) -> set[int]:
    """The processes *pid* started (each tab's), read from /proc."""
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.add(int(entry.name))
    return found


def descendants(pid: int) -> list[int]:
    """The processes *pid* started, and theirs, and so on."""
    direct = sorted(children(pid))
    return direct + [d for c in direct for d in descendants(c)]

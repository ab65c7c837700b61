"""Helpers of the tests (and benchmarks) that run `gelar serve`: a free loopback port, waiting for what a server does,
the processes it started."""

from __future__ import annotations

import socket
import time
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

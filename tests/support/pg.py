"""A real PostgreSQL server for the hub's tests: a private cluster on a free loopback port.

Every hub test runs against a real server, never a mock. Each pytest-xdist worker starts a
cluster of its own in a temporary directory (``initdb`` then ``postgres``), so that a test
which stops or kills its server (the fault tests) disturbs no other worker. The cluster
listens on 127.0.0.1 only, with a password for the role ``gelar`` (passed through
``PGPASSWORD`` in the tests, never written into a URL that a test prints).

Where PostgreSQL is not installed, the hub's tests are skipped; with ``GELAR_REQUIRE_PG=1``
(set by CI) they fail instead, so that a CI machine without the server cannot pass silently.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from .serve import free_port

PASSWORD = "hub-test-secret"
"""The test role's password: tests assert that it never reaches a file, a log or the screen."""


def pg_bin() -> Path | None:
    """The folder of PostgreSQL's server programs (``initdb``, ``postgres``), or None."""
    for candidate in sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True):
        if (candidate / "initdb").exists() and (candidate / "postgres").exists():
            return candidate
    found = shutil.which("initdb")
    return Path(found).parent if found else None


def _as_server_user() -> list[str]:
    """``initdb`` and ``postgres`` refuse to run as root: run them as ``postgres`` then."""
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--"]
    return []


@dataclass
class Cluster:
    """One private PostgreSQL server: start, stop (``immediate`` is a crash), start again."""

    root: Path
    port: int
    bin: Path
    process: subprocess.Popen | None = field(default=None, repr=False)

    @property
    def data(self) -> Path:
        return self.root / "data"

    @property
    def socket_dir(self) -> Path:
        return self.root / "run"

    def url(self, database: str = "gelar", user: str = "gelar") -> str:
        """The address a user would type: no password in it (it comes from ``PGPASSWORD``)."""
        return f"postgresql://{user}@127.0.0.1:{self.port}/{database}"

    def init(self) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        self.socket_dir.mkdir(exist_ok=True)
        if os.geteuid() == 0:
            shutil.chown(self.root, "postgres")
            shutil.chown(self.socket_dir, "postgres")
        pwfile = self.root / "pw"
        pwfile.write_text(PASSWORD + "\n")
        if os.geteuid() == 0:
            shutil.chown(pwfile, "postgres")
        subprocess.run(
            [*_as_server_user(), str(self.bin / "initdb"), "-D", str(self.data), "-U", "postgres", "-A", "scram-sha-256",
             f"--pwfile={pwfile}", "-E", "UTF8", "--no-sync", "--locale=C.UTF-8"],
            check=True, capture_output=True,
        )
        pwfile.unlink()
        with (self.data / "postgresql.conf").open("a") as conf:
            conf.write("fsync = off\nsynchronous_commit = off\nfull_page_writes = off\nshared_buffers = 16MB\nmax_connections = 60\n")

    def start(self, timeout: float = 30.0) -> None:
        self.process = subprocess.Popen(
            [*_as_server_user(), str(self.bin / "postgres"), "-D", str(self.data), "-p", str(self.port),
             "-c", "listen_addresses=127.0.0.1", "-c", f"unix_socket_directories={self.socket_dir}"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            done = subprocess.run(
                [str(self.bin / "pg_isready"), "-h", "127.0.0.1", "-p", str(self.port)], capture_output=True,
            )
            if done.returncode == 0:
                return
            if self.process.poll() is not None:
                raise RuntimeError(f"postgres exited with {self.process.returncode}")
            time.sleep(0.05)
        raise TimeoutError("postgres did not start")

    def stop(self, mode: str = "fast") -> None:
        """Stop the server: ``fast`` (clean), ``immediate`` (as after a crash: no checkpoint) or ``kill``."""
        if self.process is None or self.process.poll() is not None:
            return
        sig = {"fast": signal.SIGINT, "immediate": signal.SIGQUIT, "kill": signal.SIGKILL}[mode]
        try:
            os.killpg(self.process.pid, sig)
            os.killpg(self.process.pid, signal.SIGCONT)  # a server a test froze (SIGSTOP) acts on it only once continued
        except ProcessLookupError:
            pass
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)
        # The postmaster's children may outlive it for a moment (after SIGKILL, every one of them):
        # a new server cannot start while they hold the old shared memory.
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                os.killpg(self.process.pid, signal.SIGKILL if mode == "kill" else 0)
            except ProcessLookupError:
                break
            time.sleep(0.05)

    def sql(self, statement: str, database: str = "postgres", user: str = "postgres") -> str:
        """Run SQL as a superuser (what an organiser does with ``psql``); its output as text."""
        done = subprocess.run(
            [shutil.which("psql") or str(self.bin / "psql"), "-X", "-q", "-A", "-t", "-h", "127.0.0.1", "-p", str(self.port),
             "-U", user, "-d", database, "-v", "ON_ERROR_STOP=1", "-c", statement],
            capture_output=True, text=True, env={**os.environ, "PGPASSWORD": PASSWORD}, check=True,
        )
        return done.stdout.strip()

    def new_database(self, name: str) -> str:
        """A fresh database owned by the role ``gelar``; its URL."""
        self.sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        self.sql(f'CREATE DATABASE "{name}" OWNER gelar')
        return self.url(name)

    def cleanup(self) -> None:
        self.stop("immediate")
        shutil.rmtree(self.root, ignore_errors=True)


def make_cluster() -> Cluster:
    """A started private cluster with a login role ``gelar`` (password :data:`PASSWORD`)."""
    found = pg_bin()
    if found is None:
        if os.environ.get("GELAR_REQUIRE_PG") == "1":
            pytest.fail("PostgreSQL is not installed (the hub's tests need its server programs)")
        pytest.skip("PostgreSQL is not installed")
    root = Path(tempfile.mkdtemp(prefix="gelar-pg-"))
    os.chmod(root, 0o755)
    cluster = Cluster(root, free_port(), found)
    cluster.init()
    cluster.start()
    cluster.sql(f"CREATE ROLE gelar LOGIN CREATEDB PASSWORD '{PASSWORD}'")
    return cluster

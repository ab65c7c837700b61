"""The hub's fixtures: a real PostgreSQL server per worker, a fresh database per test."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from tests.support.pg import PASSWORD, Cluster, make_cluster


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[Cluster]:
    """This worker's server: shared by the tests that leave it running."""
    cluster = make_cluster()
    yield cluster
    cluster.cleanup()


@pytest.fixture
def hub_url(pg_cluster: Cluster, request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """A fresh, empty hub database; the password reaches libpq through ``PGPASSWORD`` only."""
    monkeypatch.setenv("PGPASSWORD", PASSWORD)
    name = "t_" + re.sub(r"[^a-z0-9]+", "_", request.node.name.lower())[:50]
    return pg_cluster.new_database(name)


@pytest.fixture
def own_cluster(monkeypatch: pytest.MonkeyPatch) -> Iterator[Cluster]:
    """A server of the test's own, for tests that stop or kill it."""
    monkeypatch.setenv("PGPASSWORD", PASSWORD)
    cluster = make_cluster()
    cluster.sql('CREATE DATABASE "gelar" OWNER gelar')
    yield cluster
    cluster.cleanup()

"""Shared fixtures: the demo event, a fake clock, a day on a throwaway journal.

Every test runs with HOME, XDG folders and GELAR_* variables pointing into its
own temporary folder, so no test reads or writes the user's real data.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from gelar_tui.journal.clock import FakeClock
from gelar_tui.day.facade import Day
from gelar_tui.event.model import Event
from gelar_tui.event.eventfile import bundled_event_path, load_event


@pytest.fixture(autouse=True)
def isolated_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    for variable in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        monkeypatch.setenv(variable, str(home / variable.lower()))
    for variable in ("GELAR_LANG", "GELAR_THEMES_DIR", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    return home


@pytest.fixture
def demo_event() -> Event:
    return load_event(bundled_event_path())


@pytest.fixture
def demo_source() -> str:
    return bundled_event_path().read_text(encoding="utf-8")


@pytest.fixture
def event(tmp_path: Path) -> Path:
    """A copy of the demo event file in a throwaway folder: its journal goes beside it."""
    path = tmp_path / "demo.toml"
    shutil.copyfile(bundled_event_path(), path)
    return path


@pytest.fixture
def journal(event: Path) -> Path:
    """Where the journal of the ``event`` copy is."""
    return event.with_name("demo.gelar-journal")


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def day(demo_event: Event, clock: FakeClock, tmp_path: Path):
    day = Day.open(demo_event, tmp_path / "day.gelar-journal", clock=clock)
    yield day
    day.close()


LONG_FIRST = ("tests/e2e/", "tests/ui/test_resize.py", "tests/ui/test_hostile_names.py", "tests/ui/test_jury_burst.py", "tests/hub/")
"""Files whose tests take seconds each (tmux panes, browsers, served stations, every screen resized):
they run first, so that under pytest-xdist no worker starts one of them while the others are done."""


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    """How many workers ``-n auto`` starts: one more than the cores. A third of a worker's time goes
    waiting (Textual's pilot sleeps until the app is idle after each key; tmux panes, browsers and
    servers answer in their own time), and the extra worker fills it."""
    return (os.cpu_count() or 1) + 1


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # stable: each file's tests stay together and in their order (module fixtures are made once)
    items.sort(key=lambda item: not item.nodeid.startswith(LONG_FIRST))

"""The watcher's fallback where the operating system cannot report file changes: looking now and then.

It compares each file's size and modification time, which costs a ``stat`` per
file and no database query; a new record in the journal always changes the
write-ahead log's size or time. A *probe* adds what a stat cannot see: the watcher
gives its :class:`~gelar_tui.journal.watch.CommitProbe`'s ``version``, which changes when
a commit becomes visible (after its sync, which may come a look after its writes).
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Sequence
from pathlib import Path

EVERY = 0.05
"""Seconds between looks: a change shows within this, at the price of waking this often."""


class Poller:
    """Calls *changed* (on its own thread) when any of *files* changes size or time, or *probe*'s answer changes."""

    def __init__(
        self, files: Sequence[Path], changed: Callable[[], None], every: float | None = None, probe: Callable[[], object] | None = None
    ) -> None:
        self.files = list(files)
        self.changed = changed
        self.probe = probe
        self.every = EVERY if every is None else every
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=self._run, name="gelar-journal-poll", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stopping.set()
        if self._thread is not threading.current_thread():  # stopped by a subscriber it is telling: it ends by itself
            self._thread.join(timeout=2)

    def _look(self) -> tuple:
        seen = []
        for path in self.files:
            try:
                info = os.stat(path)
                seen.append((info.st_size, info.st_mtime_ns))
            except OSError:
                seen.append(None)
        if self.probe is not None:
            seen.append(self.probe())
        return tuple(seen)

    def _run(self) -> None:
        before = self._look()
        while not self._stopping.wait(self.every):
            now = self._look()
            if now != before:
                before = now
                self.changed()

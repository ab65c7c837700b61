"""Sounds for the hall: made here with the standard library, played by the machine's own player.

- Each cue's sound (:func:`synthesise`): chimes of a bell-like tone, one at the first
  alert, two at the ones between, three at the last; a long low bell at zero; a
  soft tick. They are written as WAV files into the user's cache folder under a hash
  of what they are made from (:func:`sound_file`), an organiser's own recording too
  (at its volume). Nothing is shipped as a binary.
- The player (:func:`find_player`): a command from the event file or the command
  line is always used; otherwise the first of paplay, pw-play, aplay and afplay that
  is installed and has an audio device, or winsound on Windows.
- :class:`Speaker` plays on a worker thread, each sound a child process, so whoever
  asks (the console's event loop) never waits. What goes wrong is reported once
  through a callback, as a :class:`~gelar_tui.errors.Problem`.
"""

from __future__ import annotations

import hashlib
import math
import os
import queue
import shlex
import shutil
import subprocess
import sys
import threading
import time
import wave
from array import array
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from ..day.alerts import Cue
from ..errors import Problem
from ..event.model import Event, Sound

RATE = 22050
"""Samples per second of the sounds made here: plenty for a bell through a PA."""
SYNTH_VERSION = 1
"""Part of every made sound's hash: bump it when the synthesis changes."""
PEAK = 0.89
"""The loudest sample at volume 100, as a fraction of full scale."""
CHIMES = {Cue.FIRST: 1, Cue.SECOND: 2, Cue.LAST: 3}
"""How many chimes each alert's sound has."""
CHIME_SECONDS = 0.42
CHIME_EVERY = 0.62
"""A chime lasts CHIME_SECONDS and the next starts CHIME_EVERY after it: a clear gap between them."""
BELL_SECONDS = 2.4
TICK_SECONDS = 0.03
TICK_LEVEL = 0.3
"""The tick's loudness beside the chimes'."""
DEFAULT_PLAYERS = ("paplay", "pw-play", "aplay", "afplay")
"""Looked for in this order when the event and the command line name none."""
TICK_GAP = 0.25
"""Real seconds: a tick asked for sooner after the last one is dropped (a fast rehearsal)."""
STALE = 0.5
"""Real seconds: a tick that waited longer than this to be played is dropped."""


# -- making the sounds -------------------------------------------------------------


def _strike(out: array, start: int, seconds: float, pitch: float, decay: float, level: float, rate: int) -> None:
    """Add one bell strike into *out* from sample *start*: a few partials, each dying away."""
    partials = ((1.0, 1.0, 1.0), (2.0, 0.5, 1.6), (2.76, 0.35, 2.2), (5.4, 0.15, 3.5))  # ratio, level, faster decay
    norm = level / sum(p[1] for p in partials)
    count = int(seconds * rate)
    attack = max(1, int(0.004 * rate))
    fade = max(1, int(0.02 * rate))
    step = [2 * math.pi * pitch * ratio / rate for ratio, _, _ in partials]
    for i in range(count):
        t = i / rate
        value = 0.0
        for (ratio, gain, speed), w in zip(partials, step):
            value += gain * math.exp(-t * speed / decay) * math.sin(w * i)
        envelope = min(1.0, i / attack, (count - i) / fade)
        out[start + i] += value * norm * envelope


def synthesise(cue: Cue, volume: int, rate: int = RATE) -> array:
    """The samples (signed 16-bit, mono) of *cue* at *volume* (0–100)."""
    level = PEAK * max(0, min(100, volume)) / 100
    if cue in CHIMES:
        count = CHIMES[cue]
        length = (count - 1) * CHIME_EVERY + CHIME_SECONDS
        floats = array("d", bytes(8 * int(length * rate + 1)))
        for n in range(count):
            _strike(floats, int(n * CHIME_EVERY * rate), CHIME_SECONDS, 1046.5, 0.09, level, rate)  # C6
    elif cue == Cue.TIME_UP:
        floats = array("d", bytes(8 * int(BELL_SECONDS * rate + 1)))
        _strike(floats, 0, BELL_SECONDS, 523.25, 0.6, level, rate)  # C5, ringing on
    else:
        floats = array("d", bytes(8 * int(TICK_SECONDS * rate + 1)))
        _strike(floats, 0, TICK_SECONDS, 1760.0, 0.006, level, rate)
    loudest = max(map(abs, floats)) or 1.0
    scale = (level * (TICK_LEVEL if cue == Cue.TICK else 1.0)) / loudest * 32767  # the peak is exactly the level
    return array("h", (round(v * scale) for v in floats))


def write_wav(path: Path, samples: array, rate: int = RATE, width: int = 2, channels: int = 1) -> None:
    """Write *samples* as a WAV file, atomically (a second process never reads half a file)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f"{path.stem}.{os.getpid()}.{threading.get_ident()}.tmp")
    data = _little_endian(samples, width)
    with wave.open(str(temporary), "wb") as out:
        out.setnchannels(channels)
        out.setsampwidth(width)
        out.setframerate(rate)
        out.writeframes(data)
    os.replace(temporary, path)


def _little_endian(samples: array, width: int) -> bytes:
    if width == 1:
        return bytes(v + 128 for v in samples)  # 8-bit WAV is unsigned
    if width == 3:
        return b"".join(v.to_bytes(3, "little", signed=True) for v in samples)
    if sys.byteorder == "big":
        samples = array(samples.typecode, samples)
        samples.byteswap()
    return samples.tobytes()


def read_wav(path: Path) -> tuple[array, int, int, int]:
    """(samples as integers, rate, sample width in bytes, channels) of a PCM WAV file."""
    with wave.open(str(path), "rb") as source:
        rate, width, channels = source.getframerate(), source.getsampwidth(), source.getnchannels()
        data = source.readframes(source.getnframes())
    if width == 1:
        samples = array("i", (b - 128 for b in data))
    elif width == 3:
        samples = array("i", (int.from_bytes(data[i : i + 3], "little", signed=True) for i in range(0, len(data) - 2, 3)))
    elif width in (2, 4):
        samples = array("h" if width == 2 else "i", data)
        if sys.byteorder == "big":
            samples.byteswap()
    else:
        raise wave.Error(f"{width * 8}-bit samples")
    return samples, rate, width, channels


def cache_folder() -> Path:
    """Where made sounds are kept: the user's cache folder."""
    import platformdirs

    return platformdirs.user_cache_path("gelar", appauthor=False) / "sounds"


def sound_file(cue: Cue, settings: Sound, folder: Path, cache: Path | None = None) -> Path:
    """The WAV file to play for *cue*: made (or scaled from the organiser's own) on first use, then kept."""
    cache = cache or cache_folder()
    own = getattr(settings.files, cue.value)
    volume = settings.volume
    if own is not None:
        source = folder / own
        if volume == 100:
            return source
        raw = source.read_bytes()
        path = cache / f"{_digest(b'file', str(volume).encode(), raw)}.wav"
        if not path.exists():
            samples, rate, width, channels = read_wav(source)
            scaled = array(samples.typecode, (round(v * volume / 100) for v in samples))
            write_wav(path, scaled, rate, width, channels)
        return path
    path = cache / f"{_digest(str(SYNTH_VERSION).encode(), cue.value.encode(), str(volume).encode(), str(RATE).encode())}.wav"
    if not path.exists():
        write_wav(path, synthesise(cue, volume))
    return path


def _digest(*parts: bytes) -> str:
    return hashlib.sha256(b"\0".join(parts)).hexdigest()[:32]


def sound_file_problems(event: Event, event_path: Path) -> list[tuple[tuple[str, ...], str, dict]]:
    """The event's own sound files (named relative to the event file at *event_path*) that cannot be played.

    A check for :func:`~gelar_tui.event.eventfile.load_event` (its ``checks``): the file is looked at on
    every start, since a recording may go missing after the event file's check.
    """
    return file_problems(event.sound, event_path.parent)


def file_problems(settings: Sound, folder: Path) -> list[tuple[tuple[str, ...], str, dict]]:
    """The organiser's own files that cannot be played, as (key path, message key, values)."""
    problems = []
    for cue in Cue:
        name = getattr(settings.files, cue.value)
        if name is None:
            continue
        where = ("sound", "files", cue.value)
        path = folder / name
        if not path.is_file():
            problems.append((where, "sound.check_file_missing", {"path": name}))
            continue
        try:
            read_wav(path)
        except (OSError, EOFError, wave.Error) as exc:
            problems.append((where, "sound.check_file_unreadable", {"path": name, "reason": str(exc) or type(exc).__name__}))
    return problems


# -- players -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Player:
    """A way to play a file: a command with ``{file}`` in its arguments, or winsound (no command)."""

    name: str
    argv: tuple[str, ...] = ()
    configured: bool = False

    def command(self, path: Path) -> list[str]:
        return [arg.replace("{file}", str(path)) for arg in self.argv]


def configured_player(command: str) -> Player:
    """The player a `[sound] player` or `--sound-player` command names (the file goes last without ``{file}``)."""
    argv = shlex.split(command)
    if not argv:
        raise ValueError("empty command")
    if not any("{file}" in arg for arg in argv):
        argv.append("{file}")
    return Player(os.path.basename(argv[0]), tuple(argv), configured=True)


def has_device(name: str, environ: Mapping[str, str], cards: Path) -> bool:
    """Whether default player *name* has something to play on: a sound server, or a sound card."""
    runtime = Path(environ.get("XDG_RUNTIME_DIR") or f"/run/user/{os.getuid() if hasattr(os, 'getuid') else 0}")
    if name == "paplay":
        return bool(environ.get("PULSE_SERVER")) or (runtime / "pulse" / "native").exists()
    if name == "pw-play":
        return bool(environ.get("PIPEWIRE_REMOTE")) or (runtime / "pipewire-0").exists()
    if name == "aplay":
        try:
            text = cards.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return False
        return bool(text.strip()) and "no soundcards" not in text
    return True  # afplay: a Mac always has an output


def find_player(
    command: str | None = None,
    *,
    which: Callable[[str], str | None] = shutil.which,
    environ: Mapping[str, str] = os.environ,
    cards: Path = Path("/proc/asound/cards"),
    platform: str = sys.platform,
) -> tuple[Player | None, Problem | None]:
    """The player to use and what to tell the moderator about it (None: nothing to tell).

    A *command* is always used, whatever devices the machine seems to have; only
    its program being missing is told. Otherwise the first default player that is
    installed and has a device is used.
    """
    if command:
        player = configured_player(command)
        program = player.argv[0]
        found = which(program) or (os.sep in program and os.access(program, os.X_OK))
        return player, None if found else Problem("", "sound.player_missing", {"player": program})
    installed = [name for name in DEFAULT_PLAYERS if which(name)]
    for name in installed:
        if has_device(name, environ, cards):
            return Player(name, (name, "{file}")), None
    if installed:
        return None, Problem("", "sound.no_device", {"player": installed[0]})
    if platform == "win32":
        return Player("winsound"), None
    return None, Problem("", "sound.no_player", {"players": ", ".join(DEFAULT_PLAYERS)})


# -- playing -----------------------------------------------------------------------


class Speaker:
    """Plays cues off the caller's thread: ``play`` returns at once, a worker thread does the rest.

    The worker finds the player, makes sounds that are not in the cache yet, and
    starts the player as a child process; a small thread per sound waits for it and
    reads what it said. *report* is called (on those threads) with a Problem when
    something goes wrong, once until it changes, and with None when a sound then
    plays again.
    """

    def __init__(
        self,
        settings: Sound,
        folder: Path,
        report: Callable[[Problem | None], None],
        *,
        command: str | None = None,
        cache: Path | None = None,
        finder: Callable[[str | None], tuple[Player | None, Problem | None]] = find_player,
    ) -> None:
        self.settings = settings
        self.folder = folder
        self.cache = cache
        self._report_to = report
        self._command = command if command is not None else settings.player
        self._finder = finder
        self.player: Player | None = None
        self._files: dict[Cue, Path] = {}
        self._queue: queue.SimpleQueue = queue.SimpleQueue()
        self._lock = threading.Lock()
        self._told: tuple | None = None
        self._last_tick = -math.inf
        self._thread = threading.Thread(target=self._run, name="gelar-sound", daemon=True)
        self._thread.start()
        self._queue.put(("find", None, 0.0))

    def prepare(self) -> None:
        """Make every sound not in the cache yet (each its own step: a cue asked for meanwhile goes first)."""
        for cue in Cue:
            if cue != Cue.TICK or self.settings.tick:
                self._queue.put(("make", cue, 0.0))

    def play(self, cue: Cue) -> None:
        """Play *cue* as soon as the worker can; returns at once."""
        self._queue.put(("play", cue, time.monotonic()))

    def close(self, patience: float = 1.0) -> None:
        """Stop the worker (sounds already playing play on)."""
        self._queue.put(None)
        self._thread.join(patience)

    # -- the worker ----------------------------------------------------------------

    def _run(self) -> None:
        while (item := self._queue.get()) is not None:
            what, cue, asked = item
            try:
                if what == "find":
                    self.player, problem = self._finder(self._command)
                    if problem is not None:
                        self._report(problem)
                elif what == "make":
                    self._file(cue)
                else:
                    self._play(cue, asked)
            except ValueError as exc:  # a command shlex cannot read
                self._report(Problem("", "sound.player_unrunnable", {"player": self._command or "", "reason": str(exc)}))
            except (OSError, EOFError, wave.Error) as exc:
                self._report(Problem("", "sound.file_failed", {"cue": cue or "", "reason": str(exc) or type(exc).__name__}))

    def _file(self, cue: Cue) -> Path:
        path = self._files.get(cue)
        if path is None or not path.exists():
            path = self._files[cue] = sound_file(cue, self.settings, self.folder, self.cache)
        return path

    def _play(self, cue: Cue, asked: float) -> None:
        if self.player is None:
            return
        if cue == Cue.TICK:
            now = time.monotonic()
            if now - asked > STALE or now - self._last_tick < TICK_GAP:
                return
            self._last_tick = now
        path = self._file(cue)
        if not self.player.argv:
            import winsound  # type: ignore[import-not-found]  # Windows only

            winsound.PlaySound(str(path), winsound.SND_FILENAME | winsound.SND_ASYNC)
            return
        try:
            process = subprocess.Popen(
                self.player.command(path), stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
            )
        except OSError as exc:
            self._report(Problem("", "sound.player_unrunnable", {"player": self.player.name, "reason": exc.strerror or str(exc)}))
            return
        threading.Thread(target=self._wait, args=(process,), name="gelar-sound-wait", daemon=True).start()

    def _wait(self, process: subprocess.Popen) -> None:
        _, said = process.communicate()
        if process.returncode == 0:
            self._report(None)
            return
        lines = [line.strip() for line in said.decode("utf-8", "replace").splitlines() if line.strip()]
        detail = lines[0] if lines else f"exit status {process.returncode}"
        self._report(Problem("", "sound.player_failed", {"player": self.player.name if self.player else "", "reason": detail}))

    def _report(self, problem: Problem | None) -> None:
        """Tell *problem* once (a changed one is told again); None once after a problem."""
        told = None if problem is None else (problem.key, problem.params.get("player"))
        with self._lock:
            if told == self._told:
                return
            self._told = told
        self._report_to(problem)

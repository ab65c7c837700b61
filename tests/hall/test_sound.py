"""The sounds made for the hall, the players found for them, and the speaker that plays them (issue 13)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from array import array
from pathlib import Path

import pytest

from gelar_tui.day.alerts import Cue
from gelar_tui.errors import GelarError
from gelar_tui.event.model import Sound, SoundFiles
from gelar_tui.context import load_checked_event
from gelar_tui.event.eventfile import bundled_event_path, load_event
from gelar_tui.hall.sound import RATE, Speaker, find_player, read_wav, sound_file, write_wav
from tests.support.sound import fake_player, played, wait_until

LENGTH = {Cue.FIRST: 0.42, Cue.SECOND: 1.04, Cue.LAST: 1.66, Cue.TIME_UP: 2.4, Cue.TICK: 0.03}
"""Seconds each sound lasts: chimes 0.42 s, one every 0.62 s; the bell at zero rings on."""


needs_sox = pytest.mark.skipif(shutil.which("sox") is None, reason="needs sox (Debian sox), which CI installs")


def sox_info(path: Path) -> dict[str, str]:
    out = subprocess.run(["sox", "--i", str(path)], capture_output=True, text=True, check=True).stdout
    return {k.strip(): v.strip() for k, _, v in (line.partition(":") for line in out.splitlines()) if v}


def sox_stat(path: Path) -> dict[str, float]:
    out = subprocess.run(["sox", str(path), "-n", "stat"], capture_output=True, text=True, check=True).stderr
    found = {}
    for line in out.splitlines():
        name, _, value = line.partition(":")
        try:
            found[name.strip()] = float(value.strip())
        except ValueError:
            pass
    return found


def strikes(path: Path) -> int:
    """How many times the sound starts from silence: 10 ms windows rising above a tenth of the peak."""
    samples, rate, _, _ = read_wav(path)
    window = rate // 100
    levels = [max(map(abs, samples[i : i + window])) for i in range(0, len(samples), window)]
    peak, count, quiet = max(levels), 0, True
    for level in levels:
        if quiet and level > peak / 10:
            count, quiet = count + 1, False
        elif level < peak / 100:
            quiet = True
    return count


@needs_sox
@pytest.mark.parametrize(("cue", "chimes"), [(Cue.FIRST, 1), (Cue.SECOND, 2), (Cue.LAST, 3), (Cue.TIME_UP, 1), (Cue.TICK, 1)])
def test_each_stage_has_its_chimes_and_length(tmp_path, cue, chimes) -> None:
    path = sound_file(cue, Sound(), tmp_path, tmp_path / "cache")
    info = sox_info(path)
    assert info["Channels"] == "1" and info["Sample Rate"] == str(RATE) and info["Precision"] == "16-bit"
    seconds = sum(float(part) * 60**i for i, part in enumerate(reversed(info["Duration"].split("=")[0].split(":"))))
    assert seconds == pytest.approx(LENGTH[cue], abs=0.005)
    assert strikes(path) == chimes


@needs_sox
def test_time_up_is_the_longest_and_the_tick_the_softest(tmp_path) -> None:
    files = {cue: sound_file(cue, Sound(), tmp_path, tmp_path / "cache") for cue in Cue}
    peaks = {cue: max(abs(sox_stat(path)["Maximum amplitude"]), abs(sox_stat(path)["Minimum amplitude"])) for cue, path in files.items()}
    for cue in (Cue.FIRST, Cue.SECOND, Cue.LAST, Cue.TIME_UP):
        assert peaks[cue] == pytest.approx(0.89, abs=0.01)  # loud, and never clipped
    assert peaks[Cue.TICK] < peaks[Cue.FIRST] / 3
    assert sox_stat(files[Cue.TIME_UP])["Length (seconds)"] > sox_stat(files[Cue.LAST])["Length (seconds)"]


@needs_sox
def test_volume_50_is_quieter_than_volume_100(tmp_path) -> None:
    loud = sox_stat(sound_file(Cue.LAST, Sound(volume=100), tmp_path, tmp_path / "cache"))
    soft = sox_stat(sound_file(Cue.LAST, Sound(volume=50), tmp_path, tmp_path / "cache"))
    assert soft["RMS     amplitude"] == pytest.approx(loud["RMS     amplitude"] / 2, rel=0.02)
    assert soft["Maximum amplitude"] < loud["Maximum amplitude"] * 0.52
    silent = sox_stat(sound_file(Cue.LAST, Sound(volume=0), tmp_path, tmp_path / "cache"))
    assert silent["Maximum amplitude"] == 0


def test_a_sound_is_made_once_and_kept_under_what_it_is_made_from(tmp_path) -> None:
    cache = tmp_path / "cache"
    first = sound_file(Cue.FIRST, Sound(), tmp_path, cache)
    made = first.stat().st_mtime_ns
    os.utime(first, ns=(made - 10**9, made - 10**9))
    assert sound_file(Cue.FIRST, Sound(), tmp_path, cache) == first
    assert first.stat().st_mtime_ns == made - 10**9  # not made again
    assert sound_file(Cue.FIRST, Sound(volume=80), tmp_path, cache) != first
    assert len(list(cache.glob("*.wav"))) == 2 and not list(cache.glob("*.tmp"))


@pytest.mark.parametrize("width", [1, 2, 3, 4])
def test_an_organisers_own_recording_plays_at_the_events_volume(tmp_path, width) -> None:
    full = 2 ** (8 * width - 1) - 1
    samples = array("i" if width != 2 else "h", [0, full // 2, -full // 2, full, -full] * 200)
    write_wav(tmp_path / "gong.wav", samples, 8000, width, 1)
    own = SoundFiles(first="gong.wav")
    assert sound_file(Cue.FIRST, Sound(files=own), tmp_path, tmp_path / "cache") == tmp_path / "gong.wav"
    half = sound_file(Cue.FIRST, Sound(volume=50, files=own), tmp_path, tmp_path / "cache")
    scaled, rate, got_width, _ = read_wav(half)
    assert (rate, got_width) == (8000, width)
    assert max(scaled) == pytest.approx(full / 2, abs=1) and min(scaled) == pytest.approx(-full / 2, abs=1)
    assert sound_file(Cue.SECOND, Sound(volume=50, files=own), tmp_path, tmp_path / "cache") != half  # others: built in


# -- the event file ----------------------------------------------------------------------


def event_with(tmp_path: Path, sound: str) -> Path:
    path = tmp_path / "lomba.toml"
    path.write_text(bundled_event_path().read_text(encoding="utf-8") + "\n" + sound, encoding="utf-8")
    return path


def test_the_sound_table_is_read_with_its_defaults(tmp_path) -> None:
    assert load_event(bundled_event_path()).sound == Sound(enabled=True, volume=100, player=None, tick=False)
    event = load_event(event_with(tmp_path, '[sound]\nvolume = 40\nplayer = "paplay --device=hdmi {file}"\ntick = true\n'))
    assert event.sound == Sound(volume=40, player="paplay --device=hdmi {file}", tick=True)


@pytest.mark.parametrize(
    ("sound", "where", "says"),
    [
        ("[sound]\nvolume = 120\n", "sound.volume", "at most 100"),
        ("[sound]\nvolume = 50.5\n", "sound.volume", "whole number"),
        ('[sound]\nplayer = ""\n', "sound.player", "not a command"),
        ('[sound]\nplayer = "paplay \'x"\n', "sound.player", "not a command"),
        ('[sound.files]\nfirst = "gong.mp3"\n', "sound.files.first", "not a WAV file: 'gong.mp3'"),
        ('[sound.files]\nfrist = "gong.wav"\n', "sound.files.frist", "first"),
        ('[sound.files]\nlast = "nowhere.wav"\n', "sound.files.last", "no such file: nowhere.wav"),
        ('[sound.files]\ntime_up = "text.wav"\n', "sound.files.time_up", "cannot be played: text.wav"),
    ],
)
def test_a_bad_sound_setting_is_named_with_its_key_and_line(tmp_path, sound, where, says) -> None:
    (tmp_path / "text.wav").write_text("not a sound", encoding="utf-8")
    path = event_with(tmp_path, sound)
    with pytest.raises(GelarError) as caught:
        load_checked_event(path)
    text = str(caught.value)
    assert re.search(rf"lomba\.toml:\d+: {re.escape(where)}", text) and says in text, text


def test_a_recording_that_goes_missing_after_the_check_is_noticed(tmp_path) -> None:
    write_wav(tmp_path / "gong.wav", array("h", [0, 100, -100]), 8000)
    path = event_with(tmp_path, '[sound.files]\nfirst = "gong.wav"\n')
    assert load_checked_event(path).sound.files.first == "gong.wav"
    (tmp_path / "gong.wav").unlink()
    with pytest.raises(GelarError, match="no such file: gong.wav"):
        load_checked_event(path)  # the event's verdict is kept, the file is looked at again


def test_the_event_file_alone_leaves_the_recordings_to_the_hall(tmp_path) -> None:
    """Reading the file checks the file; the sound files beside it are the hall's check, composed by the loader's caller."""
    path = event_with(tmp_path, '[sound.files]\nfirst = "gong.wav"\n')
    assert load_event(path).sound.files.first == "gong.wav"
    with pytest.raises(GelarError, match=r"lomba\.toml:\d+: sound\.files\.first.*no such file: gong\.wav"):
        load_checked_event(path)


def test_gelar_check_refuses_a_missing_recording_with_status_2(tmp_path) -> None:
    path = event_with(tmp_path, '[sound.files]\nfirst = "gong.wav"\n')
    done = subprocess.run([sys.executable, "-m", "gelar_tui", "check", str(path), "--lang", "en"], capture_output=True, text=True)
    assert done.returncode == 2 and "sound.files.first" in done.stderr and "Traceback" not in done.stderr


def test_gelar_check_does_not_ask_for_a_player(tmp_path) -> None:
    path = event_with(tmp_path, '[sound]\nplayer = "no-such-player {file}"\n')
    done = subprocess.run([sys.executable, "-m", "gelar_tui", "check", str(path)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr  # a missing player is found at run time


# -- players ------------------------------------------------------------------------------


def only(*installed: str):
    return lambda name: f"/usr/bin/{name}" if name in installed else None


def test_a_configured_player_is_always_used(tmp_path) -> None:
    player, problem = find_player("paplay --device=hdmi {file}", which=only("paplay"), environ={}, cards=tmp_path / "none")
    assert problem is None and player.name == "paplay" and player.configured
    assert player.command(Path("/c/x.wav")) == ["paplay", "--device=hdmi", "/c/x.wav"]
    player, _ = find_player("aplay -q", which=only("aplay"))
    assert player.command(Path("x.wav")) == ["aplay", "-q", "x.wav"]  # without {file}, the file goes last
    player, problem = find_player("mpv --no-video {file}", which=only())
    assert player is not None and problem.key == "sound.player_missing" and problem.params == {"player": "mpv"}


def test_the_first_default_player_with_a_device_is_used(tmp_path) -> None:
    cards = tmp_path / "cards"
    cards.write_text(" 0 [PCH            ]: HDA-Intel - HDA Intel PCH\n", encoding="utf-8")
    player, problem = find_player(which=only("paplay", "aplay"), environ={"XDG_RUNTIME_DIR": str(tmp_path)}, cards=cards)
    assert (player.name, problem) == ("aplay", None)  # paplay has no sound server here
    (tmp_path / "pulse").mkdir()
    (tmp_path / "pulse" / "native").touch()
    player, _ = find_player(which=only("paplay", "aplay"), environ={"XDG_RUNTIME_DIR": str(tmp_path)}, cards=cards)
    assert player.name == "paplay" and player.command(Path("x.wav")) == ["paplay", "x.wav"]


def test_no_device_and_no_player_are_told_by_name(tmp_path) -> None:
    cards = tmp_path / "cards"
    cards.write_text("--- no soundcards ---\n", encoding="utf-8")
    player, problem = find_player(which=only("aplay"), environ={"XDG_RUNTIME_DIR": str(tmp_path)}, cards=cards)
    assert player is None and (problem.key, problem.params) == ("sound.no_device", {"player": "aplay"})
    player, problem = find_player(which=only(), environ={}, cards=cards, platform="linux")
    assert player is None and problem.key == "sound.no_player" and "paplay, pw-play, aplay, afplay" in problem.params["players"]
    player, problem = find_player(which=only(), environ={}, cards=cards, platform="win32")
    assert player.name == "winsound" and problem is None


# -- the speaker --------------------------------------------------------------------------


def test_the_speaker_plays_each_cue_through_the_player(tmp_path) -> None:
    reports: list = []
    speaker = Speaker(Sound(), tmp_path, reports.append, command=fake_player(tmp_path), cache=tmp_path / "cache")
    try:
        speaker.prepare()
        for count, cue in enumerate((Cue.FIRST, Cue.SECOND, Cue.LAST, Cue.TIME_UP), start=1):
            speaker.play(cue)
            wait_until(lambda: len(played(tmp_path)) == count)  # each player runs on its own: one at a time, for the order
    finally:
        speaker.close()
    expected = [str(sound_file(cue, Sound(), tmp_path, tmp_path / "cache")) for cue in (Cue.FIRST, Cue.SECOND, Cue.LAST, Cue.TIME_UP)]
    assert played(tmp_path) == expected and reports == []


def test_a_failing_player_is_told_once(tmp_path) -> None:
    reports: list = []
    speaker = Speaker(Sound(), tmp_path, reports.append, command=fake_player(tmp_path, fails=True), cache=tmp_path / "cache")
    try:
        for cue in (Cue.FIRST, Cue.SECOND, Cue.LAST):
            speaker.play(cue)
        wait_until(lambda: len(played(tmp_path)) == 3 and reports)
    finally:
        speaker.close()
    assert len(played(tmp_path)) == 3  # tried each time
    assert [(p.key, p.params) for p in reports] == [
        ("sound.player_failed", {"player": "fake-player", "reason": "Connection failure: Connection refused"})
    ]

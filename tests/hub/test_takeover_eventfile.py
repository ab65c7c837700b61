"""The event file a takeover writes from the journal's event record: the same event (the same digest),
so the console opens on it without recording a new version; an own sound file not on this laptop left out."""

from __future__ import annotations

from pathlib import Path

import pytest

from gelar_tui.day.eventrecord import event_record
from gelar_tui.event.eventfile import bundled_event_path, load_event, parse_event
from gelar_tui.hub.eventtoml import event_file_text

FIXTURES = Path(__file__).parents[1] / "fixtures"


@pytest.mark.parametrize("source", [bundled_event_path(), FIXTURES / "long_names.toml", FIXTURES / "hall_long_names.toml"])
def test_the_written_event_file_is_the_same_event(source, tmp_path):
    held = event_record(load_event(source, use_cache=False))
    written = tmp_path / "day.toml"
    written.write_text(event_file_text(held["event"], {"event": "x-2026"}, tmp_path), encoding="utf-8")
    back = load_event(written, use_cache=False)
    assert event_record(back)["digest"] == held["digest"]
    assert back.hub.event == "x-2026"


def test_an_own_sound_file_missing_here_is_left_out(tmp_path):
    (tmp_path / "bell.wav").write_bytes(b"")  # only its presence matters here
    source = bundled_event_path().read_text(encoding="utf-8") + '\n[sound.files]\nfirst = "gong.wav"\nlast = "bell.wav"\n'
    held = event_record(parse_event(source))
    text = event_file_text(held["event"], None, tmp_path)
    files = parse_event(text).sound.files
    assert files.first is None and files.last == "bell.wav"

"""Tests of gelar_tui.event: the event file, its checks and messages."""

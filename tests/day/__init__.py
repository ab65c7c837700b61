"""Tests of gelar_tui.day: the day's actions, the slot clock, the rundown, recusals, stations, spill files."""

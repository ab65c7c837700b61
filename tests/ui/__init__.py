"""Tests of gelar_tui.ui, driven key by key with Textual's pilot: the console, the jury sheet, the display, the stations."""

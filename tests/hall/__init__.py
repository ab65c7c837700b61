"""Tests of gelar_tui.hall: the sounds and the console's alerts in the hall."""

"""Helpers shared by the tests (and by bench/): one place for each."""

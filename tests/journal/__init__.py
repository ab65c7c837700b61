"""Tests of gelar_tui.journal: the journal, its chain, the watcher, and faults of the disk."""

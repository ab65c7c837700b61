"""Snapshot tests (pytest-textual-snapshot): the SVGs live in __snapshots__/<module>/ beside each module."""

"""Tests of gelar_tui.scoring: the scoring rules, the live ranking, the analysis, rounding, finality."""

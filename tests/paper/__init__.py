"""Tests of gelar_tui.paper: forms, workbooks and reading scores back."""

"""Tests of gelar_tui.results: the results document, the PDF, and what hostile names do to the files."""

"""gelar's tests: one folder per package of gelar_tui, end-to-end runs, snapshots, and the shared support."""

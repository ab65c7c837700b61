"""gelar: a live presentation timer and scoreboard for work-culture competitions."""

__version__ = "0.1.0"

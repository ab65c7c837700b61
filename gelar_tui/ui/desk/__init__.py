"""The results desk (``gelar desk --hub URL``): every journal on the hub, live, and each one's scoreboard."""

__all__ = ["app", "screen"]

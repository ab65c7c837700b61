"""The PostgreSQL hub: naming events and journals on it, and reading a journal from it (``reader``)."""

__all__ = ["naming", "reader"]

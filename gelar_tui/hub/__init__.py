"""The PostgreSQL hub, read from another machine: names (``naming``), the address (``address``), hearing of records (``listen``), a journal read from it (``reader``) and every journal at a glance (``overview``)."""

__all__ = ["address", "listen", "naming", "overview", "reader"]

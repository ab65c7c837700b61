"""The PostgreSQL hub: every journal shipped, in order, to a server that other machines read, and a standby laptop's takeover.

``naming`` (the event's and the journal's ids), ``address`` (where the hub is, passwords masked),
``schema`` (its tables and checks, ``gelar hub init``), ``client`` (connecting, the writer's id,
appending), ``ship`` (the shipper thread and ``gelar hub push``), ``takeover``.

The submodules are imported where they are used, never here: psycopg is loaded only by those that need it.
"""

__all__ = ["address", "client", "naming", "schema", "ship", "takeover"]

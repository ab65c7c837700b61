"""The PostgreSQL hub: every journal shipped, in order, to a server that other machines read, and a standby laptop's takeover.

Writing: ``naming`` (the event's and the journal's ids), ``address`` (where the hub is, passwords
masked), ``schema`` (its tables and checks, ``gelar hub init``), ``client`` (connecting, the writer's
id, appending), ``ship`` (the shipper thread and ``gelar hub push``), ``takeover``.
Reading: ``listen`` (hearing of records), ``reader`` (a journal read from the hub), ``overview``
(every journal at a glance, for the desk).

The submodules are imported where they are used, never here: psycopg is loaded only by those that need it.
"""

__all__ = ["address", "client", "listen", "naming", "overview", "reader", "schema", "ship", "takeover"]

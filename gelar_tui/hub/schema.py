"""The hub's tables and the checks the server makes on every record (``gelar hub init``).

Creating them is idempotent: ``init`` may run any number of times, and records the schema's
version in ``meta`` for later upgrades. The checks live in the server (a trigger), so that no
client can bypass them: a record must continue the chain the hub holds (the next number, the
previous hash, a hash that covers its canonical line), a different record at a number the hub
holds is a fork, an exact duplicate is passed over, and only the journal's writer may append
(the writer's id is given with ``SET LOCAL gelar_hub.writer``). Each committed insert is
announced with ``NOTIFY gelar_hub, '<journal> <seq>'``.
"""

from __future__ import annotations

SCHEMA_VERSION = "1"

REFUSED_WRITER = "GH001"
"""SQLSTATE: the client is not the journal's writer (another laptop, or a takeover)."""
REFUSED_FORK = "GH002"
"""SQLSTATE: a record that does not continue the hub's chain, or differs from one it holds."""
REFUSED_GAP = "GH003"
"""SQLSTATE: a record whose number is not the next one."""
REFUSED_HASH = "GH005"
"""SQLSTATE: a record whose hash does not cover its canonical line."""

STATEMENTS = (
    "CREATE SCHEMA IF NOT EXISTS gelar_hub",
    "CREATE TABLE IF NOT EXISTS gelar_hub.meta (key text PRIMARY KEY, value text NOT NULL)",
    """CREATE TABLE IF NOT EXISTS gelar_hub.journals (
        journal     text PRIMARY KEY,
        event       text NOT NULL,
        title       text NOT NULL,
        writer      text NOT NULL,
        writer_name text NOT NULL,
        taken_at    timestamptz,
        created     timestamptz NOT NULL DEFAULT now()
    )""",
    "CREATE INDEX IF NOT EXISTS journals_event ON gelar_hub.journals (event)",
    """CREATE TABLE IF NOT EXISTS gelar_hub.records (
        journal   text NOT NULL REFERENCES gelar_hub.journals,
        seq       bigint NOT NULL,
        prev      text NOT NULL,
        hash      text NOT NULL,
        canonical text NOT NULL,
        ts        double precision NOT NULL,
        kind      text NOT NULL,
        data      text NOT NULL,
        origin    text NOT NULL,
        boot      double precision,
        boot_id   text NOT NULL,
        received  timestamptz NOT NULL DEFAULT clock_timestamp(),
        PRIMARY KEY (journal, seq)
    )""",
    f"""CREATE OR REPLACE FUNCTION gelar_hub.check_record() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
        owner_id text;
        owner_name text;
        owner_taken timestamptz;
        held_hash text;
        held_canonical text;
        head_seq bigint;
        head_hash text;
    BEGIN
        -- the journal's row, locked: appends to one chain are serialised, and a takeover waits for them
        SELECT j.writer, j.writer_name, j.taken_at INTO owner_id, owner_name, owner_taken
            FROM gelar_hub.journals j WHERE j.journal = NEW.journal FOR UPDATE;
        IF NOT FOUND THEN
            RAISE EXCEPTION 'gelar_hub: no journal %', NEW.journal USING ERRCODE = 'GH004';
        END IF;
        IF current_setting('gelar_hub.writer', true) IS DISTINCT FROM owner_id THEN
            RAISE EXCEPTION 'gelar_hub: refused: this journal is written by %', owner_name
                USING ERRCODE = '{REFUSED_WRITER}', DETAIL = coalesce(to_char(owner_taken AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'), '');
        END IF;
        SELECT r.hash, r.canonical INTO held_hash, held_canonical
            FROM gelar_hub.records r WHERE r.journal = NEW.journal AND r.seq = NEW.seq;
        IF FOUND THEN
            IF held_hash = NEW.hash AND held_canonical = NEW.canonical THEN
                RETURN NULL;  -- an exact duplicate: passed over
            END IF;
            RAISE EXCEPTION 'gelar_hub: refused: record % differs from the one the hub holds', NEW.seq
                USING ERRCODE = '{REFUSED_FORK}', DETAIL = NEW.seq::text;
        END IF;
        SELECT r.seq, r.hash INTO head_seq, head_hash
            FROM gelar_hub.records r WHERE r.journal = NEW.journal ORDER BY r.seq DESC LIMIT 1;
        IF NOT FOUND THEN
            head_seq := 0;
            head_hash := repeat('0', 64);
        END IF;
        IF NEW.seq <> head_seq + 1 THEN
            RAISE EXCEPTION 'gelar_hub: refused: record % is not the next one (the hub holds % records)', NEW.seq, head_seq
                USING ERRCODE = '{REFUSED_GAP}', DETAIL = head_seq::text;
        END IF;
        IF NEW.prev <> head_hash THEN
            RAISE EXCEPTION 'gelar_hub: refused: record % does not continue the chain the hub holds', NEW.seq
                USING ERRCODE = '{REFUSED_FORK}', DETAIL = NEW.seq::text;
        END IF;
        IF split_part(NEW.canonical, E'\\t', 1) <> NEW.seq::text
           OR encode(sha256(decode(NEW.prev, 'hex') || convert_to(NEW.canonical, 'UTF8')), 'hex') <> NEW.hash THEN
            RAISE EXCEPTION 'gelar_hub: refused: the hash of record % does not cover its line', NEW.seq
                USING ERRCODE = '{REFUSED_HASH}', DETAIL = NEW.seq::text;
        END IF;
        RETURN NEW;
    END
    $$""",
    """CREATE OR REPLACE FUNCTION gelar_hub.announce_record() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        PERFORM pg_notify('gelar_hub', NEW.journal || ' ' || NEW.seq);
        RETURN NULL;
    END
    $$""",
    "DROP TRIGGER IF EXISTS check_record ON gelar_hub.records",
    "CREATE TRIGGER check_record BEFORE INSERT ON gelar_hub.records FOR EACH ROW EXECUTE FUNCTION gelar_hub.check_record()",
    "DROP TRIGGER IF EXISTS announce_record ON gelar_hub.records",
    "CREATE TRIGGER announce_record AFTER INSERT ON gelar_hub.records FOR EACH ROW EXECUTE FUNCTION gelar_hub.announce_record()",
    f"INSERT INTO gelar_hub.meta (key, value) VALUES ('schema', '{SCHEMA_VERSION}') ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value",
)


def init(conn) -> str:
    """Create or upgrade the hub's tables on *conn* (a psycopg connection), in one transaction;
    the schema version it held before ("" when it had none)."""
    with conn.transaction():
        # one init at a time: two laptops running it at once must not trip over each other
        conn.execute("SELECT pg_advisory_xact_lock(hashtext('gelar_hub.init'))")
        before = conn.execute(
            "SELECT value FROM gelar_hub.meta WHERE key = 'schema'"
            if conn.execute("SELECT to_regclass('gelar_hub.meta')").fetchone()[0] is not None
            else "SELECT NULL"
        ).fetchone()
        for statement in STATEMENTS:
            conn.execute(statement)
    return (before[0] if before else None) or ""


def reader_role_sql(database: str, role: str = "gelar_reader") -> str:
    """The SQL an organiser runs (as the hub's owner) for a read-only role that displays and desks log in with."""
    return "\n".join(
        (
            f"CREATE ROLE {role} LOGIN;  -- then: \\password {role}",
            f'GRANT CONNECT ON DATABASE "{database}" TO {role};',
            f"GRANT USAGE ON SCHEMA gelar_hub TO {role};",
            f"GRANT SELECT ON ALL TABLES IN SCHEMA gelar_hub TO {role};",
            f"ALTER DEFAULT PRIVILEGES IN SCHEMA gelar_hub GRANT SELECT ON TABLES TO {role};",
        )
    )

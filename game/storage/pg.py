"""PostgreSQL as the store (`--store postgresql://…`), beside the embedded SQLite file.

The same tables as `schema.SCHEMA`, in PostgreSQL's types, plus `owners`: which server process
holds each room (for the redirect; the hold itself is an advisory lock, see
`ilot.server.pgstore`). `PgDb` wraps a psycopg connection so that it reads like the sqlite3
connection the storage code is written for (`?` placeholders, `execute` returning a cursor,
`executemany`, `in_transaction`): the reading functions of `reading` serve both stores, with
no second copy of their SQL.

A connection that breaks (the database restarted, the network cut) is opened again at its next
use; a statement that may have been applied on the broken one raises `psycopg.OperationalError`.
"""

from __future__ import annotations

import hashlib
import re
import threading
from collections.abc import Callable, Iterable, Sequence
from typing import Any

SCHEMES = ("postgresql://", "postgres://")
# a server whose writer session is silent this long (frozen, its loop stuck) loses its rooms (s)
HOLD_S = 10.0

PG_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS rooms (
    room TEXT PRIMARY KEY, title TEXT NOT NULL, scenario TEXT NOT NULL,
    trainer_hash TEXT NOT NULL, created_at DOUBLE PRECISION NOT NULL
);
CREATE TABLE IF NOT EXISTS events (
    room TEXT NOT NULL, seq BIGINT NOT NULL, t DOUBLE PRECISION NOT NULL, "by" TEXT NOT NULL,
    type TEXT NOT NULL, v INTEGER NOT NULL, aid TEXT NOT NULL, data BYTEA NOT NULL,
    PRIMARY KEY (room, seq)
);
CREATE TABLE IF NOT EXISTS seats (
    token_hash TEXT PRIMARY KEY, room TEXT NOT NULL, participant TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS join_ids (
    room TEXT NOT NULL, join_hash TEXT NOT NULL, participant TEXT NOT NULL,
    PRIMARY KEY (room, join_hash)
);
CREATE TABLE IF NOT EXISTS debrief_notes (
    id BIGSERIAL PRIMARY KEY, room TEXT NOT NULL, at DOUBLE PRECISION NOT NULL,
    text TEXT NOT NULL, author TEXT NOT NULL, created_at DOUBLE PRECISION NOT NULL
);
CREATE TABLE IF NOT EXISTS connections (
    id BIGSERIAL PRIMARY KEY, room TEXT NOT NULL, actor TEXT NOT NULL,
    who TEXT NOT NULL, kind TEXT NOT NULL, t DOUBLE PRECISION NOT NULL,
    inferred INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS connections_room ON connections (room, t);
CREATE TABLE IF NOT EXISTS trainer_codes (room TEXT PRIMARY KEY, code TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS owners (
    room TEXT PRIMARY KEY, server TEXT NOT NULL, url TEXT NOT NULL,
    since DOUBLE PRECISION NOT NULL
);
"""
# owners: the last process that took each room, and the address its clients reach it at. Only a
# hint for redirects: who holds a room is the advisory lock, which dies with its connection.

_PLACEHOLDER = re.compile(r"\?")
KEEPALIVE = ("-c tcp_keepalives_idle=5 -c tcp_keepalives_interval=2 -c tcp_keepalives_count=3 "
             "-c tcp_user_timeout=10000")


def lock_key(room: str) -> int:
    """The advisory lock of a room (held by the server that serves it): 64 bits of a hash of
    its code, as a signed bigint."""
    digest = hashlib.blake2b(f"ilot-room:{room}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


def is_store_url(text: str | None) -> bool:
    """Whether `text` names a PostgreSQL database rather than a data directory."""
    return bool(text) and str(text).startswith(SCHEMES)


def shown_url(url: str) -> str:
    """The URL without its password, for messages and logs."""
    return re.sub(r"(://[^:/@]+):[^@/]*@", r"\1:***@", url)


def _pg(sql: str) -> str:
    return _PLACEHOLDER.sub("%s", sql)


class PgDb:
    """A psycopg connection in autocommit mode (transactions are explicit BEGIN … COMMIT, as
    with the sqlite3 connections of the storage code), opened again after it breaks."""

    def __init__(self, url: str, *, schema: bool = True, application: str = "ilot",
                 idle_timeout: float | None = None):
        import psycopg  # only a PostgreSQL store needs it

        self.psycopg = psycopg
        self.url = url
        self.application = application
        self.options = KEEPALIVE
        if idle_timeout:  # PostgreSQL ends the session after this long without a statement
            self.options += f" -c idle_session_timeout={round(idle_timeout * 1000)}"
        self._reopening = threading.RLock()
        self.conn = self._connect()
        self.reconnected = 0  # times the connection was opened again
        # called with the new connection, before anything else runs on it (PgStore takes its
        # rooms' locks again there)
        self.on_reconnect: Callable[[Any], None] | None = None
        if schema:
            self.executescript(PG_SCHEMA)

    def _connect(self) -> Any:
        # the database notices within ~10 s a client whose machine vanished (power, network)
        # instead of TCP's two hours, and ends its session: a dead server's rooms are freed
        return self.psycopg.connect(self.url, autocommit=True, connect_timeout=5,
                                     application_name=self.application, options=self.options)

    def ready(self) -> Any:
        """The connection, opened again first if it broke (by one thread: the server's loop
        and its writer thread may both find it broken)."""
        with self._reopening:
            if self.conn.closed or self.conn.broken:
                self.conn = self._connect()
                self.reconnected += 1
                if self.on_reconnect is not None:
                    self.on_reconnect(self.conn)
            return self.conn

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        """Run one statement. A SELECT or a BEGIN outside a transaction that finds the
        connection dead (it died while idle: the database restarted) is run again on a new
        one, once; anything else raises, since it may or may not have been applied."""
        try:
            return self.ready().execute(_pg(sql), tuple(params))
        except self.psycopg.OperationalError:
            if not (self.broken and sql.lstrip()[:6].upper() in ("SELECT", "BEGIN")):
                raise
        return self.ready().execute(_pg(sql), tuple(params))

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> Any:
        cur = self.ready().cursor()
        cur.executemany(_pg(sql), [tuple(r) for r in rows])
        return cur

    def executescript(self, script: str) -> None:
        """Statements separated by `;` at line ends, run one by one (DDL: one advisory lock
        around them, so that servers starting together do not race to create the tables)."""
        conn = self.ready()
        with conn.transaction():
            conn.execute("SELECT pg_advisory_xact_lock(7007)")
            for stmt in script.split(";\n"):
                if stmt.strip():
                    conn.execute(stmt)

    @property
    def in_transaction(self) -> bool:
        if self.conn.closed:
            return False
        status = self.conn.info.transaction_status
        return bool(status != self.psycopg.pq.TransactionStatus.IDLE)

    @property
    def broken(self) -> bool:
        return bool(self.conn.closed or self.conn.broken)

    def close(self) -> None:
        self.conn.close()


def outage_errors() -> tuple[type[BaseException], ...]:
    """The errors that mean the database is out of reach or refuses writes (not a conflict)."""
    import psycopg

    return (psycopg.OperationalError, psycopg.errors.DiskFull,
            psycopg.errors.ReadOnlySqlTransaction, psycopg.errors.InsufficientResources)

"""PostgreSQL as the event store, shared by several servers (`ilot serve --store postgresql://…`).

The same semantics as the SQLite store (`Store`): `(room, seq)` unique, a room's events committed
before they are acknowledged or broadcast, group commits on the writer thread, the same refusals
when the database fails. What changes is that several server processes share the database, so
each room is held by exactly one of them at a time, with a PostgreSQL session-level advisory
lock taken on the *writer's* connection (`claim`):

- PostgreSQL releases it when that connection ends, so a server that dies (even by SIGKILL)
  frees its rooms at once, and another can take them over from the log.
- The commits go through that same connection, so a server writes only what it holds: if the
  connection broke, its locks went with it, and the next write first takes them again
  (`_ensure`); a room another server took meanwhile is *lost* here (`take_lost`), never written.
  The `(room, seq)` key stops anything that would slip through.

A server that stops without dying (frozen by SIGSTOP, its virtual machine paused, its event loop
stuck) keeps its connections open, and so its locks. With `hold` set, the writer's session asks
PostgreSQL to end it after `hold` seconds without a statement (`idle_session_timeout`, PostgreSQL
14+); the running server sends one (`alive`) every `hold / 4` s when it has nothing to commit
(`Takeover.keep_alive`). A server that cannot do that for `hold` seconds loses its rooms to the
others, and finds out when it runs again.

The `owners` table only says where each room's holder is reached (its public URL), for the
redirect of a client that knocked at the wrong door.
"""

from __future__ import annotations

import logging
import os
import socket
import time
from collections.abc import Iterable
from typing import Any

from ilot.game.core.events import Event
from ilot.game.storage.pg import PgDb, lock_key, outage_errors, shown_url
from ilot.game.storage.schema import event_row

from .store import BaseStore

log = logging.getLogger("ilot.server")

# a claim in one round trip: try the room's lock; if got, name this server in `owners`; say who
# held it before (`before` sees the table as it was when the statement began)
CLAIM = ("WITH got AS (SELECT pg_try_advisory_lock(?) AS ok), "
         "before AS (SELECT server FROM owners WHERE room = ?), "
         "named AS (INSERT INTO owners (room, server, url, since) SELECT ?, ?, ?, ? FROM got "
         "WHERE ok ON CONFLICT (room) DO UPDATE SET server = excluded.server, "
         "url = excluded.url, since = excluded.since RETURNING 1) "
         "SELECT (SELECT ok FROM got), (SELECT server FROM before), (SELECT count(*) FROM named)")
# a group commit in one statement, so one round trip; in autocommit mode it is its own
# transaction (the rows go in all or none), where BEGIN, INSERT…, COMMIT take three
INSERT_EVENTS = ('INSERT INTO events (room, seq, t, "by", type, v, aid, data) '
                 "SELECT * FROM unnest(?::text[], ?::bigint[], ?::float8[], ?::text[], ?::text[], "
                 "?::integer[], ?::text[], ?::bytea[])")


class RoomsLost(RuntimeError):
    """A write for rooms this server no longer holds (another server took them over)."""

    def __init__(self, rooms: set[str]):
        super().__init__(f"rooms held by another server now: {sorted(rooms)}")
        self.rooms = rooms


def server_id() -> str:
    """This process, as the `owners` table names it."""
    return f"{socket.gethostname()}:{os.getpid()}"


class PgStore(BaseStore):
    begin = "BEGIN"
    shared = True

    def __init__(self, url: str, *, name: str = "ilot", hold: float | None = None):
        self.url = url
        self.hold = hold
        self.db = PgDb(url, application=name, idle_timeout=hold)
        self.server = server_id()
        self.held: set[str] = set()  # rooms whose advisory lock this connection holds
        self.lost: set[str] = set()  # rooms taken over by another server while we were cut off
        self.previous: dict[str, str] = {}  # room -> the server that held it before us
        self.db.on_reconnect = self._reclaim

    def __repr__(self) -> str:
        return f"PgStore({shown_url(self.url)})"

    def outage(self, error: BaseException) -> bool:
        return isinstance(error, outage_errors() + (OSError,))

    # ----- holding rooms (the writer's connection) -----
    def claim(self, room: str, url: str) -> bool:
        """Take the room if no other server holds it; whether this server holds it now. The
        owners row then names this server and `url`, where its clients reach it."""
        if room in self.held and not self.db.broken:
            return True
        params = (lock_key(room), room, room, self.server, url, time.time())
        try:
            got, before, _ = self.db.execute(CLAIM, params).fetchone()
        except self.db.psycopg.OperationalError:
            if not self.db.broken:
                raise
            # the connection was found dead: once more on a new one (a claim is idempotent: had
            # it run, its lock went with the old session, and the owners row names us anyway)
            got, before, _ = self.db.execute(CLAIM, params).fetchone()
        if not got:
            return False
        self.held.add(room)
        self.lost.discard(room)
        if before is not None and before != self.server:
            self.previous[room] = before
        return True

    def release(self, room: str) -> None:
        if room in self.held:
            self.held.discard(room)
            self.db.execute("SELECT pg_advisory_unlock(?)", (lock_key(room),))

    def alive(self) -> None:
        """One statement, so that PostgreSQL does not end this session (see `hold`). On a
        connection that was ended, it runs on a new one, which takes the rooms' locks again or
        finds them lost (`take_lost`)."""
        self.db.execute("SELECT 1")

    def owner(self, room: str) -> tuple[str, str] | None:
        """(server, url) of the process that last took the room, if any."""
        row = self.db.execute("SELECT server, url FROM owners WHERE room = ?", (room,)).fetchone()
        return (row[0], row[1]) if row else None

    def take_lost(self) -> set[str]:
        """The rooms lost since the last call (the server drops them and sends their clients
        to the new holder)."""
        lost, self.lost = self.lost, set()
        return lost

    def _reclaim(self, conn: Any) -> None:
        """On a new connection (the old one broke, and its locks went with it), before anything
        else: take every held room again; those another server holds now are lost here."""
        for room in sorted(self.held):
            key = lock_key(room)
            got = conn.execute("SELECT pg_try_advisory_lock(%s)", (key,)).fetchone()[0]
            if got:  # free now; but another server may have taken it meanwhile, and let it go
                row = conn.execute("SELECT server FROM owners WHERE room = %s",
                                   (room,)).fetchone()
                if row is None or row[0] == self.server:
                    continue
                conn.execute("SELECT pg_advisory_unlock(%s)", (key,))
            self.held.discard(room)
            self.lost.add(room)
            log.warning("room %s was taken over by another server while the database "
                        "connection was cut", room)

    def _writing(self, rooms: Iterable[str]) -> None:
        """Write only rooms held (checked inside the transaction, after any reconnection)."""
        missing = set(rooms) - self.held
        if missing:
            raise RoomsLost(missing)

    def append_batch(self, batch: Iterable[tuple[str, list[Event]]]) -> None:
        """Commit the events of several actions (of several rooms) in one statement.

        A connection found dead when the statement is sent (the database restarted, the session
        was ended) is opened again, its rooms' locks taken again (or lost: `RoomsLost`), and the
        statement sent once more. If the first one had gone in after all, the `(room, seq)` key
        refuses the second; the rows are then read back, and the batch counts as committed only
        if they are its own (one statement: it went in whole), else the error stands."""
        batch = list(batch)
        rooms = {room for room, _ in batch}
        rows = [event_row(room, e) for room, events in batch for e in events]
        columns = [list(column) for column in zip(*rows, strict=True)]
        psycopg = self.db.psycopg
        try:
            self._insert(rooms, columns)
        except psycopg.OperationalError:
            if not self.db.broken:
                raise
            try:
                self._insert(rooms, columns)
            except psycopg.errors.UniqueViolation:
                if not self._stored(rows):
                    raise
                log.info("a group commit sent on a connection that broke had gone in")

    def _stored(self, rows: list[tuple[Any, ...]]) -> bool:
        """Whether every row of a batch (`event_row`s) is in the log as it is here, not rows
        another server wrote under the same (room, seq)."""
        for room in {row[0] for row in rows}:
            mine = {row[1]: (row[2], row[6]) for row in rows if row[0] == room}  # seq: (t, aid)
            found = {seq: (t, aid) for seq, t, aid in self.db.execute(
                "SELECT seq, t, aid FROM events WHERE room = ? AND seq BETWEEN ? AND ?",
                (room, min(mine), max(mine))).fetchall()}
            if any(found.get(seq) != value for seq, value in mine.items()):
                return False
        return True

    def _insert(self, rooms: set[str], columns: list[list[Any]]) -> None:
        self.db.ready()
        self._writing(rooms)
        if columns:
            self.db.execute(INSERT_EVENTS, columns)

    def info(self) -> dict[str, Any]:
        return {"url": shown_url(self.url), "server": self.server, "held": len(self.held)}

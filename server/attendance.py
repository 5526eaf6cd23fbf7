"""Connections and disconnections of each seat, recorded in the store beside the log.

They are not events: replay, views and the golden hash do not see them. The event loop only
puts a row on a queue (`connected`, `disconnected`); a thread of its own writes the rows, on
its own connection, in one transaction per batch, so a connection never waits on an fsync and
an acknowledgement never waits on a connection row. Participants are recorded by participant
id, trainers' screens all as `who = "trainer"`; spectators and organisers are not recorded.

The thread also writes the time it is alive (`ALIVE_AT` in `meta`) every `beat` seconds. A
server that stops properly records every disconnection (its connections close before it
stops). One that crashed leaves connections open: at the next start `close_open` closes each
with a disconnection marked `inferred`, at the last known time of that seat: the latest of the
last heartbeat, the seat's last row and the seat's last event in the log (so at most `beat`
seconds after the real end, never before it).
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ilot.game.core.decide import Actor
from ilot.game.core.kinds import ActorKind
from ilot.game.storage.schema import UPSERT_META, open_for_writing

log = logging.getLogger("ilot.server")

ALIVE_AT = "connections_alive_at"
CONNECT, DISCONNECT = "connect", "disconnect"
INSERT = ("INSERT INTO connections (room, actor, who, kind, t, inferred) "
          "VALUES (?, ?, ?, ?, ?, ?)")
Row = tuple[str, str, str, str, float, int]
MAX_KEPT = 100_000  # rows kept in memory while the disk refuses them (full or read-only)


def recorded(actor: Actor) -> bool:
    return actor.kind in (ActorKind.PARTICIPANT, ActorKind.TRAINER)


class ConnectionRecorder:
    """`path`: the SQLite store's file; or `db`, a connection to a shared (PostgreSQL) store,
    where `server` names this process: its heartbeat is its own (`ALIVE_AT/server`), and the
    connections a dead server left open are closed room by room as they are taken over
    (`close_open_room`), not all at start."""

    def __init__(self, path: str | Path | None = None, *, db: Any = None, server: str = "",
                 synchronous: str = "NORMAL", beat: float = 60.0):
        if db is None:
            # NORMAL: in WAL mode a commit does not fsync, so this writer holds the write lock
            # for microseconds and never makes the log's group commit wait on an fsync; a
            # process crash loses nothing (the WAL is written), a power cut may lose the last
            # seconds of rows.
            assert path is not None
            db = open_for_writing(path, synchronous=synchronous)
            db.execute("PRAGMA wal_autocheckpoint=0")  # the store's checkpointer does them
            self.begin = "BEGIN IMMEDIATE"
        else:
            self.begin = "BEGIN"
        self.db = db
        self.alive_key = f"{ALIVE_AT}/{server}" if server else ALIVE_AT
        self.beat = beat
        self._queue: queue.Queue[Row | Callable[[], object] | None] = queue.Queue()
        self._thread: threading.Thread | None = None
        self._kept: list[Row] = []  # rows not written yet: the disk refused them
        self.failing = False  # the last write failed (logged once, until one succeeds)

    # ----- on the event loop: never blocks -----
    def connected(self, room: str, actor: Actor, t: float | None = None) -> None:
        self._put(room, actor, CONNECT, t)

    def disconnected(self, room: str, actor: Actor, t: float | None = None) -> None:
        self._put(room, actor, DISCONNECT, t)

    def _put(self, room: str, actor: Actor, kind: str, t: float | None) -> None:
        if recorded(actor):
            self._queue.put((room, str(actor.kind), actor.id, kind,
                             time.time() if t is None else t, 0))

    # ----- life cycle -----
    def close_open_room(self, room: str, previous: str = "") -> None:
        """A room taken over from a server that died (shared store): its connections left open
        are closed, on the recorder's thread, before any row of the new holder."""
        key = f"{ALIVE_AT}/{previous}" if previous else ""
        self._queue.put(lambda: self.close_open(room=room, alive_key=key))

    def close_open(self, now: float | None = None, *, room: str | None = None,
                   alive_key: str | None = None) -> int:
        """Close the connections a crash left open (see the module's docstring); how many.
        Called at start, before the thread runs (every room), or for one `room` taken over."""
        alive = self.db.execute("SELECT value FROM meta WHERE key = ?",
                                (alive_key if alive_key is not None else self.alive_key,)
                                ).fetchone()
        alive_at = float(alive[0]) if alive else 0.0
        counts: dict[tuple[str, str, str], list[float]] = {}
        where, params = ("WHERE room = ? ", (room,)) if room is not None else ("", ())
        for room, actor, who, kind, t in self.db.execute(
                "SELECT room, actor, who, kind, t FROM connections " + where + "ORDER BY id",
                params):
            c = counts.setdefault((room, actor, who), [0, t])
            c[0] = c[0] + 1 if kind == CONNECT else max(0, c[0] - 1)
            c[1] = max(c[1], t)
        rows: list[Row] = []
        for (room, actor, who), (n, last) in counts.items():
            if n <= 0:
                continue
            by = who if actor == ActorKind.PARTICIPANT else "trainer"
            ev = self.db.execute('SELECT MAX(t) FROM events WHERE room = ? AND "by" = ?',
                                 (room, by)).fetchone()[0]
            at = max(alive_at, last, ev or 0.0)
            if now is not None:
                at = min(at, now)
            rows += [(room, actor, who, DISCONNECT, at, 1)] * int(n)
        if rows:
            self._write(rows)
            log.info("closed %d connection(s) left open by the last run", len(rows))
        return len(rows)

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="ilot-connections", daemon=True)
        self._thread.start()

    def flush(self) -> None:
        """Block until every row queued so far is written (tests, and `stop`)."""
        self._queue.join()

    def stop(self) -> None:
        if self._thread is not None:
            self._queue.put(None)
            self._thread.join(10)
            self._thread = None
        self.db.close()

    # ----- the thread -----
    def _run(self) -> None:
        while True:
            try:
                first = self._queue.get(timeout=self.beat)
            except queue.Empty:
                self._write([])
                continue
            batch = [first]
            while True:
                try:
                    batch.append(self._queue.get_nowait())
                except queue.Empty:
                    break
            rows: list[Row] = []
            for item in batch:
                if callable(item):  # a room taken over: its rows first, then the new ones
                    self._write(rows)
                    rows = []
                    self._call(item)
                elif item is not None:
                    rows.append(item)
            self._write(rows)
            for _ in batch:
                self._queue.task_done()
            if None in batch:
                return

    def _call(self, job: Callable[[], object]) -> None:
        try:
            job()
        except Exception as exc:  # attendance must never take the server down
            log.warning("could not close the connections left open in a room taken over: %r",
                        exc)

    def _write(self, rows: list[Row]) -> None:
        """Write `rows` after those kept from failed writes. On a full or read-only disk the
        rows are kept (up to MAX_KEPT, the oldest dropped first) for the next write, and the
        trouble is logged once until a write succeeds."""
        rows = self._kept + rows
        try:
            self.db.execute(self.begin)
            try:
                if rows:
                    self.db.executemany(INSERT, rows)
                self.db.execute(UPSERT_META, (self.alive_key, repr(time.time())))
                self.db.execute("COMMIT")
            except BaseException:
                if self.db.in_transaction:
                    self.db.execute("ROLLBACK")
                raise
        except Exception as exc:  # attendance must never take the server down
            if not self.failing:
                log.warning("could not record %d connection row(s), kept to retry: %r",
                            len(rows), exc)
            self.failing = True
            self._kept = rows[-MAX_KEPT:]
            return
        if self.failing:
            log.info("connection rows recorded again (%d kept while the disk failed)",
                     len(self._kept))
        self.failing = False
        self._kept = []

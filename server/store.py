"""The server's side of the durable log: rooms, their events, seats and debrief notes.

`BaseStore` is the interface the server writes and reads through, with its SQL, which both
stores understand. `Store` is the embedded default: one SQLite file (WAL) in a data directory;
its schema and how it is read are `ilot.game.storage`, shared with the debrief (which only reads
it, and writes its own notes). `ilot.server.pgstore.PgStore` is the other: a PostgreSQL database
that several servers share. An action's events (and, for a join, the new seat) are written in
one transaction that is committed before anyone hears about it.
"""

from __future__ import annotations

import json
import logging
import sqlite3
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ilot.game.core.events import Event
from ilot.game.core.scenario import Scenario
from ilot.game.storage import FILENAME, SCHEMA, database_path  # noqa: F401  (re-exported)
from ilot.game.storage.notes import insert_debrief_note
from ilot.game.storage.reading import (
    list_rooms,
    read_debrief_notes,
    read_events,
    read_scenario,
    trainer_code,
)
from ilot.game.storage.schema import INSERT_EVENT, UPSERT_META, event_row, open_for_writing

log = logging.getLogger("ilot.server")


class BaseStore:
    """What the server needs of a store. `db` is a connection with sqlite3's manners (`?`
    placeholders, `execute` returning a cursor); `begin` opens a writing transaction."""

    db: Any
    begin = "BEGIN"
    shared = False  # several servers on one store: rooms are claimed (PgStore)

    def outage(self, error: BaseException) -> bool:
        """Whether `error` (from a commit) means the store is out of reach or refuses writes,
        rather than, say, a conflict: actions are then refused untried for a while."""
        return isinstance(error, OSError)

    def _writing(self, rooms: Iterable[str]) -> None:
        """In the transaction, before a write for `rooms`: raise to refuse it (PgStore: rooms
        this server does not hold)."""

    def start_checkpointer(self, every: float = 1.0) -> None:
        """Background upkeep while the server runs (SQLite's WAL checkpoints); none here."""

    # ----- writing (the server) -----
    def meta(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        self.db.execute(UPSERT_META, (key, value))

    def add_meta(self, key: str, value: str) -> None:
        """Set `key` unless it is set already (the first writer wins)."""
        self.db.execute("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING",
                        (key, value))

    def create_room(self, room: str, scenario: Scenario, trainer_hash: str,
                    first: Event, trainer_code: str | None = None) -> None:
        """The room row, its trainer code and its first event (session_opened), in one
        transaction."""
        text = json.dumps(scenario.model_dump(mode="json"), ensure_ascii=False)
        with self._tx() as db:
            db.execute("INSERT INTO rooms (room, title, scenario, trainer_hash, created_at) "
                       "VALUES (?, ?, ?, ?, ?)", (room, scenario.title, text, trainer_hash, first.t))
            if trainer_code is not None:
                db.execute("INSERT INTO trainer_codes (room, code) VALUES (?, ?)",
                           (room, trainer_code))
            db.execute(INSERT_EVENT, event_row(room, first))

    def append(self, room: str, events: Iterable[Event],
               seat: tuple[str, str] | None = None, join_hash: str | None = None) -> None:
        """Commit `events` (and a new seat `(token_hash, participant)`, remembered under the
        hash of the hello's `join_id` if any) durably, all or nothing."""
        with self._tx() as db:
            self._writing((room,))
            db.executemany(INSERT_EVENT, [event_row(room, e) for e in events])
            if seat is not None:
                db.execute("INSERT INTO seats (token_hash, room, participant) VALUES (?, ?, ?)",
                           (seat[0], room, seat[1]))
                if join_hash is not None:
                    db.execute("INSERT INTO join_ids (room, join_hash, participant) "
                               "VALUES (?, ?, ?)", (room, join_hash, seat[1]))

    def joined(self, room: str, join_hash: str) -> str | None:
        """The participant a hello with this `join_id` (hashed) already seated, if any."""
        row = self.db.execute("SELECT participant FROM join_ids WHERE room = ? AND join_hash = ?",
                              (room, join_hash)).fetchone()
        return row[0] if row else None

    def append_batch(self, batch: Iterable[tuple[str, list[Event]]]) -> None:
        """Commit the events of several actions (of several rooms) in one transaction."""
        batch = list(batch)
        with self._tx() as db:
            self._writing({room for room, _ in batch})
            db.executemany(INSERT_EVENT, [event_row(room, e) for room, events in batch for e in events])

    def trainer_hash(self, room: str) -> str | None:
        row = self.db.execute("SELECT trainer_hash FROM rooms WHERE room = ?", (room,)).fetchone()
        return row[0] if row else None

    def trainer_code(self, room: str) -> str | None:
        """The trainer code in clear (None for a room created before they were kept)."""
        return trainer_code(self.db, room)

    def seat(self, room: str, token_hash: str) -> str | None:
        row = self.db.execute("SELECT participant FROM seats WHERE token_hash = ? AND room = ?",
                              (token_hash, room)).fetchone()
        return row[0] if row else None

    def room_exists(self, room: str) -> bool:
        return self.db.execute("SELECT 1 FROM rooms WHERE room = ?", (room,)).fetchone() is not None

    def room_codes(self) -> list[str]:
        return [r[0] for r in self.db.execute("SELECT room FROM rooms ORDER BY created_at, room")]

    # ----- reading (server restart): the same reading as the debrief's -----
    def list_rooms(self) -> list[dict[str, Any]]:
        return list_rooms(self.db)

    def scenario(self, room: str) -> Scenario:
        return read_scenario(self.db, room)

    def events(self, room: str, after: int = 0) -> list[Event]:
        return read_events(self.db, room, after)

    # ----- debrief notes (the debrief writes them with ilot.game.storage.DebriefNotes) -----
    def add_debrief_note(self, room: str, at: float, text: str, author: str = "trainer") -> int:
        return insert_debrief_note(self.db, room, at, text, author)

    def debrief_notes(self, room: str) -> list[dict[str, Any]]:
        return read_debrief_notes(self.db, room)

    def close(self) -> None:
        self.db.close()

    def _tx(self) -> _Tx:
        return _Tx(self.db, self.begin)


class Store(BaseStore):
    """The embedded store: one SQLite file."""

    begin = "BEGIN IMMEDIATE"

    def __init__(self, path: str | Path, *, synchronous: str = "FULL"):
        self.path = Path(path)
        self.db = open_for_writing(self.path, synchronous=synchronous)

    def outage(self, error: BaseException) -> bool:
        return isinstance(error, (sqlite3.OperationalError, OSError))

    def start_checkpointer(self, every: float = 1.0) -> None:
        """Move WAL checkpoints (and their fsyncs) off the writer, onto a background thread.

        SQLite's automatic checkpoint runs inside a COMMIT, so every ~1000 pages one commit
        stalls the server's event loop for tens of milliseconds. A PASSIVE checkpoint from
        another connection never blocks the writer.
        """
        if getattr(self, "_ckpt", None) is not None:
            return
        self.db.execute("PRAGMA wal_autocheckpoint=0")
        self._ckpt_stop = threading.Event()

        def checkpoint(db: sqlite3.Connection, failing: bool) -> bool:
            """One checkpoint; whether it failed. A failure (disk full or read-only) is logged
            once, not every second, and the thread goes on: the disk may come back."""
            try:
                db.execute("PRAGMA wal_checkpoint(PASSIVE)")
            except sqlite3.Error as exc:
                if not failing:
                    log.warning("WAL checkpoint failed, retrying every %g s: %s", every, exc)
                return True
            if failing:
                log.info("WAL checkpoints work again")
            return False

        def run() -> None:
            db = sqlite3.connect(str(self.path), isolation_level=None, check_same_thread=False)
            failing = False
            try:
                while not self._ckpt_stop.wait(every):
                    failing = checkpoint(db, failing)
                checkpoint(db, failing)
            finally:
                db.close()

        self._ckpt = threading.Thread(target=run, name="ilot-checkpoint", daemon=True)
        self._ckpt.start()

    @classmethod
    def in_dir(cls, data_dir: str | Path, **kwargs: Any) -> Store:
        return cls(database_path(data_dir), **kwargs)

    def close(self) -> None:
        if getattr(self, "_ckpt", None) is not None:
            self._ckpt_stop.set()
            self._ckpt.join(10)
            self._ckpt = None
        self.db.close()


class _Tx:
    """BEGIN (IMMEDIATE in SQLite) … COMMIT, or ROLLBACK on any error, the COMMIT's own included.

    On a full or read-only disk SQLite may have rolled back already (then ROLLBACK itself
    fails), or a failed COMMIT may leave the transaction open (then every later BEGIN would
    fail): either way the connection is left with no transaction, ready for when the disk
    comes back, and the first error is the one raised."""

    def __init__(self, db: Any, begin: str):
        self.db, self.begin = db, begin

    def __enter__(self) -> Any:
        self.db.execute(self.begin)
        return self.db

    def __exit__(self, exc_type: object, *_: object) -> None:
        if exc_type is None:
            try:
                self.db.execute("COMMIT")
                return
            except BaseException:
                self._rollback()
                raise
        self._rollback()

    def _rollback(self) -> None:
        if self.db.in_transaction:
            try:
                self.db.execute("ROLLBACK")
            except Exception as exc:  # sqlite3.Error, psycopg.Error
                log.warning("rollback failed: %s", exc)


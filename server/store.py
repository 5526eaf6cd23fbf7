"""The durable log: one SQLite file (WAL) holding rooms, their events, seats and debrief notes.

Events are stored one row per event, keyed by (room, seq): a second writer of the same seq fails
instead of silently forking the log. An action's events (and, for a join, the new seat) are
written in one transaction that is committed before anyone hears about it.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from pathlib import Path
from typing import Any, Iterable

import msgpack

from ilot.game.core.events import Event
from ilot.game.core.scenario import Scenario

FILENAME = "ilot.sqlite3"

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS rooms (
    room TEXT PRIMARY KEY, title TEXT NOT NULL, scenario TEXT NOT NULL,
    trainer_hash TEXT NOT NULL, created_at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS events (
    room TEXT NOT NULL, seq INTEGER NOT NULL, t REAL NOT NULL, by TEXT NOT NULL,
    type TEXT NOT NULL, v INTEGER NOT NULL, aid TEXT NOT NULL, data BLOB NOT NULL,
    PRIMARY KEY (room, seq)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS seats (
    token_hash TEXT PRIMARY KEY, room TEXT NOT NULL, participant TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS join_ids (
    room TEXT NOT NULL, join_hash TEXT NOT NULL, participant TEXT NOT NULL,
    PRIMARY KEY (room, join_hash)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS debrief_notes (
    id INTEGER PRIMARY KEY AUTOINCREMENT, room TEXT NOT NULL, at REAL NOT NULL,
    text TEXT NOT NULL, author TEXT NOT NULL, created_at REAL NOT NULL
);
"""


class Store:
    def __init__(self, path: str | Path, *, synchronous: str = "FULL"):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(str(self.path), isolation_level=None, check_same_thread=False)
        self.db.execute("PRAGMA journal_mode=WAL")
        if synchronous.upper() not in ("FULL", "NORMAL", "EXTRA"):
            raise ValueError(f"synchronous must be FULL, NORMAL or EXTRA, not {synchronous!r}")
        self.db.execute(f"PRAGMA synchronous={synchronous.upper()}")
        self.db.execute("PRAGMA busy_timeout=5000")
        self.db.executescript(SCHEMA)

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

        def run() -> None:
            db = sqlite3.connect(str(self.path), isolation_level=None, check_same_thread=False)
            try:
                while not self._ckpt_stop.wait(every):
                    db.execute("PRAGMA wal_checkpoint(PASSIVE)")
                db.execute("PRAGMA wal_checkpoint(PASSIVE)")
            except sqlite3.Error:
                pass  # a checkpoint is an optimisation: the next commit or open will do it
            finally:
                db.close()

        self._ckpt = threading.Thread(target=run, name="ilot-checkpoint", daemon=True)
        self._ckpt.start()

    @classmethod
    def in_dir(cls, data_dir: str | Path, **kwargs: Any) -> "Store":
        return cls(Path(data_dir) / FILENAME, **kwargs)

    # ----- writing (the server) -----
    def meta(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        self.db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, value))

    def create_room(self, room: str, scenario: Scenario, trainer_hash: str,
                    first: Event) -> None:
        """The room row and its first event (session_opened), in one transaction."""
        text = json.dumps(scenario.model_dump(mode="json"), ensure_ascii=False)
        with self._tx() as db:
            db.execute("INSERT INTO rooms (room, title, scenario, trainer_hash, created_at) "
                       "VALUES (?, ?, ?, ?, ?)", (room, scenario.title, text, trainer_hash, first.t))
            db.execute(_INSERT_EVENT, _row(room, first))

    def append(self, room: str, events: Iterable[Event],
               seat: tuple[str, str] | None = None, join_hash: str | None = None) -> None:
        """Commit `events` (and a new seat `(token_hash, participant)`, remembered under the
        hash of the hello's `join_id` if any) durably, all or nothing."""
        with self._tx() as db:
            db.executemany(_INSERT_EVENT, [_row(room, e) for e in events])
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
        with self._tx() as db:
            db.executemany(_INSERT_EVENT, [_row(room, e) for room, events in batch for e in events])

    def trainer_hash(self, room: str) -> str | None:
        row = self.db.execute("SELECT trainer_hash FROM rooms WHERE room = ?", (room,)).fetchone()
        return row[0] if row else None

    def seat(self, room: str, token_hash: str) -> str | None:
        row = self.db.execute("SELECT participant FROM seats WHERE token_hash = ? AND room = ?",
                              (token_hash, room)).fetchone()
        return row[0] if row else None

    def room_codes(self) -> list[str]:
        return [r[0] for r in self.db.execute("SELECT room FROM rooms ORDER BY created_at, room")]

    # ----- reading (server restart, debrief) -----
    def list_rooms(self) -> list[dict[str, Any]]:
        rows = self.db.execute(
            "SELECT r.room, r.title, r.created_at, "
            "(SELECT COALESCE(MAX(seq), 0) FROM events e WHERE e.room = r.room) "
            "FROM rooms r ORDER BY r.created_at, r.room").fetchall()
        return [{"room": room, "title": title, "created_at": at, "events": n}
                for room, title, at, n in rows]

    def scenario(self, room: str) -> Scenario:
        row = self.db.execute("SELECT scenario FROM rooms WHERE room = ?", (room,)).fetchone()
        if row is None:
            raise KeyError(f"no room {room!r}")
        return Scenario.model_validate_json(row[0])

    def events(self, room: str, after: int = 0) -> list[Event]:
        rows = self.db.execute(
            "SELECT seq, t, by, type, v, aid, data FROM events WHERE room = ? AND seq > ? "
            "ORDER BY seq", (room, after))
        return [Event.from_dict({"seq": seq, "t": t, "by": by, "type": type, "v": v, "aid": aid,
                                 "data": msgpack.unpackb(data, raw=False)})
                for seq, t, by, type, v, aid, data in rows]

    def add_debrief_note(self, room: str, at: float, text: str, author: str = "trainer") -> int:
        if self.db.execute("SELECT 1 FROM rooms WHERE room = ?", (room,)).fetchone() is None:
            raise KeyError(f"no room {room!r}")
        with self._tx() as db:
            cur = db.execute("INSERT INTO debrief_notes (room, at, text, author, created_at) "
                             "VALUES (?, ?, ?, ?, ?)", (room, at, text, author, time.time()))
        return int(cur.lastrowid)

    def debrief_notes(self, room: str) -> list[dict[str, Any]]:
        rows = self.db.execute("SELECT id, at, text, author, created_at FROM debrief_notes "
                               "WHERE room = ? ORDER BY at, id", (room,))
        return [{"id": i, "at": at, "text": text, "author": author, "created_at": c}
                for i, at, text, author, c in rows]

    def close(self) -> None:
        if getattr(self, "_ckpt", None) is not None:
            self._ckpt_stop.set()
            self._ckpt.join(10)
            self._ckpt = None
        self.db.close()

    def _tx(self) -> "_Tx":
        return _Tx(self.db)


class _Tx:
    """BEGIN IMMEDIATE … COMMIT, or ROLLBACK on any error."""

    def __init__(self, db: sqlite3.Connection):
        self.db = db

    def __enter__(self) -> sqlite3.Connection:
        self.db.execute("BEGIN IMMEDIATE")
        return self.db

    def __exit__(self, exc_type: object, *_: object) -> None:
        self.db.execute("ROLLBACK" if exc_type else "COMMIT")


_INSERT_EVENT = ("INSERT INTO events (room, seq, t, by, type, v, aid, data) "
                 "VALUES (?, ?, ?, ?, ?, ?, ?, ?)")


def _row(room: str, e: Event) -> tuple:
    return (room, e.seq, e.t, e.by, e.type, e.v, e.aid, msgpack.packb(e.data, use_bin_type=True))

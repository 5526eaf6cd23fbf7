"""The store's tables, opening it for writing, and how an event is kept in a row.

Events are stored one row per event, keyed by (room, seq): a second writer of the same seq fails
instead of silently forking the log. An event's data is msgpack.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import msgpack

from ilot.game.core.events import Event

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
CREATE TABLE IF NOT EXISTS connections (
    id INTEGER PRIMARY KEY AUTOINCREMENT, room TEXT NOT NULL, actor TEXT NOT NULL,
    who TEXT NOT NULL, kind TEXT NOT NULL, t REAL NOT NULL, inferred INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS connections_room ON connections (room, t);
CREATE TABLE IF NOT EXISTS trainer_codes (room TEXT PRIMARY KEY, code TEXT NOT NULL) WITHOUT ROWID;
"""
# trainer_codes: the trainer code in clear, for `ilot rooms --codes` (whoever can read the data
# directory is trusted with it); the hello is checked against rooms.trainer_hash. Rooms created
# before it have no row.

SYNCHRONOUS = ("FULL", "NORMAL", "EXTRA")
# `by` is quoted in the statements: a reserved word of PostgreSQL (`pg.PG_SCHEMA`), the same
# column in SQLite
UPSERT_META = ("INSERT INTO meta (key, value) VALUES (?, ?) "
               "ON CONFLICT (key) DO UPDATE SET value = excluded.value")

INSERT_EVENT = ('INSERT INTO events (room, seq, t, "by", type, v, aid, data) '
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
SELECT_EVENTS = ('SELECT seq, t, "by", type, v, aid, data FROM events WHERE room = ? AND seq > ? '
                 "ORDER BY seq")


def open_for_writing(path: str | Path, *, synchronous: str = "FULL") -> sqlite3.Connection:
    """A connection that writes (WAL, `synchronous` FULL by default), the schema created.

    The directory is created if needed: only the server, which creates rooms, opens it so.
    """
    if synchronous.upper() not in SYNCHRONOUS:
        raise ValueError(f"synchronous must be FULL, NORMAL or EXTRA, not {synchronous!r}")
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute(f"PRAGMA synchronous={synchronous.upper()}")
    db.execute("PRAGMA busy_timeout=5000")
    db.executescript(SCHEMA)
    return db


def event_row(room: str, e: Event) -> tuple[Any, ...]:
    """The row of `INSERT_EVENT` for event `e` of `room`."""
    return (room, e.seq, e.t, e.by, e.type, e.v, e.aid, msgpack.packb(e.data, use_bin_type=True))


def event_from_row(row: tuple[Any, ...]) -> Event:
    """An event back from a row of `SELECT_EVENTS` (old versions upcast by `Event.from_dict`)."""
    seq, t, by, type_, v, aid, data = row
    return Event.from_dict({"seq": seq, "t": t, "by": by, "type": type_, "v": v, "aid": aid,
                            "data": msgpack.unpackb(data, raw=False)})

"""Deleting a room from the store: `ilot rooms --delete`, once its log is archived and while no
server holds it: for a data directory, no server holds the directory (`dirlock`); for a
PostgreSQL store, no server holds the room's advisory lock (`pg.lock_key`), which is taken here
for the time of the deletion, so that no server takes the room meanwhile."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from .dirlock import DataDirLock
from .paths import database_path
from .pg import is_store_url, lock_key
from .schema import open_for_writing

ROOM_TABLES = ("events", "seats", "join_ids", "debrief_notes", "connections", "trainer_codes",
               "rooms")


class RoomHeld(RuntimeError):
    """A server of the PostgreSQL store holds the room (`url`: where, as the owners table says)."""

    def __init__(self, room: str, url: str):
        super().__init__(f"room {room} is held by the server at {url or '?'}")
        self.room, self.url = room, url


@contextmanager
def room_for_deleting(source: str | Path, room: str) -> Iterator[Any]:
    """A writing connection to the store of `source` (a data directory or a PostgreSQL URL)
    while no server can touch `room`: raises `dirlock.DataDirBusy` or `RoomHeld` otherwise."""
    if not is_store_url(str(source)):
        with DataDirLock(source):
            db = open_for_writing(database_path(source))
            try:
                yield db
            finally:
                db.close()
        return
    from .stores import open_pg

    db = open_pg(str(source), application="ilot-rooms")
    try:
        if not db.execute("SELECT pg_try_advisory_lock(?)", (lock_key(room),)).fetchone()[0]:
            row = db.execute("SELECT url FROM owners WHERE room = ?", (room,)).fetchone()
            raise RoomHeld(room, row[0] if row else "")
        yield db
    finally:
        db.close()  # the session's advisory lock ends with it


def delete_rows(db: Any, room: str) -> None:
    """Every row of `room`, in one transaction (the owners row too in PostgreSQL)."""
    sqlite = isinstance(db, sqlite3.Connection)
    tables = ROOM_TABLES if sqlite else ROOM_TABLES + ("owners",)
    db.execute("BEGIN IMMEDIATE" if sqlite else "BEGIN")
    try:
        for table in tables:
            db.execute(f"DELETE FROM {table} WHERE room = ?", (room,))
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")


def delete_room(data_dir: str | Path, room: str) -> None:
    """Every row of `room` in the store of a data directory, in one transaction (the caller
    makes sure no server holds it)."""
    db = open_for_writing(database_path(data_dir))
    try:
        delete_rows(db, room)
    finally:
        db.close()

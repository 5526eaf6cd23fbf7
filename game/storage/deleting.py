"""Deleting a room from the store: `ilot rooms --delete`, once its log is archived and while no
server holds the data directory (`dirlock`)."""

from __future__ import annotations

from pathlib import Path

from .paths import database_path
from .schema import open_for_writing

ROOM_TABLES = ("events", "seats", "join_ids", "debrief_notes", "connections", "trainer_codes",
               "rooms")


def delete_room(data_dir: str | Path, room: str) -> None:
    """Every row of `room`, in one transaction."""
    db = open_for_writing(database_path(data_dir))
    try:
        db.execute("BEGIN IMMEDIATE")
        try:
            for table in ROOM_TABLES:
                db.execute(f"DELETE FROM {table} WHERE room = ?", (room,))
        except BaseException:
            db.execute("ROLLBACK")
            raise
        db.execute("COMMIT")
    finally:
        db.close()

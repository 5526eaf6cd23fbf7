"""The debrief's own table: the trainer's notes, dated at a moment of the session.

The only thing the debrief writes into the store; it never touches rooms, events or seats.
"""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path
from typing import Any
from urllib.parse import quote

from .paths import database_path
from .pg import is_store_url
from .reading import StoreMissing


def insert_debrief_note(db: Any, room: str, at: float, text: str,
                        author: str = "trainer") -> int:
    """Add a note to `room` (KeyError for an unknown room) in one transaction; its id. `db` is
    a sqlite3 connection or a PostgreSQL one (`pg.PgDb`)."""
    db.execute("BEGIN IMMEDIATE" if isinstance(db, sqlite3.Connection) else "BEGIN")
    try:
        if db.execute("SELECT 1 FROM rooms WHERE room = ?", (room,)).fetchone() is None:
            raise KeyError(f"no room {room!r}")
        row = db.execute("INSERT INTO debrief_notes (room, at, text, author, created_at) "
                         "VALUES (?, ?, ?, ?, ?) RETURNING id",
                         (room, at, text, author, time.time())).fetchall()[0]
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")
    return int(row[0])


class DebriefNotes:
    """Writes debrief notes into an existing store (it creates neither the file nor a table):
    the store of a data directory, or a PostgreSQL store's URL."""

    def __init__(self, data_dir: str | Path):
        self.url = str(data_dir) if is_store_url(str(data_dir)) else None
        self.path = database_path(data_dir)
        if self.url is None and not self.path.is_file():
            raise StoreMissing(Path(data_dir))
        self.db: Any = None

    def add(self, room: str, at: float, text: str, author: str = "trainer") -> int:
        if self.db is None and self.url is not None:
            from .stores import open_pg

            self.db = open_pg(self.url, application="ilot-debrief")
        if self.db is None:  # opened on the first note: most debriefs only read
            self.db = sqlite3.connect(f"file:{quote(str(self.path.resolve()))}?mode=rw",
                                      uri=True, isolation_level=None, check_same_thread=False)
            self.db.execute("PRAGMA busy_timeout=5000")
        return insert_debrief_note(self.db, room, at, text, author)

    def close(self) -> None:
        if self.db is not None:
            self.db.close()
            self.db = None

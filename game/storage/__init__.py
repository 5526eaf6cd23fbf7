"""The session store on disk, as both sides see it: the server writes it, the debrief reads it.

One SQLite file, `ilot.sqlite3`, in a data directory (`default_data_dir()`, or `--data DIR`).
This package holds what the server and the debrief share: where the file is (`paths`), its
schema and how an event is stored (`schema`), reading a room's list, scenario and log
(`reading`, read-only for the debrief) and the debrief's own table, its notes (`notes`).
The server's writing (rooms, events, seats, join ids, checkpoints) stays in `ilot.server.store`.

A store may also be a PostgreSQL database (`pg`, `ilot serve --store URL`); the reading and the
notes take its URL in place of a data directory (`stores` opens it). Moving data between
stores: `importing` (a portable log becomes a room) and `copying` (a whole store, verbatim).
"""

from __future__ import annotations

from .notes import DebriefNotes
from .paths import FILENAME, database_path, default_data_dir
from .reading import StoreMissing, StoreReader
from .schema import SCHEMA

__all__ = [
           "FILENAME",
           "SCHEMA",
           "DebriefNotes",
           "StoreMissing",
           "StoreReader",
           "database_path",
           "default_data_dir",
]

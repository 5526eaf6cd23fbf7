"""Copying a whole store to another (`ilot store copy --from … --to …`): a data directory to a
PostgreSQL database (the way to move a server to PostgreSQL), back, or between two of a kind.

Every table, rows verbatim: rooms and their scenarios, events, seats (the hashes of the
participants' tokens), join ids, trainer codes (hashed and in clear), debrief notes, connection
rows and `meta` (the organiser key's hash). So after the move, participants rejoin with their
tokens, the trainer with the code they had, the organiser with their key. Not copied:
PostgreSQL's `owners` (where each room's holder was reached: the next server that takes a room
writes it again).

The source is read in one snapshot while no server holds it: a data directory's lock
(`dirlock`), or, for PostgreSQL, no server connected and no room's advisory lock held (they
are taken here for the time of the copy). The target must be empty, and is written in one
transaction: a copy that fails leaves it empty.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import quote

from .dirlock import DataDirLock
from .importing import writing
from .paths import database_path
from .pg import is_store_url, lock_key
from .reading import StoreMissing

# table -> its columns; copied in this order, each ordered by its first column(s)
TABLES: dict[str, tuple[str, ...]] = {
    "meta": ("key", "value"),
    "rooms": ("room", "title", "scenario", "trainer_hash", "created_at"),
    "trainer_codes": ("room", "code"),
    "events": ("room", "seq", "t", '"by"', "type", "v", "aid", "data"),
    "seats": ("token_hash", "room", "participant"),
    "join_ids": ("room", "join_hash", "participant"),
    "debrief_notes": ("id", "room", "at", "text", "author", "created_at"),
    "connections": ("id", "room", "actor", "who", "kind", "t", "inferred"),
}
ORDER = {"events": "room, seq", "join_ids": "room, join_hash"}
SERIAL = ("debrief_notes", "connections")  # their ids go on after the copied ones
SERVER_SESSIONS = ("ilot-server", "ilot-writer", "ilot-attendance")  # application names (app.py)
CHUNK = 2000


class CopyRefused(RuntimeError):
    """`reason`: `same` (source and target are one store), `not_empty` (the target has rows:
    `table`), `served` (servers are connected to the source database: `count`) or `held`
    (rooms held by a server: `rooms`)."""

    def __init__(self, reason: str, *, table: str = "", count: int = 0,
                 rooms: tuple[str, ...] = ()):
        super().__init__(f"{reason} {table} {count or ''} {' '.join(rooms)}".strip())
        self.reason, self.table, self.count, self.rooms = reason, table, count, rooms


def _same(a: str | Path, b: str | Path) -> bool:
    if is_store_url(str(a)) or is_store_url(str(b)):
        return str(a).rstrip("/") == str(b).rstrip("/")
    return Path(a).resolve() == Path(b).resolve()


def copy_store(source: str | Path, target: str | Path, chunk: int = CHUNK) -> dict[str, int]:
    """Copy every row of the store at `source` into the empty store at `target` (each a data
    directory or a PostgreSQL URL); the number of rows copied per table. Raises
    `StoreMissing`, `stores.StoreUnreachable`, `dirlock.DataDirBusy`, `CopyRefused`."""
    if _same(source, target):
        raise CopyRefused("same")
    with ExitStack() as stack:
        src, present = stack.enter_context(_snapshot(source))
        dst = stack.enter_context(writing(target, "ilot-copy"))
        sqlite = isinstance(dst, sqlite3.Connection)
        dst.execute("BEGIN IMMEDIATE" if sqlite else "BEGIN")
        try:
            if not sqlite:  # no server starting on the target meanwhile writes a row
                dst.execute(f"LOCK TABLE {', '.join(TABLES)}, owners IN EXCLUSIVE MODE")
            for table in (*TABLES, *(() if sqlite else ("owners",))):
                if dst.execute(f"SELECT 1 FROM {table} LIMIT 1").fetchone() is not None:
                    raise CopyRefused("not_empty", table=table)
            counts = {table: _copy_table(src, dst, table, chunk) if table in present else 0
                      for table in TABLES}
            if not sqlite:
                for table in SERIAL:
                    dst.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                                f"COALESCE((SELECT MAX(id) FROM {table}), 0) + 1, false)")
        except BaseException:
            dst.execute("ROLLBACK")
            raise
        dst.execute("COMMIT")
    return counts


def _copy_table(src: Any, dst: Any, table: str, chunk: int) -> int:
    columns = ", ".join(TABLES[table])
    select = f"SELECT {columns} FROM {table} ORDER BY {ORDER.get(table, TABLES[table][0])}"
    insert = (f"INSERT INTO {table} ({columns}) "
              f"VALUES ({', '.join('?' for _ in TABLES[table])})")
    if isinstance(src, sqlite3.Connection):
        cur = src.execute(select)
    else:  # a server-side cursor: the rows come in chunks, not all at once
        cur = src.conn.cursor(name=f"ilot_copy_{table}")
        cur.execute(select)
    n = 0
    while rows := cur.fetchmany(chunk):
        dst.executemany(insert, [tuple(bytes(v) if isinstance(v, memoryview) else v for v in r)
                                 for r in rows])
        n += len(rows)
    cur.close()
    return n


@contextmanager
def _snapshot(source: str | Path) -> Iterator[tuple[Any, set[str]]]:
    """(a connection inside one read transaction of the source, the tables it has)."""
    if not is_store_url(str(source)):
        path = database_path(source)
        if not path.is_file():
            raise StoreMissing(Path(source))
        with DataDirLock(source):
            db = sqlite3.connect(f"file:{quote(str(path.resolve()))}?mode=ro", uri=True,
                                 isolation_level=None, check_same_thread=False)
            try:
                db.execute("PRAGMA busy_timeout=5000")
                db.execute("BEGIN")
                present = {r[0] for r in db.execute(
                    "SELECT name FROM sqlite_master WHERE type = 'table'")}  # an older store
                yield db, present & set(TABLES)
                db.execute("ROLLBACK")
            finally:
                db.close()
        return
    from .stores import open_pg

    db = open_pg(str(source), application="ilot-copy")
    try:
        served = db.execute("SELECT COUNT(*) FROM pg_stat_activity WHERE datname = "
                            "current_database() AND pid <> pg_backend_pid() AND "
                            f"application_name IN ({', '.join('?' for _ in SERVER_SESSIONS)})",
                            SERVER_SESSIONS).fetchone()[0]
        if served:
            raise CopyRefused("served", count=int(served))
        rooms = [r[0] for r in db.execute("SELECT room FROM rooms ORDER BY room")]
        held = tuple(room for room in rooms if not db.execute(
            "SELECT pg_try_advisory_lock(?)", (lock_key(room),)).fetchone()[0])
        if held:
            raise CopyRefused("held", rooms=held)
        db.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        yield db, set(TABLES)
        db.execute("ROLLBACK")
    finally:
        db.close()  # its advisory locks end with the session

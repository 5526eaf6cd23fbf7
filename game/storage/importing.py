"""A portable log becomes a room of a store again (`ilot log import`).

What a log holds (the scenario, the events, the debrief notes, the connection rows) is written
in one transaction, under the log's join code when it is free, else a new one. A log holds no
codes: the room gets a new trainer code (kept in clear, as `ilot rooms --codes` shows it), and
since seat tokens are not in a log either, the participants join again as new seats.

The same session (its first event, `session_opened`, is the same) already in the store is either
the same log (nothing to do: `Imported.already`) or another version of it, refused
(`ImportRefused`): merging two histories of one session is not this tool's job.
"""

from __future__ import annotations

import hashlib
import json
import secrets
import sqlite3
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ilot.game.core.events import Event
from ilot.game.core.replay import replay
from ilot.game.core.scenario import Scenario
from ilot.game.net.joincodes import ALPHABET, normalise

from .dirlock import DataDirLock
from .paths import database_path
from .pg import is_store_url
from .reading import read_events
from .schema import INSERT_EVENT, event_from_row, event_row, open_for_writing

JOIN_LEN, TRAINER_LEN = 8, 12  # as the server's codes (ilot.server.codes)
IMPORT_LOCK = 7008  # PostgreSQL's transaction lock of an import (7007: creating the tables)


class ImportRefused(ValueError):
    """The log cannot become a room: `reason` is `damaged` (it does not replay: `detail`) or
    `other_version` (the store has this session as `room` with other events)."""

    def __init__(self, reason: str, *, room: str = "", detail: str = "",
                 stored: int = 0, logged: int = 0):
        super().__init__(f"{reason}: {room} {detail}".strip())
        self.reason, self.room, self.detail = reason, room, detail
        self.stored, self.logged = stored, logged


@dataclass(frozen=True)
class Imported:
    room: str  # the join code of the room in the store
    trainer_code: str | None  # the new trainer code (None when `already`)
    events: int
    notes: int = 0
    connections: int = 0
    renamed: bool = False  # the log's code was taken (or not a join code): a new one
    already: bool = False  # the store already had this very log: nothing written


def _code(n: int) -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(n))


def _digest(secret: str) -> str:
    """The trainer code as `rooms.trainer_hash` keeps it (as `ilot.server.codes.digest`)."""
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def _is_join_code(code: str) -> bool:
    return len(code) == JOIN_LEN and all(ch in ALPHABET for ch in code)


@contextmanager
def writing(target: str | Path, application: str = "ilot-import") -> Iterator[Any]:
    """A writing connection to the store of `target`, created if needed: a data directory
    (held with its lock: `dirlock.DataDirBusy` while a server runs on it, whose rooms are read
    at its start) or a PostgreSQL URL (its servers read rooms when they take them)."""
    if is_store_url(str(target)):
        from .stores import open_pg

        db = open_pg(str(target), create=True, application=application)
        try:
            yield db
        finally:
            db.close()
        return
    with DataDirLock(target):
        db = open_for_writing(database_path(target))
        try:
            yield db
        finally:
            db.close()


def _same_session(db: Any, first: Event) -> Iterator[str]:
    """Rooms of the store whose first event is `first`."""
    rows = db.execute('SELECT room, seq, t, "by", type, v, aid, data FROM events '
                      "WHERE seq = 1 AND type = 'session_opened' AND t = ?", (first.t,)).fetchall()
    for room, *rest in rows:
        if event_from_row(tuple(rest)).to_dict() == first.to_dict():
            yield room


def import_room(target: str | Path, room: str, scenario: Scenario, events: list[Event],
                notes: Iterable[dict[str, Any]] = (),
                connections: Iterable[dict[str, Any]] = ()) -> Imported:
    """Write a log's session as a room of the store at `target`, all in one transaction."""
    try:
        replay(scenario, events)
    except Exception as exc:  # OutOfSequence, a rule that refuses an event: a damaged log
        raise ImportRefused("damaged", detail=str(exc) or type(exc).__name__) from None
    notes, connections = list(notes), list(connections)
    with writing(target) as db:
        sqlite = isinstance(db, sqlite3.Connection)
        db.execute("BEGIN IMMEDIATE" if sqlite else "BEGIN")
        try:
            if not sqlite:  # two imports at once: one after the other (SQLite: IMMEDIATE)
                db.execute("SELECT pg_advisory_xact_lock(?)", (IMPORT_LOCK,))
            done = _import(db, room, scenario, events, notes, connections)
        except BaseException:
            db.execute("ROLLBACK")
            raise
        db.execute("ROLLBACK" if done.already else "COMMIT")
    return done


def _import(db: Any, room: str, scenario: Scenario, events: list[Event],
            notes: list[dict[str, Any]], connections: list[dict[str, Any]]) -> Imported:
    logged = [e.to_dict() for e in events]
    for existing in _same_session(db, events[0]):
        stored = [e.to_dict() for e in read_events(db, existing)]
        if stored == logged:
            return Imported(existing, None, len(events), already=True)
        raise ImportRefused("other_version", room=existing, stored=len(stored), logged=len(logged))
    code = normalise(room)
    renamed = not _is_join_code(code) or _taken(db, code)
    while renamed and (code == normalise(room) or _taken(db, code)):
        code = _code(JOIN_LEN)
    trainer = _code(TRAINER_LEN)
    text = json.dumps(scenario.model_dump(mode="json"), ensure_ascii=False)
    db.execute("INSERT INTO rooms (room, title, scenario, trainer_hash, created_at) "
               "VALUES (?, ?, ?, ?, ?)", (code, scenario.title, text, _digest(trainer), events[0].t))
    db.execute("INSERT INTO trainer_codes (room, code) VALUES (?, ?)", (code, trainer))
    db.executemany(INSERT_EVENT, [event_row(code, e) for e in events])
    db.executemany("INSERT INTO debrief_notes (room, at, text, author, created_at) "
                   "VALUES (?, ?, ?, ?, ?)",
                   [(code, float(n["at"]), str(n["text"]), str(n.get("author") or "trainer"),
                     float(n.get("created_at") or time.time())) for n in notes])
    db.executemany("INSERT INTO connections (room, actor, who, kind, t, inferred) "
                   "VALUES (?, ?, ?, ?, ?, ?)",
                   [(code, c["actor"], c["who"], c["kind"], float(c["t"]), int(bool(c["inferred"])))
                    for c in connections])
    return Imported(code, trainer, len(events), len(notes), len(connections), renamed)


def _taken(db: Any, code: str) -> bool:
    return db.execute("SELECT 1 FROM rooms WHERE room = ?", (code,)).fetchone() is not None

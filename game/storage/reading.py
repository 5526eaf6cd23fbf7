"""Reading the store: its rooms, a room's scenario, its events and its debrief notes.

The functions take a connection, so the server (on its own connection, at a restart) and the
debrief (on a read-only one, `StoreReader`) read the same way.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any
from urllib.parse import quote

import msgpack

from ilot.game.core.events import Event
from ilot.game.core.scenario import Scenario
from ilot.game.net.joincodes import normalise

from .paths import database_path
from .pg import is_store_url
from .schema import SELECT_EVENTS, event_from_row


class StoreMissing(LookupError):
    """There is no store in that data directory (or no Îlot tables in that database: then
    `data_dir` is its URL without the password)."""

    def __init__(self, data_dir: Path | str):
        super().__init__(str(data_dir))
        self.data_dir = data_dir


def list_rooms(db: sqlite3.Connection) -> list[dict[str, Any]]:
    """Every room, oldest first: code, title, creation time and number of events."""
    rows = db.execute(
        "SELECT r.room, r.title, r.created_at, "
        "(SELECT COALESCE(MAX(seq), 0) FROM events e WHERE e.room = r.room) "
        "FROM rooms r ORDER BY r.created_at, r.room").fetchall()
    return [{"room": room, "title": title, "created_at": at, "events": n}
            for room, title, at, n in rows]


def room_summaries(db: sqlite3.Connection) -> list[dict[str, Any]]:
    """What an operator needs to know of every room, oldest first, without replaying a log:
    code, title, scenario id, the phase it is in (index and title), participants, events, the
    last activity, whether the session is closed, and its trainer code when the store has it
    (`None` for a room created before the codes were kept)."""
    out = []
    for info in list_rooms(db):
        room = info["room"]
        text, = db.execute("SELECT scenario FROM rooms WHERE room = ?", (room,)).fetchone()
        scenario = json.loads(text)
        phases = scenario.get("phases") or []
        last_t, = db.execute("SELECT MAX(t) FROM events WHERE room = ?", (room,)).fetchone()
        joined, = db.execute("SELECT COUNT(*) FROM events WHERE room = ? AND type = ?",
                             (room, "participant_joined")).fetchone()
        phase = 0
        row = db.execute("SELECT data FROM events WHERE room = ? AND type = 'phase_changed' "
                         "ORDER BY seq DESC LIMIT 1", (room,)).fetchone()
        if row is not None:
            phase = int(msgpack.unpackb(row[0], raw=False).get("phase", 0))
        closing = db.execute("SELECT type FROM events WHERE room = ? AND type IN "
                             "('session_closed', 'session_reopened') ORDER BY seq DESC LIMIT 1",
                             (room,)).fetchone()
        code = trainer_code(db, room)
        out.append({**info, "scenario": scenario.get("id", ""), "phase": phase,
                    "phase_title": phases[phase]["title"] if 0 <= phase < len(phases) else "",
                    "participants": joined, "last_activity": last_t or info["created_at"],
                    "closed": closing is not None and closing[0] == "session_closed",
                    "trainer_code": code})
    return out


def trainer_code(db: sqlite3.Connection, room: str) -> str | None:
    """The room's trainer code in clear; None for a room created before they were kept."""
    try:
        row = db.execute("SELECT code FROM trainer_codes WHERE room = ?", (room,)).fetchone()
    except sqlite3.OperationalError:  # a store older than the table
        return None
    return row[0] if row else None


def read_scenario(db: sqlite3.Connection, room: str) -> Scenario:
    """The room's full scenario (private objectives included). KeyError for an unknown room."""
    row = db.execute("SELECT scenario FROM rooms WHERE room = ?", (room,)).fetchone()
    if row is None:
        raise KeyError(f"no room {room!r}")
    return Scenario.model_validate_json(row[0])


def read_events(db: sqlite3.Connection, room: str, after: int = 0) -> list[Event]:
    """The room's events with a seq above `after`, in order."""
    return [event_from_row(row) for row in db.execute(SELECT_EVENTS, (room, after))]


def read_debrief_notes(db: sqlite3.Connection, room: str) -> list[dict[str, Any]]:
    rows = db.execute("SELECT id, at, text, author, created_at FROM debrief_notes "
                      "WHERE room = ? ORDER BY at, id", (room,))
    return [{"id": i, "at": at, "text": text, "author": author, "created_at": c}
            for i, at, text, author, c in rows]


def read_connections(db: sqlite3.Connection, room: str) -> list[dict[str, Any]]:
    """The room's connection rows (see `ilot.game.storage.connections`), oldest first; none
    from a store written before they were recorded."""
    try:
        rows = db.execute("SELECT actor, who, kind, t, inferred FROM connections "
                          "WHERE room = ? ORDER BY t, id", (room,)).fetchall()
    except sqlite3.OperationalError:  # an older store: no such table
        return []
    return [{"actor": actor, "who": who, "kind": kind, "t": t, "inferred": bool(inferred)}
            for actor, who, kind, t, inferred in rows]


class StoreReader:
    """A read-only view of the store of `data_dir`: it never creates nor changes anything.
    `data_dir` may also be a PostgreSQL store's URL (`pg.is_store_url`), read in read-only
    sessions.

    Raises `StoreMissing` when the directory holds no store (or the database no Îlot tables),
    `stores.StoreUnreachable` when the database cannot be reached.
    """

    db: Any
    path: Path | None

    def __init__(self, data_dir: str | Path):
        if is_store_url(str(data_dir)):
            from .stores import open_pg

            self.path = None
            self.db = open_pg(str(data_dir), readonly=True, application="ilot-reader")
            return
        self.path = database_path(data_dir)
        if not self.path.is_file():
            raise StoreMissing(Path(data_dir))
        self.db = sqlite3.connect(f"file:{quote(str(self.path.resolve()))}?mode=ro", uri=True,
                                  isolation_level=None, check_same_thread=False)
        self.db.execute("PRAGMA busy_timeout=5000")

    def list_rooms(self) -> list[dict[str, Any]]:
        return list_rooms(self.db)

    def room_summaries(self) -> list[dict[str, Any]]:
        return room_summaries(self.db)

    def find_room(self, code: str) -> dict[str, Any] | None:
        """The room a person's typed code names (case, dashes and look-alikes do not matter)."""
        wanted = normalise(code)
        return next((r for r in self.list_rooms() if normalise(r["room"]) == wanted), None)

    def scenario(self, room: str) -> Scenario:
        return read_scenario(self.db, room)

    def events(self, room: str, after: int = 0) -> list[Event]:
        return read_events(self.db, room, after)

    def debrief_notes(self, room: str) -> list[dict[str, Any]]:
        return read_debrief_notes(self.db, room)

    def connections(self, room: str) -> list[dict[str, Any]]:
        return read_connections(self.db, room)

    def close(self) -> None:
        self.db.close()

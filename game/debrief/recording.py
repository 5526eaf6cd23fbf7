"""A recorded session, from the store of a data directory (`--data DIR --room CODE`), a
PostgreSQL store (`--store URL --room CODE`) or a log file.

Both give the same thing: the full scenario (with private objectives), every event, and the
trainer's debrief notes. Notes added during the debrief go back to the store (its debrief notes
table, the only thing the debrief writes there), or, for a log file, to a sidecar file next to
it (`<log>.notes.jsonl`), so the log itself is never rewritten.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path
from typing import Any

from ilot.game.net.joincodes import normalise
from ilot.game.storage import (
    DebriefNotes,
    StoreMissing,
    StoreReader,
    default_data_dir,
)
from ilot.game.text import Lang

from ..core.events import Event
from ..core.scenario import Scenario
from .errors import EmptyNote, LogError, RecordingError
from .logfile import read_log

__all__ = ["LogRecording", "Recording", "RecordingError", "StoreRecording", "default_data_dir",
           "open_recording"]


class Recording:
    """One room's log. `add_note` saves a timestamped debrief note and returns it."""

    def __init__(self, room: str, scenario: Scenario, events: list[Event],
                 notes: list[dict[str, Any]] | None = None, title: str = ""):
        self.room = room
        self.scenario = scenario
        self.events = events
        self._notes = list(notes or [])
        self.title = title or scenario.title

    def notes(self) -> list[dict[str, Any]]:
        return sorted(self._notes, key=lambda n: (n["at"], n.get("created_at", 0)))

    def add_note(self, at: float, text: str, author: str = "trainer") -> dict[str, Any]:
        text = text.strip()
        if not text:
            raise EmptyNote("debrief.error.empty_note")
        note = {"id": len(self._notes) + 1, "at": float(at), "text": text[:2000],
                "author": author, "created_at": time.time()}
        self._notes.append(note)
        return note

    def connections(self) -> list[dict[str, Any]]:
        """The seats' connection rows (`StoreReader.connections`): only a store has them."""
        return []

    def close(self) -> None:
        pass


class LogRecording(Recording):
    def __init__(self, path: str | Path, room: str | None = None):
        self.path = Path(path)
        try:
            log = read_log(self.path)
        except LogError as exc:
            raise RecordingError.because(exc) from None
        if room and log.header.get("room") and normalise(room) != normalise(log.room):
            raise RecordingError("debrief.error.wrong_room", path=self.path, log_room=log.room, room=room)
        self.sidecar = Path(str(self.path) + ".notes.jsonl")
        super().__init__(log.room, log.scenario, log.events, log.notes + self._read_sidecar())
        self._connections = log.connections

    def connections(self) -> list[dict[str, Any]]:
        """The connection rows the export carried (none in a log exported before them)."""
        return list(self._connections)

    def _read_sidecar(self) -> list[dict[str, Any]]:
        if not self.sidecar.is_file():
            return []
        out = []
        for raw in self.sidecar.read_text(encoding="utf-8").splitlines():
            try:
                obj = json.loads(raw)
            except (json.JSONDecodeError, RecursionError):
                continue  # a line cut by a crash: skip it, keep the others
            if isinstance(obj, dict) and isinstance(obj.get("text"), str) \
                    and isinstance(obj.get("at"), (int, float)):
                out.append(obj)
        return out

    def add_note(self, at: float, text: str, author: str = "trainer") -> dict[str, Any]:
        note = super().add_note(at, text, author)
        with open(self.sidecar, "a", encoding="utf-8") as f:
            f.write(json.dumps(note, ensure_ascii=False) + "\n")
            f.flush()
            os.fsync(f.fileno())
        return note


class StoreRecording(Recording):
    """A room of the store in `data_dir`, read through a read-only connection; its debrief
    notes are written with the store's notes writer."""

    def __init__(self, data_dir: str | Path, room: str):
        self.reader = _reader(data_dir)
        info = self.reader.find_room(room)
        if info is None:
            rooms = self.reader.list_rooms()
            self.reader.close()
            if rooms:
                raise RecordingError("debrief.error.room_not_found", room=room,
                                     rooms=", ".join(sorted(r["room"] for r in rooms)))
            raise RecordingError("debrief.error.room_not_found_none", room=room)
        code = info["room"]
        super().__init__(code, self.reader.scenario(code), self.reader.events(code),
                         self.reader.debrief_notes(code), info.get("title", ""))
        self.writer = DebriefNotes(data_dir)
        self._connections = self.reader.connections(code)

    def connections(self) -> list[dict[str, Any]]:
        return list(self._connections)

    @staticmethod
    def rooms(data_dir: str | Path) -> list[dict[str, Any]]:
        reader = _reader(data_dir)
        try:
            return reader.list_rooms()
        finally:
            reader.close()

    def add_note(self, at: float, text: str, author: str = "trainer") -> dict[str, Any]:
        note = super().add_note(at, text, author)
        note["id"] = self.writer.add(self.room, note["at"], note["text"], author)
        return note

    def close(self) -> None:
        self.writer.close()
        self.reader.close()


def _reader(data_dir: str | Path) -> StoreReader:
    from ilot.game.storage.stores import StoreUnreachable, source_name

    try:
        return StoreReader(data_dir)
    except StoreMissing:
        raise RecordingError("debrief.error.no_store", dir=source_name(data_dir)) from None
    except StoreUnreachable as exc:
        raise RecordingError("pg.cli.unreachable", url=exc.url, error=exc.detail) from None


def open_recording(logfile: str | None = None, data: str | None = None,
                   room: str | None = None) -> Recording:
    """`logfile` wins; otherwise the store in `data` (or the default data dir) and `room`."""
    if logfile:
        return LogRecording(logfile, room)
    if not room:
        rooms = _rooms_of(data)
        if rooms:
            raise RecordingError("debrief.error.no_room_rooms", rooms=lambda lang: _list_rooms(lang, rooms))
        raise RecordingError("debrief.error.no_room")
    return StoreRecording(data or default_data_dir(), room)


def _rooms_of(data: str | None) -> list[dict[str, Any]]:
    """The rooms of the data dir (or PostgreSQL store), when there is a store to look in."""
    from ilot.game.storage.stores import store_exists

    source = data or default_data_dir()
    if not store_exists(source):
        return []
    try:
        return StoreRecording.rooms(source)
    except (RecordingError, OSError):
        return []


def _list_rooms(lang: Lang, rooms: list[dict[str, Any]]) -> str:
    return ", ".join(lang.t("debrief.room_entry", room=r["room"], title=r["title"],
                            events=lang.n("debrief.events_n", r["events"])) for r in rooms)

"""A recorded session, from the server's store (`--data DIR --room CODE`) or a log file.

Both give the same thing: the full scenario (with private objectives), every event, and the
trainer's debrief notes. Notes added during the debrief go back to the store, or, for a log
file, to a sidecar file next to it (`<log>.notes.jsonl`), so the log itself is never rewritten.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path
from typing import Any

from ..core.events import Event
from ..core.scenario import Scenario
from .logfile import LogError, read_log
from ilot.server.cli import default_data_dir  # one default for the server and the debrief
from ilot.server.codes import normalise


class RecordingError(LookupError):
    """The session asked for cannot be found or read."""


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
            raise ValueError("note vide")
        note = {"id": len(self._notes) + 1, "at": float(at), "text": text[:2000],
                "author": author, "created_at": time.time()}
        self._notes.append(note)
        return note

    def close(self) -> None:
        pass


class LogRecording(Recording):
    def __init__(self, path: str | Path, room: str | None = None):
        self.path = Path(path)
        try:
            log = read_log(self.path)
        except LogError as exc:
            raise RecordingError(str(exc)) from None
        if room and log.header.get("room") and normalise(room) != normalise(log.room):
            raise RecordingError(f"{self.path}: ce journal est celui de la salle {log.room}, pas {room}")
        self.sidecar = Path(str(self.path) + ".notes.jsonl")
        super().__init__(log.room, log.scenario, log.events, log.notes + self._read_sidecar())

    def _read_sidecar(self) -> list[dict[str, Any]]:
        if not self.sidecar.is_file():
            return []
        out = []
        for raw in self.sidecar.read_text(encoding="utf-8").splitlines():
            try:
                obj = json.loads(raw)
            except json.JSONDecodeError:
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
    def __init__(self, data_dir: str | Path, room: str):
        try:
            from ilot.server.store import Store
        except ImportError as exc:  # the server part is not installed
            raise RecordingError(f"magasin de données indisponible ({exc})") from None
        path = Path(data_dir) / "ilot.sqlite3"
        if not path.is_file():
            raise RecordingError(f"aucune base de sessions dans {data_dir}")
        self.store = Store.in_dir(data_dir) if hasattr(Store, "in_dir") else Store(path)
        rooms = {normalise(r["room"]): r for r in self.store.list_rooms()}
        info = rooms.get(normalise(room))
        if info is None:
            known = ", ".join(sorted(r["room"] for r in rooms.values())) or "aucune"
            self.store.close()
            raise RecordingError(f"salle {room!r} introuvable (salles : {known})")
        code = info["room"]
        super().__init__(code, self.store.scenario(code), self.store.events(code),
                         self.store.debrief_notes(code), info.get("title", ""))

    @staticmethod
    def rooms(data_dir: str | Path) -> list[dict[str, Any]]:
        try:
            from ilot.server.store import Store
        except ImportError as exc:
            raise RecordingError(f"magasin de données indisponible ({exc})") from None
        store = Store.in_dir(data_dir)
        try:
            return store.list_rooms()
        finally:
            store.close()

    def add_note(self, at: float, text: str, author: str = "trainer") -> dict[str, Any]:
        note = super().add_note(at, text, author)
        note["id"] = self.store.add_debrief_note(self.room, note["at"], note["text"], author)
        return note

    def close(self) -> None:
        self.store.close()


def open_recording(logfile: str | None = None, data: str | None = None,
                   room: str | None = None) -> Recording:
    """`logfile` wins; otherwise the store in `data` (or the default data dir) and `room`."""
    if logfile:
        return LogRecording(logfile, room)
    if not room:
        raise RecordingError("indiquez --room CODE (ou un fichier journal)" + _rooms_hint(data))
    return StoreRecording(data or default_data_dir(), room)


def _rooms_hint(data: str | None) -> str:
    """' ; salles : …' listing the rooms of the data dir, when there is a store to look in."""
    path = Path(data or default_data_dir()) / "ilot.sqlite3"
    if not path.is_file():
        return ""
    try:
        rec_rooms = StoreRecording.rooms(path.parent)
    except (RecordingError, OSError):
        return ""
    return " ; salles : " + ", ".join(f"{r['room']} ({r['title']}, {r['events']} événements)"
                                      for r in rec_rooms) if rec_rooms else ""

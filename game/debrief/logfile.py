"""The portable log: one JSON object per line, readable on another machine.

Line 1 is a header `{"kind": "ilot-log", "format": 1, "room", "scenario": {...}, "exported_at"}`;
then one `{"kind": "event", ...Event.to_dict()}` per event, then `{"kind": "debrief_note", ...}`
lines, then the seats' connection rows `{"kind": "connection", "actor", "who", "event":
"connect"|"disconnect", "t", "inferred"}` (the store's `connections` table, for attendance).
The reader also accepts the golden logs' shape: a header naming a `scenario_file` instead of
embedding the scenario, and event lines without `kind`.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ilot import data_path

from ..core.events import Event, UnknownEvent
from ..core.scenario import Scenario
from .errors import LogError

FORMAT = 1
KIND = "ilot-log"
ROOT = Path(__file__).resolve().parent.parent.parent
SCENARIOS = data_path("scenarios")


@dataclass
class LogContents:
    room: str
    scenario: Scenario
    events: list[Event]
    notes: list[dict[str, Any]] = field(default_factory=list)
    header: dict[str, Any] = field(default_factory=dict)
    connections: list[dict[str, Any]] = field(default_factory=list)


def write_log(path: str | Path, room: str, scenario: Scenario, events: Iterable[Event],
              notes: Iterable[dict[str, Any]] = (), exported_at: float | None = None,
              connections: Iterable[dict[str, Any]] = ()) -> int:
    """Write a portable log (with the store's connection rows, when given); returns the
    number of events written."""
    header = {"kind": KIND, "format": FORMAT, "room": room,
              "scenario": scenario.model_dump(mode="json"),
              "exported_at": time.time() if exported_at is None else exported_at}
    n = 0
    tmp = Path(str(path) + ".tmp")
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(_line(header))
        for e in events:
            f.write(_line({"kind": "event", **e.to_dict()}))
            n += 1
        for note in notes:
            f.write(_line({"kind": "debrief_note", **note}))
        for row in connections:
            f.write(_line({"kind": "connection", "actor": row["actor"], "who": row["who"],
                           "event": row["kind"], "t": row["t"],
                           "inferred": bool(row.get("inferred"))}))
    tmp.replace(path)
    return n


def _line(obj: dict[str, Any]) -> str:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":")) + "\n"


def read_log(path: str | Path) -> LogContents:
    """Read a portable (or golden) log. Raises LogError naming the line that is wrong."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise LogError("debrief.error.unreadable", path=path, detail=exc) from None
    header: dict[str, Any] = {}
    events: list[Event] = []
    notes: list[dict[str, Any]] = []
    connections: list[dict[str, Any]] = []
    for no, raw in enumerate(text.splitlines(), 1):
        if not raw.strip():
            continue
        try:
            obj = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise LogError("debrief.error.bad_json", path=path, line=no, detail=exc.msg) from None
        except RecursionError:  # `[[[[…` thousands deep
            raise LogError("debrief.error.bad_json", path=path, line=no,
                           detail="nesting too deep") from None
        if not isinstance(obj, dict):
            raise LogError("debrief.error.not_object", path=path, line=no)
        kind = obj.pop("kind", "event")
        if kind == KIND:
            if no != 1 and header:
                raise LogError("debrief.error.second_header", path=path, line=no)
            header = obj
        elif kind == "event":
            try:
                events.append(Event.from_dict(obj))
            except (KeyError, TypeError, UnknownEvent) as exc:
                raise LogError("debrief.error.bad_event", path=path, line=no, detail=exc) from None
        elif kind == "debrief_note":
            if not isinstance(obj.get("text"), str) or not isinstance(obj.get("at"), (int, float)):
                raise LogError("debrief.error.bad_note", path=path, line=no)
            notes.append(obj)
        elif kind == "connection":
            connections.append(_connection(obj, path, no))
        else:
            raise LogError("debrief.error.unknown_line", path=path, line=no, kind=repr(kind))
    if header.get("format", FORMAT) != FORMAT:
        raise LogError("debrief.error.bad_format", path=path, format=repr(header.get("format")))
    if not events:
        raise LogError("debrief.error.no_events", path=path)
    if events[0].type != "session_opened":
        raise LogError("debrief.error.not_opened", path=path)
    scenario = _scenario(path, header, events[0])
    room = str(header.get("room") or path.stem)
    return LogContents(room, scenario, events, notes, header, connections)


def _connection(obj: dict[str, Any], path: Path, no: int) -> dict[str, Any]:
    """A connection line as the store's row (`kind` is connect or disconnect)."""
    if obj.get("event") not in ("connect", "disconnect") \
            or not isinstance(obj.get("actor"), str) or not isinstance(obj.get("who"), str) \
            or isinstance(obj.get("t"), bool) or not isinstance(obj.get("t"), (int, float)):
        raise LogError("debrief.error.bad_connection", path=path, line=no)
    return {"actor": obj["actor"], "who": obj["who"], "kind": obj["event"], "t": float(obj["t"]),
            "inferred": bool(obj.get("inferred", False))}


def _scenario(path: Path, header: dict[str, Any], first: Event) -> Scenario:
    if isinstance(header.get("scenario"), dict):
        try:
            return Scenario.model_validate(header["scenario"])
        except ValidationError as exc:
            raise LogError("debrief.error.bad_scenario", count=exc.error_count(), path=path) from None
    candidates: list[Path] = []
    if header.get("scenario_file"):
        name = Path(str(header["scenario_file"]))
        candidates += [path.parent / name, ROOT / name, SCENARIOS / name.name]
    wanted = first.data.get("scenario")
    candidates += sorted(SCENARIOS.glob("*.json"))
    for cand in candidates:
        if not cand.is_file():
            continue
        try:
            sc = Scenario.model_validate_json(cand.read_text(encoding="utf-8"))
        except (ValidationError, OSError, UnicodeDecodeError):
            continue
        if wanted is None or sc.id == wanted:
            return sc
    raise LogError("debrief.error.no_scenario", path=path, scenario=repr(wanted))

"""Remember a participant's seat token on this laptop, so that closing the window (or a night)
does not cost the seat: the next `ilot play` with the same server, room and name rejoins it.

Tokens are secrets: the file is written with mode 0600 in the user's data directory
(`$ILOT_SEATS` overrides the path, for tests).
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path
from typing import Any


def seats_file() -> Path:
    override = os.environ.get("ILOT_SEATS")
    if override:
        return Path(override)
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "ilot" / "seats.json"


def _key(url: str, room: str) -> str:
    return f"{url.rstrip('/')}|{room.replace('-', '').upper()}"


def _load() -> dict[str, Any]:
    try:
        data = json.loads(seats_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _save(data: dict[str, Any]) -> None:
    path = seats_file()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(data, f, ensure_ascii=False, indent=1)
        os.replace(tmp, path)
    except OSError:
        pass  # remembering is a convenience: never fail the game for it


def remember(url: str, room: str, name: str, token: str) -> None:
    data = _load()
    data[_key(url, room)] = {"name": name, "token": token, "saved_at": time.time()}
    _save(data)


def recall(url: str, room: str, name: str | None = None) -> str | None:
    """The saved token for this server and room (and name, when given), or None."""
    seat = _load().get(_key(url, room))
    if not isinstance(seat, dict):
        return None
    token = seat.get("token")
    if not isinstance(token, str):
        return None
    if name is not None and str(seat.get("name", "")).strip().casefold() != name.strip().casefold():
        return None
    return token


def forget(url: str, room: str) -> None:
    data = _load()
    if data.pop(_key(url, room), None) is not None:
        _save(data)

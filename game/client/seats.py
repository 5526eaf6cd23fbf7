"""What the client remembers on this laptop, in the user's data directory.

- `seats.json`: a participant's seat token per server and room, so that closing the window (or
  a night) does not cost the seat: the next join with the same server, room and name rejoins it.
  Tokens are secrets: the file is written with mode 0600.
- `client.json`: the last server address, room code, first name and language used (`recent()`),
  which the connect page fills in on the next start. Nothing secret: never a trainer code, an
  organiser key or a token (the room code is already in `seats.json`, and in the chat).

The data directory is the user's own: `%APPDATA%\\Ilot` on Windows, `~/Library/Application
Support/Ilot` on macOS, `$XDG_DATA_HOME/ilot` (else `~/.local/share/ilot`) elsewhere; seats
saved by an older client under `~/.local/share/ilot` are still read. `$ILOT_SEATS` sets the
seats file's path (tests), and `client.json` goes next to it.
"""

from __future__ import annotations

import json
import os
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

RECENT = "client.json"


def data_dir(platform: str | None = None, env: dict[str, str] | None = None) -> Path:
    """The user's data directory for the client (see the module's doc)."""
    platform = sys.platform if platform is None else platform
    env = dict(os.environ) if env is None else env
    home = Path(env.get("HOME") or env.get("USERPROFILE") or Path.home())
    if platform.startswith("win"):
        base = env.get("APPDATA") or env.get("LOCALAPPDATA") or str(home / "AppData" / "Roaming")
        return Path(base) / "Ilot"
    if platform == "darwin":
        return home / "Library" / "Application Support" / "Ilot"
    return Path(env.get("XDG_DATA_HOME") or str(home / ".local" / "share")) / "ilot"


def _legacy_seats() -> Path:
    """Where clients before the per-system data directory kept the seats (all systems)."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "ilot" / "seats.json"


def seats_file() -> Path:
    override = os.environ.get("ILOT_SEATS")
    if override:
        return Path(override)
    return data_dir() / "seats.json"


def recent_file() -> Path:
    return seats_file().with_name(RECENT)


def _key(url: str, room: str) -> str:
    return f"{url.rstrip('/')}|{room.replace('-', '').upper()}"


def _read(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _load() -> dict[str, Any]:
    path = seats_file()
    if not path.exists() and "ILOT_SEATS" not in os.environ and _legacy_seats() != path:
        return _read(_legacy_seats())  # saved by an older client: moved here on the next save
    return _read(path)


def _save(data: dict[str, Any], path: Path | None = None) -> None:
    path = seats_file() if path is None else path
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


# ----- the last server, room, name and language -----

@dataclass(frozen=True)
class Recent:
    """What the connect page fills in: "" for what was never used on this laptop."""

    url: str = ""
    room: str = ""
    name: str = ""
    lang: str = ""


def recent() -> Recent:
    data = _read(recent_file())
    return Recent(**{k: v for k in Recent.__dataclass_fields__
                     if isinstance(v := data.get(k), str)})


def remember_recent(*, url: str | None = None, room: str | None = None, name: str | None = None,
                    lang: str | None = None) -> None:
    """Keep these for the next start (None: keep what was there). Never a secret."""
    data = {k: v for k, v in _read(recent_file()).items() if k in Recent.__dataclass_fields__}
    for key, value in (("url", url), ("room", room), ("name", name), ("lang", lang)):
        if value is not None:
            data[key] = value
    data["saved_at"] = time.time()
    _save(data, recent_file())

"""Where the store lives: one file in a data directory."""

from __future__ import annotations

import os
from pathlib import Path

FILENAME = "ilot.sqlite3"


def default_data_dir() -> Path:
    """`$XDG_DATA_HOME/ilot`, else `~/.local/share/ilot`: the server's and the debrief's default."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "ilot"


def database_path(data_dir: str | Path) -> Path:
    """The store's file in `data_dir`."""
    return Path(data_dir) / FILENAME

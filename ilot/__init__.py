"""Îlot, installed as one import package.

The repository keeps the folders of the design (game/, server/, scenarios/…); the distribution
maps them under this package: `game/core/state.py` is `ilot.game.core.state`, `server/room.py`
is `ilot.server.room`. The shipped scenarios are package data: find them with `data_path`.
"""

from __future__ import annotations

from pathlib import Path

__version__ = "0.1.0"

_HERE = Path(__file__).resolve().parent


def data_path(*parts: str) -> Path:
    """A file or folder of package data, e.g. `data_path("scenarios", "petit_ilot.json")`.

    In an installed wheel the data sits inside the package (`ilot/scenarios/`); in a source
    checkout (editable install, tests) it is the repository's top-level folder of that name.
    """
    inside = _HERE.joinpath(*parts)
    if inside.exists() or not (_HERE.parent / "pyproject.toml").is_file():
        return inside
    return _HERE.parent.joinpath(*parts)


def scenario_path(name: str | Path) -> Path:
    """A scenario file: `name` itself when it exists, else the shipped scenario of that name
    (`petit_ilot` or `petit_ilot.json`), so `ilot serve --scenario petit_ilot` works anywhere.
    A name that is neither comes back unchanged: the caller reports it as missing."""
    path = Path(name)
    if path.exists():
        return path
    stem = path.name[:-5] if path.name.endswith(".json") else path.name
    shipped = data_path("scenarios", f"{stem}.json")
    return shipped if path.parent == Path(".") and shipped.is_file() else path


def shipped_scenarios() -> list[Path]:
    """The scenario files that ship with Îlot, by name."""
    return sorted(data_path("scenarios").glob("*.json"))

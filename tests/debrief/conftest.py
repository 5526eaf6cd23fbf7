"""Fixtures for the debrief: scripted sessions played through the real core, the golden log,
and a real server store (SQLite in tmp_path) holding a recorded room."""

from __future__ import annotations

import os
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import pytest

from ilot.game.debrief.logfile import write_log
from ilot.game.debrief.scripted import play

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = ROOT / "tests" / "core" / "golden" / "short_session.jsonl"
ROOM = "K7QM-3XPA"


@pytest.fixture(scope="session")
def short_script(short):
    """A full scripted session of the short scenario (every phase, ~8 people)."""
    return play(short, participants=8, scale=1.0, seed=11)


@pytest.fixture(scope="session")
def rich_script(rich):
    """A full scripted two-day session of the rich scenario (18 people, ~1000 events)."""
    return play(rich, participants=18, scale=1.0, seed=5)


@pytest.fixture
def rich_log(tmp_path, rich, rich_script) -> Path:
    path = tmp_path / "session.jsonl"
    write_log(path, ROOM, rich, rich_script.events)
    return path


@pytest.fixture
def data_dir(tmp_path, short, short_script) -> Path:
    """A server data directory whose store holds one recorded room (the real Store)."""
    store_mod = pytest.importorskip("ilot.server.store")
    data = tmp_path / "data"
    store = store_mod.Store.in_dir(data)
    events = short_script.events
    store.create_room(ROOM.replace("-", ""), short, "0" * 64, events[0])
    store.append(ROOM.replace("-", ""), events[1:])
    store.close()
    return data

"""The session store as both sides see it: the server writes, the debrief reads (read-only) and
writes only its notes; nothing of the debrief needs the server's code."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap

import pytest

from ilot.game.core.events import Event
from ilot.game.debrief.recording import RecordingError, StoreRecording
from ilot.game.debrief.scripted import play
from ilot.game.storage import (
    FILENAME,
    DebriefNotes,
    StoreMissing,
    StoreReader,
    database_path,
    default_data_dir,
)
from ilot.server.store import Store

ROOM = "K7QM3XPA"


@pytest.fixture(scope="module")
def script(short):
    return play(short, participants=5, scale=0.4, seed=3)


@pytest.fixture
def data(tmp_path, short, script):
    store = Store.in_dir(tmp_path / "data")
    store.create_room(ROOM, short, "0" * 64, script.events[0])
    store.append(ROOM, script.events[1:])
    store.close()
    return tmp_path / "data"


def test_the_debrief_reads_what_the_server_wrote_even_while_it_writes(data, script, short):
    server = Store.in_dir(data)  # the server is still running
    reader = StoreReader(data)
    try:
        assert reader.list_rooms() == server.list_rooms()
        assert reader.scenario(ROOM) == short
        assert [e.to_dict() for e in reader.events(ROOM)] == [e.to_dict() for e in script.events]
        assert [e.seq for e in reader.events(ROOM, after=3)] == [e.seq for e in script.events[3:]]
        later = script.events[-1]
        server.append(ROOM, [Event.of(later.seq + 1, later.t + 1, "trainer", "timer_set",
                                      {"ends_at": None, "paused_left": None})])
        assert reader.events(ROOM)[-1].seq == later.seq + 1  # sees the server's new commits
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            reader.db.execute("DELETE FROM events")
        with pytest.raises(KeyError):
            reader.scenario("NOPE")
    finally:
        reader.close()
        server.close()


def test_a_room_is_found_as_people_type_its_code(data):
    reader = StoreReader(data)
    try:
        for typed in ("K7QM-3XPA", "k7qm3xpa", " k7qm 3xpa "):
            assert reader.find_room(typed)["room"] == ROOM
        assert reader.find_room("AAAA-BBBB") is None
    finally:
        reader.close()


def test_debrief_notes_are_the_debrief_s_only_writing(data):
    before = (database_path(data)).read_bytes()
    reader = StoreReader(data)
    reader.list_rooms()
    reader.close()
    assert database_path(data).read_bytes() == before  # reading changes nothing
    notes = DebriefNotes(data)
    try:
        first = notes.add(ROOM, 12.5, "Le blocage sur la cour")
        assert notes.add(ROOM, 3.0, "Début") == first + 1
        with pytest.raises(KeyError):
            notes.add("NOPE", 1.0, "x")
    finally:
        notes.close()
    server = Store.in_dir(data)
    try:
        assert [n["text"] for n in server.debrief_notes(ROOM)] == ["Début", "Le blocage sur la cour"]
    finally:
        server.close()


def test_looking_in_an_empty_directory_creates_nothing(tmp_path):
    for make in (StoreReader, DebriefNotes):
        with pytest.raises(StoreMissing):
            make(tmp_path / "nothing")
    with pytest.raises(RecordingError, match="aucune base"):
        StoreRecording(tmp_path / "nothing", ROOM)
    assert not (tmp_path / "nothing").exists()


def test_one_default_data_directory_for_the_server_and_the_debrief(monkeypatch, tmp_path):
    from ilot.server import cli as server_cli

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert default_data_dir() == server_cli.default_data_dir() == tmp_path / "ilot"
    assert database_path(tmp_path) == tmp_path / FILENAME


def test_the_debrief_runs_without_the_server_s_code(data, tmp_path):
    """Replay, report and notes from a store with no module of ilot.server ever imported."""
    code = textwrap.dedent(f"""
        import os, sys
        os.environ["SDL_VIDEODRIVER"] = "dummy"
        from ilot.game.debrief import cli, describe, logfile, recording, report, timeline, viewer
        rec = recording.open_recording(data={str(data)!r}, room="k7qm-3xpa")
        rec.add_note(rec.events[5].t, "note")
        html = report.Report(rec).html()
        rec.close()
        assert "Débriefing" in html
        loaded = sorted(m for m in sys.modules if m.startswith("ilot.server"))
        print(loaded)
        sys.exit(1 if loaded else 0)
    """)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                          cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr

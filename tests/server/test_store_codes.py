"""The store's reading API (used by the debrief) and the codes' properties."""

from __future__ import annotations

import math

import pytest

from ilot.game.core.decide import Actor
from ilot.game.core.replay import replay, state_hash
from ilot.server import codes
from ilot.server.room import Room
from ilot.server.store import Store


def test_store_reading_api(tmp_path, scenario):
    store = Store.in_dir(tmp_path)
    room = Room.create("ABCDEFGH", scenario, store, "TRAINERCODE1", 99, max_seats=10)
    seat = room.new_seat("Awa")
    seat.write(store)
    pid, token = seat.participant, seat.token
    store.append(room.code, room.apply(Actor.participant(pid),
                                       {"id": "e1", "type": "write_expectation", "text": "Bonjour"}))
    store.close()

    store = Store(tmp_path / "ilot.sqlite3")  # reopened, as the debrief does
    [info] = store.list_rooms()
    assert info["room"] == "ABCDEFGH" and info["title"] == scenario.title and info["events"] == 3
    assert isinstance(info["created_at"], float)
    full = store.scenario("ABCDEFGH")
    assert full == scenario  # private objectives included
    events = store.events("ABCDEFGH")
    assert [e.seq for e in events] == [1, 2, 3]
    assert [e.type for e in events] == ["session_opened", "participant_joined", "expectation_written"]
    assert events[0].data["seed"] == 99 and events[2].aid == "e1" and events[2].by == pid
    assert [e.seq for e in store.events("ABCDEFGH", after=2)] == [3]
    assert state_hash(replay(full, events)) == state_hash(room.state)
    n1 = store.add_debrief_note("ABCDEFGH", 12.5, "Moment clé")
    n2 = store.add_debrief_note("ABCDEFGH", 3.0, "Début", author="p1")
    notes = store.debrief_notes("ABCDEFGH")
    assert [n["id"] for n in notes] == [n2, n1]
    assert notes[1]["text"] == "Moment clé" and notes[1]["author"] == "trainer"
    assert set(notes[0]) == {"id", "at", "text", "author", "created_at"}
    with pytest.raises(KeyError):
        store.scenario("NOPE")
    # the seat token is stored only as its hash
    assert store.seat("ABCDEFGH", codes.digest(token)) == pid
    raw = (tmp_path / "ilot.sqlite3").read_bytes() + (tmp_path / "ilot.sqlite3-wal").read_bytes() \
        if (tmp_path / "ilot.sqlite3-wal").exists() else (tmp_path / "ilot.sqlite3").read_bytes()
    assert token.encode() not in raw
    # the trainer code is kept for `ilot rooms --codes` (the data directory's readers are
    # trusted with it), in its own table only; the hello is checked against its hash
    assert store.trainer_code("ABCDEFGH") == "TRAINERCODE1"
    assert store.trainer_hash("ABCDEFGH") == codes.digest("TRAINERCODE1")
    store.close()


def test_codes():
    assert len(set(codes.ALPHABET)) == len(codes.ALPHABET) == 30
    assert not set("01OILU") & set(codes.ALPHABET)
    assert codes.JOIN_LEN * math.log2(len(codes.ALPHABET)) >= 30
    code = codes.new_join_code()
    assert len(code) == 8 and set(code) <= set(codes.ALPHABET)
    assert codes.normalise(codes.show(code).lower()) == code
    assert codes.normalise(" abcd - efgh ") == "ABCDEFGH"
    assert len({codes.new_join_code() for _ in range(1000)}) == 1000
    tokens = [codes.new_token() for _ in range(2000)]
    assert all(len(t) == 32 and t[0].isalnum() for t in tokens)
    assert codes.matches(tokens[0], codes.digest(tokens[0]))
    assert not codes.matches(tokens[0], codes.digest(tokens[1]))
    assert not codes.matches(tokens[0], None)

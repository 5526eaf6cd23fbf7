"""One contract, two stores: the embedded SQLite file and PostgreSQL (`--store postgresql://…`).

Every test here runs against both (`store` is parametrised); the PostgreSQL runs use a
throwaway server (`pg_server` in tests/conftest.py), required in CI.
"""

from __future__ import annotations

import pytest

from ilot.game.core.events import Event
from ilot.game.storage.reading import room_summaries
from ilot.server.store import BaseStore, Store

KINDS = ["sqlite", "postgresql"]


@pytest.fixture(params=KINDS)
def kind(request):
    return request.param


@pytest.fixture
def open_store(kind, tmp_path, request):
    """A function opening a store (a new connection each call) on one shared database."""
    opened: list[BaseStore] = []
    if kind == "postgresql":
        from ilot.server.pgstore import PgStore

        url = request.getfixturevalue("pg_url")

        def make() -> BaseStore:
            opened.append(PgStore(url))
            return opened[-1]
    else:
        def make() -> BaseStore:
            opened.append(Store.in_dir(tmp_path / "data"))
            return opened[-1]
    yield make
    for s in opened:
        s.close()


@pytest.fixture
def store(open_store):
    return open_store()


@pytest.fixture(scope="module")
def log(short) -> list[Event]:
    """A real session's events (the scripted session of the short scenario)."""
    from ilot.game.debrief.scripted import scripted_session

    return scripted_session(short, 4, 0.1, 7)


def _plain(events: list[Event]) -> list[dict]:
    return [e.to_dict() for e in events]


def _claim(s: BaseStore, room: str) -> None:
    if s.shared:
        assert s.claim(room, "ws://127.0.0.1:1")


def test_a_room_its_events_and_seats_read_back(store, short, log):
    store.create_room("ABCD2345", short, "hash-of-code", log[0], "TR-CODE")
    _claim(store, "ABCD2345")
    store.append("ABCD2345", log[1:3], seat=("tokhash", "p1"), join_hash="jh")
    store.append_batch([("ABCD2345", log[3:40]), ("ABCD2345", log[40:])])
    events = store.events("ABCD2345")
    assert _plain(events) == _plain(log)  # text with accents and quotes, floats, bytes
    assert any("Éclairage" in str(e.data) for e in events)
    assert _plain(store.events("ABCD2345", after=2)) == _plain(log[2:])
    assert store.seat("ABCD2345", "tokhash") == "p1"
    assert store.seat("ABCD2345", "other") is None
    assert store.joined("ABCD2345", "jh") == "p1"
    assert store.trainer_hash("ABCD2345") == "hash-of-code"
    assert store.trainer_code("ABCD2345") == "TR-CODE"
    assert store.scenario("ABCD2345") == short
    assert store.room_exists("ABCD2345") and not store.room_exists("ZZZZ2345")
    assert store.room_codes() == ["ABCD2345"]
    assert store.list_rooms()[0]["events"] == len(log)
    summary = room_summaries(store.db)[0]
    assert summary["participants"] == 4 and summary["scenario"] == short.id
    assert summary["phase"] > 0 and summary["trainer_code"] == "TR-CODE"


def test_the_same_seq_twice_fails_and_writes_nothing(open_store, short, log):
    """(room, seq) is unique: a second writer of a seq fails, all or nothing."""
    a, b = open_store(), open_store()
    a.create_room("ROOM2345", short, "h", log[0])
    _claim(a, "ROOM2345")
    a.append("ROOM2345", [log[1]])
    if b.shared:  # the other server cannot even claim it
        assert not b.claim("ROOM2345", "ws://127.0.0.1:2")
        b.held.add("ROOM2345")  # pretend it did: the key still stops it
    with pytest.raises(Exception):  # noqa: B017 (sqlite3.IntegrityError or psycopg's)
        b.append("ROOM2345", [log[2], log[1]])
    assert [e.seq for e in a.events("ROOM2345")] == [1, 2]
    a.append("ROOM2345", [log[2]])  # the store is usable afterwards, on both connections
    assert [e.seq for e in b.events("ROOM2345")] == [1, 2, 3]


def test_meta_set_and_first_writer_wins(store):
    assert store.meta("k") is None
    store.add_meta("k", "first")
    store.add_meta("k", "second")
    assert store.meta("k") == "first"
    store.set_meta("k", "third")
    assert store.meta("k") == "third"


def test_debrief_notes(store, short, log):
    store.create_room("NOTE2345", short, "h", log[0])
    i = store.add_debrief_note("NOTE2345", 12.5, "Bon échange sur la cour")
    j = store.add_debrief_note("NOTE2345", 2.0, "Début")
    assert i != j
    notes = store.debrief_notes("NOTE2345")
    assert [n["text"] for n in notes] == ["Début", "Bon échange sur la cour"]
    with pytest.raises(KeyError):
        store.add_debrief_note("NONE2345", 1.0, "x")


def test_a_failed_commit_leaves_the_store_usable(store, short, log):
    store.create_room("FAIL2345", short, "h", log[0])
    _claim(store, "FAIL2345")
    with pytest.raises(Exception):  # noqa: B017
        store.append_batch([("FAIL2345", [log[1], log[1]])])
    assert not store.db.in_transaction
    store.append_batch([("FAIL2345", [log[1]])])
    assert [e.seq for e in store.events("FAIL2345")] == [1, 2]

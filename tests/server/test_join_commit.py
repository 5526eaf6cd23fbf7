"""A newcomer's seat is committed on the writer thread like the actions: a slow commit does not
stop the event loop, and a failed one refuses the hello cleanly and leaves no trace."""

from __future__ import annotations

import asyncio
import sqlite3

import msgpack
import pytest

from ilot.game.core.replay import replay
from ilot.game.net import protocol
from ilot.game.net.client import ConnectError, Connection
from ilot.server import codes
from ilot.server.store import FILENAME

from .conftest import join, server_until, trainer, until


async def test_a_slow_seat_commit_keeps_the_loop_serving(server, scenario):
    t = await trainer(server)
    blocker = sqlite3.connect(server.data_dir / FILENAME, isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")  # the seat's commit must wait for this lock
    try:
        newcomer = asyncio.ensure_future(Connection.open(
            server.url, {"as": "participant", "room": server.room, "name": "Chloé",
                         "persona": scenario.personas[0].id}))
        await server_until(lambda: server._committing)
        await t.send({"t": "ping", "n": 3})  # the loop still answers meanwhile
        await until(t, lambda m: m["t"] == "pong" and m["n"] == 3)
        assert not newcomer.done()
        assert not any(m["t"] == protocol.EVENTS for m in t.inbox), \
            "an uncommitted join was broadcast"
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    c = await asyncio.wait_for(newcomer, 5)
    me = c.welcome["you"]["id"]
    assert c.welcome["state"]["participants"][me]["persona"] == scenario.personas[0].id
    joined = await until(t, lambda m: m["t"] == protocol.EVENTS and any(
        e["type"] == "persona_chosen" for e in m["events"]))
    assert joined["events"][-1]["seq"] <= c.welcome["seq"]
    # the seat, its join and its persona are on disk, in one order
    stored = server.store.events(server.room)
    assert [e.type for e in stored[-2:]] == ["participant_joined", "persona_chosen"]
    assert server.store.seat(server.room, codes.digest(c.welcome["token"])) == me
    for conn in (t, c):
        await conn.close()


async def test_a_failed_seat_commit_refuses_the_hello_and_leaves_no_trace(server, scenario):
    a = await join(server, "Awa", scenario.personas[0].id)
    room = server.rooms[server.room]
    taken = room.state.seq + 1
    other = sqlite3.connect(server.data_dir / FILENAME)
    with other:  # another writer takes the next seq: the seat's commit fails
        other.execute("INSERT INTO events (room, seq, t, by, type, v, aid, data) "
                      "VALUES (?, ?, 0, 'trainer', 'lock_set', 1, 'outside', ?)",
                      (server.room, taken, msgpack.packb({"locked": False})))
    other.close()
    with pytest.raises(ConnectError) as refused:
        await Connection.open(server.url, {"as": "participant", "room": server.room,
                                           "name": "Perdu"}, timeout=5)
    assert refused.value.code == 1011 and "storage" in refused.value.reason
    # the room was rebuilt from the store: the outside event is in, the lost seat is not
    assert room.state.seq == taken
    assert "Perdu" not in {p.name for p in room.state.participants.values()}
    assert replay(room.scenario, server.store.events(server.room)).seq == room.state.seq
    # and the next newcomer is seated
    b = await join(server, "Bruno", scenario.personas[1].id)
    assert b.welcome["seq"] == taken + 2
    for conn in (a, b):
        await conn.close()

"""A commit that takes long (here: another process holds SQLite's write lock) does not stop the
event loop; the actions wait for it, and so does a hello, whose welcome then holds them."""

from __future__ import annotations

import asyncio
import sqlite3

from ilot.game.net import protocol
from ilot.game.net.client import Connection
from ilot.server.store import FILENAME

from .conftest import join, server_until, set_phase, trainer, until


async def test_slow_commit_keeps_the_loop_serving(server, scenario):
    t = await trainer(server)
    a = await join(server, "Awa", scenario.personas[0].id)
    await set_phase(t, scenario, "etat_des_lieux")
    blocker = sqlite3.connect(server.data_dir / FILENAME, isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")  # the server's next commit must wait for this lock
    try:
        await a.act({"id": "slow", "type": "add_note", "space": scenario.spaces[0].id,
                     "kind": "idee", "text": "pendant le verrou"})
        await server_until(lambda: server._committing)
        # the loop still answers while the commit waits
        await t.send({"t": "ping", "n": 7})
        await until(t, lambda m: m["t"] == "pong" and m["n"] == 7)
        assert server._committing
        assert not any(m["t"] == protocol.EVENTS and any(e["aid"] == "slow" for e in m["events"])
                       for m in t.inbox), "an uncommitted event was broadcast"
        newcomer = asyncio.ensure_future(Connection.open(
            server.url, {"as": "participant", "room": server.room, "name": "Chloé"}))
        await server_until(lambda: len(server._idle._waiters or ()) == 1)  # the hello waits
        assert not newcomer.done()
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    ack = await until(a, lambda m: m.get("id") == "slow")
    assert ack["t"] == protocol.ACK
    c = await asyncio.wait_for(newcomer, 5)
    assert c.welcome["seq"] >= ack["seq"]
    assert any(n["text"] == "pendant le verrou" for n in c.welcome["state"]["notes"].values())
    for conn in (t, a, c):
        await conn.close()

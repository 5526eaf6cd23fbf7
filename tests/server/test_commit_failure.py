"""A group commit that fails (here: another writer took the next seq) is undone and reported:
nobody hears of the lost action, its author gets a `storage` error, the room goes on."""

from __future__ import annotations

import sqlite3

import msgpack

from ilot.game.core.replay import replay
from ilot.game.net import protocol
from ilot.server.store import FILENAME

from .conftest import act, join, set_phase, synced, trainer, until


async def test_failed_commit_is_undone_and_reported(server, scenario):
    t = await trainer(server)
    a = await join(server, "Awa", scenario.personas[0].id)
    b = await join(server, "Bruno", scenario.personas[1].id)
    await set_phase(t, scenario, "etat_des_lieux")
    room = server.rooms[server.room]
    taken = room.state.seq + 1
    other = sqlite3.connect(server.data_dir / FILENAME)
    with other:
        other.execute("INSERT INTO events (room, seq, t, by, type, v, aid, data) "
                      "VALUES (?, ?, 0, 'trainer', 'lock_set', 1, 'outside', ?)",
                      (server.room, taken, msgpack.packb({"locked": False})))
    other.close()
    lost = "NOTE-QUI-NE-DOIT-PAS-EXISTER"
    await a.act({"id": "lost", "type": "add_note", "space": scenario.spaces[0].id,
                 "kind": "idee", "text": lost})
    err = await until(a, lambda m: m.get("id") == "lost")
    assert err["t"] == protocol.ERROR and err["code"] == "storage"
    # the room was rebuilt from the store: the outside event is in, the lost note is not
    assert room.state.seq == taken and lost not in {n.text for n in room.state.notes.values()}
    assert replay(room.scenario, server.store.events(server.room)).seq == room.state.seq
    ok = await act(a, {"type": "add_note", "space": scenario.spaces[0].id, "kind": "idee",
                       "text": "de nouveau"})
    assert ok["t"] == protocol.ACK and ok["seq"] == taken + 1
    await synced(b, taken - 1)
    frames = []
    while True:  # everything Bruno receives up to the note that did commit
        frame = await b.ws.recv()
        frames.append(frame)
        msg = protocol.decode(frame, protocol.MAX_DOWN_FRAME)
        if msg["t"] == protocol.EVENTS and any(e["seq"] == ok["seq"] for e in msg["events"]):
            break
    assert not any(lost.encode() in f for f in frames)
    for c in (t, a, b):
        await c.close()

"""Baromètre answers never reach another client with their author: only the counts do."""

from __future__ import annotations

from ilot.game.net import protocol
from ilot.game.net.client import Connection

from .conftest import act, join, opened, synced, trainer


async def test_barometre_answers_are_anonymous_on_every_other_wire(server, scenario):
    t = await trainer(server)
    a = await join(server, "Awa", "josiane")
    b = await join(server, "Bruno", "helene")
    spec = await opened(server.url, {"as": "spectator", "room": server.room})
    statement = scenario.barometre[0].id
    placed = await act(a, {"type": "barometre_place", "statement": statement, "level": 2,
                           "real_role": "tenant"})
    assert placed["t"] == protocol.ACK
    again = await act(a, {"type": "barometre_place", "statement": statement, "level": 5})
    key = f"before/{statement}/tenant/5"
    for conn in (t, b, spec):
        received = []
        while not any(e["seq"] == again["seq"] for e in received):
            msg = protocol.decode(await conn.ws.recv(), protocol.MAX_DOWN_FRAME)
            if msg["t"] == protocol.EVENTS:
                received += msg["events"]
                if conn.mirror is not None:
                    conn.mirror.apply(msg["events"])
        mine = [e for e in received if e["type"] == "barometre_placed"]
        assert len(mine) == 2 and all(e["by"] == "" and e["aid"] == "" for e in mine)
        assert mine[1]["data"]["previous"] == 2
        assert conn.mirror.state.barometre_tally == {key: 1}
        assert conn.mirror.state.barometre == {}
    # the author's own mirror has the answer; a rejoin of another has only the counts
    await synced(a, again["seq"])
    assert [x.level for x in a.mirror.state.barometre.values()] == [5]
    rejoined = await Connection.open(server.url, {"as": "participant", "room": server.room,
                                                  "token": b.welcome["token"]})
    assert rejoined.welcome["state"]["barometre"] == {}
    assert rejoined.welcome["state"]["barometre_tally"] == {key: 1}
    for c in (t, a, b, spec, rejoined):
        await c.close()

"""The `me` push after a persona choice, and a repeated hello with the same `join_id`."""

from __future__ import annotations

import secrets

import pytest

from ilot.game.core.decide import Actor
from ilot.game.core.views import view_for
from ilot.game.net import protocol
from ilot.game.net.client import ConnectError, Connection
from ilot.server.app import IlotServer

from .conftest import act, join, opened, trainer, until


async def _raw_until_pong(conn: Connection, n: int) -> list[bytes]:
    """Every raw frame `conn` receives until the pong of a ping sent now (an ordering barrier)."""
    await conn.send({"t": "ping", "n": n})
    frames = []
    while True:
        frame = await conn.ws.recv()
        frames.append(frame)
        msg = protocol.decode(frame, protocol.MAX_DOWN_FRAME)
        if msg["t"] == "pong" and msg.get("n") == n:
            return frames


def _objective_texts(scenario, persona: str) -> list[bytes]:
    return [o.text.encode() for o in scenario.index("persona")[persona].private_objectives]


async def test_me_goes_to_the_chooser_only_after_the_persona_event(server, scenario):
    with_objectives = [p.id for p in scenario.personas if p.private_objectives]
    first, second, other = with_objectives[0], with_objectives[1], with_objectives[2]
    t = await trainer(server)
    b = await join(server, "Bruno", other)
    spec = await opened(server.url, {"as": "spectator", "room": server.room})
    a = await join(server, "Awa")
    assert a.welcome["state"]["me"]["private_objectives"] == []
    a2 = await opened(server.url, {"as": "participant", "room": server.room,
                                   "token": a.welcome["token"]})  # Awa's second screen
    pid = a.welcome["you"]["id"]
    room = server.rooms[server.room]
    for n, persona in enumerate((first,)):
        reply = await act(a, {"type": "choose_persona", "persona": persona})
        assert reply["t"] == protocol.ACK, reply
        kinds = [m["t"] for m in a.inbox]
        event_at = next(i for i, m in enumerate(a.inbox) if m["t"] == protocol.EVENTS and any(
            e["type"] == "persona_chosen" and e["seq"] == reply["seq"] for e in m["events"]))
        me_at = max(i for i, k in enumerate(kinds) if k == protocol.ME)
        assert event_at < me_at < len(kinds) - 1  # events, then me, then the ack
        me = a.inbox[me_at]["me"]
        assert me == view_for(room.state, Actor.participant(pid))["me"]
        assert me["id"] == pid and me["private_objectives"] == [
            o.model_dump() for o in scenario.index("persona")[persona].private_objectives]
        assert me["private_objectives"]
        got = await until(a2, lambda m: m["t"] == protocol.ME)
        assert got["me"] == me
        # nobody else gets a `me`, nor the objectives in any frame
        for conn in (t, b, spec):
            for frame in await _raw_until_pong(conn, n):
                msg = protocol.decode(frame, protocol.MAX_DOWN_FRAME)
                assert msg["t"] != protocol.ME
                for text in _objective_texts(scenario, persona):
                    assert text not in frame
        a.inbox.clear()
    # the choice is final: another character (and its objectives) is refused
    reply = await act(a, {"type": "choose_persona", "persona": second})
    assert reply["t"] == protocol.REJECT and reply["code"] == "persona_locked"
    assert all(m["t"] != protocol.ME for m in a.inbox)
    for c in (t, b, spec, a, a2):
        await c.close()


async def test_repeated_hello_with_the_same_join_id_keeps_one_seat(server, tmp_path):
    join_id = secrets.token_urlsafe(16)
    t = await trainer(server)
    room = server.rooms[server.room]
    hello = {"t": "hello", "v": 1, "as": "participant", "room": server.room, "name": "Awa",
             "persona": server.rooms[server.room].scenario.personas[0].id, "join_id": join_id}
    # the cut: the hello reaches the server, the welcome never reaches the client
    from websockets.asyncio.client import connect
    lost = await connect(server.url, compression=None)
    await lost.send(protocol.encode(hello))
    joined = await until(t, lambda m: m["t"] == protocol.EVENTS and any(
        e["type"] == "participant_joined" for e in m["events"]))
    pid = next(e["data"]["participant"] for e in joined["events"]
               if e["type"] == "participant_joined")
    await lost.close()
    # the same hello again: same seat, a working token, no new participant
    again = await join(server, "Awa", join_id=join_id,
                       persona=room.scenario.personas[0].id)
    assert again.welcome["you"] == {"kind": "participant", "id": pid}
    assert again.welcome["token"] and len(room.state.participants) == 1
    assert again.welcome["state"]["me"]["private_objectives"] == \
        view_for(room.state, Actor.participant(pid))["me"]["private_objectives"]
    back = await Connection.open(server.url, {"as": "participant", "room": server.room,
                                              "token": again.welcome["token"]})
    assert back.welcome["you"]["id"] == pid
    # another join_id, or none, is another person
    other = await join(server, "Bruno", join_id=secrets.token_urlsafe(16))
    plain = await join(server, "Chloé")
    assert len({pid, other.welcome["you"]["id"], plain.welcome["you"]["id"]}) == 3
    seq = room.state.seq
    for frame in await _raw_until_pong(t, 1):
        msg = protocol.decode(frame, protocol.MAX_DOWN_FRAME)
        if msg["t"] == protocol.EVENTS:
            assert all(e["seq"] <= seq for e in msg["events"])
    assert [p.name for p in room.state.participants.values()] == ["Awa", "Bruno", "Chloé"]
    # a join_id too short to be random is refused
    with pytest.raises(ConnectError) as exc:
        await join(server, "Dan", join_id="court")
    assert exc.value.code == protocol.CLOSE_BAD_HELLO
    for c in (t, again, back, other, plain):
        await c.close()
    # the join_id survives a restart (only its hash is stored)
    await server.stop()
    srv2 = IlotServer(server.data_dir)
    await srv2.start("127.0.0.1", 0)
    try:
        c = await Connection.open(srv2.url, hello, timeout=5)
        assert c.welcome["you"]["id"] == pid and len(srv2.rooms[server.room].state.participants) == 3
        await c.close()
        assert join_id.encode() not in (server.data_dir / "ilot.sqlite3").read_bytes()
    finally:
        await srv2.stop()

"""Rejoin after a cut gets exactly the missed events; private data never reaches others."""

from __future__ import annotations

import msgpack

from ilot.game.core.decide import Actor
from ilot.game.core.kinds import Subject
from ilot.game.core.views import view_for
from ilot.game.net import protocol
from ilot.game.net.client import Connection

from .conftest import act, join, opened, set_phase, synced, trainer


async def test_rejoin_receives_exactly_the_missed_events(server, scenario):
    t = await trainer(server)
    a = await join(server, "Awa", "josiane")
    b = await join(server, "Bruno", "sylvie")
    await set_phase(t, scenario, "etat_des_lieux")
    await synced(a, server.rooms[server.room].state.seq)
    token, seen = a.welcome["token"], a.mirror.seq
    mirror = a.mirror
    await a.ws.close()  # the cut
    for i in range(5):
        reply = await act(b, {"type": "add_note", "space": scenario.spaces[i % 3].id,
                              "kind": "idee", "text": f"idée {i}"})
        assert reply["t"] == protocol.ACK
    a2 = await Connection.open(server.url, {"as": "participant", "room": server.room,
                                            "token": token, "last_seq": seen})
    w = a2.welcome
    assert w["you"] == {"kind": "participant", "id": "p1"} and "token" not in w
    assert "state" not in w
    room = server.rooms[server.room]
    assert [e["seq"] for e in w["events"]] == list(range(seen + 1, room.state.seq + 1))
    assert [e["type"] for e in w["events"]] == ["note_added"] * 5
    mirror.rejoined(w)
    def strip(d):
        return {k: v for k, v in d.items() if k != "me"}
    assert strip(view_for(mirror.state, Actor.participant("p1"))) == \
        strip(view_for(room.state, Actor.participant("p1")))
    # the seat is the same: acting goes on as p1
    a2.mirror, a2.inbox = mirror, []
    reply = await act(a2, {"type": "add_note", "space": scenario.spaces[0].id, "kind": "force",
                           "text": "de retour"})
    assert reply["t"] == protocol.ACK and room.state.notes[f"n{reply['seq']}"].author == "p1"
    # a rejoin without last_seq, or from too far back, gets a fresh snapshot
    a3 = await Connection.open(server.url, {"as": "participant", "room": server.room,
                                            "token": token})
    assert a3.welcome["state"]["seq"] == room.state.seq and "scenario" in a3.welcome
    for c in (t, b, a2, a3):
        await c.close()


async def test_private_data_absent_from_other_clients_frames(server, scenario):
    t = await trainer(server)
    a = await join(server, "Awa", "josiane")
    b = await join(server, "Bruno", "helene")
    spec = await opened(server.url, {"as": "spectator", "room": server.room})
    frames: dict[str, list[bytes]] = {"b": [], "spec": []}
    secret_reason = "RAISON-SECRETE-DE-AWA"
    await set_phase(t, scenario, "deliberation")
    space, use = next((sp.id, u.id) for sp in scenario.spaces for u in scenario.uses
                      if scenario.use_fits(u, sp))
    prop = await act(b, {"type": "propose", "title": "Un jardin", "placements": {space: use}})
    pid = f"P{prop['seq']}"
    opened_round = await act(t, {"type": "open_round", "subject": str(Subject.of_proposal(pid))})
    rid = f"R{opened_round['seq']}"
    pos = await act(a, {"type": "take_position", "round": rid, "option": "blocage",
                        "reason": secret_reason})
    assert pos["t"] == protocol.ACK
    # read the raw frames the others received up to Awa's position
    for name, conn in (("b", b), ("spec", spec)):
        while True:
            frame = await conn.ws.recv()
            frames[name].append(frame)
            msg = protocol.decode(frame, protocol.MAX_DOWN_FRAME)
            if msg["t"] == protocol.EVENTS and conn.mirror is not None:
                conn.mirror.apply(msg["events"])
            if msg["t"] == protocol.EVENTS and any(e["seq"] == pos["seq"] for e in msg["events"]):
                break
    # Bruno rejoins: his snapshot must not hold Awa's open position either
    again = await Connection.open(server.url, {"as": "participant", "room": server.room,
                                               "token": b.welcome["token"]})
    welcome_b = msgpack.packb(again.welcome)
    own_objectives = [o.text for o in scenario.index("persona")["josiane"].private_objectives]
    for name, raw in [*(("b", f) for f in frames["b"]), *(("spec", f) for f in frames["spec"]),
                      ("b-welcome", welcome_b), ("b-first", msgpack.packb(b.welcome)),
                      ("spec-first", msgpack.packb(spec.welcome))]:
        assert secret_reason.encode() not in raw, name
        assert b"blocage" not in raw or name.endswith(("welcome", "first")), name
        for text in own_objectives:
            assert text.encode() not in raw, name
    # the position event others received carries only the round
    pos_event = next(e for f in frames["b"] for e in protocol.decode(f, protocol.MAX_DOWN_FRAME).get("events", [])
                     if e["seq"] == pos["seq"])
    assert pos_event["data"] == {"round": rid}
    # the seed is shared: everyone's live simulation draws the server's scenario events
    assert server.rooms[server.room].state.seed == 424242 != scenario.seed
    assert t.welcome["state"]["seed"] == 424242 and b.mirror.state.seed == 424242
    # Awa sees her own position and objectives; after the close everybody sees the reason
    assert a.welcome["state"]["me"]["private_objectives"]
    close = await act(t, {"type": "close_round", "round": rid})
    await synced(b, close["seq"])
    assert b.mirror.state.rounds[rid].positions["p1"].reason == secret_reason
    for c in (t, a, b, spec, again):
        await c.close()

"""A rejoin gets the missed events or a snapshot, whichever is smaller; compressed snapshots."""

from __future__ import annotations

import zlib

import pytest
from websockets.asyncio.client import connect

from ilot.game.core import views
from ilot.game.core.decide import Actor
from ilot.game.core.kinds import Subject
from ilot.game.net import protocol
from ilot.game.net.client import ConnectError, Connection

from .conftest import act, join, opened, set_phase, trainer

P1 = Actor.participant("p1")


def long_text(i: int) -> str:
    """~1 900 characters that differ from one call to the next."""
    words = " ".join(f"mot{(i * 7919 + k * 104729) % 100003}" for k in range(190))
    return f"{i}: {words}"[:1900]


def snapshot_size(welcome: dict) -> int:
    """What the rule compares: the msgpack size of the snapshot fields as sent."""
    return sum(len(protocol.encode(welcome[k]))
               for k in ("scenario", "state", "scenario_z", "state_z") if k in welcome)


def event_sizes(room, actor: Actor) -> list[int]:
    """Encoded size of each event of the room's log as `actor` receives it (index = seq - 1)."""
    return [len(protocol.encode(views.event_for(e, actor).to_dict())) for e in room.log]


async def rejoin(srv, token: str, last_seq: int | None = None, compress: bool = False):
    hello = {"as": "participant", "room": srv.room, "token": token}
    if last_seq is not None:
        hello["last_seq"] = last_seq
    return await Connection.open(srv.url, hello, timeout=5, compress=compress)


async def fill(conn, scenario, room, min_state: int) -> None:
    """Add long notes until p1's view of the state encodes to more than `min_state` bytes."""
    i = 0
    while len(protocol.encode(views.view_for(room.state, P1))) <= min_state:
        reply = await act(conn, {"type": "add_note", "space": scenario.spaces[i % 3].id,
                                 "kind": "idee", "text": long_text(i)})
        assert reply["t"] == protocol.ACK, reply
        i += 1


async def test_rejoin_picks_the_smaller_of_events_and_snapshot(server, scenario):
    room = server.rooms[server.room]
    t = await trainer(server)
    a = await join(server, "Awa", "josiane")
    b = await join(server, "Bruno", "sylvie")
    first_snapshot = snapshot_size(a.wire_welcome)
    await set_phase(t, scenario, "etat_des_lieux")
    note = await act(b, {"type": "add_note", "space": scenario.spaces[0].id, "kind": "idee",
                         "text": "court"})
    # edits carry the whole text each time while the state keeps only the last one: the missed
    # events end up weighing more than a snapshot
    snapshot_now = len(protocol.encode(room.public_scenario)) + \
        len(protocol.encode(views.view_for(room.state, P1)))
    i = 0
    while sum(event_sizes(room, P1)) <= snapshot_now + 4000:
        reply = await act(b, {"type": "edit_note", "note": f"n{note['seq']}",
                              "text": long_text(i), "enjeux": []})
        assert reply["t"] == protocol.ACK, reply
        i += 1
        snapshot_now = len(protocol.encode(room.public_scenario)) + \
            len(protocol.encode(views.view_for(room.state, P1)))
    sizes = event_sizes(room, P1)
    # the oldest last_seq whose missed events still fit in a snapshot
    fit = next(s for s in range(len(sizes) + 1) if sum(sizes[s:]) <= snapshot_now)
    assert fit > 0 and sum(sizes[fit:]) > first_snapshot  # beyond the last size measured
    token = a.welcome["token"]
    few = await rejoin(server, token, fit)
    assert "state" not in few.welcome and "scenario" not in few.welcome
    assert few.welcome["events"] == [views.event_for(e, P1).to_dict() for e in room.log[fit:]]
    assert [e["seq"] for e in few.welcome["events"]] == list(range(fit + 1, room.state.seq + 1))
    many = await rejoin(server, token, fit - 1)
    assert "events" not in many.welcome and many.welcome["state"]["seq"] == room.state.seq
    assert snapshot_size(many.welcome) == snapshot_now < sum(sizes[fit - 1:])
    # a few missed events, and none at all
    last = await rejoin(server, token, room.state.seq - 2)
    assert [e["seq"] for e in last.welcome["events"]] == [room.state.seq - 1, room.state.seq]
    none = await rejoin(server, token, room.state.seq)
    assert none.welcome["events"] == [] and none.welcome["seq"] == room.state.seq
    for c in (t, a, b, few, many, last, none):
        await c.close()


async def test_compressed_snapshot_equals_the_plain_one(server, scenario):
    room = server.rooms[server.room]
    t = await trainer(server)
    a = await join(server, "Awa", "josiane")
    await set_phase(t, scenario, "etat_des_lieux")
    before = room.state.seq
    await fill(a, scenario, room, protocol.Z_MIN + 8000)
    token = a.welcome["token"]
    z = await rejoin(server, token, compress=True)
    plain = await rejoin(server, token)
    assert "state_z" in z.wire_welcome and "state" not in z.wire_welcome
    assert isinstance(z.wire_welcome["state_z"], bytes)
    assert z.welcome == plain.welcome  # the same map once inflated
    assert z.welcome["state"] == views.view_for(room.state, P1)
    assert set(plain.wire_welcome) == {"t", "v", "room", "you", "seq", "scenario", "state"}
    plain_state = len(protocol.encode(plain.welcome["state"]))
    assert len(z.wire_welcome["state_z"]) < plain_state / 2
    # a client that does not ask never gets a compressed field
    spec = await Connection.open(server.url, {"as": "spectator", "room": server.room},
                                 timeout=5, compress=False)
    assert "state" in spec.wire_welcome and not {"state_z", "scenario_z"} & set(spec.wire_welcome)
    # the rule weighs the snapshot uncompressed, for every client: missed events that outweigh
    # the compressed snapshot but not the plain one still come as events, compressed or not
    missed = sum(event_sizes(room, P1)[before:])
    assert snapshot_size(z.wire_welcome) < missed <= snapshot_size(plain.wire_welcome)
    seqs = list(range(before + 1, room.state.seq + 1))
    events = await rejoin(server, token, before)
    assert [e["seq"] for e in events.welcome["events"]] == seqs
    snap = await rejoin(server, token, before, compress=True)
    assert [e["seq"] for e in snap.welcome["events"]] == seqs
    for c in (t, a, z, plain, spec, events, snap):
        await c.close()


async def test_compressed_snapshot_holds_no_one_elses_secrets(server, scenario):
    room = server.rooms[server.room]
    t = await trainer(server)
    a = await join(server, "Awa", "josiane")
    b = await join(server, "Bruno", "helene")
    await set_phase(t, scenario, "etat_des_lieux")
    await fill(b, scenario, room, protocol.Z_MIN + 4000)
    await set_phase(t, scenario, "deliberation")
    space, use = next((sp.id, u.id) for sp in scenario.spaces for u in scenario.uses
                      if scenario.use_fits(u, sp))
    prop = await act(b, {"type": "propose", "title": "Un jardin", "placements": {space: use}})
    opened_round = await act(t, {"type": "open_round", "subject": str(Subject.of_proposal(f"P{prop['seq']}"))})
    rid = f"R{opened_round['seq']}"
    secret = "RAISON-SECRETE-DE-AWA"
    assert (await act(a, {"type": "take_position", "round": rid, "option": "blocage",
                          "reason": secret}))["t"] == protocol.ACK
    objectives = [o.text for o in scenario.index("persona")["josiane"].private_objectives]
    assert objectives
    b2 = await rejoin(server, b.welcome["token"], compress=True)
    spec = await opened(server.url, {"as": "spectator", "room": server.room, "compress": ["zlib"]})
    for conn in (b2, spec):
        raw = zlib.decompress(conn.wire_welcome["state_z"])
        assert secret.encode() not in raw
        for text in objectives:
            assert text.encode() not in raw
        pos = conn.welcome["state"]["rounds"][rid]["positions"]["p1"]
        assert pos["option"] == "" and pos["reason"] == ""
        assert conn.welcome["state"]["me"]["id"] != "p1"
    # Awa's own compressed snapshot does hold her position and objectives
    mine = zlib.decompress((await rejoin(server, a.welcome["token"], compress=True))
                           .wire_welcome["state_z"])
    assert secret.encode() in mine and objectives[0].encode() in mine
    for c in (t, a, b, b2, spec):
        await c.close()


@pytest.mark.parametrize("value", ["zlib", ["gzip"], [1], ["zlib"] * 5, {"zlib": 1}])
async def test_bad_compress_value_is_refused(server, value):
    hello = {"t": "hello", "v": 1, "as": "spectator", "room": server.room, "compress": value}
    with pytest.raises(ConnectError) as info:
        await Connection.open(server.url, hello, timeout=5)
    assert info.value.code == protocol.CLOSE_BAD_HELLO
    async with connect(server.url, compression=None) as ws:
        await ws.send(protocol.encode(hello))
        err = protocol.decode(await ws.recv(), protocol.MAX_DOWN_FRAME)
    assert err["code"] == protocol.ERR_BAD_MESSAGE and err["detail"].startswith("compress")
    ok = await Connection.open(server.url, {**hello, "compress": []}, timeout=5)
    assert "state" in ok.wire_welcome
    await ok.close()


def test_inflate_refuses_garbage_and_bombs():
    with pytest.raises(protocol.FrameError):
        protocol.inflate(b"not zlib at all")
    with pytest.raises(protocol.FrameError):
        protocol.inflate(protocol.deflate({"x": "a" * 100_000}), max_size=10_000)
    with pytest.raises(protocol.FrameError):
        protocol.inflate(protocol.deflate({"x": 1})[:-3])  # truncated
    assert protocol.inflate(protocol.deflate({"x": [1, "é"]})) == {"x": [1, "é"]}
    w = {"t": "welcome", "events": []}
    assert protocol.inflate_welcome(w) is w

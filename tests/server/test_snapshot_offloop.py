"""Large welcomes are built in a forked child while the loop goes on (server/snapshots.py): the
welcome is the state at some seq W, and every event after W reaches the new connection after it,
in order, once; the loop answers others meanwhile; a failed fork or child falls back to the loop.
The tests parametrised with `mode` hold for the welcome worker too (tests/server/
test_welcome_worker.py has its own)."""

from __future__ import annotations

import asyncio
import os
import time

import pytest

from ilot.game.core import views
from ilot.game.core.decide import Actor
from ilot.game.net import protocol
from ilot.game.net.client import Connection
from ilot.game.net.mirror import Mirror
from ilot.server import snapshots
from ilot.server.room import Room

from .conftest import act, join, server_until, set_phase, trainer, until

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork on this system")


@pytest.fixture(autouse=True)
def every_welcome_off_loop(monkeypatch):
    monkeypatch.setattr(snapshots, "OFF_LOOP_EVENTS", 0)
    monkeypatch.setattr(snapshots, "SMALL_CATCH_UP", -1)


@pytest.fixture(autouse=True)
def builder(request, server):
    """The forked child (this module's subject), or the mode a test is parametrised with."""
    callspec = getattr(request.node, "callspec", None)
    server.snapshots.mode = callspec.params.get("mode", "fork") if callspec else "fork"


def note(scenario, text: str) -> dict:
    return {"type": "add_note", "space": scenario.spaces[0].id, "kind": "idee", "text": text}


async def events_until(conn: Connection, mirror: Mirror, seq: int,
                       kinds: list[str]) -> list[int]:
    """Every event seq received (repeats included) until the mirror is at `seq`; the type of
    every message read goes to `kinds`."""
    seen: list[int] = []
    while mirror.seq < seq:
        msg = await conn.recv(5)
        kinds.append(msg["t"])
        if msg["t"] == protocol.EVENTS:
            seen += [e["seq"] for e in msg["events"]]
            mirror.apply(msg["events"])
    return seen


@pytest.mark.parametrize("mode", ["fork", "worker"])
async def test_events_during_the_build_follow_the_welcome_once_in_order(server, scenario, mode):
    t = await trainer(server)
    a = await join(server, "Awa", scenario.personas[0].id)
    await set_phase(t, scenario, "etat_des_lieux")
    room = server.rooms[server.room]
    build = server.snapshots.build
    taken: list[int] = []

    async def busy_build(*args, **kwargs):
        assert (await act(a, note(scenario, "avant"))) ["t"] == protocol.ACK  # before W: in it
        seq, frame = await build(*args, **kwargs)
        taken.append(seq)
        for text in ("pendant 1", "pendant 2"):  # after W: held, then sent after the welcome
            assert (await act(a, note(scenario, text)))["t"] == protocol.ACK
        return seq, frame

    server.snapshots.build = busy_build
    b = await Connection.open(server.url, {"as": "participant", "room": server.room,
                                           "name": "Bruno"}, timeout=5)
    server.snapshots.build = build
    assert b.welcome["seq"] == taken[0] and server.snapshots.built_off_loop >= 1
    texts = {n.text for n in Mirror(b.welcome).state.notes.values()}
    assert "avant" in texts and "pendant 1" not in texts
    mirror = Mirror(b.welcome)
    kinds: list[str] = []
    seen = await events_until(b, mirror, room.state.seq, kinds)
    assert seen == list(range(taken[0] + 1, room.state.seq + 1))  # nothing missed nor twice
    assert {"pendant 1", "pendant 2"} <= {n.text for n in mirror.state.notes.values()}
    actor = Actor.participant(b.welcome["you"]["id"])
    view = views.view_for(room.state, actor)
    assert protocol.encode(mirror.state.to_dict(include_seen=False)) == protocol.encode(
        {k: v for k, v in view.items() if k != "me"})
    while protocol.PRESENCE not in kinds:
        kinds.append((await b.recv(5))["t"])
    assert set(kinds) == {protocol.EVENTS, protocol.PRESENCE}
    for c in (t, a, b):
        await c.close()


@pytest.mark.parametrize("mode", ["fork", "worker"])
async def test_rejoin_catch_up_built_off_loop(server, scenario, mode):
    t = await trainer(server)
    await set_phase(t, scenario, "etat_des_lieux")
    a = await join(server, "Awa", scenario.personas[0].id)
    token, last = a.welcome["token"], a.welcome["seq"]
    await a.close()
    for i in range(5):
        await act(t, note(scenario, f"manquée {i}"))
    before = server.snapshots.built_off_loop
    again = await Connection.open(server.url, {"as": "participant", "room": server.room,
                                               "token": token, "last_seq": last}, timeout=5)
    assert server.snapshots.built_off_loop == before + 1
    room = server.rooms[server.room]
    assert [e["seq"] for e in again.welcome["events"]] == list(range(last + 1, room.state.seq + 1))
    await again.close()
    await t.close()


async def test_the_loop_answers_while_a_child_builds(server, scenario, monkeypatch):
    a = await join(server, "Awa")
    parent = os.getpid()
    frame = Room.welcome_frame

    def slow_in_child(self, *args, **kwargs):
        if os.getpid() != parent:
            time.sleep(1.0)  # a very large state, as seen from the loop
        return frame(self, *args, **kwargs)

    monkeypatch.setattr(Room, "welcome_frame", slow_in_child)
    room = server.rooms[server.room]
    hello = asyncio.create_task(Connection.open(
        server.url, {"as": "participant", "room": server.room, "name": "Bruno"}, timeout=5))
    await server_until(lambda: bool(room.held))
    reply = await act(a, {"type": "rename", "name": "Awa B."})
    assert reply["t"] == protocol.ACK
    await a.send({"t": "ping", "n": 7})
    assert (await until(a, lambda m: m["t"] == "pong"))["n"] == 7
    assert not hello.done()  # answered while the welcome was still being built
    b = await hello
    assert b.welcome["seq"] >= reply["seq"] - 1
    for c in (a, b):
        await c.close()


@pytest.mark.parametrize("fault", ["fork", "child", "stuck"])
async def test_a_failed_fork_or_child_falls_back_to_the_loop(server, scenario, monkeypatch,
                                                             fault):
    if fault == "stuck":  # a child that never answers (a lock the fork copied held) is killed
        monkeypatch.setattr(snapshots, "CHILD_TIMEOUT", 0.5)
        parent = os.getpid()
        frame = Room.welcome_frame

        def stuck_in_child(self, *args, **kwargs):
            if os.getpid() != parent:
                time.sleep(3600)
            return frame(self, *args, **kwargs)
        monkeypatch.setattr(Room, "welcome_frame", stuck_in_child)
    elif fault == "fork":
        def no_fork() -> int:
            raise OSError(12, "Cannot allocate memory")
        monkeypatch.setattr(os, "fork", no_fork)
    else:
        parent = os.getpid()
        frame = Room.welcome_frame

        def broken_in_child(self, *args, **kwargs):
            if os.getpid() != parent:
                raise MemoryError
            return frame(self, *args, **kwargs)
        monkeypatch.setattr(Room, "welcome_frame", broken_in_child)
    a = await join(server, "Awa")
    assert server.snapshots.built_on_loop == 1 and server.snapshots.built_off_loop == 0
    room = server.rooms[server.room]
    assert a.welcome["seq"] == room.state.seq and a.welcome["you"]["id"] in room.state.participants
    await a.close()


async def test_a_connection_closed_during_the_build_is_forgotten(server, scenario, monkeypatch):
    parent = os.getpid()
    frame = Room.welcome_frame

    def slow_in_child(self, *args, **kwargs):
        if os.getpid() != parent:
            time.sleep(0.5)
        return frame(self, *args, **kwargs)

    monkeypatch.setattr(Room, "welcome_frame", slow_in_child)
    room = server.rooms[server.room]
    from websockets.asyncio.client import connect
    ws = await connect(server.url, compression=None)
    await ws.send(protocol.encode({"t": "hello", "v": 1, "as": "spectator", "room": server.room}))
    await server_until(lambda: bool(room.held))
    await ws.close()
    await server_until(lambda: not room.held and not room.clients)


async def test_welcomes_asked_for_meanwhile_share_the_next_child(server, scenario, monkeypatch):
    parent = os.getpid()
    frame = Room.welcome_frame
    slow = [True]

    def slow_once_in_child(self, *args, **kwargs):
        if os.getpid() != parent and slow[0]:
            time.sleep(0.5)
        return frame(self, *args, **kwargs)

    monkeypatch.setattr(Room, "welcome_frame", slow_once_in_child)
    room = server.rooms[server.room]
    first = asyncio.create_task(Connection.open(
        server.url, {"as": "spectator", "room": server.room}, timeout=10))
    await server_until(lambda: server.snapshots.forks == 1)
    slow[0] = False  # (the first child has its own copy of the flag)
    others = [asyncio.create_task(Connection.open(
        server.url, {"as": "participant", "room": server.room, "name": f"P{i}"}, timeout=10))
        for i in range(3)]
    conns = [await first] + [await o for o in others]
    assert server.snapshots.forks == 2 and server.snapshots.built_off_loop == 4
    for c in conns:
        assert c.welcome["seq"] <= room.state.seq
        mirror = Mirror(c.welcome)
        await events_until(c, mirror, room.state.seq, [])
        assert mirror.seq == room.state.seq
        await c.close()


@pytest.mark.skipif(not hasattr(os, "SCHED_IDLE"), reason="no SCHED_IDLE on this system")
@pytest.mark.parametrize("idle", [True, False])
async def test_the_child_leaves_the_cpu_to_the_server(server, monkeypatch, tmp_path, idle):
    """At SCHED_IDLE the loop, waking up on the child's CPU, takes it back at once (at nice 10,
    what IDLE_CHILD = False keeps, it could wait for the end of the child's slice)."""
    monkeypatch.setattr(snapshots, "IDLE_CHILD", idle)
    parent, frame = os.getpid(), Room.welcome_frame
    seen = tmp_path / "child.txt"

    def noting_in_child(self, *args, **kwargs):
        if os.getpid() != parent:
            seen.write_text(f"{os.sched_getscheduler(0)} {os.nice(0)}")
        return frame(self, *args, **kwargs)

    monkeypatch.setattr(Room, "welcome_frame", noting_in_child)
    a = await join(server, "Awa")
    assert server.snapshots.built_off_loop == 1 and server.snapshots.built_on_loop == 0
    policy, niceness = (int(x) for x in seen.read_text().split())
    if idle:
        assert policy == os.SCHED_IDLE
    else:
        assert (policy, niceness) == (os.SCHED_OTHER, min(19, os.nice(0) + 10))
    assert os.sched_getscheduler(0) == os.SCHED_OTHER  # the server itself is untouched
    await a.close()


async def test_welcomes_asked_for_together_share_one_child(server, scenario):
    """A group back after a cut: five welcomes asked for in the same moment cost one fork."""
    t = await trainer(server)
    await set_phase(t, scenario, "etat_des_lieux")
    a = await join(server, "Awa", scenario.personas[0].id)
    room = server.rooms[server.room]
    forks = server.snapshots.forks
    actors = [Actor.participant(a.welcome["you"]["id"]), Actor.spectator(), Actor.trainer()] * 2
    built = await asyncio.gather(*(server.snapshots.build(
        room, actor, None, None, False, server._quiet) for actor in actors))
    assert server.snapshots.forks == forks + 1
    for actor, (seq, frame) in zip(actors, built, strict=True):
        assert seq == room.state.seq
        assert frame == room.welcome_frame(actor, None)  # what the loop would have built
    for c in (t, a):
        await c.close()

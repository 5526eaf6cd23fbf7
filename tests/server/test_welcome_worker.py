"""The welcome worker (server/welcomer.py): a long-lived process that reads the log and builds
large welcomes, byte for byte the frame the loop would build at the same seq, with either store;
one that dies is replaced, its welcomes built by a fork meanwhile; it stops with the server."""

from __future__ import annotations

import asyncio
import signal

import pytest

from ilot.game.core.decide import Actor
from ilot.game.core.kinds import ActorKind
from ilot.game.net import protocol
from ilot.game.net.client import Connection
from ilot.server import snapshots, welcomer
from ilot.server.app import IlotServer

from .conftest import act, join, serving, set_phase, trainer


@pytest.fixture(autouse=True)
def every_welcome_off_loop(monkeypatch):
    monkeypatch.setattr(snapshots, "OFF_LOOP_EVENTS", 0)
    monkeypatch.setattr(snapshots, "SMALL_CATCH_UP", -1)


def note(scenario, text: str) -> dict:
    return {"type": "add_note", "space": scenario.spaces[0].id, "kind": "idee", "text": text}


@pytest.fixture(params=["sqlite", "postgresql"])
async def any_server(request, tmp_path, scenario):
    url = request.getfixturevalue("pg_url") if request.param == "postgresql" else None
    async with serving(tmp_path / "data", scenario, store_url=url) as srv:
        yield srv


async def test_the_worker_builds_the_frame_the_loop_would(any_server, scenario):
    srv = any_server
    t = await trainer(srv)
    await set_phase(t, scenario, "etat_des_lieux")
    a = await join(srv, "Awa", scenario.personas[0].id)
    b = await join(srv, "Bastien", scenario.personas[1].id)
    room = srv.rooms[srv.room]
    worker = srv.snapshots.worker
    actors = [Actor.trainer(), Actor.spectator(),
              *(Actor(ActorKind.PARTICIPANT, c.welcome["you"]["id"]) for c in (a, b))]
    for step in range(3):  # a replica made, then brought forward by the events since
        for i in range(4):
            reply = await act(a if i % 2 else b, note(scenario, f"« Note » {step}.{i} — à voir"))
            assert reply["t"] == protocol.ACK
        seq = room.state.seq  # quiet: every action above is acknowledged, so committed
        for actor in actors:
            for compress in (False, True):
                for last_seq in (None, seq - 3):
                    got = await worker.build(room.code, seq, actor.kind, actor.id, last_seq,
                                             "tok", compress, room.snapshot_size())
                    assert got is not None
                    assert got[1] == room.welcome_frame(actor, last_seq, "tok", compress=compress)
    assert worker.started == 1 and srv.snapshots.forks == 0
    # a client's rejoin takes that path and gets a welcome at the room's seq
    before = srv.snapshots.built_off_loop
    again = await join(srv, "Awa", token=a.welcome["token"])
    assert srv.snapshots.built_off_loop == before + 1 and again.welcome["seq"] == room.state.seq
    for c in (t, a, b, again):
        await c.close()


async def test_a_worker_that_dies_is_replaced(server, scenario, monkeypatch):
    t = await trainer(server)
    await set_phase(t, scenario, "etat_des_lieux")
    a = await join(server, "Awa", scenario.personas[0].id)
    worker = server.snapshots.worker
    assert worker.started == 1 and worker.proc is not None
    worker.proc.send_signal(signal.SIGKILL)
    worker.proc.wait(5)
    await act(a, note(scenario, "pendant"))
    forks, off_loop = server.snapshots.forks, server.snapshots.built_off_loop
    b = await join(server, "Bastien", scenario.personas[1].id)  # built by a fork meanwhile
    assert server.snapshots.forks == forks + 1 and server.snapshots.built_on_loop == 0
    assert b.welcome["seq"] == server.rooms[server.room].state.seq
    monkeypatch.setattr(welcomer, "RESTART_AFTER", 0.0)  # (30 s after a failure)
    c = await join(server, "Chloé", scenario.personas[2].id)  # a new worker
    assert worker.started == 2 and server.snapshots.built_off_loop == off_loop + 2
    assert server.snapshots.forks == forks + 1
    assert c.welcome["seq"] == server.rooms[server.room].state.seq
    proc = worker.proc
    for conn in (t, a, b, c):
        await conn.close()
    await server.stop()
    assert proc.poll() is not None  # it stops with the server


def test_a_replica_follows_the_log_and_is_rebuilt_when_it_is_another_room(tmp_path, scenario):
    """The worker's replica of a room: brought forward from the log; rebuilt if the room was
    deleted and another session imported under its code; never past the log's end."""
    import sqlite3

    from ilot.game.core import replay, state_hash
    from ilot.game.debrief.scripted import scripted_session
    from ilot.game.storage.deleting import delete_rows
    from ilot.server.store import Store

    first, other = scripted_session(scenario, 4, 0.1, 7), scripted_session(scenario, 5, 0.1, 8)
    store = Store.in_dir(tmp_path / "data")
    store.create_room("REPL2345", scenario, "h", first[0])
    store.append("REPL2345", first[1:40])
    replicas = welcomer._Replicas(sqlite3.connect(store.path, isolation_level=None))

    def expected(log, seq):
        return state_hash(replay(scenario, [e for e in log if e.seq <= seq]))

    assert state_hash(replicas.at("REPL2345", 20).state) == expected(first, 20)
    kept = replicas.rooms["REPL2345"]
    assert state_hash(replicas.at("REPL2345", 39).state) == expected(first, 39)
    assert replicas.rooms["REPL2345"] is kept  # brought forward, not rebuilt
    with pytest.raises(LookupError):
        replicas.at("REPL2345", 45)  # past the log's end
    delete_rows(store.db, "REPL2345")
    store.create_room("REPL2345", scenario, "h", other[0])
    store.append("REPL2345", other[1:50])
    assert state_hash(replicas.at("REPL2345", 45).state) == expected(other, 45)
    store.close()


async def test_a_server_started_on_large_rooms_starts_its_worker(tmp_path, scenario):
    """Its replicas are made at start, before the first rejoins of a group back after a
    restart (in the bench's realistic room: the first wave's welcomes in 0.85–1.1 s without)."""
    first = IlotServer(tmp_path / "data")
    await first.start("127.0.0.1", 0)
    room, code = first.create_room(scenario, seed=3)
    assert first.snapshots.worker.started == 0  # nothing large yet: no worker
    await first.stop()
    again = IlotServer(tmp_path / "data")
    await again.start("127.0.0.1", 0)
    try:
        assert again.snapshots.worker.started == 1 and again.snapshots.worker.proc is not None
        t = await Connection.open(again.url, {"as": "trainer", "room": room, "code": code},
                                  timeout=5)
        assert again.snapshots.built_off_loop == 1 and t.welcome["seq"] == 1
        await t.close()
    finally:
        await again.stop()


async def test_a_fresh_worker_keeps_the_rooms_snapshot_size(server, scenario, monkeypatch):
    """The server picks events or a snapshot for a catch-up by the size of the room's last
    snapshot. A worker whose replica never built one is told that size, and gives it back: a
    catch-up it answers with events must not leave the server believing the snapshot is empty."""
    t = await trainer(server)
    await set_phase(t, scenario, "etat_des_lieux")
    a = await join(server, "Awa", scenario.personas[0].id)
    for i in range(3):
        assert (await act(a, note(scenario, f"Note {i}")))["t"] == protocol.ACK
    room = server.rooms[server.room]
    actor = Actor.trainer()
    room.welcome_frame(actor, None)  # the server knows its snapshot's size
    size = room.snapshot_size()
    assert size > 0
    monkeypatch.setattr(welcomer, "RESTART_AFTER", 0.0)
    server.snapshots.worker._failed()  # a new worker: no replica, no snapshot built yet
    seq, frame = await server.snapshots.build(room, actor, room.state.seq - 2, None, False,
                                              server._quiet)
    assert seq == room.state.seq and b"events" in frame
    assert frame == room.welcome_frame(actor, room.state.seq - 2, None)
    assert server.snapshots.worker.started == 2 and room.snapshot_size() == size
    await a.close()
    await t.close()


def test_the_worker_builds_welcomes_before_the_replicas_asked_in_advance():
    """Its inbox: welcomes first, then the warms, at most REPLICAS of them (the latest)."""
    import io
    import threading

    warms = [{"room": f"R{i}", "seq": i} for i in range(welcomer.REPLICAS + 2)]
    stream = io.BytesIO(b"".join(welcomer._pack(m) for m in [*warms, {"id": 1, "room": "X"}]))
    inbox = welcomer._Inbox(stream)
    read = threading.Event()
    for _ in range(500):  # until the reading thread got to the end of the stream (≤ 5 s)
        if inbox.closed:
            break
        read.wait(0.01)
    assert inbox.next() == {"id": 1, "room": "X"}
    assert [inbox.next() for _ in range(welcomer.REPLICAS)] == warms[2:]
    assert inbox.next() is None


async def test_a_stuck_worker_is_killed_at_once_and_the_welcome_built_by_a_fork(server, scenario,
                                                                                 monkeypatch):
    """A worker that does not answer in time (stopped here) is killed, not waited on: the
    loop goes on, the welcome comes from a fork."""
    t = await trainer(server)  # its welcome started the worker
    worker = server.snapshots.worker
    assert worker.proc is not None
    monkeypatch.setattr(welcomer, "TIMEOUT", 0.5)
    stuck = worker.proc
    stuck.send_signal(signal.SIGSTOP)
    room = server.rooms[server.room]
    loop = asyncio.get_running_loop()
    began = loop.time()
    seq, frame = await server.snapshots.build(room, Actor.spectator(), None, None, False,
                                              server._quiet)
    assert loop.time() - began < 1.5  # 0.5 s of timeout, no 2 s wait for the stuck worker
    assert frame == room.welcome_frame(Actor.spectator(), None) and seq == room.state.seq
    assert worker.proc is None and server.snapshots.forks == 1
    await loop.run_in_executor(None, stuck.wait, 5)  # killed (SIGKILL ends a stopped process)
    assert stuck.returncode == -signal.SIGKILL
    await t.close()


async def test_a_worker_running_other_code_is_refused(server, scenario, monkeypatch):
    """The package was upgraded while the server runs: a worker started now would run other
    code than the server's. It says so, and welcomes are built by forks (the server's code)
    until the server restarts."""
    monkeypatch.setattr(welcomer, "CODE_ID", "as-before-the-upgrade")
    t = await trainer(server)
    worker = server.snapshots.worker
    assert worker.started == 1 and worker.closed and worker.proc is None
    assert server.snapshots.forks == 1 and t.welcome["seq"] == server.rooms[server.room].state.seq
    assert not worker.usable()
    await t.close()

"""A data directory that becomes full or read-only: actions are refused with `storage`, the
server keeps serving what it has (rejoins, presence, pings), nothing acknowledged is lost, and it
recovers when the disk does. Faults are real SQLite errors on the writer's connection (a page
limit: SQLITE_FULL; `query_only`: SQLITE_READONLY) or a COMMIT that fails and leaves its
transaction open (what a full disk may do)."""

from __future__ import annotations

import asyncio
import logging
import sqlite3

import pytest

from ilot.game.core.replay import replay
from ilot.game.net import protocol
from ilot.game.net.client import ConnectError, Connection
from ilot.server.app import IlotServer
from ilot.server.attendance import ConnectionRecorder
from ilot.server.store import Store

from .conftest import join, opened, server_until, set_phase, trainer, until


class FailingCommits:
    """The writer's connection, whose COMMIT fails (transaction left open) while `failing`."""

    def __init__(self, db: sqlite3.Connection):
        self.db, self.failing, self.commits = db, False, 0

    def execute(self, sql: str, *args):
        if sql == "COMMIT":
            self.commits += 1
            if self.failing:
                raise sqlite3.OperationalError("database or disk is full")
        return self.db.execute(sql, *args)

    def __getattr__(self, name: str):
        return getattr(self.db, name)


async def on_writer(srv: IlotServer, sql: str) -> None:
    """Run `sql` on the writer's connection, on its thread, between two commits."""
    await asyncio.get_running_loop().run_in_executor(srv._writer, srv._writer_store.db.execute,
                                                     sql)


async def fault(srv: IlotServer, mode: str, on: bool) -> None:
    if mode == "commit":
        srv._writer_store.db.failing = on
    elif mode == "readonly":
        await on_writer(srv, f"PRAGMA query_only={int(on)}")
    else:  # full: no page beyond those the file has now
        pages = srv._writer_store.db.execute("PRAGMA page_count").fetchone()[0]
        await on_writer(srv, f"PRAGMA max_page_count={pages if on else 1 << 30}")


async def note(conn: Connection, scenario, text: str) -> dict:
    """Add a note; its ack, reject or error."""
    aid = conn.next_id()
    await conn.act({"id": aid, "type": "add_note", "space": scenario.spaces[0].id,
                    "kind": "idee", "text": text})
    return await until(conn, lambda m: m.get("id") == aid
                       and m["t"] in (protocol.ACK, protocol.REJECT, protocol.ERROR))


@pytest.mark.parametrize("mode", ["full", "readonly", "commit"])
async def test_disk_trouble_refuses_keeps_serving_and_recovers(tmp_path, scenario, mode):
    data = tmp_path / "data"
    srv = IlotServer(data)
    await srv.start("127.0.0.1", 0)
    srv.storage_retry = 0.0  # every batch is tried: the disk decides
    if mode == "commit":
        srv._writer_store.db = FailingCommits(srv._writer_store.db)
    srv.room, srv.trainer_code = srv.create_room(scenario, seed=7)
    t = await trainer(srv)
    a = await join(srv, "Awa", scenario.personas[0].id)
    b = await join(srv, "Bruno", scenario.personas[1].id)
    await set_phase(t, scenario, "etat_des_lieux")
    acked, refused = [], []

    async def notes(prefix: str, n: int) -> None:
        for i in range(n):
            text = f"{prefix} {i} " + "x" * 1500  # large: a full file needs pages soon
            reply = await note(a, scenario, text)
            if reply["t"] == protocol.ACK:
                acked.append(text)
            else:
                assert reply["t"] == protocol.ERROR and reply["code"] == "storage", reply
                refused.append(text)

    await notes("avant", 2)
    assert len(acked) == 2
    await fault(srv, mode, True)
    await notes("pendant", 8)
    assert refused, "the fault refused nothing"
    assert refused[-1].startswith("pendant 7")
    # what the server has is still served: a rejoin by token, a spectator, pings, presence
    token = b.welcome["token"]
    await b.close()
    again = await opened(srv.url, {"as": "participant", "room": srv.room, "token": token})
    texts = {n.text for n in again.mirror.state.notes.values()}
    assert set(acked) <= texts and not set(refused) & texts
    watcher = await opened(srv.url, {"as": "spectator", "room": srv.room})
    await a.send({"t": "ping", "n": 3})
    assert (await until(a, lambda m: m["t"] == "pong"))["n"] == 3
    presence = await until(t, lambda m: m["t"] == protocol.PRESENCE and m["spectators"] == 1)
    assert again.welcome["you"]["id"] in presence["connected"]
    if mode != "full":  # (a seat's few rows may still fit in the last page of a full file)
        with pytest.raises(ConnectError) as refusal:
            await join(srv, "Chloé")
        assert refusal.value.code == 1011 and refusal.value.reason.startswith("storage")
    await fault(srv, mode, False)
    before = len(acked)
    await notes("après", 3)
    assert len(acked) == before + 3  # recovered with the disk
    for c in (t, a, again, watcher):
        await c.close()
    await srv.stop()
    # after a restart: every acknowledged note is there, no refused one
    srv = IlotServer(data)
    await srv.start("127.0.0.1", 0)
    try:
        room = srv.rooms[next(iter(srv.rooms))]
        texts = {n.text for n in room.state.notes.values()}
        assert set(acked) <= texts and not set(refused) & texts
        stored = srv.store.events(room.code)
        assert [e.seq for e in stored] == list(range(1, len(stored) + 1))
        assert replay(room.scenario, stored).seq == room.state.seq
    finally:
        await srv.stop()


async def test_after_a_failed_commit_the_disk_is_retried_later_not_at_every_action(
        server, scenario):
    server._writer_store.db = db = FailingCommits(server._writer_store.db)
    server.storage_retry = 0.5
    t = await trainer(server)
    a = await join(server, "Awa", scenario.personas[0].id)
    await set_phase(t, scenario, "etat_des_lieux")
    db.failing = True
    commits = db.commits
    assert (await note(a, scenario, "essai"))["code"] == "storage"
    assert db.commits == commits + 1 and server.storage_down()
    for i in range(3):  # refused untried: no commit, no replay of the room
        assert (await note(a, scenario, f"refusée {i}"))["code"] == "storage"
    assert db.commits == commits + 1
    with pytest.raises(ConnectError) as refusal:
        await join(server, "Chloé")
    assert refusal.value.reason.startswith("storage")
    db.failing = False
    await server_until(lambda: not server.storage_down())
    assert (await note(a, scenario, "enfin"))["t"] == protocol.ACK
    assert not server.storage_down()
    for c in (t, a):
        await c.close()


async def test_create_room_on_a_failing_disk_answers_storage(server, scenario):
    org_key = server.organiser_key
    org = await Connection.open(server.url, {"as": "organiser", "key": org_key}, timeout=5)
    server.store.db.execute("PRAGMA query_only=1")
    try:
        await org.send({"t": "create_room", "scenario": scenario.model_dump(mode="json")})
        reply = await org.recv(5)
        assert reply["t"] == protocol.ERROR and reply["code"] == "storage"
        assert len(server.rooms) == 1
    finally:
        server.store.db.execute("PRAGMA query_only=0")
    await org.send({"t": "create_room", "scenario": scenario.model_dump(mode="json")})
    assert (await org.recv(5))["t"] == protocol.ROOM_CREATED
    await org.close()


def test_a_commit_that_fails_leaves_no_transaction_open(tmp_path):
    store = Store(tmp_path / "ilot.sqlite")
    store.db = db = FailingCommits(store.db)
    db.failing = True
    with pytest.raises(sqlite3.OperationalError):
        store.set_meta("a", "1")  # (autocommit: no transaction)
        with store._tx() as tx:
            tx.execute("INSERT INTO meta (key, value) VALUES ('b', '2')")
    assert not store.db.in_transaction and store.meta("b") is None
    db.failing = False
    with store._tx() as tx:  # the next transaction works
        tx.execute("INSERT INTO meta (key, value) VALUES ('b', '3')")
    assert store.meta("b") == "3"
    store.close()


def test_attendance_rows_are_kept_and_the_trouble_logged_once(tmp_path, caplog):
    path = tmp_path / "ilot.sqlite"
    Store(path).close()
    rec = ConnectionRecorder(path)
    rec.db = db = FailingCommits(rec.db)
    rec.start()
    db.failing = True
    from ilot.game.core.decide import Actor
    with caplog.at_level(logging.INFO, logger="ilot.server"):
        for i in range(5):
            rec.connected("ROOM", Actor.participant(f"p{i}"), t=float(i))
            rec.flush()
        assert rec.failing
        db.failing = False
        rec.disconnected("ROOM", Actor.participant("p0"), t=9.0)
        rec.flush()
    assert not rec.failing
    warnings = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert len(warnings) == 1
    rows = rec.db.execute("SELECT who, kind FROM connections ORDER BY id").fetchall()
    assert rows == [(f"p{i}", "connect") for i in range(5)] + [("p0", "disconnect")]
    rec.stop()

"""Connections and disconnections per seat, in the store beside the log (server/attendance.py)."""

from __future__ import annotations

import sqlite3

from ilot.game.core.decide import Actor
from ilot.game.storage import StoreReader
from ilot.server.app import IlotServer
from ilot.server.attendance import ALIVE_AT

from .conftest import SHORT, join, trainer, until


def _kinds(rows, who):
    return [r["kind"] for r in rows if r["who"] == who]


async def test_connect_disconnect_reconnect_survive_a_restart(tmp_path, scenario):
    data = tmp_path / "data"
    srv = IlotServer(data)
    await srv.start("127.0.0.1", 0)
    room, code = srv.create_room(scenario, seed=1)
    srv.room, srv.trainer_code = room, code
    t = await trainer(srv)
    a = await join(srv, "Awa")
    pid = a.welcome["you"]["id"]
    token = a.welcome["token"]
    await a.close()
    # the trainer hears the departure once the server has handled it (and queued its row)
    await until(t, lambda m: m["t"] == "presence" and pid not in m["connected"])
    a = await join(srv, "Awa", token=token)
    srv.recorder.flush()
    rows = StoreReader(data).connections(room)
    assert _kinds(rows, pid) == ["connect", "disconnect", "connect"]
    assert _kinds(rows, "trainer") == ["connect"]
    assert [r["actor"] for r in rows if r["who"] == pid] == ["participant"] * 3
    assert rows == sorted(rows, key=lambda r: r["t"])
    await a.close()
    await t.close()
    await srv.stop()  # a proper stop: every disconnection is written
    rows = StoreReader(data).connections(room)
    assert _kinds(rows, pid) == ["connect", "disconnect", "connect", "disconnect"]
    assert _kinds(rows, "trainer") == ["connect", "disconnect"]
    assert not any(r["inferred"] for r in rows)

    srv = IlotServer(data)
    await srv.start("127.0.0.1", 0)
    try:
        assert StoreReader(data).connections(room) == rows  # nothing added, nothing lost
    finally:
        await srv.stop()


async def test_a_crash_leaves_open_connections_closed_at_the_last_known_time(tmp_path, scenario):
    data = tmp_path / "data"
    srv = IlotServer(data)
    await srv.start("127.0.0.1", 0)
    room, _ = srv.create_room(scenario, seed=1)
    await srv.stop()
    # what a killed server leaves: two connections open, the last heartbeat at 1000.0
    db = sqlite3.connect(data / "ilot.sqlite3")
    db.executemany("INSERT INTO connections (room, actor, who, kind, t) VALUES (?, ?, ?, ?, ?)",
                   [(room, "participant", "p1", "connect", 900.0),
                    (room, "participant", "p2", "connect", 950.0),
                    (room, "participant", "p2", "disconnect", 960.0),
                    (room, "trainer", "trainer", "connect", 990.0)])
    db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (ALIVE_AT, "1000.0"))
    db.commit()
    db.close()
    srv = IlotServer(data)
    await srv.start("127.0.0.1", 0)
    try:
        rows = StoreReader(data).connections(room)
        closed = [(r["who"], r["t"]) for r in rows if r["inferred"]]
        assert sorted(closed) == [("p1", 1000.0), ("trainer", 1000.0)]
        assert _kinds(rows, "p2") == ["connect", "disconnect"]
        # the heartbeat goes on: a later crash is closed at a later time
        srv.recorder.connected(room, Actor.participant("p3"), t=2000.0)
        srv.recorder.flush()
    finally:
        await srv.stop()
    rows = StoreReader(data).connections(room)
    assert _kinds(rows, "p3") == ["connect"]  # recorded directly, never disconnected


async def test_spectators_are_not_recorded(server):
    from .conftest import opened

    s = await opened(server.url, {"as": "spectator", "room": server.room})
    await s.close()
    server.recorder.flush()
    assert StoreReader(server.data_dir).connections(server.room) == []


def test_a_store_from_before_has_no_connection_rows(tmp_path, scenario):
    data = tmp_path / "data"
    srv = IlotServer(data)
    srv.create_room(scenario, seed=1)
    room = next(iter(srv.rooms))
    srv.store.db.execute("DROP TABLE connections")  # as written before they were recorded
    srv.recorder.db.close()
    srv._writer_store.close()
    srv.store.close()
    reader = StoreReader(data)
    try:
        assert reader.connections(room) == []
    finally:
        reader.close()


async def test_a_killed_server_s_open_connections_are_closed_at_the_next_start(tmp_path, scenario):
    import asyncio
    import os
    import signal

    from .conftest import opened, server_until
    from .test_crash import start_server

    data = tmp_path / "data"
    proc, info = await start_server(data, "--scenario", str(SHORT))
    try:
        a = await opened(info["url"], {"as": "participant", "room": info["room"], "name": "Awa"})
        pid = a.welcome["you"]["id"]

        def written() -> bool:
            reader = StoreReader(data)
            try:
                return bool(reader.connections(info["room"]))
            finally:
                reader.close()
        await server_until(written, timeout=10)  # the row reaches the file on its own thread
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        await asyncio.get_running_loop().run_in_executor(None, proc.wait)
    srv = IlotServer(data)
    await srv.start("127.0.0.1", 0)
    await srv.stop()
    rows = StoreReader(data).connections(info["room"])
    mine = [r for r in rows if r["who"] == pid]
    assert [(r["kind"], r["inferred"]) for r in mine] == [("connect", False), ("disconnect", True)]
    assert mine[1]["t"] >= mine[0]["t"]

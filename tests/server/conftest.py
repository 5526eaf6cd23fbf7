"""Fixtures: a real IlotServer on 127.0.0.1 port 0 with its SQLite store in tmp_path."""

from __future__ import annotations

import asyncio
import contextlib
from pathlib import Path

import pytest

from ilot.game.core import load_scenario
from ilot.game.net import protocol
from ilot.game.net.client import Connection
from ilot.game.net.mirror import Mirror
from ilot.server.app import IlotServer

ROOT = Path(__file__).resolve().parents[2]
SHORT = ROOT / "scenarios" / "petit_ilot.json"
RICH = ROOT / "scenarios" / "ilot_des_tilleuls.json"


@pytest.fixture(scope="session")
def scenario():
    return load_scenario(SHORT if SHORT.exists() else RICH)


@contextlib.asynccontextmanager
async def serving(data, scenario, **options):
    """A started server with one room of `scenario` (`srv.room`, `srv.trainer_code`)."""
    srv = IlotServer(data, **options)
    await srv.start("127.0.0.1", 0)
    srv.room, srv.trainer_code = srv.create_room(scenario, seed=424242)
    try:
        yield srv
    finally:
        await srv.stop()


@pytest.fixture
async def server(tmp_path, scenario):
    async with serving(tmp_path / "data", scenario) as srv:
        yield srv


@pytest.fixture
async def rich_server(tmp_path):
    """A server with a room of the rich scenario, fast enough for a scripted session
    (PROTOCOL.md's schema and reference-client tests)."""
    scenario = load_scenario(RICH)
    srv = IlotServer(tmp_path / "data", rate=1000.0, burst=1000)  # a fast script
    await srv.start("127.0.0.1", 0)
    srv.room, srv.trainer_code = srv.create_room(scenario, seed=424242)
    srv.scenario = scenario
    try:
        yield srv
    finally:
        await srv.stop()


async def opened(url: str, hello: dict) -> Connection:
    """A connection with a `mirror` (its rebuilt state) and `inbox` (every message read)."""
    conn = await Connection.open(url, hello, timeout=5)
    conn.mirror = Mirror(conn.welcome) if "state" in conn.welcome else None
    conn.inbox = []
    return conn


async def join(srv, name: str, persona: str | None = None, **extra) -> Connection:
    hello = {"as": "participant", "room": srv.room, "name": name, **extra}
    if persona:
        hello["persona"] = persona
    return await opened(srv.url, hello)


async def trainer(srv) -> Connection:
    return await opened(srv.url, {"as": "trainer", "room": srv.room, "code": srv.trainer_code})


async def server_until(cond, timeout: float = 5.0) -> None:
    """Wait until `cond()` holds (a server-side condition, polled), or fail."""
    loop = asyncio.get_running_loop()
    end = loop.time() + timeout
    while not cond():
        assert loop.time() < end, "condition not reached in time"
        await asyncio.sleep(0.005)


async def until(conn: Connection, pred, timeout: float = 5.0) -> dict:
    """Read messages until one satisfies `pred`; return it (fails on timeout).

    Every message read is kept in `conn.inbox` and events are applied to `conn.mirror`.
    """
    loop = asyncio.get_running_loop()
    end = loop.time() + timeout
    while True:
        left = end - loop.time()
        if left <= 0:
            raise AssertionError("expected message not received in time")
        msg = await conn.recv(timeout=left)
        conn.inbox.append(msg)
        if msg["t"] == protocol.EVENTS and getattr(conn, "mirror", None) is not None:
            conn.mirror.apply(msg["events"])
        if pred(msg):
            return msg


async def synced(conn: Connection, seq: int, timeout: float = 5.0) -> None:
    """Wait until the connection's mirror has applied every event up to `seq`."""
    if conn.mirror.seq < seq:
        await until(conn, lambda m: conn.mirror.seq >= seq, timeout)


async def answer(conn: Connection, aid: str, timeout: float = 5.0) -> dict:
    """The ack or reject for action `aid`."""
    return await until(conn, lambda m: m["t"] in (protocol.ACK, protocol.REJECT)
                       and m.get("id") == aid, timeout)


async def act(conn: Connection, action: dict, timeout: float = 5.0) -> dict:
    action = dict(action)
    action.setdefault("id", conn.next_id())
    await conn.act(action)
    return await answer(conn, action["id"], timeout)


async def set_phase(conn: Connection, scenario, kind: str) -> dict:
    idx = next(i for i, p in enumerate(scenario.phases) if p.kind == kind)
    reply = await act(conn, {"type": "set_phase", "phase": idx})
    assert reply["t"] == protocol.ACK, reply
    return reply

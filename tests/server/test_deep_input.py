"""Deeply nested input, in every field that takes JSON or msgpack, and protocol versions that are
not the integer 1: each gets its documented answer, never a 1011 close nor a traceback."""

from __future__ import annotations

import gzip
import logging

import msgpack
import pytest

from ilot.game.net import protocol
from ilot.game.net.client import ConnectError, Connection
from ilot.server.app import IlotServer

from .conftest import SHORT, act, join, until

BOMB = b"[" * 1000 + b"]" * 1000  # 66 bytes gzipped: json.loads hits the recursion limit


def nested(depth: int) -> object:
    x: object = []
    for _ in range(depth):
        x = [x]
    return x


def deep_frame(msg_head: bytes, depth: int) -> bytes:
    """A msgpack frame whose last value is a list nested `depth` deep (fixarray of one)."""
    return msg_head + b"\x91" * depth + b"\x90"


@pytest.fixture
async def organiser(tmp_path):
    srv = IlotServer(tmp_path)
    await srv.start()
    org = await Connection.open(srv.url, {"as": "organiser", "key": srv.organiser_key})
    try:
        yield srv, org
    finally:
        await org.close()
        await srv.stop()


async def test_the_nesting_bomb_in_create_room(organiser, caplog):
    _srv, org = organiser
    caplog.set_level(logging.ERROR)
    await org.send({"t": "create_room", "scenario_gz": gzip.compress(BOMB)})
    err = await org.recv(5)
    assert err["t"] == protocol.ERROR and err["code"] == "bad_scenario"
    assert "imbriquées trop profondément" in err["detail"][0]
    # the scenario as a map nested deep, and a deep value inside an otherwise fine scenario
    await org.send({"t": "create_room", "scenario": {"id": nested(400)}})
    err = await org.recv(5)
    assert err["code"] == "bad_scenario" and "trop profondément" in err["detail"][0]
    # JSON that is not JSON: the line and column, as `ilot scenario check` says it
    await org.send({"t": "create_room", "scenario_gz": gzip.compress(b'{"id": "x",\n  "title": }')})
    err = await org.recv(5)
    assert err["code"] == "bad_scenario" and "JSON invalide" in err["detail"][0]
    # the connection is still open and the organiser can still create a room
    gz = gzip.compress(SHORT.read_bytes())
    await org.send({"t": "create_room", "scenario_gz": gz})
    assert (await org.recv(5))["t"] == protocol.ROOM_CREATED
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


@pytest.mark.parametrize("depth", [100, 5000, 60_000])
async def test_deep_msgpack_in_act_and_create_room(server, depth, caplog):
    caplog.set_level(logging.ERROR)
    a = await join(server, "Awa", "josiane")
    # {"t": "act", "a": {"id": "d1", "type": "add_note", "text": <deep>}}
    frame = (b"\x82" + msgpack.packb("t") + msgpack.packb("act") + msgpack.packb("a")
             + b"\x83" + msgpack.packb("id") + msgpack.packb("d1") + msgpack.packb("type")
             + msgpack.packb("add_note") + msgpack.packb("text"))
    await a.ws.send(deep_frame(frame, depth))
    answer = await until(a, lambda m: m["t"] in (protocol.ERROR, protocol.REJECT))
    assert answer.get("code") in (protocol.ERR_BAD_FRAME, "invalid_action", "wrong_phase")
    cr = b"\x82" + msgpack.packb("t") + msgpack.packb("create_room") + msgpack.packb("scenario")
    await a.ws.send(deep_frame(cr, depth))
    err = await until(a, lambda m: m["t"] == protocol.ERROR)
    assert err["code"] in (protocol.ERR_BAD_FRAME, protocol.ERR_BAD_MESSAGE)
    assert (await act(a, {"type": "write_expectation", "text": "Toujours là"}))["t"] == protocol.ACK
    await a.close()
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


@pytest.mark.parametrize("v", ["1", 1.0, True, None, [1], 2])
async def test_the_protocol_version_is_the_integer_1(server, v):
    with pytest.raises(ConnectError) as info:
        await Connection.open(server.url, {"as": "participant", "room": server.room, "name": "X",
                                           "v": v}, timeout=5)
    expected = protocol.CLOSE_VERSION if v == 2 and not isinstance(v, bool) \
        else protocol.CLOSE_BAD_HELLO
    assert info.value.code == expected


async def test_a_deep_hello_is_refused_as_a_bad_hello(server):
    with pytest.raises(ConnectError) as info:
        await Connection.open(server.url, {"as": "participant", "room": server.room,
                                           "name": nested(300)}, timeout=5)
    assert info.value.code == protocol.CLOSE_BAD_HELLO


async def test_trainer_hello_without_or_with_an_empty_code(server):
    for hello, close in (({}, protocol.CLOSE_BAD_CREDENTIALS),
                         ({"code": ""}, protocol.CLOSE_BAD_HELLO)):
        with pytest.raises(ConnectError) as info:
            await Connection.open(server.url, {"as": "trainer", "room": server.room, **hello},
                                  timeout=5)
        assert info.value.code == close, hello


async def test_ping_n_is_an_integer(server):
    a = await join(server, "Awa")
    await a.send({"t": "ping", "n": 7})
    assert (await until(a, lambda m: m["t"] == "pong"))["n"] == 7
    await a.send({"t": "ping"})
    assert (await until(a, lambda m: m["t"] == "pong"))["n"] is None
    await a.send({"t": "ping", "n": "7"})
    assert (await until(a, lambda m: m["t"] == protocol.ERROR))["code"] == protocol.ERR_BAD_MESSAGE
    await a.close()

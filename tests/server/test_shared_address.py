"""A training group behind one office address: one person guessing join codes gets the address
blocked for guesses, and the 24 others still rejoin their seats, the trainer still comes in."""

from __future__ import annotations

import asyncio

import pytest

from ilot.game.net import protocol
from ilot.game.net.client import ConnectError, Connection
from ilot.server.app import IlotServer


async def _refused(url: str, hello: dict) -> int:
    with pytest.raises(ConnectError) as info:
        await Connection.open(url, hello, timeout=5)
    return info.value.code


async def test_shared_address(tmp_path, scenario):
    srv = IlotServer(tmp_path, fail_rate=0.001, fail_burst=5)  # no refill during the test
    await srv.start()
    try:
        room, trainer_code = srv.create_room(scenario)
        seats = []
        for i in range(24):
            c = await Connection.open(srv.url, {"as": "participant", "room": room,
                                                "name": f"Stagiaire {i + 1}"}, timeout=5)
            seats.append((c.welcome["you"]["id"], c.welcome["token"]))
            await c.close()
        # the 25th guesses join codes until the address is blocked
        codes = [await _refused(srv.url, {"as": "spectator", "room": f"GUESS{i:03d}"})
                 for i in range(8)]
        assert codes[:5] == [protocol.CLOSE_UNKNOWN_ROOM] * 5
        assert codes[5:] == [protocol.CLOSE_RATE_LIMITED] * 3
        # every seat comes back with its token, at once, from the same address
        back = await asyncio.gather(*(Connection.open(
            srv.url, {"as": "participant", "room": room, "token": token}, timeout=5)
            for _, token in seats))
        assert [c.welcome["you"]["id"] for c in back] == [pid for pid, _ in seats]
        trainer = await Connection.open(srv.url, {"as": "trainer", "room": room,
                                                  "code": trainer_code}, timeout=5)
        assert trainer.welcome["you"]["kind"] == "trainer"
        # (closed together: unread presence frames make each close wait for its timeout)
        await asyncio.gather(*(c.close() for c in [*back, trainer]))
        # while blocked, what is guessed learns nothing: a token for a room that does not exist,
        # a wrong token for one that does, a new seat, a wrong trainer code: all rate_limited
        assert await _refused(srv.url, {"as": "participant", "room": "NOPE2345",
                                        "token": seats[0][1]}) == protocol.CLOSE_RATE_LIMITED
        assert await _refused(srv.url, {"as": "participant", "room": room,
                                        "token": "x" * 32}) == protocol.CLOSE_RATE_LIMITED
        assert await _refused(srv.url, {"as": "participant", "room": room,
                                        "name": "Nouveau"}) == protocol.CLOSE_RATE_LIMITED
        assert await _refused(srv.url, {"as": "trainer", "room": room,
                                        "code": "AAAA-BBBB-CCCC"}) == protocol.CLOSE_RATE_LIMITED
    finally:
        await srv.stop()

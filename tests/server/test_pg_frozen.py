"""A server that stops answering without dying (SIGSTOP: a paused virtual machine, a stuck
process) on a PostgreSQL store: after the hold time (`ilot serve --hold`) PostgreSQL ends its
writer session, another server takes its room over, and when the frozen one runs again it finds
the room lost and sends its clients to the new holder (`moved`)."""

from __future__ import annotations

import asyncio
import signal

import pytest

from ilot.game.net import protocol
from ilot.game.net.client import ConnectError, Connection
from ilot.server.app import IlotServer

from .conftest import SHORT, opened, set_phase, until
from .test_crash import start_server
from .test_pg_outage import logged_texts
from .test_pg_takeover import note

HOLD = 2.0


async def test_a_frozen_server_loses_its_room_to_another(tmp_path, pg_url, scenario):
    proc, a = await start_server(pg_url, "--scenario", str(SHORT), "--hold", str(HOLD))
    b = IlotServer(tmp_path / "b", store_url=pg_url, hold=HOLD)
    await b.start("127.0.0.1", 0)
    loop = asyncio.get_running_loop()
    frozen: float | None = None
    try:
        room = a["room"]
        t = await opened(a["url"], {"as": "trainer", "room": room, "code": a["code"]})
        await set_phase(t, scenario, "etat_des_lieux")
        p = await opened(a["url"], {"as": "participant", "room": room, "name": "Awa",
                                    "persona": scenario.personas[0].id})
        await note(p, scenario, "avant")
        rejoin = {"t": protocol.HELLO, "v": 1, "as": "participant", "room": room,
                  "token": p.welcome["token"]}
        # a runs, idle for longer than the hold: it keeps its room, b sends the player to a
        await asyncio.sleep(HOLD * 1.5)  # a duration under test, not a synchronisation
        with pytest.raises(ConnectError) as held:
            await Connection.open(b.url, rejoin, redirects=0)
        assert held.value.code == protocol.CLOSE_MOVED

        proc.send_signal(signal.SIGSTOP)
        frozen = loop.time()
        while True:  # the player's client retries at b until b takes the room
            try:
                back = await opened_at(b.url, rejoin)
                break
            except ConnectError as exc:
                assert exc.code == protocol.CLOSE_MOVED, exc
                assert loop.time() - frozen < HOLD + 10, "b never took the frozen server's room"
                await asyncio.sleep(0.2)  # a client's retry interval, not a synchronisation
        took = loop.time() - frozen
        # not before a's session had been silent for the hold time (it beats every HOLD / 4)
        assert took >= HOLD * 0.75 - 0.1, took
        assert [n["text"] for n in notes(back.welcome["state"])] == ["avant"]
        await note(back, scenario, "après")

        proc.send_signal(signal.SIGCONT)
        frozen = None
        # a finds its room lost at its next beat and sends its clients to b
        moved = await until(p, lambda m: m.get("t") == protocol.ERROR, timeout=HOLD + 10)
        assert moved["code"] == "moved" and moved["url"] == b.url, moved
        again = await opened(a["url"], rejoin)  # the project's client follows the redirect
        assert again.url == b.url
        assert logged_texts(b, room) == ["avant", "après"]
        for c in (again, back):
            await c.close()
    finally:
        if frozen is not None:
            proc.send_signal(signal.SIGCONT)
        proc.send_signal(signal.SIGTERM)
        proc.wait(20)
        await b.stop()


async def opened_at(url: str, hello: dict) -> Connection:
    """A connection to this very server (a redirect is an error here)."""
    conn = await Connection.open(url, hello, timeout=5, redirects=0)
    conn.inbox = []
    conn.mirror = None
    return conn


def notes(state: dict) -> list[dict]:
    found = state["notes"]
    return list(found.values()) if isinstance(found, dict) else list(found)


async def test_a_server_that_ran_again_sends_a_hello_on_before_it_welcomes_into_a_lost_room(
        tmp_path, pg_url, scenario):
    """What a freeze longer than the hold leaves, made without the wait: A's writer session
    ended (as PostgreSQL ends a frozen server's), B took the room and played on, and A's last
    word from the database is older than half the hold (time went by while A was stopped). A
    hello that reaches A before its next beat is sent to B (`moved`), never welcomed by A with
    the state A had when it stopped."""
    from .test_pg_outage import session, started, terminate

    a_srv = await started(tmp_path, pg_url, "a")
    b_srv = await started(tmp_path, pg_url, "b")
    try:
        t, p = await session(a_srv, scenario)  # the trainer and Awa, in a room held by A
        room = a_srv.room
        await note(p, scenario, "avant")
        assert terminate(pg_url, "ilot-writer") == 2  # both writers; A's held the room's lock
        c = await opened(b_srv.url, {"as": "participant", "room": room, "name": "Chloé",
                                     "persona": scenario.personas[1].id})
        assert c.url == b_srv.url
        await note(c, scenario, "chez B")
        assert room in a_srv.rooms  # A has not beaten since: it believes it holds the room
        a_srv.takeover.alive_at -= a_srv._writer_store.hold  # A was stopped that long
        rejoin = {"t": protocol.HELLO, "v": 1, "as": "participant", "room": room,
                  "token": p.welcome["token"]}
        with pytest.raises(ConnectError) as sent:
            await Connection.open(a_srv.url, rejoin, redirects=0)
        assert sent.value.code == protocol.CLOSE_MOVED, sent.value
        assert room not in a_srv.rooms
        back = await opened(a_srv.url, rejoin)  # the project's client follows the redirect
        assert back.url == b_srv.url
        assert [n["text"] for n in notes(back.welcome["state"])] == ["avant", "chez B"]
        for conn in (t, back, c):
            await conn.close()
    finally:
        await a_srv.stop()
        await b_srv.stop()

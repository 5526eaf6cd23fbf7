"""Several servers on one PostgreSQL store: a room is held by one server at a time; a hello at
another is sent to the holder (`moved`, close 4010); when the holder stops or dies, another
takes the room over from the log."""

from __future__ import annotations

from ilot.game.net import protocol
from ilot.game.net.client import ConnectError, Connection
from ilot.server.app import IlotServer

from .conftest import act, opened, set_phase
from .protocol_session import load_reference_client


async def note(conn, scenario, text="Un banc à l'ombre") -> dict:
    reply = await act(conn, {"type": "add_note", "space": scenario.spaces[0].id,
                             "kind": "force", "text": text})
    assert reply["t"] == protocol.ACK, reply
    return reply


async def _servers(tmp_path, pg_url, n=2):
    out = []
    for i in range(n):
        srv = IlotServer(tmp_path / f"d{i}", store_url=pg_url)
        await srv.start("127.0.0.1", 0)
        out.append(srv)
    return out


async def test_a_hello_at_the_wrong_server_is_sent_to_the_holder(tmp_path, pg_url, scenario):
    a, b = await _servers(tmp_path, pg_url)
    try:
        room, code = a.create_room(scenario, seed=1)
        t = await opened(a.url, {"as": "trainer", "room": room, "code": code})
        await set_phase(t, scenario, "etat_des_lieux")
        hello = {"t": protocol.HELLO, "v": 1, "as": "participant", "room": room, "name": "Léa",
                 "persona": scenario.personas[0].id}
        # a bare client sees the answer: an error `moved` with the holder's URL, then close 4010
        try:
            await Connection.open(b.url, hello, redirects=0)
            raise AssertionError("b admitted a hello for a room a holds")
        except ConnectError as exc:
            assert exc.code == protocol.CLOSE_MOVED
        # the project's client follows it
        conn = await opened(b.url, hello)
        assert conn.url == a.url
        await note(conn, scenario)
        assert room in a.rooms and room not in b.rooms
        # so does the reference client written from PROTOCOL.md alone
        ref = load_reference_client().Client(b.url, room, name="Réf",
                                             persona=scenario.personas[1].id)
        welcome = await ref.connect()
        assert welcome["t"] == "welcome" and ref.url == a.url
        await ref.close()
        await conn.close()
        await t.close()
    finally:
        await a.stop()
        await b.stop()


async def test_a_room_is_taken_over_when_its_holder_stops(tmp_path, pg_url, scenario):
    a, b = await _servers(tmp_path, pg_url)
    try:
        room, code = a.create_room(scenario, seed=1)
        t = await opened(a.url, {"as": "trainer", "room": room, "code": code})
        await set_phase(t, scenario, "etat_des_lieux")
        conn = await opened(a.url, {"as": "participant", "room": room, "name": "Léa",
                 "persona": scenario.personas[0].id})
        token = conn.welcome["token"]
        seq = (await note(conn, scenario))["seq"]
        await conn.close()
    finally:
        await a.stop()
    try:
        back = await opened(b.url, {"as": "participant", "room": room, "token": token,
                                    "last_seq": 0})
        assert back.url == b.url and room in b.rooms
        assert b.rooms[room].state.seq == seq
        t = await opened(b.url, {"as": "trainer", "room": room, "code": code})
        assert t.welcome["seq"] == seq
        await back.close()
        await t.close()
    finally:
        await b.stop()

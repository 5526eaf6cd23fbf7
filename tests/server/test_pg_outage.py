"""A PostgreSQL store that fails: the same refusals as a failing disk (`storage`), recovery when
the database answers again, and a room lost to another server while the connection was cut.

The faults are real: the writer's backend terminated by PostgreSQL (`pg_terminate_backend`, as a
database restart or a network cut does), and a read-only session (`default_transaction_read_only`).
"""

from __future__ import annotations

import asyncio

import psycopg
import pytest

from ilot.game.net import protocol
from ilot.game.net.client import Connection
from ilot.server.app import IlotServer

from .conftest import opened, set_phase, until
from .test_disk_trouble import note


def terminate(url: str, application: str) -> int:
    """End the backends of `application` (PostgreSQL closes their connections); how many."""
    with psycopg.connect(url, autocommit=True) as admin:
        rows = admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                             "WHERE application_name = %s", (application,)).fetchall()
    return len(rows)


async def started(tmp_path, pg_url, name: str) -> IlotServer:
    srv = IlotServer(tmp_path / name, store_url=pg_url)
    await srv.start("127.0.0.1", 0)
    srv.storage_retry = 0.0  # every batch is tried: the database decides
    return srv


async def session(srv: IlotServer, scenario) -> tuple[Connection, Connection]:
    srv.room, srv.trainer_code = srv.create_room(scenario, seed=7)
    t = await opened(srv.url, {"as": "trainer", "room": srv.room, "code": srv.trainer_code})
    await set_phase(t, scenario, "etat_des_lieux")
    a = await opened(srv.url, {"as": "participant", "room": srv.room, "name": "Awa",
                               "persona": scenario.personas[0].id})
    return t, a


def logged_texts(srv: IlotServer, room: str) -> list[str]:
    return [e.data["text"] for e in srv.store.events(room) if e.type == "note_added"]


async def test_a_cut_connection_is_opened_again_and_its_rooms_taken_again(tmp_path, pg_url,
                                                                          scenario):
    srv = await started(tmp_path, pg_url, "a")
    try:
        t, a = await session(srv, scenario)
        assert (await note(a, scenario, "avant"))["t"] == protocol.ACK
        assert terminate(pg_url, "ilot-writer") == 1  # the room's lock went with it
        assert terminate(pg_url, "ilot-server") == 1
        assert (await note(a, scenario, "après"))["t"] == protocol.ACK
        assert srv._writer_store.db.reconnected == 1 and srv.room in srv._writer_store.held
        b = await opened(srv.url, {"as": "participant", "room": srv.room,
                                   "token": a.welcome["token"]})  # read on a new connection
        assert logged_texts(srv, srv.room) == ["avant", "après"]
        for c in (t, a, b):
            await c.close()
    finally:
        await srv.stop()


@pytest.fixture
def own_pg():
    """A PostgreSQL server of this test's own, to stop and start again."""
    from ilot.server.pgtemp import TempPostgres

    pg = TempPostgres().start()
    yield pg
    pg.stop()


@pytest.mark.parametrize("fault", ["down", "readonly"])
async def test_the_database_fails_actions_are_refused_then_it_recovers(tmp_path, request,
                                                                      scenario, fault):
    pg = request.getfixturevalue("own_pg") if fault == "down" else None
    pg_url = pg.url() if pg else request.getfixturevalue("pg_url")
    srv = await started(tmp_path, pg_url, "a")
    try:
        t, a = await session(srv, scenario)
        assert (await note(a, scenario, "avant"))["t"] == protocol.ACK
        loop = asyncio.get_running_loop()
        if pg is not None:
            await loop.run_in_executor(None, pg.pause)
        else:
            await loop.run_in_executor(srv._writer, srv._writer_store.db.execute,
                                       "SET default_transaction_read_only = on")
        refused = await note(a, scenario, "pendant")
        assert refused["t"] == protocol.ERROR and refused["code"] == "storage", refused
        assert srv.storage_down() or srv.storage_retry == 0.0
        if fault == "readonly":  # the server keeps serving what it has: a rejoin
            b = await opened(srv.url, {"as": "participant", "room": srv.room,
                                       "token": a.welcome["token"]})
            assert b.welcome["seq"] == srv.rooms[srv.room].state.seq
            await b.close()
            await loop.run_in_executor(srv._writer, srv._writer_store.db.execute,
                                       "SET default_transaction_read_only = off")
        else:  # the room could not be rebuilt from the log: let go, its clients closed (1011)
            await a.ws.wait_closed()
            assert a.close_code == 1011 and srv.room not in srv.rooms
            await loop.run_in_executor(None, pg.resume)
            # they come back (as the client does after a 1011): the room is taken from the log
            a = await opened(srv.url, {"as": "participant", "room": srv.room,
                                       "token": a.welcome["token"]})
        # recovered: the next action is stored (after a cut: a new connection, the room's lock
        # taken again)
        back = await note(a, scenario, "après")
        assert back["t"] == protocol.ACK, back
        assert srv.room in srv._writer_store.held
        assert logged_texts(srv, srv.room) == ["avant", "après"]
        assert srv.rooms[srv.room].state.seq == srv.store.events(srv.room)[-1].seq
        for c in (t, a):
            await c.close()
    finally:
        await srv.stop()


async def test_a_room_taken_while_the_connection_was_cut_is_given_up(tmp_path, pg_url, scenario,
                                                                     caplog):
    """A's writer is cut; B takes the room (its lock is free) and plays on; A's next commit finds
    the room held elsewhere: the action is refused untried, A drops the room and sends its
    clients to B, where they go on. Nothing acknowledged is lost, nothing is written twice."""
    a_srv = await started(tmp_path, pg_url, "a")
    b_srv = await started(tmp_path, pg_url, "b")
    try:
        t, a = await session(a_srv, scenario)
        room = a_srv.room
        assert (await note(a, scenario, "un"))["t"] == protocol.ACK
        assert terminate(pg_url, "ilot-writer") == 2  # both servers' writers; A's held the lock
        # B takes the room over at a hello
        c = await opened(b_srv.url, {"as": "participant", "room": room, "name": "Chloé",
                                     "persona": scenario.personas[1].id})
        assert c.url == b_srv.url and room in b_srv.rooms
        assert (await note(c, scenario, "deux")).get("t") == protocol.ACK
        # A's client acts: refused, then its connection is closed with `moved`
        refused = await note(a, scenario, "trois")
        assert refused["t"] == protocol.ERROR and refused["code"] == "storage", refused
        logged = [(r.levelname, r.getMessage()) for r in caplog.records if r.name == "ilot.server"]
        assert ("WARNING", "commit failed: 1 action(s) not applied: RoomsLost(\"rooms held by "
                "another server now: ['" + room + "']\")") in logged  # expected: not an ERROR
        assert not [m for level, m in logged if level == "ERROR"], logged
        await until(a, lambda m: m.get("code") == "moved")
        await a.ws.wait_closed()
        assert a.close_code == protocol.CLOSE_MOVED
        assert room not in a_srv.rooms
        # back through A's address: sent to B, the action is sent again and stored once
        back = await opened(a_srv.url, {"as": "participant", "room": room,
                                        "token": a.welcome["token"]})
        assert back.url == b_srv.url
        assert (await note(back, scenario, "trois"))["t"] == protocol.ACK
        assert logged_texts(b_srv, room) == ["un", "deux", "trois"]
        seqs = [e.seq for e in b_srv.store.events(room)]
        assert seqs == list(range(1, len(seqs) + 1))
        for conn in (t, c, back):
            await conn.close()
    finally:
        await a_srv.stop()
        await b_srv.stop()


def test_a_group_commit_on_a_cut_connection_is_sent_again_and_lands_once(pg_url, scenario):
    """The group commit is one statement: on a connection found dead it is sent again on a new
    one; if it had gone in before the cut, the (room, seq) key refuses the copy, and the batch
    counts as committed, once."""
    from ilot.game.debrief.scripted import scripted_session
    from ilot.server.pgstore import PgStore

    log = scripted_session(scenario, 4, 0.1, 7)
    store = PgStore(pg_url, name="ilot-cut-writer")
    try:
        store.create_room("CUTS2345", scenario, "h", log[0])
        assert store.claim("CUTS2345", "ws://127.0.0.1:1")

        def seqs() -> list[int]:
            return [e.seq for e in store.events("CUTS2345")]

        assert terminate(pg_url, "ilot-cut-writer") == 1  # while idle: the batch never arrived
        store.append_batch([("CUTS2345", [log[1]])])
        assert seqs() == [1, 2] and store.db.reconnected == 1
        store.append_batch([("CUTS2345", [log[2]])])
        assert terminate(pg_url, "ilot-cut-writer") == 1  # as if the ack of that batch was cut
        store.append_batch([("CUTS2345", [log[2]])])  # sent again: it is in already
        assert seqs() == [1, 2, 3] and store.db.reconnected == 2
        assert "CUTS2345" in store.held
        with pytest.raises(psycopg.errors.UniqueViolation):  # on a live connection: a conflict
            store.append_batch([("CUTS2345", [log[3], log[2]])])
        assert seqs() == [1, 2, 3]
    finally:
        store.close()


def test_rows_of_another_server_are_not_taken_for_a_batch_that_went_in(pg_url, scenario):
    """A's connection is cut; B takes the room, writes, lets it go; A's next batch, sent again on
    a new connection, conflicts with B's rows: that is not "its batch had gone in" (the rows
    are read back), and A, finding that the room was another server's meanwhile, lost it."""
    from ilot.game.debrief.scripted import scripted_session
    from ilot.server.pgstore import PgStore, RoomsLost

    log = scripted_session(scenario, 4, 0.1, 7)
    other = scripted_session(scenario, 4, 0.1, 8)
    a, b = PgStore(pg_url, name="ilot-a-writer"), PgStore(pg_url, name="ilot-b-writer")
    b.server = "elsewhere:1"  # another server (both stores live in this one process here)
    try:
        a.create_room("MINE2345", scenario, "h", log[0])
        assert a.claim("MINE2345", "ws://127.0.0.1:1")
        a.append_batch([("MINE2345", log[1:3])])
        assert terminate(pg_url, "ilot-a-writer") == 1
        assert b.claim("MINE2345", "ws://127.0.0.1:2")
        b.append_batch([("MINE2345", other[3:5])])
        b.release("MINE2345")
        with pytest.raises(RoomsLost):  # the lock was free again, the owners row says B
            a.append_batch([("MINE2345", log[3:5])])
        assert "MINE2345" not in a.held and a.take_lost() == {"MINE2345"}
        # and without that check, the key's refusal is still not taken for our own rows
        a.held.add("MINE2345")
        assert not a._stored(_rows("MINE2345", log[3:5]))
        assert a._stored(_rows("MINE2345", other[3:5]))
        assert [e.aid for e in a.events("MINE2345")][3:5] == [e.aid for e in other[3:5]]
    finally:
        a.close()
        b.close()


def _rows(room, events):
    from ilot.game.storage.schema import event_row

    return [event_row(room, e) for e in events]

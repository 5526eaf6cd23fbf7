"""The floor queue and the end of the session through a real server: everybody sees the queue,
a closed room stays served read-only, across a restart, and its debrief works."""

from __future__ import annotations

from ilot.game.core.views import closing_summary
from ilot.game.debrief.recording import StoreRecording
from ilot.game.debrief.report import Report
from ilot.game.net import protocol
from ilot.game.net.client import Connection
from ilot.game.text import lang_for
from ilot.server.app import IlotServer

from .conftest import act, join, opened, set_phase, synced, trainer, until


async def test_the_queue_is_seen_by_everyone_and_the_trainer_gives_the_floor(server, scenario):
    t = await trainer(server)
    a = await join(server, "Awa", "josiane")
    b = await join(server, "Bruno")  # no character yet: asking needs none
    screen = await opened(server.url, {"as": "spectator", "room": server.room})
    await act(t, {"type": "set_lock", "locked": True})
    assert (await act(a, {"type": "ask_floor"}))["t"] == protocol.ACK
    assert (await act(b, {"type": "ask_floor"}))["t"] == protocol.ACK
    reply = await act(a, {"type": "ask_floor"})
    assert reply["t"] == protocol.REJECT and reply["code"] == "already_asked"
    assert reply["message"] == "Vous avez déjà demandé la parole\u00a0: vous êtes dans la file."
    room = server.rooms[server.room]
    await synced(screen, room.state.seq)
    pa, pb = a.welcome["you"]["id"], b.welcome["you"]["id"]
    assert [r.participant for r in screen.mirror.state.floor_queue] == [pa, pb]
    assert (await act(t, {"type": "give_floor"}))["t"] == protocol.ACK
    await synced(screen, room.state.seq)
    assert screen.mirror.state.speaker == pa
    assert [r.participant for r in screen.mirror.state.floor_queue] == [pb]
    # a late screen gets the queue and the speaker in its welcome
    late = await opened(server.url, {"as": "spectator", "room": server.room})
    state = late.welcome["state"]
    assert state["speaker"] == pa and [r["participant"] for r in state["floor_queue"]] == [pb]
    assert state["closed_at"] is None
    reply = await act(screen, {"type": "ask_floor"})
    assert reply["code"] == "spectator"
    for c in (t, a, b, screen, late):
        await c.close()


async def test_a_closed_room_stays_closed_and_read_only_across_a_restart(server, scenario,
                                                                         tmp_path):
    t = await trainer(server)
    a = await join(server, "Awa", "josiane")
    await act(a, {"type": "write_expectation", "text": "Apprendre à décider ensemble"})
    await set_phase(t, scenario, "synthese")
    await act(a, {"type": "evaluate", "answers": {"plan": 4}})
    await act(a, {"type": "ask_floor"})
    assert (await act(t, {"type": "close_session"}))["t"] == protocol.ACK
    room = server.rooms[server.room]
    closed_at = room.state.closed_at
    assert closed_at is not None and room.state.floor_queue == []
    reply = await act(a, {"type": "evaluate", "answers": {"plan": 5}})
    assert reply["t"] == protocol.REJECT and reply["code"] == "session_closed"
    assert reply["message"] == "La session est close\u00a0: tout est en lecture seule."
    reply = await act(t, {"type": "set_phase", "phase": 0})
    assert reply["code"] == "session_closed"
    seq = room.state.seq
    for c in (t, a):
        await c.close()

    await server.stop()
    srv = IlotServer(server.data_dir)
    await srv.start("127.0.0.1", 0)
    try:
        room = srv.rooms[server.room]
        assert room.state.closed_at == closed_at and room.state.seq == seq
        # the token still opens the seat, read-only
        back = await Connection.open(srv.url, {"as": "participant", "room": server.room,
                                               "token": a.welcome["token"], "lang": "en"})
        assert back.welcome["state"]["closed_at"] == closed_at
        back.inbox = []
        reply = await act(back, {"type": "ask_floor"})
        assert reply["code"] == "session_closed"
        assert reply["message"] == "The session is closed: everything is read-only."
        # a late joiner gets a seat and the closing screen; the character they asked for is
        # refused with the same code
        late = await Connection.open(srv.url, {"as": "participant", "room": server.room,
                                               "name": "Zoé", "persona": "karim"})
        late.inbox = []
        assert late.welcome["state"]["closed_at"] == closed_at
        refused = await until(late, lambda m: m["t"] == protocol.REJECT)
        assert (refused["id"], refused["code"]) == ("persona", "session_closed")
        assert closing_summary(room.state).closed_at == closed_at
        # the trainer may reopen it (a mistake must not be final), and close it again
        t2 = await opened(srv.url, {"as": "trainer", "room": server.room,
                                    "code": server.trainer_code})
        assert (await act(t2, {"type": "reopen_session"}))["t"] == protocol.ACK
        assert (await act(back, {"type": "ask_floor"}))["t"] == protocol.ACK
        assert (await act(t2, {"type": "close_session"}))["t"] == protocol.ACK
        for c in (back, late, t2):
            await c.close()
    finally:
        await srv.stop()

    # the debrief reads the closed room from the store: its events and its report
    rec = StoreRecording(server.data_dir, server.room)
    try:
        types = [e.type for e in rec.events]
        assert types.count("session_closed") == 2 and "session_reopened" in types
        assert "floor_cleared" in types
        html = Report(rec, lang=lang_for("fr")).html()
        assert "Clôture de la session" in html and "Réouverture de la session" in html
        assert "Tours de parole" in html
    finally:
        rec.close()

"""Experience cards through a real server on 127.0.0.1: every screen receives a card whole (its
author named), reactions and pins; refusals carry their French message; the cards survive a
restart and reach a late welcome."""

from __future__ import annotations

from ilot.game.core import load_scenario
from ilot.game.net import protocol
from ilot.game.net.client import Connection
from ilot.server.app import IlotServer

from .conftest import RICH, act, opened, set_phase, synced

CARD = {"type": "experience_share", "title": "Un jardin partagé", "where": "Montreuil",
        "carried_by": "L'amicale", "worked": "Les bacs", "did_not": "La clé du local",
        "figures": ["40 foyers inscrits"]}


async def test_cards_on_every_wire_refusals_and_a_restart(tmp_path):
    sc = load_scenario(RICH)
    srv = IlotServer(tmp_path / "data")
    await srv.start("127.0.0.1", 0)
    room, code = srv.create_room(sc, seed=11)
    t = await opened(srv.url, {"as": "trainer", "room": room, "code": code})
    ana = await opened(srv.url, {"as": "participant", "room": room, "name": "Ana",
                                 "persona": sc.personas[0].id})
    bob = await opened(srv.url, {"as": "participant", "room": room, "name": "Bob",
                                 "persona": sc.personas[1].id})
    screen = await opened(srv.url, {"as": "spectator", "room": room})
    try:
        await set_phase(t, sc, "projets")
        assert (await act(ana, CARD))["t"] == protocol.ACK
        state = srv.rooms[room].state
        (xid,) = state.experiences
        for c in (bob, screen, t):
            await synced(c, state.seq)
            x = c.mirror.state.experiences[xid]
            assert (x.author, x.title, x.figures) == (ana.welcome["you"]["id"], CARD["title"],
                                                      CARD["figures"])
        # refusals, in French
        reply = await act(bob, {**CARD, "experience": xid, "title": "À moi"})
        assert (reply["t"], reply["code"]) == (protocol.REJECT, "not_author")
        reply = await act(ana, {"type": "react_project", "project": xid, "reaction": "inspire"})
        assert reply["code"] == "own_experience"
        assert reply["message"] == ("Vous ne pouvez pas réagir à votre propre expérience\u00a0: "
                                    "répondez plutôt en commentaire.")
        reply = await act(bob, {"type": "experience_pin", "experience": xid})
        assert reply["code"] == "trainer_only"
        # reactions, comments and the pin reach the shared screen
        assert (await act(bob, {"type": "react_project", "project": xid,
                                "reaction": "inspire"}))["t"] == protocol.ACK
        assert (await act(bob, {"type": "comment_project", "project": xid,
                                "text": "Combien de bacs ?"}))["t"] == protocol.ACK
        assert (await act(t, {"type": "experience_pin", "experience": xid}))["t"] == protocol.ACK
        await synced(screen, state.seq)
        s = screen.mirror.state
        assert s.experiences[xid].pinned and s.reactions[xid] == {bob.welcome["you"]["id"]:
                                                                 "inspire"}
        assert [c.text for c in s.comments.values() if c.project == xid] == ["Combien de bacs ?"]
        seq = state.seq
    finally:
        for c in (t, ana, bob, screen):
            await c.close()
        await srv.stop()

    again = IlotServer(tmp_path / "data")
    await again.start("127.0.0.1", 0)
    try:
        state = again.rooms[room].state
        assert state.seq == seq and state.experiences[xid].pinned
        late = await Connection.open(again.url, {"as": "spectator", "room": room})
        welcome = late.welcome["state"]["experiences"][xid]
        assert welcome["title"] == CARD["title"] and welcome["pinned"] is True
        await late.close()
    finally:
        await again.stop()

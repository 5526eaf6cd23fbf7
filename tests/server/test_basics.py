"""Join, act, broadcast between several clients, presence, acks."""

from __future__ import annotations

from ilot.game.core.decide import Actor
from ilot.game.core.replay import replay, state_hash
from ilot.game.core.views import view_for
from ilot.game.net import protocol
from ilot.server.store import Store

from .conftest import act, join, set_phase, synced, trainer, until


async def test_join_act_broadcast(server, scenario):
    t = await trainer(server)
    a = await join(server, "Awa", "josiane")
    b = await join(server, "Bruno", "sylvie")
    assert a.welcome["you"] == {"kind": "participant", "id": "p1"}
    assert len(a.welcome["token"]) >= 32
    assert b.mirror.state.participants["p1"].persona == "josiane"
    await set_phase(t, scenario, "etat_des_lieux")
    space = scenario.spaces[0].id
    reply = await act(a, {"type": "add_note", "space": space, "kind": "probleme",
                          "text": "Le hall est sombre le soir", "enjeux": [scenario.enjeux[0].id]})
    assert reply["t"] == protocol.ACK
    # everybody receives the same events, in order, and ends in the same state
    for conn in (a, b, t):
        await synced(conn, reply["seq"])
        note = next(iter(conn.mirror.state.notes.values()))
        assert note.text == "Le hall est sombre le soir" and note.author == "p1"
    # the server's log replays to a state whose trainer view is what the trainer mirrors
    store = Store.in_dir(server.data_dir)
    rebuilt = replay(store.scenario(server.room), store.events(server.room))
    store.close()
    def strip(d):
        return {k: v for k, v in d.items() if k != "me"}
    assert strip(view_for(rebuilt, Actor.trainer())) == strip(view_for(t.mirror.state, Actor.trainer()))
    assert state_hash(rebuilt) == state_hash(server.rooms[server.room].state)
    for c in (a, b, t):
        await c.close()


async def test_presence_and_duplicate_action_id(server, scenario):
    t = await trainer(server)
    a = await join(server, "Awa", "josiane")
    msg = await until(t, lambda m: m["t"] == protocol.PRESENCE and m["connected"] == ["p1"])
    assert msg["trainers"] == 1
    first = await act(a, {"id": "x1", "type": "write_expectation", "text": "Apprendre"})
    again = await act(a, {"id": "x1", "type": "write_expectation", "text": "Apprendre"})
    assert first["t"] == again["t"] == protocol.ACK
    assert again.get("dup") is True and "dup" not in first
    await a.close()
    msg = await until(t, lambda m: m["t"] == protocol.PRESENCE and m["connected"] == [])
    await t.close()


async def test_welcome_hides_private_objectives_of_others(server, scenario):
    a = await join(server, "Awa", "josiane")
    own = a.welcome["state"]["me"]["private_objectives"]
    persona = scenario.index("persona")["josiane"]
    assert len(own) == len(persona.private_objectives)
    assert all(p["private_objectives"] == [] for p in a.welcome["scenario"]["personas"])
    await a.close()

"""Actions arriving together (one batch, one commit, one frame per room) keep every guarantee:
each event reaches each connection once, in seq order with no gap, before the ack of its action."""

from __future__ import annotations

from ilot.game.net import protocol

from .conftest import join, set_phase, trainer


async def test_burst_of_actions_keeps_order_and_acks_after_events(server, scenario):
    t = await trainer(server)
    players = [await join(server, f"Joueur {i}", scenario.personas[i].id) for i in range(3)]
    await set_phase(t, scenario, "etat_des_lieux")
    start = server.rooms[server.room].state.seq
    sent: dict[int, list[str]] = {}
    for n, c in enumerate(players):  # a burst: nobody waits for an answer before sending more
        sent[n] = [f"burst-{n}-{k}" for k in range(8)]
        for aid in sent[n]:
            await c.act({"id": aid, "type": "add_note", "space": scenario.spaces[0].id,
                         "kind": "idee", "text": aid})
    end = start + sum(len(v) for v in sent.values())
    for n, c in enumerate(players):
        seen: list[int] = []
        acked: list[str] = []
        event_aids: set[str] = set()
        while len(acked) < len(sent[n]) or (not seen or seen[-1] < end):
            msg = await c.recv(timeout=5)
            if msg["t"] == protocol.EVENTS:
                seen += [e["seq"] for e in msg["events"] if e["seq"] > start]
                event_aids |= {e["aid"] for e in msg["events"] if e["by"] == c.welcome["you"]["id"]}
            elif msg["t"] == protocol.ACK:
                assert msg["id"] in event_aids, "ack before its events"
                acked.append(msg["id"])
            else:
                assert msg["t"] in (protocol.PRESENCE, protocol.ME), msg
        assert seen == list(range(start + 1, end + 1))
        assert acked == sent[n]
    notes = server.rooms[server.room].state.notes
    assert sorted(n.text for n in notes.values()) == sorted(a for v in sent.values() for a in v)
    for c in (t, *players):
        await c.close()

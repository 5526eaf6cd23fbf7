"""A bug inside a rule (not a rejection) undoes the room's uncommitted batch: memory = disk."""

from __future__ import annotations

from dataclasses import replace

from ilot.game.core.actions import Rename
from ilot.game.core.replay import replay, state_hash
from ilot.game.core.rules import RULES

from .conftest import act, join, set_phase, trainer, until


async def test_a_rule_that_raises_leaves_memory_equal_to_disk(server, scenario, monkeypatch):
    t = await trainer(server)
    a = await join(server, "Awa", scenario.personas[0].id)
    await set_phase(t, scenario, "etat_des_lieux")
    room = server.rooms[server.room]
    rule = RULES[Rename]

    def boom(c):
        raise RuntimeError("a bug in a rule")
    monkeypatch.setitem(RULES, Rename, replace(rule, fn=boom))
    # two actions of one room sent together: a good note, then one whose rule has a bug
    await a.act({"id": "good", "type": "add_note", "space": scenario.spaces[0].id, "kind": "idee",
                 "text": "Un banc sous le tilleul"})
    await a.act({"id": "bad", "type": "rename", "name": "X"})
    answers = {}
    while len(answers) < 2:
        m = await until(a, lambda m: m.get("id") in ("good", "bad") and m.get("id") not in answers)
        answers[m["id"]] = m
    assert answers["bad"]["t"] == "error"
    # whatever happened to the good note, the server's memory and its disk agree…
    r = await act(t, {"type": "set_lock", "locked": False})
    assert r["t"] == "ack"
    events = server.store.events(server.room)
    assert [e.seq for e in events] == list(range(1, len(events) + 1))  # …with no hole in the log
    assert state_hash(replay(room.scenario, events)) == state_hash(room.state)
    noted = any(n.text == "Un banc sous le tilleul" for n in room.state.notes.values())
    assert noted == (answers["good"]["t"] == "ack")  # acked if and only if kept

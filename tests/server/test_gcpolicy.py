"""The garbage-collection policy: survivors frozen every N events, full collection when idle."""

from __future__ import annotations

import gc
import weakref

from ilot.game.gcpolicy import Collector
from ilot.game.net import protocol

from .conftest import join, set_phase, trainer, until


class Node:
    def __init__(self) -> None:
        self.other: Node | None = None


def _cycle() -> Node:
    a, b = Node(), Node()
    a.other, b.other = b, a
    return a


def test_freezes_after_every_n_events_and_collects_when_idle():
    now = [0.0]
    c = Collector(every=10, idle=30.0, clock=lambda: now[0])
    frozen = gc.get_freeze_count()
    c.committed(9)
    assert c.freezes == 0
    alive = [Node()]  # a survivor: frozen with the next batch
    c.committed(1)
    assert c.freezes == 1 and gc.get_freeze_count() > frozen

    # a cycle frozen while alive, then dropped, is beyond the ordinary collector...
    held = _cycle()
    ref = weakref.ref(held)
    c.committed(10)
    del held
    gc.collect()
    assert ref() is not None
    # ...until the server has been quiet for `idle` seconds
    now[0] = 29.0
    assert not c.tick()
    assert ref() is not None
    now[0] = 40.0
    assert c.tick() and c.full_collections == 1
    assert ref() is None
    assert alive[0] is not None
    assert not c.tick()  # nothing frozen since: no second full pass


def test_settle_freezes_what_came_without_events():
    now = [0.0]
    c = Collector(every=1000, idle=30.0, settle=5.0, clock=lambda: now[0])
    c.committed(3)
    now[0] = 4.0
    c.tick()
    assert c.freezes == 0
    now[0] = 5.5
    c.tick()  # 5 s since the last freeze, and events came: freeze
    assert c.freezes == 1 and c.since_freeze == 0
    now[0] = 50.0
    assert c.tick() and c.full_collections == 1  # quiet for 30 s: the full pass
    now[0] = 60.0
    c.tick()  # quiet, nothing new: neither freeze nor full pass
    assert (c.freezes, c.full_collections) == (1, 1)


async def test_server_freezes_as_actions_are_committed(server, scenario):
    server.collector.every = 5
    t = await trainer(server)
    a = await join(server, "Awa", scenario.personas[0].id)
    await set_phase(t, scenario, "etat_des_lieux")
    before = server.collector.freezes
    for i in range(12):
        await a.act({"id": f"n{i}", "type": "add_note", "space": scenario.spaces[0].id,
                     "kind": "idee", "text": f"idée {i}"})
        ack = await until(a, lambda m, i=i: m.get("id") == f"n{i}")
        assert ack["t"] == protocol.ACK
    assert server.collector.freezes >= before + 2
    for conn in (t, a):
        await conn.close()

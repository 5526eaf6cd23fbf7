"""The reference client (examples/reference_client.py, written from PROTOCOL.md alone) follows a
scripted session on a real server and ends with exactly the server's view for its participant:
what it cannot rebuild from the document would be a gap in the document."""

from __future__ import annotations

import copy
import random

import msgpack
import pytest
from core.test_random_play import PARTS, play

from ilot.game.core.events import CURRENT_VERSIONS
from ilot.game.core.evolve import evolve
from ilot.game.core.rules.registry import Actor
from ilot.game.core.state import new_state, state_from_dict
from ilot.game.core.views import event_for, view_for
from ilot.game.net import protocol

from .conftest import opened
from .protocol_session import load_reference_client, session


def plain(value):
    """As it travels: msgpack out and back (tuples become lists, kinds strings)."""
    return msgpack.unpackb(msgpack.packb(value, use_bin_type=True), raw=False)


def differences(mine: dict, theirs: dict, path: str = "") -> list[str]:
    out = []
    for k in sorted(set(mine) | set(theirs)):
        a, b = mine.get(k, "<absent>"), theirs.get(k, "<absent>")
        if isinstance(a, dict) and isinstance(b, dict):
            out += differences(a, b, f"{path}{k}.")
            if list(a) != list(b) and set(a) == set(b):
                out.append(f"{path}{k}: order {list(a)} != {list(b)}")
        elif a != b:
            out.append(f"{path}{k}: {a!r} != {b!r}")
    return out


async def test_reference_client_state_equals_the_servers_view(rich_server):
    srv = rich_server
    ref, ref_t, conns = await session(srv, srv.scenario)
    room = srv.rooms[srv.room]
    assert ref.c.seq == room.state.seq
    pid = ref.c.you["id"]
    server_view = plain(view_for(room.state, Actor.participant(pid)))
    assert differences(ref.c.state, server_view) == []
    assert ref.c.state == server_view
    # the same as the welcome a fresh connection of that participant receives
    fresh = await opened(srv.url, {"as": "participant", "room": srv.room, "token": ref.c.token})
    welcome = protocol.inflate_welcome(fresh.welcome)
    assert differences(ref.c.state, welcome["state"]) == []
    await fresh.close()
    # the script reaches most event types (those it leaves out are listed here, on purpose)
    left_out = {"session_opened"}  # the first event of a room, before anyone joins
    assert set(CURRENT_VERSIONS) - ref.c.seen_types <= left_out
    # as a trainer (who sees open rounds' positions, evaluations, every character's objectives)
    trainer_view = plain(view_for(room.state, Actor.trainer()))
    assert differences(ref_t.c.state, trainer_view) == []
    assert ref_t.c.state == trainer_view
    ref_s = conns.pop("spectator")
    spectator_view = plain(view_for(room.state, Actor.spectator(ref_s.c.you["id"])))
    assert differences(ref_s.c.state, spectator_view) == []
    assert ref_s.c.state == spectator_view
    for r in (ref, ref_t, ref_s):
        await r.c.close()
    for conn in conns.values():
        await conn.close()


def _replayed_views(scenario, events, viewers, start: int):
    """The views of `viewers` after event `start`, and the state after the last event."""
    state = new_state(scenario)
    for e in events[:start]:
        evolve(state, e)
    views = {v: plain(view_for(state, v)) for v in viewers}
    for e in events[start:]:
        evolve(state, e)
    return views, state


@pytest.mark.parametrize("which, seed", [("rich", n) for n in range(16)]
                         + [("short", n) for n in range(4)] + [("parts", n) for n in range(4)])
def test_the_documented_effects_match_the_core_on_random_sessions(which, seed, request):
    """Beyond the script: random sessions of the core (the random play's), each viewer's events
    (as the server sends them) applied by the reference client from a snapshot taken at some
    point give that viewer's view at the end (`me` aside: it comes in `me` messages)."""
    scenario = PARTS if which == "parts" else request.getfixturevalue(which)
    mod = load_reference_client()
    rng = random.Random(seed)
    _, events = play(scenario, [rng.getrandbits(32) for _ in range(400)])
    state = new_state(scenario)
    for e in events:
        evolve(state, e)
    pids = list(state.participants)
    viewers = [Actor.trainer(), Actor.spectator(), *(Actor.participant(p) for p in pids[:3])]
    start = 1 if seed % 2 else len(events) // 2
    views, final = _replayed_views(scenario, events, viewers, start)
    for viewer in viewers:
        mine = views[viewer]
        if viewer.kind == "participant" and viewer.id not in mine["participants"]:
            continue
        mirror = state_from_dict(scenario, copy.deepcopy(mine))  # the project's own client (game/net/mirror.py)
        for e in events[start:]:
            assert mod.apply_event(mine, plain(event_for(e, viewer).to_dict()))
            evolve(mirror, event_for(e, viewer))
        theirs = plain(view_for(final, viewer))
        assert differences(plain(view_for(mirror, viewer)), theirs) == [], (viewer, seed)
        mine.pop("me"), theirs.pop("me")
        assert differences(mine, theirs) == [], (viewer, seed)
        assert mine == theirs

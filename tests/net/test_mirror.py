"""A client's mirror applies the events it receives strictly in sequence: repeats are skipped,
and after a gap it applies nothing until a snapshot comes (its owner then asks for one)."""

from __future__ import annotations

import msgpack
import pytest
from core.script import play_short_session

from ilot.game.core import Actor, event_for, replay, state_hash, view_for
from ilot.game.net.mirror import Mirror

VIEWER = Actor.participant("p1")


def wire(obj):
    return msgpack.unpackb(msgpack.packb(obj), raw=False)


@pytest.fixture(scope="module")
def played(short):
    return play_short_session(short)


def welcome(short, events, n):
    """The welcome a server sends after `n` events: a snapshot for VIEWER."""
    state = replay(short, events[:n])
    return wire({"t": "welcome", "room": "ROOM", "you": {"kind": "participant", "id": "p1"},
                 "seq": state.seq, "scenario": short.public(), "state": view_for(state, VIEWER)})


def frames(events, start, stop):
    return wire([event_for(e, VIEWER).to_dict() for e in events[start:stop]])


def view(state):
    """What the viewer knows, but `me` (the mirror's scenario is the public one, without any
    private objective: the server sends those apart)."""
    out = wire(view_for(state, VIEWER))
    del out["me"]
    return out


def view_after(short, events, n):
    return view(replay(short, events[:n]))


def test_events_in_sequence_bring_the_mirror_to_the_server_state(short, played):
    ev = played.events
    m = Mirror(welcome(short, ev, 20))
    applied = m.apply(frames(ev, 20, 60))
    assert [e.seq for e in applied] == list(range(21, 61)) and m.seq == 60 and not m.stale
    assert view(m.state) == view_after(short, ev, 60)


def test_events_already_applied_are_skipped(short, played):
    ev = played.events
    m = Mirror(welcome(short, ev, 30))
    # a frame overlapping the snapshot, then the same frame again: each event applies once
    assert [e.seq for e in m.apply(frames(ev, 25, 40))] == list(range(31, 41))
    assert m.apply(frames(ev, 25, 40)) == []
    assert m.seq == 40 and not m.stale
    assert view(m.state) == view_after(short, ev, 40)


def test_a_gap_stops_the_mirror_until_a_snapshot(short, played):
    ev = played.events
    m = Mirror(welcome(short, ev, 30))
    before = state_hash(m.state)
    assert [e.seq for e in m.apply(frames(ev, 30, 32))] == [31, 32]
    # events 33 and 34 were lost: 35 cannot follow 32
    assert [e.seq for e in m.apply(frames(ev, 34, 50))] == []
    assert m.stale and m.gap == (33, 35) and m.seq == 32 and state_hash(m.state) != before
    # stale: even the missing events no longer apply one by one, only a snapshot repairs it
    assert m.apply(frames(ev, 32, 50)) == [] and m.seq == 32
    m.rejoined(welcome(short, ev, 50))
    assert not m.stale and m.seq == 50
    assert [e.seq for e in m.apply(frames(ev, 50, 55))] == list(range(51, 56))
    assert view(m.state) == view_after(short, ev, 55)


def test_a_rejoin_with_missed_events_applies_them_in_sequence(short, played):
    ev = played.events
    m = Mirror(welcome(short, ev, 30))
    m.rejoined(wire({"t": "welcome", "room": "ROOM", "you": {"kind": "participant", "id": "p1"},
                     "seq": 45, "events": frames(ev, 30, 45)}))
    assert m.seq == 45 and not m.stale
    m.rejoined(wire({"t": "welcome", "room": "ROOM", "you": {"kind": "participant", "id": "p1"},
                     "seq": 60, "events": frames(ev, 50, 60)}))
    assert m.stale and m.seq == 45

"""Event log and replay: versioned facts, upcasters, and a replay identical to the live state."""

from __future__ import annotations

import json

import msgpack
import pytest

from ilot.game.core import Event, new_state, replay, state_hash
from ilot.game.core import events as events_mod
from ilot.game.core.events import CURRENT_VERSIONS, PAYLOAD_TYPES, NoteRemoved, UnknownEvent, upcast
from ilot.game.core.evolve import evolve
from ilot.game.core.replay import scenario_hash
from ilot.game.core.rules import EVOLVERS
from ilot.game.core.state import state_from_dict

from .script import play_short_session


@pytest.fixture(scope="module")
def played(short):
    return play_short_session(short)


def test_every_event_type_has_an_evolver():
    assert {cls.TYPE for cls in EVOLVERS} == set(CURRENT_VERSIONS) == set(PAYLOAD_TYPES)


def test_same_actions_give_the_same_state(short, played):
    again = play_short_session(short)
    assert again.hash() == played.hash()
    assert [e.to_dict() for e in again.events] == [e.to_dict() for e in played.events]


def test_another_seed_gives_another_state(short, played):
    other = play_short_session(short, seed=12345)
    assert other.hash() != played.hash()


def test_replay_of_the_log_equals_the_live_state(short, played):
    assert state_hash(replay(short, played.events)) == played.hash()
    as_dicts = [e.to_dict() for e in played.events]
    assert state_hash(replay(short, as_dicts)) == played.hash()
    through_json = [json.loads(json.dumps(d)) for d in as_dicts]
    assert state_hash(replay(short, through_json)) == played.hash()
    through_msgpack = [msgpack.unpackb(msgpack.packb(d)) for d in as_dicts]
    assert state_hash(replay(short, through_msgpack)) == played.hash()


def test_replay_of_every_prefix_matches_the_live_state_at_that_point(short, played):
    s = new_state(short)
    for i, e in enumerate(played.events):
        evolve(s, e)
        if i % 10 == 0:
            assert state_hash(replay(short, played.events[:i + 1])) == state_hash(s)


def test_replay_continues_from_a_snapshot(short, played):
    half = len(played.events) // 2
    snap = replay(short, played.events[:half]).to_dict()
    resumed = replay(short, played.events[half:], state_from_dict(short, snap))
    assert state_hash(resumed) == played.hash()
    assert state_hash(state_from_dict(short, played.state.to_dict())) == played.hash()


def test_clone_is_independent(played):
    copy = played.state.clone()
    assert state_hash(copy) == played.hash()
    copy.notes.clear()
    assert played.state.notes and state_hash(copy) != played.hash()
    assert copy.scenario is played.state.scenario


def test_state_hash_sees_every_change(short, played):
    s = replay(short, played.events)
    s.participants["p1"].name = "Autre"
    assert state_hash(s) != played.hash()
    assert len(played.hash()) == 64
    assert len(scenario_hash(short)) == 64


def test_event_dict_shape(played):
    for e in played.events:
        d = e.to_dict()
        assert set(d) == {"seq", "t", "by", "type", "v", "aid", "data"}
        assert Event.from_dict(d) == e


def test_unknown_event_types_and_versions_are_refused(short):
    with pytest.raises(UnknownEvent):
        Event.from_dict({"seq": 1, "t": 0, "by": "", "type": "tea_served", "v": 1, "data": {}})
    with pytest.raises(UnknownEvent):
        upcast("note_removed", 0, {"note": "n1"})
    with pytest.raises(UnknownEvent):
        Event.of(2, 0.0, "p1", "note_removed", {"note": "n1"}, v=0)
    with pytest.raises(UnknownEvent):
        upcast("tea_served", 1, {})

    class TeaServed(NoteRemoved):  # a payload class no evolver knows
        pass

    s = new_state(short)
    evolve(s, Event.of(1, 0.0, "", "session_opened", {"scenario": short.id, "seed": 1}))
    with pytest.raises(UnknownEvent):
        evolve(s, Event(2, 0.0, "", TeaServed("n1")))


@pytest.mark.parametrize("bad", [
    {}, [], "x", {"seq": 1, "t": 0, "by": "", "type": "lock_set", "data": {}},  # no version
    {"seq": 1, "t": 0, "by": "", "type": ["lock_set"], "v": 1, "data": {}},
    {"seq": 1, "t": 0, "by": "", "type": "lock_set", "v": "1", "data": {}},
    {"seq": 1, "t": 0, "by": "", "type": "lock_set", "v": None, "data": {}},
])
def test_a_damaged_log_line_gives_a_clear_error(bad):
    with pytest.raises(UnknownEvent) as exc:
        Event.from_dict(bad)
    assert "malformed event" in str(exc.value) or "unknown event" in str(exc.value)


def test_an_upcaster_turns_old_events_into_current_ones(short, monkeypatch):
    """The mechanism a later change uses: v1 events keep replaying after data changes shape."""
    monkeypatch.setitem(CURRENT_VERSIONS, "expectation_written", 2)
    monkeypatch.setitem(events_mod.UPCASTERS, ("expectation_written", 1),
                        lambda d: {"text": d["text"] + " (v1)"})
    old = {"seq": 3, "t": 1.0, "by": "p1", "type": "expectation_written", "v": 1, "aid": "a",
           "data": {"text": "Apprendre"}}
    e = Event.from_dict(old)
    assert (e.v, e.data) == (2, {"text": "Apprendre (v1)"})
    assert old["data"] == {"text": "Apprendre"}  # the stored dict is not touched
    log = [{"seq": 1, "t": 0.0, "by": "", "type": "session_opened", "v": 1, "aid": "",
            "data": {"scenario": short.id, "seed": 1}},
           {"seq": 2, "t": 0.5, "by": "p1", "type": "participant_joined", "v": 1, "aid": "j",
            "data": {"participant": "p1", "name": "Ana"}}, old]
    assert replay(short, log).expectations["p1"].text == "Apprendre (v1)"


def test_the_same_session_gives_the_same_hash_in_other_processes(played):
    """Nothing depends on Python's per-process string hashing (set order, hash())."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    tests = Path(__file__).resolve().parent.parent
    code = ("import sys; sys.path.insert(0, sys.argv[1]);"
            "from helpers import SHORT_FILE; from core.script import play_short_session;"
            "from game.core import load_scenario;"
            "print(play_short_session(load_scenario(SHORT_FILE)).hash())")
    for seed in ("1", "987"):
        env = dict(os.environ, PYTHONHASHSEED=seed)
        out = subprocess.run([sys.executable, "-c", code, str(tests)], env=env, cwd=tests.parent,
                             capture_output=True, text=True, timeout=60, check=True)
        assert out.stdout.strip() == played.hash()

"""Seeking gives exactly the core's replay of the prefix, forwards, backwards, anywhere."""

from __future__ import annotations

import random

from ilot.game.core import replay, state_hash
from ilot.game.core.fastcopy import clone_state
from ilot.game.core.simulation import simulate_state
from ilot.game.debrief.logfile import read_log
from ilot.game.debrief.timeline import Timeline

from .conftest import GOLDEN


def test_state_at_equals_replay_of_the_prefix(rich, rich_script):
    events = rich_script.events
    tl = Timeline(rich, events, k=100)
    assert tl.snapshots > 3
    rng = random.Random(3)
    points = [0, 1, 2, len(events) - 1, len(events)] + [rng.randrange(len(events)) for _ in range(25)]
    for n in points:  # in random order: backwards and forwards seeks
        assert state_hash(tl.state_at(n)) == state_hash(replay(rich, events[:n])), n
    assert state_hash(tl.final) == state_hash(rich_script.state)


def test_snapshots_are_not_changed_by_seeking(rich, rich_script):
    events = rich_script.events
    tl = Timeline(rich, events, k=200)
    before = state_hash(tl.state_at(250))
    tl.state_at(900)  # forward from 250: reuses the working copy, not the snapshot
    assert state_hash(tl.state_at(250)) == before


def test_fast_copy_is_a_deep_copy(rich_script):
    s = rich_script.state
    c = clone_state(s)
    assert state_hash(c) == state_hash(s) and c.scenario is s.scenario
    note = next(iter(c.notes.values()))
    note.enjeux.append("x")
    next(iter(c.rounds.values())).positions.clear()
    c.seen.add(("zz", "zz"))
    assert state_hash(c) != state_hash(s)
    assert state_hash(s) == state_hash(rich_script.state)
    assert "x" not in s.notes[note.id].enjeux


def test_phases_times_and_curve(rich, rich_script):
    events = rich_script.events
    tl = Timeline(rich, events)
    for phase in range(len(rich.phases)):
        start = tl.phase_start(phase)
        assert start is not None
        assert tl.state_at(start).phase == phase
        assert events[start - 1].type in ("phase_changed", "session_opened")
        assert tl.phase_at(start) == phase
    mid = events[len(events) // 2]
    n = tl.index_at_time(mid.t)
    assert events[n - 1].t == mid.t and (n == len(events) or events[n].t > mid.t)
    curve = tl.indicator_curve()
    last = simulate_state(rich_script.state).final.indicators
    assert curve[-1][0] == len(events)
    assert {k: curve[-1][2][k] for k in last} == last
    assert [i for i, _, _ in curve] == sorted(i for i, _, _ in curve)


def test_the_golden_log_seeks_too():
    log = read_log(GOLDEN)
    tl = Timeline(log.scenario, log.events, k=10)
    for n in range(0, len(log.events) + 1, 7):
        assert state_hash(tl.state_at(n)) == state_hash(replay(log.scenario, log.events[:n]))

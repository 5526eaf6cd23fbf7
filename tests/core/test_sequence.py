"""`evolve` applies events strictly in sequence: a gap or a repeat is refused, never applied."""

from __future__ import annotations

import pytest

from ilot.game.core import new_state, replay, state_hash
from ilot.game.core.evolve import OutOfSequence, evolve
from ilot.game.core.state import state_from_dict

from .script import play_short_session


@pytest.fixture(scope="module")
def played(short):
    return play_short_session(short)


def test_an_event_that_is_not_the_next_one_is_refused(short, played):
    s = replay(short, played.events[:10])
    before = state_hash(s)
    for e in (played.events[11], played.events[30], played.events[9], played.events[0]):
        with pytest.raises(OutOfSequence) as exc:
            evolve(s, e)
        assert (exc.value.expected, exc.value.seq) == (11, e.seq)
        assert f"#{e.seq}" in str(exc.value) and "#11 expected" in str(exc.value)
        assert ("already applied" if e.seq <= 10 else "a gap") in str(exc.value)
        assert state_hash(s) == before and s.seq == 10  # nothing applied
    evolve(s, played.events[10])
    assert s.seq == 11


def test_a_log_with_a_gap_or_a_repeat_does_not_replay(short, played):
    events = played.events
    with pytest.raises(OutOfSequence):
        replay(short, events[:20] + events[21:])
    with pytest.raises(OutOfSequence):
        replay(short, events[:20] + events[19:])
    with pytest.raises(OutOfSequence):
        replay(short, [e.to_dict() for e in events[1:]])  # not from the first
    with pytest.raises(OutOfSequence):
        evolve(new_state(short), events[1])


def test_replay_goes_on_from_a_snapshot_only_with_the_events_after_it(short, played):
    events = played.events
    snap = replay(short, events[:40]).to_dict()
    assert state_hash(replay(short, events[40:], state_from_dict(short, snap))) == played.hash()
    with pytest.raises(OutOfSequence):
        replay(short, events[39:], state_from_dict(short, snap))

"""The floor queue (demandes de parole): asking, taking back, giving, ending, clearing."""

from __future__ import annotations

import pytest
from helpers import SPECTATOR, TRAINER

from ilot.game.core import Actor, replay, state_hash, view_for
from ilot.game.core.kinds import PhaseKind
from ilot.game.core.state import FloorRequest, state_from_dict
from ilot.game.core.views import floor_place


def queue(s) -> list[str]:
    return [r.participant for r in s.state.floor_queue]


def test_asking_joins_the_end_of_the_queue_with_the_time_asked(rs):
    a, b, c = rs.join("Ana", "fatima"), rs.join("Bob", "marc"), rs.join("Cem", "claire")
    (e,) = rs.act(b, {"type": "ask_floor"}, now=2000.0)
    assert (e.type, e.by, e.data) == ("floor_asked", b, {"participant": b})
    rs.act(a, {"type": "ask_floor"}, now=2001.0)
    rs.act(c, {"type": "ask_floor"}, now=2002.0)
    assert rs.state.floor_queue == [FloorRequest(b, 2000.0), FloorRequest(a, 2001.0),
                                    FloorRequest(c, 2002.0)]
    assert [floor_place(rs.state, p) for p in (b, a, c)] == [1, 2, 3]
    assert floor_place(rs.state, "p99") is None
    # once only
    assert rs.reject(a, {"type": "ask_floor"}) == "already_asked"
    # taking a request back leaves the others in order
    (e,) = rs.act(a, {"type": "withdraw_floor"})
    assert (e.type, e.data) == ("floor_withdrawn", {"participant": a})
    assert queue(rs) == [b, c]
    assert rs.reject(a, {"type": "withdraw_floor"}) == "not_in_queue"
    rs.act(a, {"type": "ask_floor"})
    assert queue(rs) == [b, c, a]


@pytest.mark.parametrize("kind", list(PhaseKind))
def test_asking_works_in_every_phase_even_locked_and_without_a_character(rs, kind):
    pid = rs.join("Ana")  # no character yet
    rs.goto(kind)
    rs.trainer({"type": "set_lock", "locked": True})
    rs.act(pid, {"type": "ask_floor"})
    rs.act(pid, {"type": "withdraw_floor"})
    rs.act(pid, {"type": "ask_floor"})
    rs.trainer({"type": "give_floor"})
    rs.act(pid, {"type": "end_turn"})
    assert rs.state.speaker is None and rs.state.floor_queue == []


def test_who_may_do_what(rs):
    pid = rs.join("Ana", "fatima")
    for action in ({"type": "give_floor"}, {"type": "clear_floor"}):
        assert rs.reject(pid, action) == "trainer_only"
    for action in ({"type": "ask_floor"}, {"type": "withdraw_floor"}):
        assert rs.reject(TRAINER, action) == "forbidden_role"
    for action in ({"type": "ask_floor"}, {"type": "give_floor"}, {"type": "end_turn"}):
        assert rs.reject(SPECTATOR, action) == "spectator"
    assert rs.reject("p99", {"type": "ask_floor"}) == "unknown_actor"


def test_the_trainer_gives_the_floor_to_the_first_by_default_or_to_anyone(rs):
    a, b, c = rs.join("Ana", "fatima"), rs.join("Bob", "marc"), rs.join("Cem", "claire")
    assert rs.reject(TRAINER, {"type": "give_floor"}) == "floor_empty"
    rs.act(a, {"type": "ask_floor"})
    rs.act(b, {"type": "ask_floor"})
    (e,) = rs.trainer({"type": "give_floor"}, )
    assert (e.type, e.by, e.data) == ("floor_given", "trainer", {"participant": a})
    assert rs.state.speaker == a and rs.state.speaker_since == e.t and queue(rs) == [b]
    assert rs.reject(a, {"type": "ask_floor"}) == "already_speaking"
    assert rs.reject(TRAINER, {"type": "give_floor", "participant": a}) == "already_speaking"
    assert rs.reject(TRAINER, {"type": "give_floor", "participant": "p99"}) == \
        "unknown_participant"
    # to someone who did not ask: the current speaker's turn ends first
    ended, given = rs.trainer({"type": "give_floor", "participant": c})
    assert (ended.type, ended.data) == ("turn_ended", {"participant": a})
    assert (given.type, given.data) == ("floor_given", {"participant": c})
    assert rs.state.speaker == c and queue(rs) == [b]
    # to someone in the queue: they leave it
    rs.trainer({"type": "give_floor", "participant": b})
    assert rs.state.speaker == b and queue(rs) == []


def test_a_turn_ends_by_the_trainer_or_by_the_speaker(rs):
    a, b = rs.join("Ana", "fatima"), rs.join("Bob", "marc")
    assert rs.reject(TRAINER, {"type": "end_turn"}) == "no_speaker"
    assert rs.reject(a, {"type": "end_turn"}) == "not_speaker"
    rs.act(a, {"type": "ask_floor"})
    rs.trainer({"type": "give_floor"})
    assert rs.reject(b, {"type": "end_turn"}) == "not_speaker"
    (e,) = rs.act(a, {"type": "end_turn"})  # « J'ai terminé »
    assert (e.type, e.by, e.data) == ("turn_ended", a, {"participant": a})
    assert rs.state.speaker is None and rs.state.speaker_since is None
    rs.act(b, {"type": "ask_floor"})
    rs.trainer({"type": "give_floor"})
    rs.trainer({"type": "end_turn"})
    assert rs.state.speaker is None


def test_clearing_empties_the_queue_and_keeps_the_speaker(rs):
    a, b, c = rs.join("Ana", "fatima"), rs.join("Bob", "marc"), rs.join("Cem", "claire")
    assert rs.reject(TRAINER, {"type": "clear_floor"}) == "floor_empty"
    for p in (a, b, c):
        rs.act(p, {"type": "ask_floor"})
    rs.trainer({"type": "give_floor"})
    (e,) = rs.trainer({"type": "clear_floor"})
    assert (e.type, e.data) == ("floor_cleared", {"participants": [b, c]})
    assert queue(rs) == [] and rs.state.speaker == a


def test_everyone_sees_the_queue_and_the_speaker_and_the_log_replays(rs):
    a, b = rs.join("Ana", "fatima"), rs.join("Bob", "marc")
    rs.act(a, {"type": "ask_floor"}, now=3000.0)
    rs.act(b, {"type": "ask_floor"}, now=3001.0)
    rs.trainer({"type": "give_floor"})
    for viewer in (SPECTATOR, Actor.participant(b), TRAINER):
        view = view_for(rs.state, viewer)
        assert view["floor_queue"] == [{"participant": b, "t": 3001.0}]
        assert view["speaker"] == a and view["speaker_since"] == rs.state.speaker_since
        assert view["closed_at"] is None
        loaded = state_from_dict(rs.scenario, view)
        assert loaded.floor_queue == rs.state.floor_queue and loaded.speaker == a
    assert state_hash(replay(rs.scenario, [e.to_dict() for e in rs.events])) == rs.hash()


def test_a_view_without_the_floor_keys_loads_as_an_empty_floor(rs):
    """A snapshot from a server of before the floor queue still loads."""
    view = view_for(rs.state, SPECTATOR)
    for key in ("floor_queue", "speaker", "speaker_since", "closed_at"):
        del view[key]
    loaded = state_from_dict(rs.scenario, view)
    assert loaded.floor_queue == [] and loaded.speaker is None and loaded.closed_at is None


def test_an_empty_floor_does_not_change_the_state_hash(rs):
    """The new fields count in the hash only once they leave their default: old logs keep their
    hash (tests/core/golden), and a queue emptied again hashes as one never used."""
    before = rs.state.to_dict(for_hash=True)
    assert not {"floor_queue", "speaker", "speaker_since", "closed_at"} & set(before)
    assert {"floor_queue", "speaker", "speaker_since", "closed_at"} <= set(rs.state.to_dict())
    a = rs.join("Ana", "fatima")
    rs.act(a, {"type": "ask_floor"})
    assert "floor_queue" in rs.state.to_dict(for_hash=True)
    rs.act(a, {"type": "withdraw_floor"})
    assert "floor_queue" not in rs.state.to_dict(for_hash=True)

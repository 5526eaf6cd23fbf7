"""The committed golden log replays to the committed hash: old logs must keep working."""

from __future__ import annotations

import itertools
import json

import pytest
from helpers import ROOT

from ilot.game.core import Actor, Event, load_scenario, replay, state_hash, view_for
from ilot.game.core.events import CURRENT_VERSIONS
from ilot.game.core.simulation import simulate_state

from .golden_log import HASH, LOG, read_log
from .invariants import check_invariants


@pytest.fixture(scope="module")
def golden():
    header, events = read_log(LOG)
    scenario = load_scenario(ROOT / header["scenario_file"])
    return header, events, scenario


def test_golden_header(golden):
    header, events, scenario = golden
    assert header == {"kind": "ilot-log", "format": 1, "scenario_file": "scenarios/petit_ilot.json"}
    assert events[0]["type"] == "session_opened"
    assert events[0]["data"]["scenario"] == scenario.id


def test_golden_log_replays_to_the_committed_hash(golden):
    _, events, scenario = golden
    expected = HASH.read_text(encoding="ascii").strip()
    assert state_hash(replay(scenario, events)) == expected


def test_golden_log_covers_the_whole_session(golden):
    _, events, scenario = golden
    types = {e["type"] for e in events}
    needed = {"participant_joined", "persona_chosen", "expectation_written", "note_added",
              "note_edited", "note_removed", "groups_formed", "proposal_made", "proposals_merged",
              "proposal_withdrawn", "amendment_made", "amendment_decided", "round_opened",
              "position_taken", "round_closed", "schema_placed", "schema_removed",
              "plan_item_added", "plan_item_edited", "plan_item_removed", "rule_added",
              "rule_removed", "plan_items_finalised", "evaluation_submitted", "phase_changed",
              "timer_set", "lock_set"}
    assert needed <= types
    phases = [e["data"]["phase"] for e in events if e["type"] == "phase_changed"]
    assert sorted(set(phases)) == list(range(len(scenario.phases)))
    blocks = [e for e in events if e["type"] == "position_taken" and e["data"]["option"] == "blocage"]
    assert blocks and all(b["data"]["reason"] for b in blocks)
    # sequence numbers are 1..n without a gap, times never go back
    assert [e["seq"] for e in events] == list(range(1, len(events) + 1))
    assert all(a["t"] <= b["t"] for a, b in itertools.pairwise(events))
    assert all(e["v"] <= CURRENT_VERSIONS[e["type"]] for e in events)


def test_golden_state_still_fits_the_scenario(golden):
    """The scenario file may evolve, but never so that this session stops making sense."""
    _, events, scenario = golden
    state = replay(scenario, events)
    check_invariants(state)
    assert state.final_adopted and state.charter_adopted
    assert any(r.adopted is False for r in state.rounds.values())
    traj = simulate_state(state)
    assert traj.experiments and traj.experiments[0]["use"] == "jardin_partage"
    for pid in state.participants:
        view_for(state, Actor.participant(pid))


def test_every_golden_event_round_trips(golden):
    _, events, _ = golden
    for d in events:
        e = Event.from_dict(d)
        assert e.v == CURRENT_VERSIONS[d["type"]]  # upcast to the current version
        if d["v"] == e.v:
            assert e.to_dict() == d
        else:  # an older version: only the data moved on, through the upcasters
            assert {k: v for k, v in e.to_dict().items() if k not in ("v", "data")} == \
                {k: v for k, v in d.items() if k not in ("v", "data")}
        assert json.loads(json.dumps(d)) == d

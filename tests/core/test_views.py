"""What each viewer may see: views, per-viewer events, and clients kept in sync with them."""

from __future__ import annotations

import json

import pytest
from helpers import SPECTATOR, TRAINER

from ilot.game.core import Actor, evolve, view_for
from ilot.game.core.kinds import Subject
from ilot.game.core.state import state_from_dict
from ilot.game.core.views import event_for, is_private

from .script import play_short_session


@pytest.fixture(scope="module")
def played(short):
    return play_short_session(short)


def _strip(d):
    d = dict(d)
    d.pop("me", None)
    d["seen"] = []
    return d


def test_private_objectives_only_for_their_player(rs):
    a = rs.join("Ana", "fatima")
    b = rs.join("Bruno", "marc")
    secret = rs.scenario.index("persona")["fatima"].private_objectives
    assert secret, "the rich scenario gives fatima private objectives"
    mine = view_for(rs.state, Actor.participant(a))
    assert mine["me"]["private_objectives"] == [o.model_dump() for o in secret]
    for viewer in (Actor.participant(b), TRAINER, SPECTATOR):
        view = view_for(rs.state, viewer)
        text = json.dumps(view, ensure_ascii=False)
        assert all(o.text not in text for o in secret)
    public = json.dumps(rs.scenario.public(), ensure_ascii=False)
    assert all(p["private_objectives"] == [] for p in rs.scenario.public()["personas"])
    for persona in rs.scenario.personas:
        for o in persona.private_objectives:
            assert o.text not in public


def test_seen_ids_are_hidden_and_the_seed_is_shared(played):
    """The seed is public: everyone's live simulation must draw the server's scenario events."""
    from ilot.game.core.simulation import simulate_state
    from ilot.game.core.state import state_from_dict

    server_traj = simulate_state(played.state).to_dict()
    for viewer in (TRAINER, SPECTATOR, Actor.participant("p1")):
        view = view_for(played.state, viewer)
        assert view["seed"] == played.state.seed and view["seen"] == []
        client = state_from_dict(played.state.scenario, view)
        assert simulate_state(client).to_dict() == server_traj
    opened = played.events[0]
    for viewer in (TRAINER, SPECTATOR, Actor.participant("p1")):
        assert event_for(opened, viewer).data["seed"] == played.state.seed
    assert not is_private(opened)


def test_open_round_positions_hidden_until_closed(ss):
    a, b = ss.join("Ana", "josiane"), ss.join("Bruno", "sylvie")
    ss.goto("deliberation")
    (e,) = ss.act(a, {"type": "propose", "title": "T", "placements": {"cour": "jardin_partage"}})
    (r,) = ss.trainer({"type": "open_round", "subject": str(Subject.of_proposal(e.data['proposal']))})
    rid = r.data["round"]
    (pa,) = ss.act(a, {"type": "take_position", "round": rid, "option": "blocage",
                       "reason": "Secret de vote"})
    ss.act(b, {"type": "take_position", "round": rid, "option": "accord"})
    assert is_private(pa)
    for viewer in (Actor.participant(b), SPECTATOR):
        pos = view_for(ss.state, viewer)["rounds"][rid]["positions"]
        assert set(pos) == {a, b}  # who answered is public…
        assert pos[a]["option"] == "" and pos[a]["reason"] == ""  # …not what
        assert event_for(pa, viewer).data == {"round": rid}
        assert "Secret de vote" not in json.dumps(view_for(ss.state, viewer))
    # the trainer facilitates: the state of agreement is visible live
    pos = view_for(ss.state, TRAINER)["rounds"][rid]["positions"]
    assert (pos[a]["option"], pos[a]["reason"]) == ("blocage", "Secret de vote")
    assert event_for(pa, TRAINER).data["option"] == "blocage"
    mine = view_for(ss.state, Actor.participant(a))["rounds"][rid]["positions"][a]
    assert (mine["option"], mine["reason"]) == ("blocage", "Secret de vote")
    assert event_for(pa, Actor.participant(a)).data["option"] == "blocage"
    (closed,) = ss.trainer({"type": "close_round", "round": rid})
    assert not is_private(closed)
    for viewer in (Actor.participant(b), TRAINER, SPECTATOR):
        pos = view_for(ss.state, viewer)["rounds"][rid]["positions"]
        assert (pos[a]["option"], pos[a]["reason"]) == ("blocage", "Secret de vote")


def test_evaluations_of_others_hidden_except_for_the_trainer(ss):
    a, b = ss.join("Ana", "josiane"), ss.join("Bruno", "sylvie")
    ss.goto("synthese")
    (ea,) = ss.act(a, {"type": "evaluate", "answers": {"objectifs": 2}, "comment": "Trop long"})
    ss.act(b, {"type": "evaluate", "answers": {"objectifs": 5}})
    assert set(view_for(ss.state, TRAINER)["evaluations"]) == {a, b}
    assert set(view_for(ss.state, Actor.participant(a))["evaluations"]) == {a}
    assert view_for(ss.state, SPECTATOR)["evaluations"] == {}
    assert event_for(ea, TRAINER).data["comment"] == "Trop long"
    assert event_for(ea, Actor.participant(a)).data["comment"] == "Trop long"
    for viewer in (Actor.participant(b), SPECTATOR):
        assert event_for(ea, viewer).data == {}


def test_non_private_events_are_sent_as_they_are(played):
    for e in played.events:
        if not is_private(e):
            for viewer in (TRAINER, SPECTATOR, Actor.participant("p2")):
                assert event_for(e, viewer) is e


def test_views_load_back_into_a_state(played):
    for viewer in (TRAINER, SPECTATOR, *(Actor.participant(p) for p in played.state.participants)):
        view = view_for(played.state, viewer)
        json.dumps(view)  # plain data only
        loaded = state_from_dict(played.scenario, view)
        assert _strip(loaded.to_dict()) == _strip(view)


@pytest.mark.parametrize("viewer", [TRAINER, SPECTATOR, Actor.participant("p1"),
                                    Actor.participant("p4")])
def test_a_client_applying_its_events_stays_equal_to_its_view(played, short, viewer):
    """A client rebuilt from a view at any point, fed event_for(...), matches the server's view."""
    from ilot.game.core import new_state

    server = new_state(short)
    client = None
    for i, e in enumerate(played.events):
        evolve(server, e)
        if i == 20:  # the client connects mid-session and loads its view
            client = state_from_dict(short, view_for(server, viewer))
        elif client is not None:
            evolve(client, event_for(e, viewer))
            assert _strip(client.to_dict()) == _strip(view_for(server, viewer)), (i, e)
    assert client is not None and client.seq == played.state.seq


def test_scenario_public_is_loadable(short):
    from ilot.game.core.scenario import Scenario

    # what clients receive validates as a scenario, without anyone's private objectives
    public = Scenario.model_validate(short.public())
    assert public.id == short.id and all(not p.private_objectives for p in public.personas)

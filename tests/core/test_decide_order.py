"""The fixed order of checks in `decide`, idempotency by client action id, and bad input."""

from __future__ import annotations

import pytest
from helpers import NEWCOMER, SPECTATOR, TRAINER, Session

from ilot.game.core import Actor, Rejection, decide, parse_action, state_hash
from ilot.game.core.actions import ACTION_CLASSES
from ilot.game.core.decide import RULES
from ilot.game.core.rejections import RejectionCode
from ilot.game.text import lang_for


def test_every_action_type_has_a_rule_and_every_code_a_message():
    assert set(RULES) == set(ACTION_CLASSES.values())
    assert all(rule.action is cls for cls, rule in RULES.items())
    fr, en = lang_for("fr"), lang_for("en")
    for code in RejectionCode:
        assert fr.has(f"rejection.{code}") and en.has(f"rejection.{code}"), code
        assert fr.t(f"rejection.{code}") != en.t(f"rejection.{code}"), code
    with pytest.raises(ValueError):
        Rejection("no_such_code")


@pytest.mark.parametrize("payload", [
    None, 3, "join", [],
    {"type": "join"},  # no client action id
    {"type": "join", "id": "x", "name": ""},
    {"type": "join", "id": "x", "name": "a" * 121},
    {"type": "join", "id": "x", "name": "Ana", "extra": 1},
    {"type": "add_note", "id": "x", "space": 5, "kind": "force", "text": "t"},
    {"type": "add_note", "id": "x", "space": "hall_a", "kind": "autre", "text": "t"},
    {"type": "plan_add", "id": "x", "what": "w", "lead": "gardien", "quarter": 1,
     "cost": float("nan"), "payer": "charges"},
    {"type": "plan_add", "id": "x", "what": "w", "lead": "gardien", "quarter": 13,
     "cost": 1, "payer": "charges"},
    {"type": "evaluate", "id": "x", "answers": {"objectifs": 6}},
    {"type": "set_phase", "id": "x", "phase": -1},
    {"type": "schema_place", "id": "x", "space": "cour", "use": "aire_jeux", "year": 4},
    {"type": "take_position", "id": "i" * 65, "round": "R1", "option": "accord"},
    {"type": "add_note", "id": "x", "space": "hall_a", "kind": "idee", "text": "t",
     "x": float("nan"), "y": 3.0},
    {"type": "add_note", "id": "x", "space": "hall_a", "kind": "idee", "text": "   "},
    {"type": "join", "id": "x", "name": " \t "},
    {"type": "plan_add", "id": "x", "what": "  ", "lead": "gardien", "quarter": 1,
     "cost": 1, "payer": "charges"},
])
def test_malformed_actions_are_rejected_as_invalid(rs, payload):
    before = state_hash(rs.state)
    with pytest.raises(Rejection) as exc:
        decide(rs.state, TRAINER, payload, 1.0)
    assert exc.value.code == "invalid_action"
    assert state_hash(rs.state) == before


@pytest.mark.parametrize("kind", ["nope", "Join", "", "__class__", "evolve", None, 3, [], {"a": 1}])
def test_unknown_action_type(rs, kind):
    with pytest.raises(Rejection) as exc:
        parse_action({"type": kind, "id": "x"})
    assert exc.value.code == "unknown_action"
    assert rs.reject("trainer", {"type": kind}) == "unknown_action"


def test_action_known_is_checked_before_actor(rs):
    # an unknown actor sending an unknown action hears about the action first
    assert rs.reject("p99", {"type": "nope"}) == "unknown_action"
    assert rs.reject("p99", {"type": "set_lock"}) == "invalid_action"


def test_unknown_actor_before_role(rs):
    # p99 never joined: a trainer-only action says unknown_actor, not trainer_only
    assert rs.reject("p99", {"type": "set_lock", "locked": True}) == "unknown_actor"
    assert rs.reject("p99", {"type": "write_expectation", "text": "x"}) == "unknown_actor"
    assert rs.reject(Actor("ghost", "g"), {"type": "set_lock", "locked": True}) == "unknown_actor"
    assert rs.reject(NEWCOMER, {"type": "set_lock", "locked": True}) == "unknown_actor"


def test_join_only_for_newcomers(rs):
    pid = rs.join("Ana")
    assert rs.reject(pid, {"type": "join", "name": "Bis"}) == "already_joined"
    assert rs.reject(TRAINER, {"type": "join", "name": "Bis"}) == "forbidden_role"
    assert rs.reject(SPECTATOR, {"type": "join", "name": "Bis"}) == "forbidden_role"


def test_spectator_may_not_act(rs):
    for action in ({"type": "set_lock", "locked": True}, {"type": "write_expectation", "text": "x"},
                   {"type": "rename", "name": "x"}):
        assert rs.reject(SPECTATOR, action) == "spectator"


def test_role_before_phase_and_lock(rs):
    pid = rs.join("Ana", "fatima")
    rs.trainer({"type": "set_lock", "locked": True})
    assert rs.reject(pid, {"type": "set_phase", "phase": 2}) == "trainer_only"
    assert rs.reject(pid, {"type": "open_round", "subject": "charter"}) == "trainer_only"
    # an action of participants only, tried by the trainer
    assert rs.reject(TRAINER, {"type": "write_expectation", "text": "x"}) == "forbidden_role"
    assert rs.reject(TRAINER, {"type": "add_note", "space": "cour", "kind": "idee",
                               "text": "x"}) == "forbidden_role"


def test_no_persona_before_phase(rs):
    pid = rs.join("Ana")
    # react_project belongs to the projets phase, but a persona is checked first
    assert rs.reject(pid, {"type": "react_project", "project": "chaudronneries",
                           "reaction": "inspire"}) == "no_persona"
    rs.act(pid, {"type": "choose_persona", "persona": "fatima"})
    assert rs.reject(pid, {"type": "react_project", "project": "chaudronneries",
                           "reaction": "inspire"}) == "wrong_phase"
    # actions that need no persona
    rs.act(pid, {"type": "rename", "name": "Ana B."})
    assert rs.state.participants[pid].name == "Ana B."


def test_phase_before_lock_and_lock_before_state(rs):
    pid = rs.join("Ana", "fatima")
    rs.trainer({"type": "set_lock", "locked": True})
    assert rs.reject(pid, {"type": "add_note", "space": "nowhere", "kind": "idee",
                           "text": "x"}) == "wrong_phase"
    rs.goto("etat_des_lieux")
    assert rs.reject(pid, {"type": "add_note", "space": "nowhere", "kind": "idee",
                           "text": "x"}) == "locked"
    rs.trainer({"type": "set_lock", "locked": False})
    assert rs.reject(pid, {"type": "add_note", "space": "nowhere", "kind": "idee",
                           "text": "x"}) == "unknown_space"


def test_lock_lets_people_join_and_rename_and_binds_not_the_trainer(rs):
    pid = rs.join("Ana", "fatima")
    rs.trainer({"type": "set_lock", "locked": True})
    other = rs.join("Bruno")
    rs.act(other, {"type": "rename", "name": "Bruno L."})
    assert rs.reject(pid, {"type": "write_expectation", "text": "x"}) == "locked"
    assert rs.reject(other, {"type": "choose_persona", "persona": "marc"}) == "locked"
    rs.goto("etat_des_lieux")  # the trainer is bound by neither phase nor lock
    assert rs.state.locked


def test_trainer_is_not_bound_by_phase(rs):
    rs.join("Ana", "fatima")
    assert rs.state.phase_kind == "accueil"
    rs.trainer({"type": "form_groups", "count": 1})
    rs.trainer({"type": "spotlight", "group": "g1"})
    assert rs.state.spotlight == "g1"


def test_same_client_action_id_twice_has_no_second_effect(rs):
    pid = rs.join("Ana", "fatima")
    rs.goto("etat_des_lieux")
    note = {"type": "add_note", "id": "same", "space": "cour", "kind": "idee", "text": "Un banc"}
    first = rs.act(pid, note)
    assert len(first) == 1
    h = rs.hash()
    assert rs.act(pid, note) == []
    assert rs.act(pid, dict(note, text="Autre texte")) == []  # same id: still nothing
    assert rs.hash() == h
    assert len(rs.state.notes) == 1
    # the same id from another participant is another action
    other = rs.join("Bruno", "marc")
    assert len(rs.act(other, note)) == 1
    # the trainer's ids are remembered too
    assert len(rs.trainer({"type": "set_lock", "id": "t1", "locked": True})) == 1
    assert rs.trainer({"type": "set_lock", "id": "t1", "locked": False}) == []
    assert rs.state.locked


def test_duplicate_id_is_checked_before_role_and_phase(rs):
    """A retry after a phase change must not turn an accepted action into a rejection."""
    pid = rs.join("Ana", "fatima")
    rs.act(pid, {"type": "write_expectation", "id": "e1", "text": "Apprendre"})
    rs.goto("etat_des_lieux")
    assert rs.act(pid, {"type": "write_expectation", "id": "e1", "text": "Apprendre"}) == []


def test_decide_never_changes_the_state(rs):
    pid = rs.join("Ana", "fatima")
    before = state_hash(rs.state)
    events = decide(rs.state, Actor.participant(pid), {"type": "write_expectation", "id": "z",
                                                        "text": "Voir"}, 5.0)
    assert len(events) == 1 and state_hash(rs.state) == before


def test_events_carry_seq_time_author_and_action_id(rs):
    pid = rs.join("Ana", "fatima")
    (e,) = rs.act(pid, {"type": "write_expectation", "id": "abc", "text": "Voir"}, now=42.5)
    assert (e.seq, e.t, e.by, e.aid, e.v) == (rs.state.seq, 42.5, pid, "abc", 1)
    (j,) = rs.act(NEWCOMER, {"type": "join", "name": "Zoé"})
    assert j.by == j.data["participant"] and j.seq == e.seq + 1


def test_rejection_messages_are_french_first(rs):
    with pytest.raises(Rejection) as exc:
        decide(rs.state, Actor.participant("p9"), {"type": "rename", "id": "x", "name": "a"}, 0)
    assert exc.value.code == "unknown_actor"
    assert "inscrit" in lang_for("fr").t(exc.value.message_key)
    assert "joined" in lang_for("en").t(exc.value.message_key)


def test_session_helper_reject_detects_acceptance(rs):
    with pytest.raises(AssertionError):
        rs.reject(NEWCOMER, {"type": "join", "name": "Ana"})


def test_short_session_works_with_the_helper(ss):
    pid = ss.join("Ana", "josiane")
    ss.goto("synthese")
    assert ss.state.participants[pid].role == "resident"
    assert isinstance(ss, Session)

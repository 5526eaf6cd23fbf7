"""The end of the session: the trainer closes it, the room is read-only, it can be reopened,
and the closing screen says what the group adopted."""

from __future__ import annotations

import pytest
from helpers import NEWCOMER, SPECTATOR, TRAINER, Session

from ilot.game.core import Actor, replay, state_hash, view_for
from ilot.game.core.actions import ACTION_CLASSES
from ilot.game.core.decide import RULES
from ilot.game.core.kinds import AgendaStatus, PhaseKind, ProposalStatus
from ilot.game.core.views import agenda, closing_summary, todo
from ilot.game.debrief.scripted import play

from .golden_log import LOG, read_log


@pytest.mark.parametrize("kind", [PhaseKind.ACCUEIL, PhaseKind.DELIBERATION, PhaseKind.SYNTHESE])
def test_the_trainer_closes_in_any_phase(rs, kind):
    rs.goto(kind)
    (e,) = rs.trainer({"type": "close_session"})
    assert (e.type, e.by, e.data) == ("session_closed", "trainer", {})
    assert rs.state.closed_at == e.t and rs.state.closed
    assert rs.state.phase_kind == kind  # the phase is kept, for the debrief and the screen


def test_only_the_trainer_closes_and_reopens(rs):
    pid = rs.join("Ana", "fatima")
    assert rs.reject(pid, {"type": "close_session"}) == "trainer_only"
    assert rs.reject(SPECTATOR, {"type": "close_session"}) == "spectator"
    assert rs.reject(TRAINER, {"type": "reopen_session"}) == "not_closed"
    rs.trainer({"type": "close_session"})
    assert rs.reject(pid, {"type": "reopen_session"}) == "trainer_only"
    assert rs.reject(TRAINER, {"type": "close_session"}) == "session_closed"
    (e,) = rs.trainer({"type": "reopen_session"})
    assert (e.type, e.data) == ("session_reopened", {}) and rs.state.closed_at is None
    assert rs.reject(TRAINER, {"type": "reopen_session"}) == "not_closed"


def test_closing_ends_the_turn_and_empties_the_queue_first(rs):
    a, b = rs.join("Ana", "fatima"), rs.join("Bob", "marc")
    rs.act(a, {"type": "ask_floor"})
    rs.act(b, {"type": "ask_floor"})
    rs.trainer({"type": "give_floor"})
    events = rs.trainer({"type": "close_session"})
    assert [(e.type, e.data) for e in events] == [
        ("turn_ended", {"participant": a}), ("floor_cleared", {"participants": [b]}),
        ("session_closed", {})]
    assert rs.state.speaker is None and rs.state.floor_queue == []


# a plausible payload for every action type (its rule is not reached once closed)
PAYLOADS = {
    "rename": {"name": "Ana B."}, "choose_persona": {"persona": "odette"},
    "write_expectation": {"text": "x"}, "react_project": {"project": "p", "reaction": "inspire"},
    "comment_project": {"project": "p", "text": "x"},
    "add_note": {"space": "hall_a", "kind": "idee", "text": "x"},
    "edit_note": {"note": "n1", "text": "x"}, "remove_note": {"note": "n1"},
    "add_resource": {"space": "hall_a", "service": "x"}, "remove_resource": {"resource": "r1"},
    "cafe_note": {"table": "t", "text": "x"}, "draft_place": {"space": "cour", "use": "u"},
    "draft_clear": {"space": "cour"}, "argue": {"group": "g1", "stance": "pour", "text": "x"},
    "propose": {"title": "x", "text": "x"}, "withdraw": {"proposal": "P1"},
    "merge_proposals": {"proposals": ["P1", "P2"], "title": "x"},
    "amend": {"proposal": "P1", "text": "x"}, "decide_amendment": {"amendment": "m1", "accept": True},
    "take_position": {"round": "R1", "option": "accord"},
    "schema_place": {"space": "cour", "use": "u", "year": 1}, "schema_remove": {"space": "cour"},
    "plan_add": {"what": "x", "lead": "gardien", "quarter": 1, "cost": 0, "payer": "charges"},
    "plan_edit": {"item": "i1", "what": "x", "lead": "gardien", "quarter": 1, "cost": 0,
                  "payer": "charges"},
    "plan_remove": {"item": "i1"}, "rule_add": {"rule": "r"}, "rule_remove": {"entry": "e1"},
    "evaluate": {"answers": {"plan": 4}}, "simulation_playback": {"command": "play"},
    "barometre_place": {"statement": "habitants_associes", "level": 3},
    "set_phase": {"phase": 1},
    "set_timer": {"seconds": 60.0}, "set_lock": {"locked": True}, "form_groups": {"count": 2},
    "move_member": {"participant": "p1", "group": "g1"}, "spotlight": {"group": None},
    "rotate_cafe": {}, "open_round": {"subject": "charter"}, "close_round": {"round": "R1"},
    "finalise_plan": {"items": []}, "ask_floor": {}, "withdraw_floor": {},
    "give_floor": {}, "end_turn": {}, "clear_floor": {}, "close_session": {},
    "question_ask": {"text": "x"}, "question_upvote": {"question": "q1"},
    "question_answer": {"question": "q1"}, "question_remove": {"question": "q1"},
    "experience_share": {"title": "x"}, "experience_pin": {"experience": "x1"},
    "experience_remove": {"experience": "x1"},
    "whoami_set": {"real_role": "tenant"}, "whoami_clear": {"participant": "p1"},
    "space_card_line": {"space": "cour", "text": "x"}, "space_card_remove": {"line": "sc1"},
    "character_write": {"name": "Jo", "role": "resident", "portrait": "p01"},
    "character_edit": {"character": "ch1", "name": "Jo", "role": "resident", "portrait": "p01"},
    "character_review": {"character": "ch1", "decision": "approve"},
    "character_merge": {"characters": ["ch1", "ch2"], "into": "ch1"},
    "character_remove": {"character": "ch1"}, "persona_pool": {"scenario": False},
    "comment_remove": {"comment": "c1"}, "cafe_note_remove": {"note": "k1"},
}


def test_a_closed_session_refuses_every_action_but_joining_reopening_and_inviting(rs):
    assert set(PAYLOADS) == set(ACTION_CLASSES) - {"join", "reopen_session", "show_invitation"}
    pid = rs.join("Ana", "fatima")
    rs.trainer({"type": "close_session"})
    before = rs.hash()
    for kind, payload in PAYLOADS.items():
        rule = RULES[ACTION_CLASSES[kind]]
        actors = [a for a in (Actor.participant(pid), TRAINER) if a.kind in rule.who]
        for actor in actors:
            assert rs.reject(actor, {"type": kind, **payload}) == "session_closed", (kind, actor)
    assert rs.hash() == before
    # a late joiner gets a seat and sees the closed session; choosing a character is refused
    late = rs.join("Zoé")
    assert late in rs.state.participants and rs.state.closed
    assert rs.reject(late, {"type": "choose_persona", "persona": "odette"}) == "session_closed"
    # who you are is checked before the session: a spectator is told it cannot act
    assert rs.reject(SPECTATOR, {"type": "ask_floor"}) == "spectator"
    assert rs.reject(NEWCOMER, {"type": "ask_floor"}) == "unknown_actor"


def test_the_trainer_shows_and_hides_the_invitation_even_closed(rs):
    pid = rs.join("Ana", "fatima")
    assert rs.state.invitation is False
    assert rs.reject(pid, {"type": "show_invitation"}) == "trainer_only"
    assert rs.reject(SPECTATOR, {"type": "show_invitation"}) == "spectator"
    (e,) = rs.trainer({"type": "show_invitation"})
    assert (e.type, e.by, e.data) == ("invitation_shown", "trainer", {"shown": True})
    assert rs.state.invitation is True and view_for(rs.state, Actor.participant(pid))["invitation"]
    rs.trainer({"type": "close_session"})
    (e,) = rs.trainer({"type": "show_invitation", "shown": False})
    assert e.data == {"shown": False} and rs.state.invitation is False
    assert replay(rs.state.scenario, rs.events).invitation is False


def test_an_action_sent_again_after_the_close_is_still_a_duplicate(rs):
    pid = rs.join("Ana", "fatima")
    rs.act(pid, {"type": "write_expectation", "text": "Apprendre", "id": "x1"})
    rs.trainer({"type": "close_session"})
    assert rs.act(pid, {"type": "write_expectation", "text": "Apprendre", "id": "x1"}) == []


def test_reopening_gives_everything_back(rs):
    pid = rs.join("Ana", "fatima")
    rs.trainer({"type": "close_session"})
    rs.trainer({"type": "reopen_session"})
    rs.act(pid, {"type": "write_expectation", "text": "Apprendre"})
    rs.goto("etat_des_lieux")
    assert rs.state.phase_kind == "etat_des_lieux"


def test_the_closing_screen_says_what_was_adopted(rich):
    script = play(rich, participants=9, scale=1.0, seed=5)
    s = Session(rich)
    s.state, s.events = script.state, list(script.events)
    s.now = s.events[-1].t
    s.trainer({"type": "close_session"})
    st = s.state
    c = closing_summary(st)
    assert c.closed_at == st.closed_at
    adopted = {p.id for p in st.proposals.values() if p.status == ProposalStatus.ADOPTED}
    assert adopted and {a.id for a in c.adopted} == adopted
    assert [a.adopted_at for a in c.adopted] == sorted(a.adopted_at for a in c.adopted)
    assert all(a.title == st.proposals[a.id].title for a in c.adopted)
    final = [i for i in st.plan.values() if i.final]
    assert c.final_items and set(c.final_items) == {i.id for i in final}
    assert c.final_cost == pytest.approx(sum(i.cost for i in final))
    assert c.final_adopted == st.final_adopted and c.charter_adopted == st.charter_adopted
    assert c.charter == list(st.charter) and c.schema == len(st.schema)
    assert (c.notes, c.proposals, c.rounds, c.plan_items) == (
        len(st.notes), len(st.proposals), len(st.rounds), len(st.plan))
    assert c.participants == sum(1 for p in st.participants.values() if p.persona)
    assert c.evaluations == len(st.evaluations) > 0
    # the agenda is all past up to where the session stopped; the todo says it is over
    statuses = [e.status for e in agenda(st)]
    assert statuses[: st.phase + 1] == [AgendaStatus.PAST] * (st.phase + 1)
    pid = next(iter(st.participants))
    assert todo(st, Actor.participant(pid)) == todo(st, TRAINER) == "closed"
    # and everyone may still see it all
    assert view_for(st, SPECTATOR)["closed_at"] == st.closed_at
    assert state_hash(replay(rich, [e.to_dict() for e in s.events])) == s.hash()


def test_an_open_session_has_an_empty_closing_summary_time(rs):
    assert closing_summary(rs.state).closed_at is None


def test_old_logs_replay_and_are_never_closed(short):
    _, events = read_log(LOG)
    state = replay(short, events)
    assert state.closed_at is None and state.floor_queue == [] and state.speaker is None

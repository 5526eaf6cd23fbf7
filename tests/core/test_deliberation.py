"""Délibération: proposals, amendments, merges, consent rounds and adoption."""

from __future__ import annotations

import pytest

from ilot.game.core.kinds import Subject


@pytest.fixture
def delib(rs):
    """Three participants of the three roles, in the deliberation phase."""
    pids = [rs.join("Fatou", "fatima"), rs.join("Marc", "marc"), rs.join("Claire", "claire")]
    rs.goto("deliberation")
    return rs, pids


def _propose(s, pid, **kw):
    action = {"type": "propose", "title": "Jardin", "placements": {"jardin": "jardin_partage"}}
    action.update(kw)
    (e,) = s.act(pid, action)
    return e.data["proposal"]


def _round(s, subject: Subject):
    (e,) = s.trainer({"type": "open_round", "subject": str(subject)})
    return e.data["round"]


def test_propose(delib):
    s, (a, b, _c) = delib
    pid = _propose(s, a, text=" Un jardin partagé ")
    p = s.state.proposals[pid]
    assert (p.author, p.title, p.text, p.placements, p.status, p.parents, p.group) == (
        a, "Jardin", "Un jardin partagé", {"jardin": "jardin_partage"}, "open", [], None)
    text_only = _propose(s, b, title="Règles", placements={}, text="Des horaires")
    assert s.state.proposals[text_only].placements == {}


def test_propose_rejections(delib):
    s, (a, _b, _c) = delib
    base = {"type": "propose", "title": "T"}
    assert s.reject(a, dict(base, placements={"lune": "jardin_partage"})) == "unknown_space"
    assert s.reject(a, dict(base, placements={"jardin": "zzz"})) == "unknown_use"
    assert s.reject(a, dict(base, placements={"hall_a": "aire_jeux"})) == "use_not_allowed"
    assert s.reject(a, dict(base, text="  ")) == "empty_proposal"
    assert s.reject(a, dict(base, from_group="g1", text="x")) == "unknown_group"
    assert s.reject("trainer", dict(base, text="x")) == "forbidden_role"
    s.goto("schema_directeur")
    assert s.reject(a, dict(base, text="x")) == "wrong_phase"


def test_propose_from_a_group_draft(delib):
    s, (a, b, c) = delib
    s.trainer({"type": "form_groups", "count": 1})
    s.goto("ateliers")
    s.act(a, {"type": "draft_place", "space": "cour", "use": "aire_jeux"})
    s.act(b, {"type": "draft_place", "space": "local_velos", "use": "velos_securise"})
    s.goto("deliberation")
    pid = _propose(s, c, placements={}, from_group="g1")
    assert s.state.proposals[pid].placements == {"cour": "aire_jeux",
                                                 "local_velos": "velos_securise"}
    assert s.state.proposals[pid].group == "g1"
    # re-forming groups keeps each group's draft unless told otherwise
    s.trainer({"type": "form_groups", "count": 1})
    assert len(s.state.groups["g1"].draft) == 2
    # groups formed anew are new groups, with empty drafts: nothing to propose
    s.trainer({"type": "form_groups", "count": 1, "keep_drafts": False})
    assert set(s.state.groups) == {"g2"}
    assert s.reject(c, {"type": "propose", "title": "T", "from_group": "g2"}) == "empty_proposal"
    assert s.reject(c, {"type": "propose", "title": "T", "from_group": "g1"}) == "unknown_group"


def test_withdraw(delib):
    s, (a, b, _c) = delib
    pid = _propose(s, a)
    assert s.reject(b, {"type": "withdraw", "proposal": pid}) == "not_author"
    assert s.reject(a, {"type": "withdraw", "proposal": "P0"}) == "unknown_proposal"
    rid = _round(s, Subject.of_proposal(pid))
    assert s.reject(a, {"type": "withdraw", "proposal": pid}) == "round_running"
    s.trainer({"type": "close_round", "round": rid})
    s.act(a, {"type": "withdraw", "proposal": pid})
    assert s.state.proposals[pid].status == "withdrawn"
    assert s.reject(a, {"type": "withdraw", "proposal": pid}) == "proposal_closed"
    other = _propose(s, b)
    s.trainer({"type": "withdraw", "proposal": other})  # the trainer may withdraw any
    assert s.state.proposals[other].status == "withdrawn"


def test_merge_keeps_links_to_parents(delib):
    s, (a, b, _c) = delib
    p1 = _propose(s, a, text="Jardin")
    p2 = _propose(s, a, title="Vélos", placements={"local_velos": "velos_securise"}, text="Vélos")
    p3 = _propose(s, b, title="Jeux", placements={"cour": "aire_jeux"})
    (e,) = s.act(a, {"type": "merge_proposals", "proposals": [p1, p2], "title": "Ensemble"})
    m = s.state.proposals[e.data["proposal"]]
    assert m.parents == [p1, p2] and m.status == "open" and m.author == a
    assert m.placements == {"jardin": "jardin_partage", "local_velos": "velos_securise"}
    assert m.text == "Jardin\nVélos"
    assert s.state.proposals[p1].status == s.state.proposals[p2].status == "merged"
    # only the trainer may merge proposals of different authors
    assert s.reject(a, {"type": "merge_proposals", "proposals": [m.id, p3],
                        "title": "T"}) == "not_author"
    assert s.reject(a, {"type": "merge_proposals", "proposals": [m.id, m.id],
                        "title": "T"}) == "unknown_proposal"
    assert s.reject(a, {"type": "merge_proposals", "proposals": [m.id, p1],
                        "title": "T"}) == "proposal_closed"
    assert s.reject(a, {"type": "merge_proposals", "proposals": [m.id],
                        "title": "T"}) == "invalid_action"
    rid = _round(s, Subject.of_proposal(p3))
    assert s.reject("trainer", {"type": "merge_proposals", "proposals": [m.id, p3],
                                "title": "T"}) == "round_running"
    s.trainer({"type": "close_round", "round": rid})
    (e,) = s.trainer({"type": "merge_proposals", "proposals": [m.id, p3], "title": "Tout",
                      "text": "Synthèse"})
    assert s.state.proposals[e.data["proposal"]].text == "Synthèse"
    assert s.state.proposals[e.data["proposal"]].parents == [m.id, p3]


def test_amendments_accepted_or_rejected_by_the_author(delib):
    s, (a, b, c) = delib
    pid = _propose(s, a, placements={"jardin": "jardin_partage", "cour": "aire_jeux"})
    (e,) = s.act(b, {"type": "amend", "proposal": pid, "text": "Plutôt des vélos",
                     "add": {"local_velos": "velos_securise"}, "remove": ["cour"]})
    mid = e.data["amendment"]
    assert s.state.amendments[mid].status == "pending"
    assert s.state.proposals[pid].amendments == [mid]
    assert s.reject(b, {"type": "decide_amendment", "amendment": mid,
                        "accept": True}) == "not_author"
    assert s.reject(a, {"type": "decide_amendment", "amendment": "m0",
                        "accept": True}) == "unknown_amendment"
    rid = _round(s, Subject.of_proposal(pid))
    assert s.reject(a, {"type": "decide_amendment", "amendment": mid,
                        "accept": True}) == "round_running"
    s.trainer({"type": "close_round", "round": rid})
    s.act(a, {"type": "decide_amendment", "amendment": mid, "accept": True})
    assert s.state.amendments[mid].status == "accepted"
    assert s.state.proposals[pid].placements == {"jardin": "jardin_partage",
                                                 "local_velos": "velos_securise"}
    assert s.reject(a, {"type": "decide_amendment", "amendment": mid,
                        "accept": False}) == "amendment_decided"
    (e,) = s.act(c, {"type": "amend", "proposal": pid, "text": "Sans jardin", "remove": ["jardin"]})
    s.act(a, {"type": "decide_amendment", "amendment": e.data["amendment"], "accept": False})
    assert s.state.amendments[e.data["amendment"]].status == "rejected"
    assert "jardin" in s.state.proposals[pid].placements
    # a new round after an amendment is round number 2
    assert s.state.rounds[_round(s, Subject.of_proposal(pid))].number == 2


def test_amend_rejections(delib):
    s, (a, b, _c) = delib
    pid = _propose(s, a)
    base = {"type": "amend", "proposal": pid, "text": "x"}
    assert s.reject(b, dict(base, proposal="P0")) == "unknown_proposal"
    assert s.reject(b, dict(base, add={"lune": "aire_jeux"})) == "unknown_space"
    assert s.reject(b, dict(base, add={"cour": "zzz"})) == "unknown_use"
    assert s.reject(b, dict(base, add={"hall_a": "aire_jeux"})) == "use_not_allowed"
    assert s.reject(b, dict(base, remove=["cour"])) == "not_placed"
    s.act(a, {"type": "withdraw", "proposal": pid})
    assert s.reject(b, base) == "proposal_closed"
    mid_pid = _propose(s, a)
    (e,) = s.act(b, dict(base, proposal=mid_pid))
    s.act(a, {"type": "withdraw", "proposal": mid_pid})
    assert s.reject(a, {"type": "decide_amendment", "amendment": e.data["amendment"],
                        "accept": True}) == "proposal_closed"


def test_open_round_rejections(delib):
    s, (a, _b, _c) = delib
    assert s.reject("trainer", {"type": "open_round", "subject": "n'importe"}) == "bad_subject"
    assert s.reject("trainer", {"type": "open_round", "subject": str(Subject.of_proposal("P0"))}) == "unknown_proposal"
    assert s.reject("trainer", {"type": "open_round", "subject": "charter"}) == "charter_empty"
    assert s.reject("trainer", {"type": "open_round", "subject": "final_plan"}) == "plan_empty"
    pid = _propose(s, a)
    _round(s, Subject.of_proposal(pid))
    assert s.reject("trainer", {"type": "open_round", "subject": str(Subject.of_proposal(pid))}) == "round_running"
    assert s.reject(a, {"type": "open_round", "subject": str(Subject.of_proposal(pid))}) == "trainer_only"


def test_positions_reasons_and_result(delib):
    s, (a, b, c) = delib
    pid = _propose(s, a)
    rid = _round(s, Subject.of_proposal(pid))
    assert s.reject(a, {"type": "take_position", "round": "R0", "option": "accord"}) == "unknown_round"
    assert s.reject(a, {"type": "take_position", "round": rid, "option": "peut-être"}) == "unknown_option"
    for option in ("desaccord", "blocage"):
        assert s.reject(a, {"type": "take_position", "round": rid, "option": option,
                            "reason": "   "}) == "reason_required"
    s.act(a, {"type": "take_position", "round": rid, "option": "accord"})
    s.act(b, {"type": "take_position", "round": rid, "option": "abstention"})
    s.act(c, {"type": "take_position", "round": rid, "option": "blocage",
              "reason": " Trop cher en charges "})
    s.act(b, {"type": "take_position", "round": rid, "option": "accord"})  # changes their mind
    assert s.state.rounds[rid].positions[b].option == "accord"
    (e,) = s.trainer({"type": "close_round", "round": rid})
    r = s.state.rounds[rid]
    assert e.data["counts"] == r.counts == {"accord": 2, "abstention": 0, "desaccord": 0, "blocage": 1}
    assert r.adopted is False and r.closed_at == e.t  # one block and max_blocks = 0
    assert r.positions[c].reason == "Trop cher en charges"
    assert s.state.proposals[pid].status == "open"
    assert s.reject(a, {"type": "take_position", "round": rid, "option": "accord"}) == "round_closed"
    assert s.reject("trainer", {"type": "close_round", "round": rid}) == "round_closed"
    assert s.reject("trainer", {"type": "close_round", "round": "R0"}) == "unknown_round"
    rid2 = _round(s, Subject.of_proposal(pid))
    for p in (a, b, c):
        s.act(p, {"type": "take_position", "round": rid2, "option": "accord"})
    s.trainer({"type": "close_round", "round": rid2})
    assert s.state.rounds[rid2].adopted is True
    assert s.state.proposals[pid].status == "adopted"
    assert s.state.adopted_placements() == {"jardin": {"jardin_partage"}}
    assert s.reject("trainer", {"type": "open_round", "subject": str(Subject.of_proposal(pid))}) == "proposal_closed"


@pytest.mark.parametrize("options,adopted", [
    ([], False),  # nobody answered
    (["abstention", "abstention"], False),  # no agree at all
    (["accord", "abstention", "abstention"], True),
    (["accord", "desaccord"], True),  # 1 agree >= 0.5 * 2
    (["accord", "desaccord", "desaccord"], False),  # 1 < 0.5 * 3
    (["accord", "accord", "blocage"], False),
])
def test_consent_arithmetic_follows_the_scenario(delib, options, adopted):
    s, _ = delib
    assert s.scenario.consent.max_blocks == 0 and s.scenario.consent.min_agree_share == 0.5
    voters = [s.join(f"V{i}", p) for i, p in enumerate(["odette", "nadia", "sophie"][:len(options)])]
    pid = _propose(s, voters[0] if voters else delib[1][0])
    rid = _round(s, Subject.of_proposal(pid))
    for v, o in zip(voters, options, strict=False):
        s.act(v, {"type": "take_position", "round": rid, "option": o, "reason": "parce que"})
    s.trainer({"type": "close_round", "round": rid})
    assert s.state.rounds[rid].adopted is adopted


def test_positions_need_a_persona_but_not_the_deliberation_phase(delib):
    s, (a, _b, _c) = delib
    pid = _propose(s, a)
    rid = _round(s, Subject.of_proposal(pid))
    late = s.join("Sans personnage")
    assert s.reject(late, {"type": "take_position", "round": rid, "option": "accord"}) == "no_persona"
    assert s.reject("trainer", {"type": "take_position", "round": rid,
                                "option": "accord"}) == "forbidden_role"
    s.goto("schema_directeur")  # a round opened by the trainer can be answered in any phase
    s.act(a, {"type": "take_position", "round": rid, "option": "accord"})

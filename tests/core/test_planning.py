"""Schéma directeur, plan d'action, charter of rules, final plan and evaluation."""

from __future__ import annotations

import pytest

from ilot.game.core.kinds import Subject


@pytest.fixture
def adopted(rs):
    """Three players; 'jardin_partage' on the jardin and 'aire_jeux' on the cour adopted."""
    pids = [rs.join("Fatou", "fatima"), rs.join("Marc", "marc"), rs.join("Claire", "claire")]
    rs.goto("deliberation")
    (e,) = rs.act(pids[0], {"type": "propose", "title": "Jardin et jeux",
                            "placements": {"jardin": "jardin_partage", "cour": "aire_jeux"}})
    (r,) = rs.trainer({"type": "open_round", "subject": str(Subject.of_proposal(e.data['proposal']))})
    for p in pids:
        rs.act(p, {"type": "take_position", "round": r.data["round"], "option": "accord"})
    rs.trainer({"type": "close_round", "round": r.data["round"]})
    return rs, pids


def _item(**kw):
    d = {"type": "plan_add", "what": "Clôturer le jardin", "lead": "gardien", "quarter": 2,
         "cost": 3000, "payer": "bailleur"}
    d.update(kw)
    return d


def test_schema_place_and_remove(adopted):
    s, (a, b, c) = adopted
    s.goto("schema_directeur")
    s.act(a, {"type": "schema_place", "space": "jardin", "use": "jardin_partage", "year": 1})
    s.act(b, {"type": "schema_place", "space": "jardin", "use": "jardin_partage", "year": 2})
    p = s.state.schema["jardin"]
    assert (p.use, p.year, p.by) == ("jardin_partage", 2, b)
    base = {"type": "schema_place", "year": 1}
    assert s.reject(a, dict(base, space="lune", use="aire_jeux")) == "unknown_space"
    assert s.reject(a, dict(base, space="cour", use="zzz")) == "unknown_use"
    assert s.reject(a, dict(base, space="hall_a", use="aire_jeux")) == "use_not_allowed"
    assert s.reject(a, dict(base, space="cour", use="composteur")) == "not_adopted"
    assert s.reject(a, dict(base, space="cour", use="aire_jeux", year=0)) == "invalid_action"
    s.trainer(dict(base, space="cour", use="composteur"))  # the trainer may place anything that fits
    assert s.state.schema["cour"].use == "composteur"
    s.act(c, {"type": "schema_remove", "space": "cour"})
    assert "cour" not in s.state.schema
    assert s.reject(c, {"type": "schema_remove", "space": "cour"}) == "not_placed"
    s.goto("plan_action")
    assert s.reject(a, dict(base, space="cour", use="aire_jeux")) == "wrong_phase"


def test_plan_items(adopted):
    s, (a, b, c) = adopted
    s.trainer({"type": "form_groups", "count": 2, "random": False, "groups": [[a, b], [c]]})
    s.goto("plan_action")
    (e,) = s.act(a, _item(what=" Clôturer ", space="jardin", use="jardin_partage",
                          experiment=True, criteria=" Fréquentation "))
    item = s.state.plan[e.data["item"]]
    assert (item.author, item.group, item.what, item.lead, item.quarter, item.cost, item.payer,
            item.space, item.use, item.experiment, item.criteria, item.final) == (
        a, "g1", "Clôturer", "gardien", 2, 3000.0, "bailleur", "jardin", "jardin_partage",
        True, "Fréquentation", False)
    (t,) = s.trainer(_item(lead="manager"))
    assert s.state.plan[t.data["item"]].group is None
    # a member of the same group may edit; someone of another group may not
    s.act(b, dict(_item(quarter=5, payer="charges"), type="plan_edit", item=item.id))
    assert (s.state.plan[item.id].quarter, s.state.plan[item.id].payer) == (5, "charges")
    assert s.reject(c, dict(_item(), type="plan_edit", item=item.id)) == "not_author"
    assert s.reject(c, {"type": "plan_remove", "item": item.id}) == "not_author"
    assert s.reject(a, {"type": "plan_remove", "item": t.data["item"]}) == "not_author"
    assert s.reject(a, dict(_item(), type="plan_edit", item="i0")) == "unknown_item"
    assert s.reject(a, {"type": "plan_remove", "item": "i0"}) == "unknown_item"
    s.act(b, {"type": "plan_remove", "item": item.id})
    assert item.id not in s.state.plan


def test_plan_item_rejections(adopted):
    s, (a, _b, _c) = adopted
    s.goto("plan_action")
    assert s.reject(a, _item(lead="pilote")) == "unknown_lead"
    for lead in ("resident", "caretaker", "manager", "mediateur"):
        s.act(a, _item(lead=lead))
    assert s.reject(a, _item(space="lune")) == "unknown_space"
    assert s.reject(a, _item(use="zzz")) == "unknown_use"
    assert s.reject(a, _item(space="hall_a", use="aire_jeux")) == "use_not_allowed"
    assert s.scenario.use("aire_jeux").experiment is None
    assert s.reject(a, _item(use="aire_jeux", experiment=True)) == "not_experimentable"
    assert s.reject(a, _item(cost=-1)) == "invalid_action"
    assert s.reject(a, _item(payer="mairie")) == "unknown_payer"  # not a payer of the scenario
    assert s.reject(a, _item(payer=7)) == "invalid_action"
    s.goto("synthese")
    assert s.reject(a, _item()) == "wrong_phase"


def test_charter_of_rules_adopted_by_consent(adopted):
    s, (a, b, c) = adopted
    s.goto("plan_action")
    (e,) = s.act(b, {"type": "rule_add", "rule": "convention_salle", "space": "salle_commune",
                     "note": " Clés au gardien "})
    entry = s.state.charter[e.data["entry"]]
    assert (entry.rule, entry.space, entry.note, entry.author) == (
        "convention_salle", "salle_commune", "Clés au gardien", b)
    s.act(c, {"type": "rule_add", "rule": "nettoyage_halls"})
    assert s.reject(a, {"type": "rule_add", "rule": "zzz"}) == "unknown_rule"
    assert s.reject(a, {"type": "rule_add", "rule": "nettoyage_halls",
                        "space": "lune"}) == "unknown_space"
    assert s.reject(a, {"type": "rule_add", "rule": "nettoyage_halls",
                        "space": "cour"}) == "rule_not_allowed"
    assert s.reject(a, {"type": "rule_remove", "entry": entry.id}) == "not_author"
    assert s.reject(a, {"type": "rule_remove", "entry": "e0"}) == "unknown_entry"
    (r,) = s.trainer({"type": "open_round", "subject": "charter"})
    rid = r.data["round"]
    assert s.reject(a, {"type": "rule_add", "rule": "nettoyage_halls"}) == "round_running"
    assert s.reject(b, {"type": "rule_remove", "entry": entry.id}) == "round_running"
    for p in (a, b, c):
        s.act(p, {"type": "take_position", "round": rid, "option": "accord"})
    s.trainer({"type": "close_round", "round": rid})
    assert s.state.charter_adopted
    # adopted by consent: a participant cannot change it behind the group's back
    assert s.reject(b, {"type": "rule_remove", "entry": entry.id}) == "already_adopted"
    assert s.reject(a, {"type": "rule_add", "rule": "nettoyage_halls",
                        "space": "hall_a"}) == "already_adopted"
    s.trainer({"type": "rule_remove", "entry": entry.id})  # the trainer reopens the question
    assert not s.state.charter_adopted and entry.id not in s.state.charter
    # one entry per rule and space: a copy would count its effects twice
    assert s.reject(a, {"type": "rule_add", "rule": "nettoyage_halls"}) == "rule_duplicate"


def test_final_plan_merge_and_final_round(adopted):
    s, (a, b, c) = adopted
    s.trainer({"type": "form_groups", "count": 2, "random": False, "groups": [[a, b], [c]]})
    s.goto("plan_action")
    i1 = s.act(a, _item())[0].data["item"]
    i2 = s.act(c, _item(what="Composteur", lead="agent_entretien"))[0].data["item"]
    i3 = s.act(c, _item(what="Fête", lead="resident", cost=0))[0].data["item"]
    s.goto("consensus_final")
    assert s.reject("trainer", {"type": "finalise_plan", "items": [i1, "i0"]}) == "unknown_item"
    s.trainer({"type": "finalise_plan", "items": [i1, i2, i1]})
    assert {i for i, it in s.state.plan.items() if it.final} == {i1, i2}
    (r,) = s.trainer({"type": "open_round", "subject": "final_plan"})
    rid = r.data["round"]
    assert s.reject("trainer", {"type": "finalise_plan", "items": [i3]}) == "round_running"
    assert s.reject(a, dict(_item(), type="plan_edit", item=i1)) == "round_running"
    assert s.reject("trainer", {"type": "plan_remove", "item": i2}) == "round_running"
    s.act(c, {"type": "plan_remove", "item": i3})  # not part of the final plan: still editable
    for p in (a, b, c):
        s.act(p, {"type": "take_position", "round": rid, "option": "accord"})
    s.trainer({"type": "close_round", "round": rid})
    assert s.state.final_adopted
    assert s.reject(a, dict(_item(cost=999_999), type="plan_edit", item=i1)) == "already_adopted"
    s.trainer(dict(_item(cost=4000), type="plan_edit", item=i1))
    assert not s.state.final_adopted  # the adopted plan changed: it needs a new round
    s.trainer({"type": "finalise_plan", "items": []})
    assert not any(i.final for i in s.state.plan.values())
    assert s.reject("trainer", {"type": "open_round", "subject": "final_plan"}) == "plan_empty"


def test_evaluation(rs):
    a = rs.join("Ana", "fatima")
    b = rs.join("Sans personnage")
    assert rs.reject(a, {"type": "evaluate", "answers": {"objectifs": 4}}) == "wrong_phase"
    rs.goto("synthese")
    rs.act(a, {"type": "evaluate", "answers": {"objectifs": 4, "plan": 2}, "comment": " Bien "})
    rs.act(b, {"type": "evaluate", "answers": {"objectifs": 5}})  # no persona needed
    ev = rs.state.evaluations[a]
    assert (ev.answers, ev.comment) == ({"objectifs": 4, "plan": 2}, "Bien")
    rs.act(a, {"type": "evaluate", "answers": {"objectifs": 3}})
    assert rs.state.evaluations[a].answers == {"objectifs": 3}
    assert rs.reject(a, {"type": "evaluate", "answers": {"zzz": 3}}) == "unknown_question"
    assert rs.reject(a, {"type": "evaluate", "answers": {"objectifs": 0}}) == "invalid_action"
    assert rs.reject("trainer", {"type": "evaluate", "answers": {}}) == "forbidden_role"

"""Who has done what the current phase asks (`views.phase_progress`), and what to do now
(`views.todo`, worded by `term.todo.<code>`)."""

from __future__ import annotations

import pytest
from helpers import SPECTATOR, TRAINER

from ilot.game.core import Actor
from ilot.game.core.kinds import PhaseKind, RoleKind
from ilot.game.core.views import ROLE_TODOS, TODO_CODES, phase_progress, todo
from ilot.game.text import lang_for


@pytest.fixture
def three(rs):
    """Three players (a resident, a caretaker, a manager) and one without a character."""
    a, b, c = rs.join("Ana", "fatima"), rs.join("Bob", "marc"), rs.join("Cem", "claire")
    rs.join("Dan")
    return rs, a, b, c


def done(s) -> dict[str, bool]:
    p = phase_progress(s.state)
    assert p.phase == s.state.phase and p.kind == s.state.phase_kind
    assert p.total == len(p.done) and p.count == sum(p.done.values())
    assert p.waiting == [pid for pid, ok in p.done.items() if not ok]
    return p.done


def test_accueil_counts_expectations_of_players_with_a_character(three):
    s, a, b, c = three
    assert done(s) == {a: False, b: False, c: False}  # Dan, without a character, is not counted
    s.act(a, {"type": "write_expectation", "text": "Apprendre"})
    assert done(s) == {a: True, b: False, c: False}


def test_projets_counts_a_reaction_held_or_a_comment(three):
    s, a, b, c = three
    s.goto("projets")
    project = s.scenario.inspiring_projects[0].id
    s.act(a, {"type": "react_project", "project": project, "reaction": "inspire"})
    s.act(b, {"type": "comment_project", "project": project, "text": "Et les clés ?"})
    assert done(s) == {a: True, b: True, c: False}
    s.act(a, {"type": "react_project", "project": project, "reaction": "none"})
    assert done(s)[a] is False


def test_etat_des_lieux_counts_a_note_on_the_map(three):
    s, a, b, c = three
    s.goto("etat_des_lieux")
    (e,) = s.act(b, {"type": "add_note", "space": "hall_a", "kind": "probleme", "text": "Sombre"})
    assert done(s) == {a: False, b: True, c: False}
    s.act(b, {"type": "remove_note", "note": e.data["note"]})
    assert done(s)[b] is False


def test_ressources_counts_a_resource(three):
    s, a, b, c = three
    s.goto("ressources")
    s.act(c, {"type": "add_resource", "space": "loge", "service": "Point colis"})
    assert done(s) == {a: False, b: False, c: True}


def test_world_cafe_counts_a_note_at_ones_table_in_this_rotation(three):
    s, a, b, c = three
    s.goto("world_cafe")
    s.act(a, {"type": "cafe_note", "table": s.state.cafe_table_of(a), "text": "Un planning"})
    assert done(s) == {a: True, b: False, c: False}
    s.trainer({"type": "rotate_cafe"})
    assert done(s) == {a: False, b: False, c: False}  # a new table, a new note


def test_ateliers_counts_the_group_draft(three):
    s, a, b, c = three
    s.goto("ateliers")
    assert done(s) == {a: False, b: False, c: False}
    s.trainer({"type": "form_groups", "count": 2, "random": False, "groups": [[a, b], [c]]})
    s.act(b, {"type": "draft_place", "space": "cour", "use": "jardin_partage"})
    assert done(s) == {a: True, b: True, c: False}


def test_mise_en_commun_counts_an_argument(three):
    s, a, b, c = three
    s.trainer({"type": "form_groups", "count": 1, "random": False, "groups": [[a, b, c]]})
    s.goto("mise_en_commun")
    s.act(c, {"type": "argue", "group": "g1", "stance": "question", "text": "Qui paie ?"})
    assert done(s) == {a: False, b: False, c: True}


def test_deliberation_counts_positions_in_the_open_rounds(three):
    s, a, b, c = three
    s.goto("deliberation")
    assert done(s) == {a: False, b: False, c: False}
    (e,) = s.act(a, {"type": "propose", "title": "Jardin",
                     "placements": {"cour": "jardin_partage"}})
    s.act(b, {"type": "amend", "proposal": e.data["proposal"], "text": "À l'essai"})
    assert done(s) == {a: True, b: True, c: False}  # no round yet: proposals and amendments
    (r,) = s.trainer({"type": "open_round", "subject": f"proposal:{e.data['proposal']}"})
    assert done(s) == {a: False, b: False, c: False}
    rid = r.data["round"]
    s.act(c, {"type": "take_position", "round": rid, "option": "accord"})
    assert done(s) == {a: False, b: False, c: True}
    s.trainer({"type": "close_round", "round": rid})
    assert done(s) == {a: False, b: False, c: True}  # the last round of this phase


def test_schema_counts_the_group_placing_or_nothing_left_to_place(three):
    s, a, b, c = three
    s.trainer({"type": "form_groups", "count": 2, "random": False, "groups": [[a, b], [c]]})
    s.goto("deliberation")
    (e,) = s.act(a, {"type": "propose", "title": "Jardin et vélos",
                     "placements": {"cour": "jardin_partage", "caves_a": "velos_securise"}})
    (r,) = s.trainer({"type": "open_round", "subject": f"proposal:{e.data['proposal']}"})
    for pid in (a, b, c):
        s.act(pid, {"type": "take_position", "round": r.data["round"], "option": "accord"})
    s.trainer({"type": "close_round", "round": r.data["round"]})
    s.goto("schema_directeur")
    s.act(b, {"type": "schema_place", "space": "cour", "use": "jardin_partage", "year": 1})
    assert done(s) == {a: True, b: True, c: False}
    s.act(b, {"type": "schema_place", "space": "caves_a", "use": "velos_securise", "year": 2})
    assert done(s) == {a: True, b: True, c: True}


def test_plan_action_counts_the_group_items(three):
    s, a, b, c = three
    s.trainer({"type": "form_groups", "count": 2, "random": False, "groups": [[a, b], [c]]})
    s.goto("plan_action")
    s.act(a, {"type": "plan_add", "what": "Réunion avec l'amicale", "lead": "resident",
              "quarter": 1, "cost": 0, "payer": "charges"})
    assert done(s) == {a: True, b: True, c: False}


def test_consensus_final_counts_a_position_in_the_final_round(three):
    s, a, b, c = three
    s.goto("consensus_final")
    (e,) = s.act(a, {"type": "plan_add", "what": "Réunion", "lead": "resident", "quarter": 1,
                     "cost": 0, "payer": "charges"})
    s.trainer({"type": "finalise_plan", "items": [e.data["item"]]})
    assert done(s) == {a: False, b: False, c: False}
    (r,) = s.trainer({"type": "open_round", "subject": "final_plan"})
    s.act(b, {"type": "take_position", "round": r.data["round"], "option": "accord"})
    assert done(s) == {a: False, b: True, c: False}


def test_synthese_counts_the_evaluation(three):
    s, a, b, c = three
    s.goto("synthese")
    s.act(c, {"type": "evaluate", "answers": {"plan": 4}})
    assert done(s) == {a: False, b: False, c: True}


def test_every_phase_kind_has_its_test(rs):
    for kind in PhaseKind:
        rs.goto(kind)
        assert phase_progress(rs.state).kind == kind


# ----- what to do now -----

def test_todo_for_each_viewer(three):
    s, a, b, c = three
    dan = "p4"
    assert todo(s.state, Actor.participant(dan)) == "choose_persona"
    assert todo(s.state, Actor.participant(a)) == "accueil"
    assert todo(s.state, TRAINER) == "trainer.accueil"
    assert todo(s.state, SPECTATOR) == "" and todo(s.state, Actor.participant("p99")) == ""
    s.goto("etat_des_lieux")
    assert [todo(s.state, Actor.participant(p)) for p in (a, b, c)] == [
        "etat_des_lieux.resident", "etat_des_lieux.caretaker", "etat_des_lieux.manager"]
    s.goto("ateliers")
    assert todo(s.state, Actor.participant(a)) == "no_group"
    s.trainer({"type": "form_groups", "count": 1, "random": False, "groups": [[a, b, c]]})
    assert todo(s.state, Actor.participant(a)) == "ateliers"
    # an open round comes first, wherever it is open, until answered
    s.goto("plan_action")
    s.act(a, {"type": "rule_add", "rule": s.scenario.rules[0].id})
    (r,) = s.trainer({"type": "open_round", "subject": "charter"})
    assert todo(s.state, Actor.participant(a)) == "round"
    assert todo(s.state, TRAINER) == "trainer.round"
    s.act(a, {"type": "take_position", "round": r.data["round"], "option": "accord"})
    assert todo(s.state, Actor.participant(a)) == "plan_action.resident"
    assert todo(s.state, Actor.participant(b)) == "round"
    s.trainer({"type": "close_session"})
    assert todo(s.state, Actor.participant(b)) == todo(s.state, TRAINER) == "closed"


def test_every_todo_code_is_worded_in_both_languages(rs):
    assert {f"{k}.{r}" for k in ROLE_TODOS for r in RoleKind} <= TODO_CODES
    assert {str(k) for k in PhaseKind} <= TODO_CODES
    for lang in (lang_for("fr"), lang_for("en")):
        for code in TODO_CODES:
            assert lang.has(f"term.todo.{code}"), (lang, code)
    fr = lang_for("fr")
    assert fr.t("term.todo.etat_des_lieux") == \
        "Posez au moins une note sur le plan\u00a0: un atout, un problème ou une idée"
    # every code todo gives is one of them, in every phase and for every kind of viewer
    pids = [rs.join("Ana", "fatima"), rs.join("Bob", "marc"), rs.join("Cem", "claire"),
            rs.join("Dan")]
    for kind in PhaseKind:
        rs.goto(kind)
        for viewer in [TRAINER, *(Actor.participant(p) for p in pids)]:
            assert todo(rs.state, viewer) in TODO_CODES

"""Accueil and projets inspirants: join, rename, personas, expectations, reactions, comments."""

from __future__ import annotations

from helpers import NEWCOMER


def test_join_gives_sequential_ids_and_trims_the_name(rs):
    (e,) = rs.act(NEWCOMER, {"type": "join", "name": "  Ana  "})
    assert e.type == "participant_joined" and e.data == {"participant": "p1", "name": "Ana"}
    assert rs.join("Bruno") == "p2"
    p = rs.state.participants["p1"]
    assert (p.name, p.persona, p.role, p.joined_at) == ("Ana", None, None, e.t)


def test_join_and_rename_refuse_a_blank_name(rs):
    assert rs.reject(NEWCOMER, {"type": "join", "name": "   "}) == "invalid_action"
    pid = rs.join("Ana")
    assert rs.reject(pid, {"type": "rename", "name": " \t "}) == "invalid_action"
    rs.act(pid, {"type": "rename", "name": " Ana M. "})
    assert rs.state.participants[pid].name == "Ana M."


def test_join_and_rename_give_a_name_nobody_else_has(rs):
    ana = rs.join("Ana")
    (e,) = rs.act(NEWCOMER, {"type": "join", "name": "a\u200bna\u202e"})
    assert e.data["name"] == "ana (2)"  # invisible and bidi characters out, then the suffix
    bruno = rs.join("Bruno")
    (e,) = rs.act(bruno, {"type": "rename", "name": "ANA"})
    assert rs.state.participants[bruno].name == "ANA (3)"
    (e,) = rs.act(ana, {"type": "rename", "name": "ana"})  # one's own name in another case
    assert rs.state.participants[ana].name == "ana"
    assert rs.reject(bruno, {"type": "rename", "name": "\u200b\u2066"}) == "invalid_action"


def test_choose_persona_sets_role(rs):
    pid = rs.join("Ana")
    (e,) = rs.act(pid, {"type": "choose_persona", "persona": "marc"})
    assert e.data == {"persona": "marc", "role": "caretaker"}
    assert rs.state.participants[pid].role == "caretaker"
    # choosing the same again does nothing; another one is refused (see the rejections test)
    assert rs.act(pid, {"type": "choose_persona", "persona": "marc"}) == []


def test_choose_persona_rejections(rs):
    pid = rs.join("Ana")
    assert rs.reject(pid, {"type": "choose_persona", "persona": "nobody"}) == "unknown_persona"
    limit = rs.scenario.players_per_persona
    for i in range(limit):
        rs.join(f"J{i}", "fatima")
    assert rs.reject(pid, {"type": "choose_persona", "persona": "fatima"}) == "persona_full"
    rs.act(pid, {"type": "choose_persona", "persona": "samir"})
    # final, even during the accueil: each choice shows that character's secret objectives
    assert rs.reject(pid, {"type": "choose_persona", "persona": "odette"}) == "persona_locked"
    rs.goto("projets")
    assert rs.reject(pid, {"type": "choose_persona", "persona": "odette"}) == "persona_locked"
    # a late joiner without a persona may still pick one after the accueil
    late = rs.join("Tardif")
    rs.act(late, {"type": "choose_persona", "persona": "odette"})
    assert rs.state.participants[late].persona == "odette"


def test_expectations_only_during_accueil_and_replaced(rs):
    pid = rs.join("Ana")  # no persona needed for the icebreaker
    rs.act(pid, {"type": "write_expectation", "text": " Comprendre les charges "})
    rs.act(pid, {"type": "write_expectation", "text": "Écouter les gardiens"})
    assert len(rs.state.expectations) == 1
    assert rs.state.expectations[pid].text == "Écouter les gardiens"
    rs.goto("projets")
    assert rs.reject(pid, {"type": "write_expectation", "text": "x"}) == "wrong_phase"


def test_react_and_comment_projects(rs):
    pid = rs.join("Ana", "fatima")
    other = rs.join("Bruno", "marc")
    rs.goto("projets")
    rs.act(pid, {"type": "react_project", "project": "chaudronneries", "reaction": "inspire"})
    rs.act(other, {"type": "react_project", "project": "chaudronneries", "reaction": "doute"})
    rs.act(pid, {"type": "react_project", "project": "chaudronneries", "reaction": "question"})
    assert rs.state.reactions["chaudronneries"] == {pid: "question", other: "doute"}
    rs.act(pid, {"type": "react_project", "project": "chaudronneries", "reaction": "none"})
    assert rs.state.reactions["chaudronneries"] == {other: "doute"}
    (e,) = rs.act(other, {"type": "comment_project", "project": "grands_voisins",
                          "text": " Et les charges ? "})
    c = rs.state.comments[e.data["comment"]]
    assert (c.project, c.author, c.text) == ("grands_voisins", other, "Et les charges ?")


def test_project_rejections(rs):
    pid = rs.join("Ana", "fatima")
    assert rs.reject(pid, {"type": "comment_project", "project": "chaudronneries",
                           "text": "x"}) == "wrong_phase"
    rs.goto("projets")
    assert rs.reject(pid, {"type": "react_project", "project": "inconnu",
                           "reaction": "inspire"}) == "unknown_project"
    assert rs.reject(pid, {"type": "comment_project", "project": "inconnu",
                           "text": "x"}) == "unknown_project"
    assert rs.reject(pid, {"type": "react_project", "project": "chaudronneries",
                           "reaction": "bof"}) == "invalid_action"

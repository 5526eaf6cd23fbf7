"""Participants' own experience cards: sharing, editing, pinning, removing; reactions and
comments on them through the projects' actions; the refusals; replay, snapshots and views."""

from __future__ import annotations

from helpers import SPECTATOR, TRAINER

from ilot.game.core import Actor, replay, state_hash, view_for
from ilot.game.core.kinds import PhaseKind
from ilot.game.core.rules.experiences import MAX_EACH, MAX_EXPERIENCES, board
from ilot.game.core.state import state_from_dict
from ilot.game.core.views import phase_progress

CARD = {"type": "experience_share", "title": "Jardin partagé de la cité",
        "where": "Montreuil, cité des Grands-Pêchers", "carried_by": "L'amicale et le gardien",
        "worked": "Des bacs au pied des tours, un arrosage par tour de rôle",
        "did_not": "Les clés du local à outils", "figures": ["40 foyers inscrits", "3 ans"]}


def share(rs, pid, **changes):
    (e,) = rs.act(pid, {**CARD, **changes})
    return e.data["experience"]


def test_share_edit_pin_and_the_board_order(rs):
    a, b = rs.join("Ana", "fatima"), rs.join("Bob", "marc")
    rs.goto(PhaseKind.PROJETS)
    (e,) = rs.act(a, {**CARD, "title": "  Jardin partagé de la cité  ",
                      "figures": ["40 foyers inscrits", "  "]})
    assert (e.type, e.by) == ("experience_shared", a)
    x1 = e.data["experience"]
    assert x1.startswith("x")
    assert e.data == {"experience": x1, "title": "Jardin partagé de la cité",
                      "where": CARD["where"], "carried_by": CARD["carried_by"],
                      "worked": CARD["worked"], "did_not": CARD["did_not"],
                      "figures": ["40 foyers inscrits"]}  # the blank figure is dropped
    x = rs.state.experiences[x1]
    assert (x.author, x.title, x.figures, x.pinned) == (a, CARD["title"], ["40 foyers inscrits"],
                                                        False)
    first_t = x.t
    x2 = share(rs, b, title="Local vélos", where="", carried_by="", worked="", did_not="",
               figures=[])
    assert [x.id for x in board(rs.state)] == [x1, x2]
    # the author edits: same id, new text, first time and pin kept
    (e,) = rs.act(a, {**CARD, "experience": x1, "title": "Jardin partagé (bis)"})
    assert e.data["experience"] == x1 and len(rs.state.experiences) == 2
    assert rs.state.experiences[x1].title == "Jardin partagé (bis)"
    assert rs.state.experiences[x1].t == first_t
    # pinned first
    (e,) = rs.trainer({"type": "experience_pin", "experience": x2, "pinned": True})
    assert (e.type, e.data) == ("experience_pinned", {"experience": x2, "pinned": True})
    assert [x.id for x in board(rs.state)] == [x2, x1]
    assert rs.trainer({"type": "experience_pin", "experience": x2}) == []  # already pinned
    rs.act(b, {"type": "experience_share", "experience": x2, "title": "Local vélos rouvert"})
    assert rs.state.experiences[x2].pinned  # an edit keeps the pin
    (e,) = rs.trainer({"type": "experience_pin", "experience": x2, "pinned": False})
    assert e.data == {"experience": x2, "pinned": False}
    assert [x.id for x in board(rs.state)] == [x1, x2]


def test_reactions_and_comments_on_an_experience_and_its_removal(rs):
    a, b = rs.join("Ana", "fatima"), rs.join("Bob", "marc")
    rs.goto(PhaseKind.PROJETS)
    x1 = share(rs, a)
    (e,) = rs.act(b, {"type": "react_project", "project": x1, "reaction": "inspire"})
    assert (e.type, e.data) == ("project_reacted", {"project": x1, "reaction": "inspire"})
    (e,) = rs.act(b, {"type": "comment_project", "project": x1, "text": "Combien de bacs ?"})
    assert e.type == "project_commented" and e.data["project"] == x1
    # the author answers under their card, but does not react to it
    rs.act(a, {"type": "comment_project", "project": x1, "text": "Douze bacs."})
    assert rs.reject(a, {"type": "react_project", "project": x1, "reaction": "inspire"}) \
        == "own_experience"
    project = rs.scenario.inspiring_projects[0].id
    rs.act(b, {"type": "react_project", "project": project, "reaction": "doute"})
    rs.act(b, {"type": "comment_project", "project": project, "text": "Et l'hiver ?"})
    assert rs.state.reactions[x1] == {b: "inspire"}
    assert len([c for c in rs.state.comments.values() if c.project == x1]) == 2
    (e,) = rs.trainer({"type": "experience_remove", "experience": x1})
    assert (e.type, e.data) == ("experience_removed", {"experience": x1})
    assert x1 not in rs.state.experiences and x1 not in rs.state.reactions
    assert [c.project for c in rs.state.comments.values()] == [project]  # the rest is kept
    assert rs.state.reactions[project] == {b: "doute"}
    for action in ({"type": "react_project", "project": x1, "reaction": "inspire"},
                   {"type": "comment_project", "project": x1, "text": "?"}):
        assert rs.reject(b, action) == "unknown_project"
    assert rs.reject(TRAINER, {"type": "experience_remove", "experience": x1}) \
        == "no_such_experience"
    assert rs.reject(TRAINER, {"type": "experience_pin", "experience": x1}) \
        == "no_such_experience"
    assert rs.reject(a, {**CARD, "experience": x1}) == "no_such_experience"


def test_refusals(rs):
    a, b = rs.join("Ana", "fatima"), rs.join("Bob")  # Bob has no character: he may share
    rs.goto(PhaseKind.ETAT_DES_LIEUX)
    assert rs.reject(a, CARD) == "wrong_phase"
    rs.goto(PhaseKind.ACCUEIL)  # at the accueil already
    x = share(rs, b)
    for bad in ({"title": "   "}, {"title": "t" * 81}, {"where": "w" * 81},
                {"carried_by": "c" * 121}, {"worked": "w" * 601}, {"did_not": "d" * 601},
                {"figures": ["a", "b", "c"]}, {"figures": ["f" * 81]}):
        assert rs.reject(a, {**CARD, **bad}) == "invalid_action", bad
    share(rs, a, title="t" * 80, worked="w" * 600, figures=["f" * 80, "g" * 80])
    assert rs.reject(a, {**CARD, "experience": x, "title": "Le mien"}) == "not_author"
    for action in ({"type": "experience_pin", "experience": x},
                   {"type": "experience_remove", "experience": x}):
        assert rs.reject(a, action) == "trainer_only"
        assert rs.reject(SPECTATOR, action) == "spectator"
    assert rs.reject(TRAINER, CARD) == "forbidden_role"
    assert rs.reject(SPECTATOR, CARD) == "spectator"
    for _ in range(MAX_EACH - 1):
        share(rs, a)
    assert rs.reject(a, CARD) == "too_many_experiences"
    mine = [x.id for x in rs.state.experiences.values() if x.author == a]
    rs.act(a, {**CARD, "experience": mine[0], "title": "Toujours possible"})  # edits are
    rs.trainer({"type": "experience_remove", "experience": mine[0]})  # a removal frees a place
    share(rs, a)
    # reactions stay in the projets phase
    c = rs.join("Cem", "claire")
    assert rs.reject(c, {"type": "react_project", "project": mine[1], "reaction": "inspire"}) \
        == "wrong_phase"


def test_the_room_has_a_limit(rs):
    rs.goto(PhaseKind.PROJETS)
    people = [rs.join(f"P{i}") for i in range(MAX_EXPERIENCES // MAX_EACH)]
    for pid in people:
        for _ in range(MAX_EACH):
            share(rs, pid)
    late = rs.join("Zoé")
    assert rs.reject(late, CARD) == "experiences_full"


def test_sharing_counts_as_the_projets_task(rs):
    a, b = rs.join("Ana", "fatima"), rs.join("Bob", "marc")
    rs.goto(PhaseKind.PROJETS)
    share(rs, a)
    assert phase_progress(rs.state).done == {a: True, b: False}


def test_everybody_sees_the_cards_and_replay_and_snapshots_keep_them(rs):
    a, b = rs.join("Ana", "fatima"), rs.join("Bob", "marc")
    rs.goto(PhaseKind.PROJETS)
    x = share(rs, a)
    rs.act(b, {"type": "react_project", "project": x, "reaction": "question"})
    rs.trainer({"type": "experience_pin", "experience": x})
    for viewer in (Actor.participant(b), SPECTATOR, TRAINER):
        v = view_for(rs.state, viewer)
        assert v["experiences"][x]["author"] == a  # they chose to share: names shown
        assert v["experiences"][x]["figures"] == CARD["figures"]
        assert v["experiences"][x]["pinned"] is True
        assert v["reactions"][x] == {b: "question"}
    again = replay(rs.scenario, rs.events)
    assert state_hash(again) == rs.hash()
    back = state_from_dict(rs.scenario, rs.state.to_dict())
    assert state_hash(back) == rs.hash()
    assert back.experiences == rs.state.experiences
    clone = rs.state.clone()
    clone.experiences[x].figures.append("autre")
    clone.experiences[x].pinned = False
    assert rs.state.experiences[x].figures == CARD["figures"] and rs.state.experiences[x].pinned

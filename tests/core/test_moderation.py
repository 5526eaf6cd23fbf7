"""The trainer removes what is out of place: a comment (on a project or an experience card),
a world-café note (the card lines that grouped it keep their wording without it)."""

from __future__ import annotations

from helpers import TRAINER, Session

from ilot.game.core import replay, state_hash
from ilot.game.core.kinds import PhaseKind


def test_the_trainer_removes_a_comment_on_a_project_and_on_an_experience_card(rs: Session):
    a, b = rs.join("Ana", "fatima"), rs.join("Bob", "marc")
    rs.goto(PhaseKind.PROJETS)
    project = rs.state.scenario.inspiring_projects[0].id
    (e,) = rs.act(a, {"type": "experience_share", "title": "Jardin partagé des Lilas"})
    card = e.data["experience"]
    (c1,) = rs.act(b, {"type": "comment_project", "project": project, "text": "Hors sujet !"})
    (c2,) = rs.act(b, {"type": "comment_project", "project": card, "text": "Combien de foyers ?"})
    assert rs.reject(a, {"type": "comment_remove", "comment": c1.data["comment"]}) == "trainer_only"
    rs.goto(PhaseKind.SYNTHESE)  # any phase
    (e,) = rs.trainer({"type": "comment_remove", "comment": c1.data["comment"]})
    assert (e.type, e.data) == ("comment_removed", {"comment": c1.data["comment"]})
    assert list(rs.state.comments) == [c2.data["comment"]]
    rs.trainer({"type": "comment_remove", "comment": c2.data["comment"]})
    assert rs.state.comments == {}
    assert rs.reject(TRAINER, {"type": "comment_remove", "comment": c2.data["comment"]}) \
        == "no_such_comment"
    assert state_hash(replay(rs.state.scenario, rs.events)) == state_hash(rs.state)


def test_a_removed_cafe_note_leaves_the_card_lines_that_grouped_it(rs: Session):
    a, b = rs.join("Ana", "fatima"), rs.join("Bob", "marc")
    rs.goto(PhaseKind.WORLD_CAFE)
    notes = []
    for pid, text in ((a, "La cour sert de parking"), (b, "Des insultes, hors de propos")):
        (e,) = rs.act(pid, {"type": "cafe_note", "table": rs.state.cafe_table_of(pid), "text": text})
        notes.append(e.data["note"])
    (e,) = rs.trainer({"type": "space_card_line", "space": "cour", "text": "La cour : un parking",
                       "notes": notes})
    line = e.data["line"]
    assert rs.reject(b, {"type": "cafe_note_remove", "note": notes[1]}) == "trainer_only"
    (e,) = rs.trainer({"type": "cafe_note_remove", "note": notes[1]})
    assert (e.type, e.data) == ("cafe_note_removed", {"note": notes[1]})
    assert list(rs.state.cafe_notes) == [notes[0]]
    assert rs.state.space_cards[line].notes == [notes[0]]
    assert rs.state.space_cards[line].text == "La cour : un parking"
    assert rs.reject(TRAINER, {"type": "cafe_note_remove", "note": notes[1]}) == "unknown_note"
    assert state_hash(replay(rs.state.scenario, rs.events)) == state_hash(rs.state)

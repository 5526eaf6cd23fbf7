"""The trainer removes what is out of place, through the real client loop: a comment under a
project (« Retirer un commentaire… » in the projets panel) and a café note (ticked in the café's
builder, « Retirer les notes cochées »): every screen loses it."""

from __future__ import annotations

import time

from .conftest import choose, click, click_widget, pump, tick, wait_server
from .test_play import space_point
from .test_session import act_as, as_trainer, phase_index, seat
from .test_space_cards import NOTES, box, cafe_notes


def test_the_trainer_removes_a_comment_from_the_projets_panel(rich_harness):
    h = rich_harness
    personas = [p.id for p in h.state().scenario.personas]
    ana = seat(h, "Ana", personas[0])
    assert h.trainer_act({"type": "set_phase", "phase": phase_index(h, "projets")})["t"] == "ack"
    project = h.state().scenario.inspiring_projects[0].id
    for text in ("Propos déplacé à retirer", "Combien de foyers y participent ?"):
        assert act_as(h, ana, {"type": "comment_project", "project": project, "text": text})["t"] == "ack"
    bad, kept = list(h.state().comments)
    trainer = as_trainer(h)
    pump(trainer, lambda: trainer.side.name == "projets" and "comment_pick" in trainer.side.widgets)
    assert trainer.side.card() == project  # the first card: the scenario's first project
    pump(trainer, lambda: "Propos déplacé" in box(trainer))
    choose(trainer, trainer.side.widgets["comment_pick"], bad)
    click_widget(trainer, trainer.side.widgets["comment_remove"])
    s = wait_server(h, lambda s: bad not in s.comments, trainer)
    assert list(s.comments) == [kept]
    pump(trainer, lambda: "Propos déplacé" not in box(trainer))
    assert "Combien de foyers" in box(trainer)


def test_the_trainer_removes_a_ticked_cafe_note(rich_harness):
    h = rich_harness
    k1, k2 = cafe_notes(h)
    trainer = as_trainer(h)
    pump(trainer, lambda: trainer.side.name == "world_cafe")
    click(trainer, space_point(trainer, "cour"))
    pump(trainer, lambda: "card_notes" in trainer.side.widgets and NOTES[1] in box(trainer))
    click_widget(trainer, trainer.side.widgets["notes_remove"])  # nothing ticked: a message
    pump(trainer, lambda: "Cochez d'abord les notes à retirer" in trainer.status.message(time.monotonic()))
    assert len(h.state().cafe_notes) == 2
    tick(trainer, trainer.side.widgets["card_notes"], k2)
    click_widget(trainer, trainer.side.widgets["notes_remove"])
    s = wait_server(h, lambda s: k2 not in s.cafe_notes, trainer)
    assert list(s.cafe_notes) == [k1]
    pump(trainer, lambda: NOTES[1] not in box(trainer))
    assert NOTES[0] in box(trainer)

"""The trainer bot's filing of café notes under the spaces' cards (server/trainer_bot.py,
game/core/space_card.suggested_lines)."""

from __future__ import annotations

from helpers import Session

from ilot.game.core.kinds import PhaseKind
from ilot.game.core.space_card import NOTES_PER_LINE, SUGGESTED_LINES
from ilot.server.trainer_bot import card_lines


def test_notes_go_to_the_space_they_name_else_the_first_and_are_filed_once(rich):
    s = Session(rich)
    pids = [s.join(f"P{i}", p.id) for i, p in enumerate(rich.personas[:4])]
    s.goto(PhaseKind.WORLD_CAFE)
    texts = ["Le jardin reste fermé à clé", "Un banc dans la cour",
             "Il faut d'abord régler la question des clés.", "Des bacs au JARDIN, avec les écoles"]
    for pid, text in zip(pids, texts, strict=True):
        s.act(pid, {"type": "cafe_note", "table": s.state.cafe_table_of(pid), "text": text})
    notes = list(s.state.cafe_notes)
    lines = card_lines(s.state)
    first = rich.spaces[0].id
    assert [(a["space"], a["notes"]) for a in lines] == [
        ("jardin", [notes[0], notes[3]]), ("cour", [notes[1]]), (first, [notes[2]])]
    assert lines[0]["text"] == "Le jardin reste fermé à clé ; Des bacs au JARDIN, avec les écoles"
    for a in lines:
        s.trainer(a)  # each is accepted
    assert card_lines(s.state) == []  # nothing left to file
    assert len(lines) <= SUGGESTED_LINES and all(len(a["notes"]) <= NOTES_PER_LINE for a in lines)

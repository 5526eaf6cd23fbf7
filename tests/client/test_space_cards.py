"""The spaces' cards through the real client loop: the trainer groups two café notes into a
line of a space's card; on day 2 a participant selects that space and reads the card; the
trainer edits and removes the line from the console's « Fiches des espaces »."""

from __future__ import annotations

from .conftest import choose, click, click_widget, pump, tick, type_text, wait_server
from .test_play import joined, space_point
from .test_session import act_as, as_trainer, phase_index, pid_of, seat

NOTES = ("La cour sert de parking sauvage le soir", "Il manque un banc à l'ombre")
LINE = "Un parking sauvage à reprendre, un banc à l'ombre"


def cafe_notes(h) -> list[str]:
    """Ana and Bob (connections) each write a café note at their table."""
    personas = [p.id for p in h.state().scenario.personas]
    ana, bob = seat(h, "Ana", personas[0]), seat(h, "Bob", personas[1])
    assert h.trainer_act({"type": "set_phase", "phase": phase_index(h, "world_cafe")})["t"] == "ack"
    for c, text in ((ana, NOTES[0]), (bob, NOTES[1])):
        table = h.state().cafe_table_of(pid_of(c))
        assert act_as(h, c, {"type": "cafe_note", "table": table, "text": text})["t"] == "ack"
    return list(h.state().cafe_notes)


def box(app) -> str:
    return str(app.side.widgets["box"].html_text)


def test_the_trainer_groups_two_notes_and_a_participant_reads_the_card_on_day_2(rich_harness):
    h = rich_harness
    k1, k2 = cafe_notes(h)
    trainer = as_trainer(h)
    pump(trainer, lambda: trainer.side.name == "world_cafe")
    click(trainer, space_point(trainer, "cour"))
    assert trainer.selected_space == "cour"
    pump(trainer, lambda: "card_notes" in trainer.side.widgets and "Cour centrale" in box(trainer))
    assert all(x in box(trainer) for x in (*NOTES, "Ana", "Bob"))  # the notes by table
    checks = trainer.side.widgets["card_notes"]
    tick(trainer, checks, k1)
    tick(trainer, checks, k2)
    assert sorted(checks.checked()) == sorted([k1, k2])
    # the wording is filled in from the ticked notes; the trainer writes their own
    entry = trainer.side.widgets["card_text"]
    assert NOTES[0] in entry.get_text() and NOTES[1] in entry.get_text()
    entry.set_text("")
    type_text(trainer, entry, LINE)
    click_widget(trainer, trainer.side.widgets["card_add"])
    s = wait_server(h, lambda s: len(s.space_cards) == 1, trainer)
    line = next(iter(s.space_cards.values()))
    assert (line.space, line.text, sorted(line.notes)) == ("cour", LINE, sorted([k1, k2]))
    # the builder is ready for the next line, and shows the card
    pump(trainer, lambda: trainer.side.widgets["card_text"].get_text() == "" and LINE in box(trainer))
    assert trainer.side.widgets["card_notes"].checked() == []

    # day 2: a participant selects the space; its card is above the panel's own text
    day2 = phase_index(h, "deliberation")
    assert h.trainer_act({"type": "set_phase", "phase": day2})["t"] == "ack"
    chloe = joined(h, "Chloé", persona=s.scenario.personas[2].id)
    pump(chloe, lambda: chloe.side.name == "deliberation")
    assert LINE not in box(chloe)  # nothing selected
    click(chloe, space_point(chloe, "jardin"))  # a space without a card: no card
    pump(chloe, lambda: chloe.selected_space == "jardin")
    assert "Ce que l'îlot en dit" not in box(chloe)
    click(chloe, space_point(chloe, "cour"))
    pump(chloe, lambda: LINE in box(chloe))
    assert "Ce que l'îlot en dit — Cour centrale" in box(chloe)

    # the trainer edits the line from the console, then removes it
    trainer = as_trainer(h)
    click_widget(trainer, trainer.header.widgets["console"])
    pump(trainer, lambda: trainer.side.name == "console")
    click_widget(trainer, trainer.side.widgets["tab:cards"])  # in the session tab
    pump(trainer, lambda: "card_text" in trainer.side.widgets)
    click(trainer, space_point(trainer, "cour"))
    pump(trainer, lambda: "card_line" in trainer.side.widgets and LINE in box(trainer))
    choose(trainer, trainer.side.widgets["card_line"], line.id)
    pump(trainer, lambda: "card_save" in trainer.side.widgets)
    assert trainer.side.widgets["card_text"].get_text() == LINE
    assert sorted(trainer.side.widgets["card_notes"].checked()) == sorted([k1, k2])
    tick(trainer, trainer.side.widgets["card_notes"], k2)  # one note less
    assert trainer.side.widgets["card_text"].get_text() == LINE  # their own words stay
    trainer.side.widgets["card_text"].set_text("")
    type_text(trainer, trainer.side.widgets["card_text"], "Le soir, un parking sauvage")
    click_widget(trainer, trainer.side.widgets["card_save"])
    s = wait_server(h, lambda s: s.space_cards[line.id].text.startswith("Le soir"), trainer)
    assert list(s.space_cards) == [line.id] and s.space_cards[line.id].notes == [k1]
    pump(trainer, lambda: "card_add" in trainer.side.widgets and "Le soir" in box(trainer))
    choose(trainer, trainer.side.widgets["card_line"], line.id)
    click_widget(trainer, trainer.side.widgets["card_remove"])
    wait_server(h, lambda s: not s.space_cards, trainer)
    pump(trainer, lambda: "Le soir" not in box(trainer))

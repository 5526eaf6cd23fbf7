"""Experience cards through the real client loop: a participant shares one with the form, edits
it; another picks it in the menu, reacts and comments; the trainer pins it; the shared screen
shows it whole, pinned."""

from __future__ import annotations

from .conftest import choose, click_widget, pump, type_text, wait_server
from .test_play import joined, set_phase
from .test_session import as_screen, as_trainer

CARD = {"title": "Jardin partagé des Grands-Pêchers", "where": "Montreuil",
        "carried_by": "L'amicale et le gardien", "worked": "Un bac par cage d'escalier",
        "did_not": "Le local à outils sans clé", "figure1": "40 foyers inscrits", "figure2": ""}


def in_menu(app, card: str) -> bool:
    """`card` is one of the entries of the window's card menu (the server's event has arrived
    and the panel was rebuilt)."""
    menu = app.side.widgets.get("project")
    return menu is not None and any(value == card for _, value in menu.options_list)


def test_share_react_comment_pin_and_the_shared_screen(rich_harness):
    h = rich_harness
    ana = joined(h, "Ana")
    set_phase(h, ana, "projets")
    click_widget(ana, ana.side.widgets["tab:share"])
    pump(ana, lambda: "title" in ana.side.widgets)
    # no title: nothing is sent, and a message says why
    click_widget(ana, ana.side.widgets["share"])
    assert ana.model.message
    for key, text in CARD.items():
        if text:
            type_text(ana, ana.side.widgets[key], text)
    click_widget(ana, ana.side.widgets["share"])
    s = wait_server(h, lambda s: len(s.experiences) == 1, ana)
    (x,) = s.experiences.values()
    assert (x.title, x.where, x.carried_by, x.worked, x.did_not, x.figures) == (
        CARD["title"], "Montreuil", CARD["carried_by"], CARD["worked"], CARD["did_not"],
        ["40 foyers inscrits"])
    assert x.author == ana.model.me
    # back on the cards: hers, to edit (no reactions to her own)
    pump(ana, lambda: in_menu(ana, x.id))  # the card has reached her window's menu
    choose(ana, ana.side.widgets["project"], x.id)
    pump(ana, lambda: "edit" in ana.side.widgets and "react:inspire" not in ana.side.widgets)
    click_widget(ana, ana.side.widgets["edit"])
    pump(ana, lambda: "e_title" in ana.side.widgets)
    assert ana.side.widgets["e_title"].get_text() == CARD["title"]
    type_text(ana, ana.side.widgets["e_figure2"], "3 ans")
    click_widget(ana, ana.side.widgets["save"])
    wait_server(h, lambda s: s.experiences[x.id].figures == ["40 foyers inscrits", "3 ans"], ana)

    bob = joined(h, "Bob", persona=h.state().scenario.personas[1].id)
    pump(bob, lambda: in_menu(bob, x.id))
    choose(bob, bob.side.widgets["project"], x.id)
    pump(bob, lambda: "react:inspire" in bob.side.widgets and bob.side.card() == x.id)
    text = pump(bob, lambda: bob.side.content())
    assert "Expérience partagée par Ana" in text and "Un bac par cage" in text
    assert "40 foyers inscrits · 3 ans" in text
    click_widget(bob, bob.side.widgets["react:inspire"])
    wait_server(h, lambda s: s.reactions.get(x.id) == {bob.model.me: "inspire"}, bob)
    # Bob's own client has the reaction too (its panel is rebuilt then): type in the new box
    pump(bob, lambda: bob.model.state.reactions.get(x.id) == {bob.model.me: "inspire"})
    pump(bob, lambda: "comment" in bob.side.widgets)
    type_text(bob, bob.side.widgets["comment"], "Combien de bacs en tout ?")
    click_widget(bob, bob.side.widgets["send"])
    wait_server(h, lambda s: any(c.project == x.id for c in s.comments.values()), bob)

    trainer = as_trainer(h)
    pump(trainer, lambda: in_menu(trainer, x.id))
    choose(trainer, trainer.side.widgets["project"], x.id)
    pump(trainer, lambda: "pin" in trainer.side.widgets)
    assert trainer.side.widgets["pin"].text == "Épingler"
    click_widget(trainer, trainer.side.widgets["pin"])
    wait_server(h, lambda s: s.experiences[x.id].pinned, trainer)
    pump(trainer, lambda: trainer.side.widgets.get("pin") is not None
         and trainer.side.widgets["pin"].text == "Désépingler")

    screen = as_screen(h)
    pump(screen, lambda: screen.side.name == "projets")
    text = pump(screen, lambda: screen.side.content())
    assert "react:inspire" not in screen.side.widgets and "pin" not in screen.side.widgets
    # the pinned card first, whole, with its reactions and the comment
    assert text.index(CARD["title"]) < text.index(h.state().scenario.inspiring_projects[0].title)
    assert "Épinglé par l'animateur" in text and "Un bac par cage" in text
    assert "M'inspire 1" in text and "Combien de bacs en tout ?" in text

    # out of place after all: the trainer removes it, its reaction and comment with it
    trainer = as_trainer(h)
    pump(trainer, lambda: "remove" in trainer.side.widgets)  # the pinned card comes first
    click_widget(trainer, trainer.side.widgets["remove"])
    s = wait_server(h, lambda s: not s.experiences, trainer)
    assert x.id not in s.reactions and all(c.project != x.id for c in s.comments.values())
    pump(trainer, lambda: "remove" not in trainer.side.widgets
         and CARD["title"] not in trainer.side.content())

"""Editing and removing what was added, through the client's own loop against a real server:
my notes (text, kind, enjeux), the trainer's moderation, my resources, my plan items, my name."""

from __future__ import annotations

import pygame

from .conftest import button, choose, click, click_widget, pump, select_items, tick, type_text, wait_server
from .test_play import joined, set_phase, space_point

NEW_TEXT = "Cour très bruyante, éclairage à revoir"


def ready(app) -> bool:
    """The side panel has been rebuilt for the current state: its widgets are the live ones."""
    return app.side._sig == app.side.signature()


def retype(app, el, text: str) -> None:
    """Replace an entry's text as a person does: click in it, Ctrl+A, type."""
    click_widget(app, el)
    for kind in (pygame.KEYDOWN, pygame.KEYUP):
        pygame.event.post(pygame.event.Event(kind, key=pygame.K_a, mod=pygame.KMOD_CTRL,
                                             unicode="a", scancode=4))
    app.step()
    for ch in text:
        pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text=ch))
    app.step()
    app.step()
    assert el.get_text() == text


def menu_ids(app, key: str) -> list[str]:
    el = app.side.widgets.get(key)
    return [o[1] for o in el.options_list if o[1] != "-"] if el is not None else []


def box(app) -> str:
    return app.side.widgets["box"].html_text


def test_edit_my_note_text_kind_and_enjeux(harness):
    app = joined(harness)
    set_phase(harness, app, "etat_des_lieux")
    sc = app.model.scenario
    space = sc.spaces[1]
    e0, e1 = sc.enjeux[0].id, sc.enjeux[1].id
    app.act({"type": "add_note", "space": space.id, "kind": "probleme", "text": "Cour bruyante",
             "enjeux": [e0]})
    s = wait_server(harness, lambda s: len(s.notes) == 1, app)
    nid = next(iter(s.notes))
    # my note is offered in the "my notes" menu, without a rebuild of the form
    pump(app, lambda: ready(app) and menu_ids(app, "mine") == [nid])
    choose(app, app.side.widgets["mine"], nid)
    pump(app, lambda: ready(app) and "edit_text" in app.side.widgets)
    side = app.side
    assert side.widgets["edit_text"].get_text() == "Cour bruyante"  # the form is pre-filled
    assert side.multi_choice("enjeux") == [e0]
    assert app.selected_space == space.id  # the map shows where the note is
    assert side.widgets["kind:probleme"].object_ids[-1] == "#selected"
    click_widget(app, button(side, "kind:idee"))
    pump(app, lambda: ready(app) and app.side.widgets["kind:idee"].object_ids[-1] == "#selected")
    enjeux = app.side.widgets["enjeux"]
    for value in (e0, e1):  # untick the first enjeu, tick the second
        tick(app, enjeux, value)
    assert app.side.multi_choice("enjeux") == [e1]
    retype(app, app.side.widgets["edit_text"], NEW_TEXT)
    click_widget(app, button(app.side, "save"))
    s = wait_server(harness, lambda s: s.notes[nid].text == NEW_TEXT, app)
    note = s.notes[nid]
    assert (note.kind, note.enjeux, note.space, note.author) == ("idee", [e1], space.id,
                                                                 app.model.me)
    assert len(s.notes) == 1
    # the client shows the server's note; the form is back to writing a new note
    pump(app, lambda: NEW_TEXT in box(app) and ready(app) and "text" in app.side.widgets)
    assert "edit_text" not in app.side.widgets
    pump(app, lambda: any("éclairage" in o[0] for o in app.side.widgets["mine"].options_list))


def test_remove_one_of_my_notes(harness):
    app = joined(harness)
    set_phase(harness, app, "etat_des_lieux")
    space = app.model.scenario.spaces[0].id
    for text in ("Hall sombre le soir", "Boîtes aux lettres abîmées"):
        app.act({"type": "add_note", "space": space, "kind": "probleme", "text": text})
    s = wait_server(harness, lambda s: len(s.notes) == 2, app)
    gone = next(n.id for n in s.notes.values() if n.text.startswith("Hall"))
    pump(app, lambda: ready(app) and len(menu_ids(app, "mine")) == 2)
    choose(app, app.side.widgets["mine"], gone)
    pump(app, lambda: ready(app) and "delete" in app.side.widgets)
    click_widget(app, button(app.side, "delete"))
    s = wait_server(harness, lambda s: gone not in s.notes, app)
    assert [n.text for n in s.notes.values()] == ["Boîtes aux lettres abîmées"]
    pump(app, lambda: ready(app) and menu_ids(app, "mine") == list(s.notes)
         and "Hall sombre" not in box(app) and "abîmées" in box(app))


def test_trainer_removes_a_participant_note(harness):
    player = joined(harness, "Léa")
    set_phase(harness, player, "etat_des_lieux")
    space = player.model.scenario.spaces[0].id
    player.act({"type": "add_note", "space": space, "kind": "idee", "text": "Note hors sujet"})
    player.act({"type": "add_note", "space": space, "kind": "force", "text": "Gardien très présent"})
    s = wait_server(harness, lambda s: len(s.notes) == 2, player)
    gone = next(n.id for n in s.notes.values() if n.text == "Note hors sujet")
    app = harness.app({"as": "trainer", "room": harness.room, "code": harness.code})
    pump(app, lambda: app.screen == "main" and app.side.name == "etat_des_lieux" and ready(app))
    assert "note_pick" not in app.side.widgets  # first a space, then one of its notes
    click(app, space_point(app, space))
    pump(app, lambda: app.selected_space == space and ready(app)
         and len(menu_ids(app, "note_pick")) == 2)
    choose(app, app.side.widgets["note_pick"], gone)
    pump(app, lambda: ready(app))
    click_widget(app, button(app.side, "moderate"))
    s = wait_server(harness, lambda s: gone not in s.notes, app)
    assert [n.text for n in s.notes.values()] == ["Gardien très présent"]
    pump(app, lambda: ready(app) and "hors sujet" not in box(app)
         and menu_ids(app, "note_pick") == list(s.notes))


def test_remove_my_resource(rich_harness):
    h = rich_harness
    app = joined(h)
    set_phase(h, app, "ressources")
    space = app.model.scenario.spaces[0]
    for service in ("Prêt d'outils géré par l'amicale", "Permanence du gardien"):
        app.act({"type": "add_resource", "space": space.id, "service": service,
                 "text": "Clés à la loge"})
    s = wait_server(h, lambda s: len(s.resources) == 2, app)
    gone = next(r.id for r in s.resources.values() if r.service.startswith("Prêt"))
    pump(app, lambda: ready(app) and len(menu_ids(app, "resource")) == 2
         and app.side.widgets["resource_remove"].is_enabled)
    choose(app, app.side.widgets["resource"], gone)
    pump(app, lambda: ready(app))
    click_widget(app, button(app.side, "resource_remove"))
    s = wait_server(h, lambda s: gone not in s.resources, app)
    assert [r.service for r in s.resources.values()] == ["Permanence du gardien"]
    pump(app, lambda: ready(app) and "Prêt d'outils" not in box(app)
         and "Permanence du gardien" in box(app)
         and menu_ids(app, "resource") == list(s.resources))


def test_edit_my_plan_item(harness):
    app = joined(harness)
    set_phase(harness, app, "plan_action")
    app.act({"type": "plan_add", "what": "Réunion de lancement", "lead": "manager",
             "quarter": 1, "cost": 0.0, "payer": "bailleur"})
    s = wait_server(harness, lambda s: len(s.plan) == 1, app)
    iid = next(iter(s.plan))
    click_widget(app, button(app.side, "tab:mine"))
    pump(app, lambda: ready(app) and "remove" in app.side.widgets)
    select_items(app, app.side.widgets["remove"], [f"item:{iid}"])
    click_widget(app, button(app.side, "edit_pick"))
    pump(app, lambda: ready(app) and "e_what" in app.side.widgets)
    side = app.side
    assert side.widgets["e_what"].get_text() == "Réunion de lancement"  # pre-filled
    assert side.widgets["e_cost"].get_text() == "0"
    assert side.choice("e_lead") == "manager" and side.choice("e_quarter") == "1"
    click_widget(app, button(side, "payer:charges"))
    pump(app, lambda: ready(app) and app.side.sel.get("e_payer") == "charges")
    choose(app, app.side.widgets["e_quarter"], "3")
    retype(app, app.side.widgets["e_what"], "Réunion de lancement avec l'amicale, à la loge")
    retype(app, app.side.widgets["e_cost"], "1 500")
    click_widget(app, button(app.side, "save"))
    s = wait_server(harness, lambda s: s.plan[iid].quarter == 3, app)
    item = s.plan[iid]
    assert (item.what, item.cost, item.payer, item.lead) == (
        "Réunion de lancement avec l'amicale, à la loge", 1500.0, "charges", "manager")
    assert len(s.plan) == 1
    # back on my items; the plan shows the edited action
    pump(app, lambda: ready(app) and "remove" in app.side.widgets
         and "avec l'amicale, à la loge" in box(app) and "T3" in box(app))


def test_rename_myself(harness):
    app = joined(harness, "Amélie")
    pump(app, lambda: app.side.name == "accueil" and ready(app))
    click_widget(app, button(app.side, "rename"))  # nothing typed: nothing sent
    assert "prénom" in app.model.message
    assert app.net.pending_count() == 0
    type_text(app, app.side.widgets["name"], "Amélie Ségur", enter=True)
    s = wait_server(harness, lambda s: s.participants[app.model.me].name == "Amélie Ségur", app)
    assert s.participants[app.model.me].persona is not None  # the character stays
    labels = lambda: [el.text for el in app.side.container.get_container().elements  # noqa: E731
                      if hasattr(el, "text")]
    pump(app, lambda: ready(app) and "Mon nom affiché\u00a0: Amélie Ségur" in labels())
    assert app.side.widgets["name"].get_text() == ""
    assert app.model.name_of(app.model.me).startswith("Amélie Ségur")

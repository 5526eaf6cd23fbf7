"""Clicking a note's pin on the map picks that note, through the client's own loop against a
real server: a participant edits their own note, someone else's pin only selects its space,
the trainer picks any note for « Retirer cette note »."""

from __future__ import annotations

from types import SimpleNamespace

import pygame

from ilot.game.client.mapview import RIM, MapView, pin_radius, pin_sprite
from ilot.game.text import lang_for

from .conftest import button, choose, click, click_widget, pump, wait_server
from .test_edit import box, menu_ids, ready, retype
from .test_play import joined, set_phase

NEW_TEXT = "Bancs cassés près du préau — à réparer vite"
COUR = "cour"  # the big space of petit_ilot: pins far enough apart not to overlap


def pin(app, note_id: str) -> tuple[int, int]:
    """Where the pin of `note_id` is on the window, once the map has drawn it; checked to be
    the pin the map finds there (not one drawn over it)."""
    pos = pump(app, lambda: app.map.pin_center(app.model.state, note_id))
    assert app.map.note_at(app.model.state, pos) == note_id
    return pos


def app_persona(h, i: int) -> str:
    return h.state().scenario.personas[i].id


def add_notes(h, app, texts: list[tuple[str, float, float]]) -> list[str]:
    """The participant of `app` adds notes in the courtyard (oldest first); their ids."""
    before = set(h.state().notes)
    for text, x, y in texts:
        app.act({"type": "add_note", "space": COUR, "kind": "probleme", "text": text,
                 "x": x, "y": y})
    s = wait_server(h, lambda s: len(s.notes) == len(before) + len(texts), app)
    new = sorted((n for n in s.notes.values() if n.id not in before), key=lambda n: (n.t, n.id))
    assert [n.text for n in new] == [t for t, _, _ in texts]
    pump(app, lambda: all(n.id in app.model.state.notes for n in new))
    return [n.id for n in new]


def test_participant_edits_own_note_from_its_pin(harness):
    other = joined(harness, "Léa")
    set_phase(harness, other, "etat_des_lieux")
    [theirs] = add_notes(harness, other, [("Pas assez de lumière", 75, 55)])
    app = joined(harness, "Amélie", persona=app_persona(harness, 1))
    pump(app, lambda: app.side.name == "etat_des_lieux" and ready(app))
    older, newer = add_notes(harness, app, [("Bancs cassés", 25, 40), ("Jeux pour enfants", 50, 50)])
    pump(app, lambda: ready(app) and len(menu_ids(app, "mine")) == 2)
    assert "edit_text" not in app.side.widgets and app.selected_space is None

    # someone else's pin: only its space is selected, the form stays on a new note
    click(app, pin(app, theirs))
    pump(app, lambda: app.selected_space == COUR and ready(app))
    assert "edit_text" not in app.side.widgets and "text" in app.side.widgets
    assert app.selected_point is not None  # a new note would go where the map was clicked
    assert app.side.sel.get("edit") is None

    click(app, (app.map.rect.x + 2, app.map.rect.y + 2))  # off every space: nothing selected
    pump(app, lambda: app.selected_space is None and ready(app))
    # my older note's pin: the form edits that note, pre-filled, as from « Modifier… »
    click(app, pin(app, older))
    pump(app, lambda: ready(app) and "edit_text" in app.side.widgets)
    side = app.side
    assert side.widgets["edit_text"].get_text() == "Bancs cassés"
    assert side.widgets["mine"].selected_option[1] == older
    assert app.selected_space == COUR and app.selected_point is None
    # clicking the same pin again keeps what is being typed
    retype(app, side.widgets["edit_text"], NEW_TEXT)
    click(app, pin(app, older))
    pump(app, lambda: ready(app))
    assert app.side.widgets["edit_text"].get_text() == NEW_TEXT
    click_widget(app, button(app.side, "save"))
    s = wait_server(harness, lambda s: s.notes[older].text == NEW_TEXT, app)
    assert s.notes[newer].text == "Jeux pour enfants"
    assert s.notes[theirs].text == "Pas assez de lumière"
    assert (s.notes[older].author, s.notes[older].space) == (app.model.me, COUR)
    pump(app, lambda: ready(app) and "text" in app.side.widgets and "préau" in box(app))


def test_trainer_picks_a_note_by_its_pin_and_removes_it(harness):
    player = joined(harness, "Léa")
    set_phase(harness, player, "etat_des_lieux")
    gone, kept = add_notes(harness, player, [("Note hors sujet", 30, 45),
                                             ("Gardien très présent", 70, 45)])
    app = harness.app({"as": "trainer", "room": harness.room, "code": harness.code})
    pump(app, lambda: app.screen == "main" and app.side.name == "etat_des_lieux" and ready(app))
    assert "note_pick" not in app.side.widgets
    click(app, pin(app, gone))
    pump(app, lambda: ready(app) and "note_pick" in app.side.widgets)
    assert app.selected_space == COUR
    assert app.side.widgets["note_pick"].selected_option[1] == gone
    assert sorted(menu_ids(app, "note_pick")) == sorted([gone, kept])
    # the menu opened on that note, and picking it again there closes the menu, pick kept
    menu = app.side.widgets["note_pick"]
    choose(app, menu, gone)
    pump(app, lambda: menu.current_state is menu.menu_states["closed"])
    assert ready(app) and app.side.choice("note_pick") == gone
    click_widget(app, button(app.side, "moderate"))
    s = wait_server(harness, lambda s: gone not in s.notes, app)
    assert list(s.notes) == [kept]
    pump(app, lambda: ready(app) and "hors sujet" not in box(app)
         and menu_ids(app, "note_pick") == [kept])
    assert app.map.pin_center(app.model.state, gone) is None


def test_note_at_overlapping_pins_the_top_one_wins():
    pygame.init()
    view = MapView(lang_for("fr"))
    view.rect = pygame.Rect(100, 50, 400, 300)
    a, b = (SimpleNamespace(id=i, x=10.0, y=10.0, kind="force") for i in ("a", "b"))
    state = SimpleNamespace(notes={"a": a, "b": b})  # drawn in this order: b on top
    view._pin_key, view._notes_on = view._pin_geometry(), True
    view._pin_pos = {("a", 10.0, 10.0): (40, 40), ("b", 10.0, 10.0): (44, 40)}
    sprite, mask = pin_sprite("force", pin_radius(False))
    half = sprite.get_width() // 2
    ca, cb = view.pin_center(state, "a"), view.pin_center(state, "b")
    assert ca == (140 + half, 90 + half) and cb == (144 + half, 90 + half)
    # the circle's mark with its rim and edge: as far as the sprite is drawn, no further
    reach = max(x for x in range(sprite.get_width()) if mask.get_at((x, half))) - half
    assert reach >= pin_radius(False) + RIM and sprite.get_at((half + reach, half)).a > 0
    assert view.note_at(state, ca) == "b"  # under both: the one on top
    assert view.note_at(state, (ca[0] - reach + 1, ca[1])) == "a"  # only under a
    assert view.note_at(state, (cb[0] + reach, cb[1])) == "b"
    assert view.note_at(state, (cb[0] + reach + 1, cb[1])) is None  # beyond the pin
    assert view.note_at(state, (cb[0], cb[1] + reach + 1)) is None
    view._notes_on = False  # a phase without pins: nothing to pick
    assert view.note_at(state, cb) is None

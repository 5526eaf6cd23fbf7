"""The characters' portraits: the shipped set, the loader's fallbacks, and where windows show them."""

from __future__ import annotations

import hashlib

import pygame

from ilot import data_path
from ilot.game.client.portraits import LOOKS, faces, guess, portrait, portrait_for, portrait_ids, silhouette
from ilot.game.core.scenario import Scenario

from .conftest import click_widget, pump
from .test_play import joined


def _pixels(surf: pygame.Surface) -> str:
    return hashlib.sha1(pygame.image.tobytes(surf, "RGB")).hexdigest()


def test_the_set_is_24_distinct_128_pixel_pictures_with_their_licence():
    ids = portrait_ids()
    assert ids == [f"p{i:02d}" for i in range(1, 25)]
    pictures = [pygame.image.load(str(data_path("assets", "portraits", f"{i}.png"))) for i in ids]
    assert {p.get_size() for p in pictures} == {(128, 128)}
    assert len({_pixels(p) for p in pictures}) == 24  # no two alike
    # distinct at 64 px too, where the persona cards show them
    assert len({_pixels(pygame.transform.smoothscale(p, (64, 64))) for p in pictures}) == 24
    licence = data_path("assets", "portraits", "LICENCE.md").read_text(encoding="utf-8")
    assert "CC0" in licence and "scripts/draw_portraits.py" in licence


def test_a_portrait_at_any_size_cached_and_an_unknown_id_is_a_silhouette():
    a = portrait("p07", 64)
    assert a.get_size() == (64, 64)
    assert portrait("p07", 64) is a  # cached
    assert portrait("p07", 128).get_size() == (128, 128)
    assert _pixels(portrait("p07", 64)) != _pixels(portrait("p08", 64))
    for unknown in ("p99", "", None, "../../etc/passwd", "P01", "x" * 200):
        face = portrait(unknown, 48)
        assert face.get_size() == (48, 48)
        assert _pixels(face) == _pixels(silhouette(48))


def test_a_persona_without_a_portrait_gets_a_likely_face_of_its_own():
    assert portrait_for("josiane") == portrait_for("josiane") in portrait_ids()
    assert portrait_for("josiane", "p03") == "p03"
    assert guess("72 ans, ancienne couturière… Elle anime la fête") == ("f", "old")
    assert guess("24 ans, agent d'entretien, il nettoie le hall") == ("m", "young")
    assert guess("Gestionnaire.") == ("", "")
    for name in ("petit_ilot", "ilot_des_tilleuls", "tour_des_peupliers"):
        sc = Scenario.model_validate_json(data_path("scenarios", f"{name}.json").read_text("utf-8"))
        given = faces(sc.personas)
        assert set(given) == {p.id for p in sc.personas}
        assert len(set(given.values())) == len(sc.personas)  # no two alike in a scenario
        for p in sc.personas:  # a woman of 72 is not drawn as a young man
            assert LOOKS[given[p.id]][0] == guess(p.bio)[0], (name, p.id)
        assert faces(sc.personas) == given  # the same in every window


def test_the_persona_page_and_the_fiche_show_the_character_s_portrait(harness):
    app = harness.app({"as": "participant", "room": harness.room, "name": "Awa"})
    pump(app, lambda: app.screen == "persona" and app.page is not None and app.page.widgets)
    personas = app.model.scenario.personas
    for persona in personas:
        img = app.page.widgets[f"face:{persona.id}"]
        expected = portrait(faces(personas)[persona.id], img.get_abs_rect().w)
        assert _pixels(img.image) == _pixels(expected)
    app.close()
    app = joined(harness, name="Bea", persona=personas[1].id)
    click_widget(app, app.header.widgets["fiche"])
    pump(app, lambda: app.side.name == "fiche" and "face" in app.side.widgets)
    img = app.side.widgets["face"]
    assert _pixels(img.image) == _pixels(portrait(faces(personas)[personas[1].id], img.get_abs_rect().w))

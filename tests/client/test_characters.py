"""Created characters through the client's own loop (real server on 127.0.0.1, SDL dummy): a
participant writes one in the editor, the trainer approves it in the « Personnages » panel, the
session reaches a phase with `persona_choice` and another participant picks it on the persona
page; their « Ma fiche » shows its name and objective."""

from __future__ import annotations

import json

import pygame

from ilot.game.client.portraits import portrait
from ilot.game.core.kinds import CharacterStatus
from ilot.game.net.client import Connection
from ilot.game.text import lang_for

from .conftest import SHORT, Harness, button, choose, click, click_widget, pump, tick, type_text, wait_server
from .test_play import joined, set_phase

FR = lang_for("fr")
BIO = "Ancienne cheffe de chantier, elle connaît chaque cave ; très attachée à la cour."
OBJECTIVE = "Que la cour reste ouverte aux enfants, même l'été"


def scenario_with_personnages(tmp_path):
    """petit_ilot with a personnages phase after the état des lieux, and a persona choice at
    the délibération."""
    data = json.loads(SHORT.read_text(encoding="utf-8"))
    phases = data["phases"]
    at = [p["id"] for p in phases].index("etat_des_lieux") + 1
    phases.insert(at, {"id": "personnages", "kind": "personnages", "title": "Création des personnages",
                       "minutes": 20, "day": 1})
    next(p for p in phases if p["id"] == "deliberation")["persona_choice"] = True
    path = tmp_path / "avec_personnages.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_a_participant_writes_a_character_the_trainer_approves_it_another_plays_it(tmp_path):
    h = Harness(tmp_path, scenario_with_personnages(tmp_path))
    try:
        writer = joined(h, name="Awa")
        set_phase(h, writer, "personnages")
        click_widget(writer, button(writer.side, "create"))
        pump(writer, lambda: writer.screens.name == "character")
        page = writer.page
        type_text(writer, page.widgets["name"], "Éloïse Martin")
        click_widget(writer, page.widgets["role:caretaker"])
        pump(writer, lambda: writer.page.sel.get("role") == "caretaker")
        page = writer.page
        type_text(writer, page.widgets["age"], "52 ans")
        type_text(writer, page.widgets["situation"], "Gardienne de la résidence depuis 1998")
        type_text(writer, page.widgets["bio"], BIO)
        type_text(writer, page.widgets["needs"], "Un local à vélos qui ferme à clé")
        grid = page.widgets["portraits"]
        click(writer, (grid.rect.x + grid.cell(4).centerx, grid.rect.y + grid.cell(4).centery))
        assert page.sel.get("portrait") == "p05"
        choose(writer, page.widgets["kind0"], "judged")
        pump(writer, lambda: "text0" in writer.page.widgets)
        page = writer.page
        type_text(writer, page.widgets["text0"], OBJECTIVE)
        click_widget(writer, page.widgets["save"])
        s = wait_server(h, lambda s: len(s.characters) == 1, writer)
        (c,) = s.characters.values()
        assert (c.name, c.role, c.age, c.bio, c.portrait) == ("Éloïse Martin", "caretaker", "52 ans", BIO, "p05")
        assert c.authors == [writer.model.me] and c.status == CharacterStatus.DRAFT
        assert [o.text for o in c.objectives] == [OBJECTIVE]
        # accepted: the editor closes, the panel lists it as a draft
        pump(writer, lambda: writer.screens.name == "main" and writer.side.name == "personnages")
        pump(writer, lambda: "Éloïse Martin" in writer.side.widgets["box"].html_text)
        writer.close()

        # the trainer ticks it and approves it
        trainer = h.app({"as": "trainer", "room": h.room, "code": h.code})
        pump(trainer, lambda: trainer.screens.name == "main" and "picked" in trainer.side.widgets)
        tick(trainer, trainer.side.widgets["picked"], c.id)
        click_widget(trainer, button(trainer.side, "approve"))
        wait_server(h, lambda s: s.characters[c.id].status == CharacterStatus.APPROVED, trainer)
        trainer.close()

        # someone else, with a scenario persona, is asked to choose again at the délibération
        player = joined(h, name="Bruno")
        # only the created characters at the next choice
        assert h.trainer_act({"type": "persona_pool", "scenario": False})["t"] == "ack"
        index = [p.kind for p in h.state().scenario.phases].index("deliberation")
        assert h.trainer_act({"type": "set_phase", "phase": index})["t"] == "ack"
        pump(player, lambda: player.screen == "persona" and f"persona:{c.id}" in player.page.widgets)
        assert any(FR.t("ui.character.created_by", names="Awa") in para for para in player.page.said[c.id])
        assert set(player.page.said) == {c.id}  # the scenario's personas left out by the trainer
        click_widget(player, player.page.widgets[f"persona:{c.id}"])
        pump(player, lambda: "confirm" in player.page.widgets)
        click_widget(player, player.page.widgets["confirm"])
        wait_server(h, lambda s: s.participants[player.model.me].persona == c.id, player)
        pump(player, lambda: player.screen == "main")
        click_widget(player, player.header.widgets["fiche"])
        pump(player, lambda: player.side.name == "fiche" and OBJECTIVE in player.side.widgets["box"].html_text)
        assert "Éloïse Martin" in player.side.widgets["box"].html_text
        assert FR.t("ui.character.created_by", names="Awa") in player.side.widgets["box"].html_text
        face = player.side.widgets["face"]  # the portrait the authors chose
        assert pygame.image.tobytes(face.image, "RGB") == pygame.image.tobytes(
            portrait("p05", face.get_abs_rect().w), "RGB")
    finally:
        h.close()


def test_the_trainer_sends_back_the_author_edits_the_trainer_edits_and_merges(tmp_path):
    h = Harness(tmp_path, scenario_with_personnages(tmp_path))
    try:
        writer = joined(h, name="Awa")
        set_phase(h, writer, "personnages")
        for name in ("Mamadou Sy", "Mamadou S."):
            assert writer.act({"type": "character_write", "character": None, "name": name, "role": "resident",
                               "age": "67 ans", "situation": "", "bio": "", "needs": "", "objectives": [],
                               "portrait": "p08", "coauthors": []})
        s = wait_server(h, lambda s: len(s.characters) == 2, writer)
        first, second = sorted(s.characters.values(), key=lambda c: c.t)
        token = writer.model.token
        writer.close()

        trainer = h.app({"as": "trainer", "room": h.room, "code": h.code})
        pump(trainer, lambda: trainer.screens.name == "main" and "picked" in trainer.side.widgets)
        # sending back needs a comment: refused on the client, nothing sent
        tick(trainer, trainer.side.widgets["picked"], first.id)
        click_widget(trainer, button(trainer.side, "send_back"))
        assert FR.t("ui.character.need_comment") in trainer.model.message
        type_text(trainer, trainer.side.widgets["comment"], "Quel âge a-t-il vraiment ? Précisez sa situation.")
        click_widget(trainer, button(trainer.side, "send_back"))
        s = wait_server(h, lambda s: s.characters[first.id].status == CharacterStatus.SENT_BACK, trainer)
        assert s.characters[first.id].comment == "Quel âge a-t-il vraiment ? Précisez sa situation."
        # « Ouvrir » edits it in the editor (character_edit): the fields are filled in
        pump(trainer, lambda: "picked" in trainer.side.widgets and trainer.side.widgets["picked"].is_checked(first.id))
        click_widget(trainer, button(trainer.side, "open"))
        pump(trainer, lambda: trainer.screens.name == "character")
        assert trainer.page.widgets["name"].get_text() == "Mamadou Sy"
        type_text(trainer, trainer.page.widgets["situation"], "Retraité, locataire de la tour C")
        click_widget(trainer, trainer.page.widgets["save"])
        s = wait_server(h, lambda s: s.characters[first.id].situation == "Retraité, locataire de la tour C", trainer)
        pump(trainer, lambda: trainer.screens.name == "main" and "picked" in trainer.side.widgets)
        # the scenario's personas offered too, or not
        click_widget(trainer, button(trainer.side, "pool"))
        wait_server(h, lambda s: not s.persona_pool_scenario, trainer)
        pump(trainer, lambda: trainer.side.widgets["pool"].text == FR.t("ui.character.pool_off"))
        # the two alike are merged into the older
        tick(trainer, trainer.side.widgets["picked"], second.id)
        pump(trainer, lambda: set(trainer.side.widgets["picked"].checked()) == {first.id, second.id})
        click_widget(trainer, button(trainer.side, "merge"))
        s = wait_server(h, lambda s: s.characters[second.id].status == CharacterStatus.MERGED, trainer)
        assert s.characters[second.id].merged_into == first.id
        trainer.close()

        # the author sees the comment, edits it again: back to a draft
        writer = h.app({"as": "participant", "room": h.room, "token": token})
        pump(writer, lambda: writer.screens.name == "main" and f"edit:{first.id}" in writer.side.widgets)
        assert writer.side.widgets[f"comment:{first.id}"].text == FR.t(
            "ui.character.comment_line", comment="Quel âge a-t-il vraiment ? Précisez sa situation.")
        assert f"edit:{second.id}" in writer.side.widgets  # merged: listed, not editable
        assert not writer.side.widgets[f"edit:{second.id}"].is_enabled
        click_widget(writer, button(writer.side, f"edit:{first.id}"))
        pump(writer, lambda: writer.screens.name == "character")
        assert writer.page.widgets["situation"].get_text() == "Retraité, locataire de la tour C"
        type_text(writer, writer.page.widgets["age"], " et demi")
        click_widget(writer, writer.page.widgets["save"])
        s = wait_server(h, lambda s: s.characters[first.id].status == CharacterStatus.DRAFT, writer)
        assert s.characters[first.id].age == "67 ans et demi"
        pump(writer, lambda: writer.screens.name == "main")
    finally:
        h.close()


def test_at_the_world_cafe_a_participant_writes_a_character_too(rich_harness):
    h = rich_harness
    app = joined(h, name="Awa")
    set_phase(h, app, "world_cafe")
    click_widget(app, button(app.side, "characters"))
    pump(app, lambda: app.side.name == "personnages" and "create" in app.side.widgets)
    click_widget(app, button(app.side, "create"))
    pump(app, lambda: app.screen == "character")
    type_text(app, app.page.widgets["name"], "Rémi Dubœuf")
    click_widget(app, app.page.widgets["role:manager"])
    pump(app, lambda: app.page.sel.get("role") == "manager")
    click_widget(app, app.page.widgets["save"])
    s = wait_server(h, lambda s: len(s.characters) == 1, app)
    (c,) = s.characters.values()
    assert (c.name, c.role) == ("Rémi Dubœuf", "manager")
    # back on the main screen, the characters' panel; then back to the café's
    pump(app, lambda: app.screen == "main" and app.side.name == "personnages")
    click_widget(app, button(app.side, "back"))
    pump(app, lambda: app.side.name == "world_cafe")
    app.close()
    # the trainer reviews there too
    trainer = h.app({"as": "trainer", "room": h.room, "code": h.code})
    pump(trainer, lambda: trainer.screen == "main" and "characters" in trainer.side.widgets)
    click_widget(trainer, button(trainer.side, "characters"))
    pump(trainer, lambda: trainer.side.name == "personnages" and "picked" in trainer.side.widgets)
    tick(trainer, trainer.side.widgets["picked"], c.id)
    click_widget(trainer, button(trainer.side, "approve"))
    wait_server(h, lambda s: s.characters[c.id].status == CharacterStatus.APPROVED, trainer)
    click_widget(trainer, button(trainer.side, "back"))
    pump(trainer, lambda: trainer.side.name == "world_cafe")


def test_a_refused_character_keeps_the_editor_open_with_what_was_typed(tmp_path):
    h = Harness(tmp_path, scenario_with_personnages(tmp_path))
    try:
        others = [h.srv.run(Connection.open(h.url, {"as": "participant", "room": h.room, "name": n}))
                  for n in ("Bea", "Cyril", "Dalia", "Eli")]
        writer = joined(h, name="Awa")
        set_phase(h, writer, "personnages")
        click_widget(writer, button(writer.side, "create"))
        pump(writer, lambda: writer.screen == "character")
        type_text(writer, writer.page.widgets["name"], "Noé Lebrun")
        click_widget(writer, writer.page.widgets["role:resident"])
        pump(writer, lambda: writer.page.sel.get("role") == "resident")
        ids = [p.id for p in h.state().participants.values() if p.name != "Awa"]
        for pid in ids:  # four co-authors: one too many, said before anything is sent
            tick(writer, writer.page.widgets["coauthors"], pid)
        click_widget(writer, writer.page.widgets["save"])
        assert writer.model.message == FR.t("ui.character.need_fewer_authors")
        assert writer.net.pending_count() == 0 and not writer.page.sel.get("sent")
        tick(writer, writer.page.widgets["coauthors"], ids[0])
        click_widget(writer, writer.page.widgets["save"])
        s = wait_server(h, lambda s: len(s.characters) == 1, writer)
        (c,) = s.characters.values()
        assert c.authors == [writer.model.me, *ids[1:]]
        pump(writer, lambda: writer.screen == "main" and f"edit:{c.id}" in writer.side.widgets)
        # the author edits it while the trainer approves it: the server refuses, the editor stays
        click_widget(writer, button(writer.side, f"edit:{c.id}"))
        pump(writer, lambda: writer.screen == "character")
        assert h.trainer_act({"type": "character_review", "character": c.id, "decision": "approve",
                              "comment": ""})["t"] == "ack"
        # the approval reaches the writer's window (its editor is rebuilt) before the next keys
        pump(writer, lambda: writer.model.state.characters[c.id].status == "approved"
             and writer.page.widgets["name"].alive())
        type_text(writer, writer.page.widgets["name"], " (dit Noé)")
        click_widget(writer, writer.page.widgets["save"])
        pump(writer, lambda: FR.t("rejection.character_approved") in writer.model.message)
        pump(writer, lambda: writer.page.widgets["save"].is_enabled)
        assert writer.screen == "character"
        assert writer.page.widgets["name"].get_text() == "Noé Lebrun (dit Noé)"
        assert h.state().characters[c.id].name == "Noé Lebrun"
        click_widget(writer, writer.page.widgets["cancel"])
        pump(writer, lambda: writer.screen == "main")
        for conn in others:
            h.srv.run(conn.close())
    finally:
        h.close()


def test_the_new_choice_puts_the_roles_other_than_one_s_real_job_first(rich_harness):
    h = rich_harness
    app = joined(h, name="Awa")
    statement = h.state().scenario.barometre[0].id
    assert app.act({"type": "barometre_place", "statement": statement, "level": 4,
                    "real_role": "field_staff"})  # a caretaker in real life
    wait_server(h, lambda s: any(a.participant == app.model.me for a in s.barometre.values()), app)
    set_phase(h, app, "personnages")
    assert app.act({"type": "character_write", "character": None, "name": "Mamadou Sy", "role": "resident",
                    "age": "67 ans", "situation": "", "bio": "", "needs": "", "objectives": [],
                    "portrait": "p08", "coauthors": []})
    s = wait_server(h, lambda s: len(s.characters) == 1, app)
    (cid,) = s.characters
    assert h.trainer_act({"type": "character_review", "character": cid, "decision": "approve",
                          "comment": ""})["t"] == "ack"
    first = next(i for i, p in enumerate(s.scenario.phases) if p.persona_choice)
    assert h.trainer_act({"type": "set_phase", "phase": first})["t"] == "ack"
    pump(app, lambda: app.screen == "persona" and f"persona:{cid}" in app.page.widgets)
    columns = {k.split(":")[1]: w.get_relative_rect().x for k, w in app.page.widgets.items()
               if k.startswith("column:")}
    assert max(columns, key=columns.get) == "caretaker"  # their own role's column comes last
    hints = {k.split(":")[1] for k in app.page.widgets if k.startswith("other:")}
    assert hints == {"resident", "manager"}
    assert app.page.widgets["other:resident"].text == FR.t("ui.character.other_view")


def test_the_other_point_of_view_follows_the_whoami_card_first(rs):
    """The real-life role that orders the pool: the « qui suis-je » card's, else the baromètre's."""
    from ilot.game.client.pages.persona import my_real_role
    from ilot.game.core.kinds import RoleKind

    ana = rs.join("Ana")
    assert my_real_role(rs.state, ana) is None
    statement = rs.state.scenario.barometre[0].id
    rs.act(ana, {"type": "barometre_place", "statement": statement, "level": 4, "real_role": "field_staff"})
    assert my_real_role(rs.state, ana) == RoleKind.CARETAKER
    rs.act(ana, {"type": "whoami_set", "real_role": "tenant", "organisation": "Amicale des Lilas"})
    assert my_real_role(rs.state, ana) == RoleKind.RESIDENT
    rs.act(ana, {"type": "whoami_set", "real_role": "other"})
    assert my_real_role(rs.state, ana) is None

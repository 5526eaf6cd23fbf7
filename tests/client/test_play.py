"""Playing phases through the client's own loop: notes, consent, trainer steering, reconnects."""

from __future__ import annotations

import pygame

from ilot.game.core.kinds import Subject

from .conftest import button, click, click_widget, pump, tick, type_text, wait_server, wheel

ACCENTS = "Hall très sale, odeur d'humidité — à revoir"


def joined(h, name="Amélie", persona=None):
    app = h.app({"as": "participant", "room": h.room, "name": name})
    pump(app, lambda: app.screen == "persona")
    persona = persona or app.model.scenario.personas[0].id
    app.act({"type": "choose_persona", "persona": persona})
    pump(app, lambda: app.screen == "main")
    return app


def set_phase(h, app, kind):
    s = h.state()
    index = [p.kind for p in s.scenario.phases].index(kind)
    assert h.trainer_act({"type": "set_phase", "phase": index})["t"] == "ack"
    pump(app, lambda: app.model.state.phase == index and app.side.name == kind)


def space_point(app, space_id):
    return app.map.space_anchor(app.model.state, space_id)


def test_note_with_accents_on_a_space(harness):
    app = joined(harness)
    set_phase(harness, app, "etat_des_lieux")
    sc = app.model.scenario
    space = sc.spaces[0]
    click(app, space_point(app, space.id))
    assert app.selected_space == space.id
    pump(app, lambda: (sc.space(space.id).name in app.side.widgets and False) or
         space.name in app.side.container.get_container().elements[0].text)
    click_widget(app, button(app.side, "kind:probleme"))
    tick(app, app.side.widgets["enjeux"], sc.enjeux[0].id)
    type_text(app, app.side.widgets["text"], ACCENTS, enter=True)
    s = wait_server(harness, lambda s: len(s.notes) == 1, app)
    note = next(iter(s.notes.values()))
    assert (note.text, note.space, note.kind) == (ACCENTS, space.id, "probleme")
    assert note.enjeux == [sc.enjeux[0].id]
    assert note.author == app.model.me
    # the client shows it, and the entry was emptied for the next note
    pump(app, lambda: "humidité — à revoir" in app.side.widgets["box"].html_text)
    assert app.side.widgets["text"].get_text() == ""
    # a note without a chosen space is refused on the client, with a message, nothing sent
    click(app, (app.map.rect.x + 2, app.map.rect.y + 2))
    assert app.selected_space is None
    type_text(app, app.side.widgets["text"], "Sans espace", enter=True)
    assert "espace" in app.model.message
    assert app.net.pending_count() == 0
    assert len(harness.state().notes) == 1
    # a participant takes back their own latest note
    click_widget(app, button(app.side, "undo"))
    wait_server(harness, lambda s: len(s.notes) == 0, app)
    pump(app, lambda: not app.model.state.notes)


def test_consent_position_needs_a_reason(harness):
    app = joined(harness)
    set_phase(harness, app, "deliberation")
    click_widget(app, button(app.side, "tab:propose"))
    pump(app, lambda: "title" in app.side.widgets)
    type_text(app, app.side.widgets["title"], "Rouvrir la salle commune")
    type_text(app, app.side.widgets["text"], "Gérée par l'amicale, clés à la loge.")
    click_widget(app, button(app.side, "propose"))
    s = wait_server(harness, lambda s: len(s.proposals) == 1, app)
    pid = next(iter(s.proposals))
    assert s.proposals[pid].title == "Rouvrir la salle commune"
    assert harness.trainer_act({"type": "open_round", "subject": str(Subject.of_proposal(pid))})["t"] == "ack"
    # the window has the open round and its panel is rebuilt, before the test clicks anything
    pump(app, lambda: app.model.state.rounds and app.side._sig == app.side.signature())
    click_widget(app, button(app.side, "tab:vote"))
    pump(app, lambda: "opt:blocage" in app.side.widgets)
    click_widget(app, button(app.side, "opt:blocage"))
    click_widget(app, button(app.side, "position"))
    assert "raison" in app.model.message
    rid = next(iter(harness.state().rounds))
    assert harness.state().rounds[rid].positions == {}
    type_text(app, app.side.widgets["reason"], "Pas de budget d'entretien prévu.")
    click_widget(app, button(app.side, "position"))
    s = wait_server(harness, lambda s: app.model.me in s.rounds[rid].positions, app)
    pos = s.rounds[rid].positions[app.model.me]
    assert (pos.option, pos.reason) == ("blocage", "Pas de budget d'entretien prévu.")
    assert harness.trainer_act({"type": "close_round", "round": rid})["t"] == "ack"
    pump(app, lambda: "non adopté" in app.side.widgets["box"].html_text)
    assert "Pas de budget" in app.side.widgets["box"].html_text


def test_trainer_moves_to_next_phase_and_locks(harness):
    app = harness.app({"as": "trainer", "room": harness.room, "code": harness.code})
    pump(app, lambda: app.screen == "main")
    assert app.model.kind == "trainer"
    click_widget(app, app.header.widgets["next"])
    wait_server(harness, lambda s: s.phase == 1, app)
    title = harness.state().scenario.phases[1].title
    pump(app, lambda: title in app.header.title.text)
    click_widget(app, app.header.widgets["console"])
    pump(app, lambda: app.side.name == "console")
    click_widget(app, button(app.side, "lock"))
    wait_server(harness, lambda s: s.locked, app)
    click_widget(app, app.header.widgets["prev"])
    wait_server(harness, lambda s: s.phase == 0, app)


def test_wrong_trainer_code_is_refused(harness):
    app = harness.app({"as": "trainer", "room": harness.room, "code": "not-the-code"})
    pump(app, lambda: app.model.status == "failed")
    assert app.screen == "connect"
    assert harness.state().phase == 0


def test_reconnect_resends_pending_action_once(harness, monkeypatch):
    import ilot.game.client.net as net

    monkeypatch.setattr(net, "RETRY_DELAYS", (1.5, 0.2))  # time to type while offline
    app = joined(harness)
    set_phase(harness, app, "etat_des_lieux")
    space = app.model.scenario.spaces[0]
    click(app, space_point(app, space.id))
    harness.drop(app.model.me)
    pump(app, lambda: app.model.status == "reconnecting")
    # typed while offline: kept as pending, shown in the status bar, re-sent after the rejoin
    type_text(app, app.side.widgets["text"], ACCENTS, enter=True)
    assert app.net.pending_count() == 1
    aid = next(iter(app.net.pending))
    pump(app, lambda: app.model.status == "online" and app.net.pending_count() == 0, 10)
    s = wait_server(harness, lambda s: len(s.notes) >= 1, app)
    assert [n.text for n in s.notes.values()] == [ACCENTS]
    assert (app.model.me, aid) in s.seen  # applied under the client's own id
    pump(app, lambda: len(app.model.state.notes) == 1 and app.model.state.seq == s.seq)
    # the same id sent again (a lost ack) is not applied twice
    app.net.act({"id": aid, "type": "add_note", "space": space.id, "kind": "probleme",
                 "text": ACCENTS})
    pump(app, lambda: app.net.pending_count() == 0)
    assert len(harness.state().notes) == 1


def test_window_resize_keeps_typed_text(harness):
    app = joined(harness)
    type_text(app, app.side.widgets["text"], "Des bancs à l'ombre")
    pygame.event.post(pygame.event.Event(pygame.VIDEORESIZE, size=(1024, 640), w=1024, h=640))
    app.window = pygame.display.set_mode((1024, 640), pygame.RESIZABLE)
    pygame.event.post(pygame.event.Event(pygame.VIDEORESIZE, size=(1024, 640), w=1024, h=640))
    pump(app, lambda: app.layout.side.right == 1024)
    assert app.side.widgets["text"].get_text() == "Des bancs à l'ombre"


def test_spectator_sees_the_room_without_controls(harness):
    from pygame_gui.elements import UIButton, UITextEntryLine

    player = joined(harness)
    player.act({"type": "write_expectation", "text": "Voir l'îlot autrement, côté gardien"})
    wait_server(harness, lambda s: len(s.expectations) == 1, player)
    app = harness.app({"as": "spectator", "room": harness.room})
    pump(app, lambda: app.screen == "main")
    assert app.model.kind == "spectator"
    # no trainer toolbar: « Qui est là ? » (the cards, read only) and « Inviter » alone
    assert list(app.header.widgets) == ["who", "invite"]
    assert not [w for w in app.side.widgets.values() if isinstance(w, (UIButton, UITextEntryLine))]
    pump(app, lambda: "côté gardien" in app.side.widgets["box"].html_text)


def test_trainer_forms_random_groups_from_the_console(harness):
    for name in ("Léa", "Noé"):
        joined(harness, name)
    app = harness.app({"as": "trainer", "room": harness.room, "code": harness.code})
    pump(app, lambda: app.screen == "main")
    click_widget(app, app.header.widgets["console"])
    click_widget(app, button(app.side, "tab:groups"))
    pump(app, lambda: "random:2" in app.side.widgets)
    click_widget(app, button(app.side, "random:2"))
    s = wait_server(harness, lambda s: len(s.groups) == 2, app)
    assert sorted(len(g.members) for g in s.groups.values()) == [1, 1]
    pump(app, lambda: app.side.board is not None and len(app.side.board.members) == 2)
    assert sorted(gid for _, gid in app.side.board.members.values()) == sorted(s.groups)


def drag(app, start, end):
    """Press, move in steps, release: a drag as the mouse makes it."""
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=start, button=1))
    app.step()
    for k in (1, 2, 3):
        pos = (start[0] + (end[0] - start[0]) * k // 3, start[1] + (end[1] - start[1]) * k // 3)
        pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(1, 1),
                                             buttons=(1, 0, 0)))
        app.step()
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=end, button=1))
    app.step()


def test_trainer_drags_a_name_to_another_group(harness):
    for name in ("Léa", "Noé", "Inès"):
        joined(harness, name)
    assert harness.trainer_act({"type": "form_groups", "count": 2, "random": True})["t"] == "ack"
    app = harness.app({"as": "trainer", "room": harness.room, "code": harness.code})
    pump(app, lambda: app.screen == "main")
    click_widget(app, app.header.widgets["console"])
    click_widget(app, button(app.side, "tab:groups"))
    pump(app, lambda: app.side.board is not None and len(app.side.board.members) == 3)
    board = app.side.board
    btn, (pid, src) = next(iter(board.members.items()))
    target_gid, target = next((g, c) for g, c in board.columns if g not in (src, None))
    drag(app, btn.get_abs_rect().center, target.get_abs_rect().center)
    s = wait_server(harness, lambda s: pid in s.groups[target_gid].members, app)
    assert pid not in s.groups[src].members
    # the board follows the server: the name is now in the target column
    pump(app, lambda: (pid, target_gid) in app.side.board.members.values())
    # a drop outside any column moves nobody
    btn = next(b for b, (p, _) in app.side.board.members.items() if p == pid)
    drag(app, btn.get_abs_rect().center, (app.map.rect.centerx, app.map.rect.centery))
    # an action sent after it is applied after anything the drop might have sent
    app.act({"type": "set_lock", "locked": True})
    s2 = wait_server(harness, lambda s: s.locked, app)
    assert s2.groups[target_gid].members == s.groups[target_gid].members


def test_long_lists_scroll_with_the_wheel(harness):
    app = joined(harness)
    set_phase(harness, app, "etat_des_lieux")
    space = app.model.scenario.spaces[0].id
    for i in range(30):
        app.act({"type": "add_note", "space": space, "kind": "idee",
                 "text": f"Idée n° {i} : un banc à l'ombre près de l'entrée, entretenu par l'amicale"})
    wait_server(harness, lambda s: len(s.notes) == 30, app)
    box = app.side.widgets["box"]
    pump(app, lambda: "n° 29" in box.html_text and box.scroller.vert_scroll_bar is not None)
    bar = box.scroller.vert_scroll_bar
    before = bar.start_percentage
    centre = box.get_abs_rect().center
    wheel(app, centre)
    pump(app, lambda: bar.start_percentage > before, 2)

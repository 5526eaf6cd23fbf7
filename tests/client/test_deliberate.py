"""Délibération, schéma and synthèse through the client's own loop: amendments that change
placements and their acceptance by the author, merges, withdrawals, the trainer's schéma
placements, and the private objectives judged on the simulated final plan."""

from __future__ import annotations

from ilot.game.core.kinds import Subject
from ilot.game.core.objectives import objectives_met
from ilot.game.core.simulation import simulate_state
from ilot.game.text import lang_for

from .conftest import button, choose, click, click_widget, pump, select_items, type_text, wait_server
from .test_play import joined, set_phase, space_point

FR = lang_for("fr")


def propose(h, app, title, placements):
    """A proposal made through the window's network thread (setup, not under test)."""
    n = len(h.state().proposals)
    app.act({"type": "propose", "title": title, "text": "", "placements": placements})
    s = wait_server(h, lambda s: len(s.proposals) == n + 1, app)
    pid = next(p.id for p in s.proposals.values() if p.title == title)
    # the window has it too (its panel rebuilt), before the test clicks anything
    pump(app, lambda: pid in app.model.state.proposals and app.side._sig == app.side.signature())
    return pid


def test_amendment_with_placements_accepted_by_the_author(harness):
    app = joined(harness)
    set_phase(harness, app, "deliberation")
    pid = propose(harness, app, "Cour et pieds d'immeuble",
                  {"cour": "jardin_partage", "pieds": "composteur"})
    click_widget(app, button(app.side, "tab:amend"))
    pump(app, lambda: "amend_add" in app.side.widgets)
    # change the cour's use, and remove the use of the pieds d'immeuble
    click(app, space_point(app, "cour"))
    pump(app, lambda: app.selected_space == "cour" and "use" in app.side.widgets)
    choose(app, app.side.widgets["use"], "aire_jeux")
    click_widget(app, button(app.side, "amend_add"))
    click(app, space_point(app, "pieds"))
    pump(app, lambda: app.selected_space == "pieds" and "amend_remove" in app.side.widgets)
    click_widget(app, button(app.side, "amend_remove"))
    type_text(app, app.side.widgets["amend"], "Des jeux plutôt qu'un jardin, et pas de compost")
    click_widget(app, button(app.side, "amend_send"))
    s = wait_server(harness, lambda s: len(s.amendments) == 1, app)
    m = next(iter(s.amendments.values()))
    assert (m.proposal, m.add, m.remove) == (pid, {"cour": "aire_jeux"}, ["pieds"])
    assert m.text == "Des jeux plutôt qu'un jardin, et pas de compost"
    # the author accepts it from the vote tab: the proposal's placements change on the server
    click_widget(app, button(app.side, "tab:vote"))
    pump(app, lambda: f"accept:{m.id}" in app.side.widgets)
    click_widget(app, button(app.side, f"accept:{m.id}"))
    s = wait_server(harness, lambda s: s.amendments[m.id].status == "accepted", app)
    assert s.proposals[pid].placements == {"cour": "aire_jeux"}
    pump(app, lambda: "accepté" in app.side.content())


def test_a_removal_of_an_unplaced_space_is_refused_in_the_client(harness):
    app = joined(harness)
    set_phase(harness, app, "deliberation")
    propose(harness, app, "Cour", {"cour": "jardin_partage"})
    click_widget(app, button(app.side, "tab:amend"))
    click(app, space_point(app, "hall"))
    pump(app, lambda: app.selected_space == "hall" and "amend_remove" in app.side.widgets)
    click_widget(app, button(app.side, "amend_remove"))
    assert "pas d'usage" in app.model.message
    assert app.side.sel.get("remove", []) == []


def test_merge_then_withdraw(harness):
    app = joined(harness)
    set_phase(harness, app, "deliberation")
    a = propose(harness, app, "Jardin dans la cour", {"cour": "jardin_partage"})
    b = propose(harness, app, "Vélos aux caves", {"caves": "velos_securise"})
    click_widget(app, button(app.side, "tab:propose"))
    pump(app, lambda: "merge_send" in app.side.widgets)
    select_items(app, app.side.widgets["merge"], [a, b])
    type_text(app, app.side.widgets["merge_title"], "Cour verte et vélos à l'abri")
    click_widget(app, button(app.side, "merge_send"))
    s = wait_server(harness, lambda s: len(s.proposals) == 3, app)
    merged = next(p for p in s.proposals.values() if p.parents)
    assert sorted(merged.parents) == sorted([a, b])
    assert merged.title == "Cour verte et vélos à l'abri"
    assert merged.placements == {"cour": "jardin_partage", "caves": "velos_securise"}
    assert {s.proposals[a].status, s.proposals[b].status} == {"merged"}
    # the merged proposal is now the one in view: its author withdraws it
    click_widget(app, button(app.side, "tab:vote"))
    pump(app, lambda: app.side.proposal() == merged.id and "withdraw" in app.side.widgets)
    click_widget(app, button(app.side, "withdraw"))
    s = wait_server(harness, lambda s: s.proposals[merged.id].status == "withdrawn", app)


def test_trainer_places_a_use_on_the_schema(harness):
    app = harness.app({"as": "trainer", "room": harness.room, "code": harness.code})
    pump(app, lambda: app.screen == "main")
    set_phase(harness, app, "schema_directeur")
    click(app, space_point(app, "cour"))
    pump(app, lambda: app.selected_space == "cour" and "use" in app.side.widgets)
    # nothing was adopted: the trainer may still place any use that fits the space
    choose(app, app.side.widgets["use"], "aire_jeux")
    click_widget(app, button(app.side, "year:2"))
    pump(app, lambda: "place" in app.side.widgets)
    click_widget(app, button(app.side, "place"))
    s = wait_server(harness, lambda s: "cour" in s.schema, app)
    assert (s.schema["cour"].use, s.schema["cour"].year) == ("aire_jeux", 2)
    pump(app, lambda: "Aire de jeux" in app.side.content() or "aire" in app.side.content().lower())


def test_synthese_shows_my_objectives_met_or_not(harness):
    app = joined(harness, persona="josiane")
    pump(app, lambda: len(app.model.private_objectives) == 2)
    harness.trainer_act({"type": "set_phase", "phase": 3})  # schéma: the trainer places uses
    for space, use in (("cour", "jardin_partage"), ("ancienne_loge", "salle_associative")):
        assert harness.trainer_act({"type": "schema_place", "space": space, "use": use,
                                    "year": 1})["t"] == "ack"
    set_phase(harness, app, "synthese")
    # expected, from the server's own state and full scenario (private objectives included)
    server_scenario = harness.srv.server.rooms[harness.room].scenario
    s = harness.state()
    traj = simulate_state(s)
    met = objectives_met(server_scenario, s, traj)["josiane"]
    texts = [o.text for o in server_scenario.index("persona")["josiane"].private_objectives]
    words = {True: "atteint</b>", False: "non atteint</b>", None: "jugé par le groupe</b>"}
    content = pump(app, lambda: "objectifs secrets" in app.side.content() and app.side.content())
    for text, ok in zip(texts, met, strict=False):
        line = next(ln for ln in content.split("<br>") if text[:30] in ln)
        assert line.endswith(words[ok] + "</font>"), line
        if ok is True:
            assert "non atteint" not in line
    assert met[0] is True  # the salle in the ancienne loge: the use is measured, and said so
    salle = FR.t("objective.in_space", what="Salle des habitants", space="Ancienne loge")
    assert FR.t("objective.use.running_here", what=salle) in content


def test_trainer_sees_the_live_tally_and_who_has_not_answered(harness):
    lea = joined(harness, "Léa")
    set_phase(harness, lea, "deliberation")
    pid = propose(harness, lea, "Bancs dans la cour", {"cour": "vegetalisation"})
    noe = joined(harness, "Noé")  # Léa's window closes; her seat stays
    assert harness.trainer_act({"type": "open_round", "subject": str(Subject.of_proposal(pid))})["t"] == "ack"
    rid = next(iter(harness.state().rounds))
    noe.act({"type": "take_position", "round": rid, "option": "accord", "reason": ""})
    wait_server(harness, lambda s: len(s.rounds[rid].positions) == 1, noe)
    app = harness.app({"as": "trainer", "room": harness.room, "code": harness.code})
    pump(app, lambda: app.screen == "main")
    click_widget(app, app.header.widgets["console"])
    click_widget(app, button(app.side, "tab:rounds"))
    s = harness.state()
    label = s.scenario.index("option")["accord"].label
    text = pump(app, lambda: "En direct" in app.side.content() and app.side.content())
    assert f"{label} 1" in text and "serait adopté" in text
    assert "N'ont pas encore répondu\u00a0: Léa" in text  # French typography: no-break space


def test_removing_my_plan_item_keeps_the_rest(harness):
    app = joined(harness)
    set_phase(harness, app, "plan_action")
    sc = app.model.scenario
    rule = sc.rules[0].id
    app.act({"type": "plan_add", "what": "Réunion de lancement avec l'amicale", "lead": "manager",
             "quarter": 1, "cost": 0.0, "payer": "bailleur"})
    app.act({"type": "plan_add", "what": "Nettoyage du local vélos", "lead": "caretaker",
             "quarter": 2, "cost": 500.0, "payer": "charges"})
    app.act({"type": "rule_add", "rule": rule})
    s = wait_server(harness, lambda s: len(s.plan) == 2 and len(s.charter) == 1, app)
    gone = next(i.id for i in s.plan.values() if i.what.startswith("Nettoyage"))
    click_widget(app, button(app.side, "tab:mine"))
    pump(app, lambda: "remove" in app.side.widgets
         and len(app.side.widgets["remove"].rows) == 3)
    select_items(app, app.side.widgets["remove"], [f"item:{gone}"])
    click_widget(app, button(app.side, "remove_send"))
    s = wait_server(harness, lambda s: gone not in s.plan, app)
    assert [i.what for i in s.plan.values()] == ["Réunion de lancement avec l'amicale"]
    assert len(s.charter) == 1

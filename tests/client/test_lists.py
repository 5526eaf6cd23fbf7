"""Lists that tell their entries apart, the final plan's check boxes, the budget against the
plan, the group's draft beside the shared plan, and the keyboard in forms: through the
client's own loop against a real server."""

from __future__ import annotations

import re

import pygame

from ilot.game.client.checklist import CheckList
from ilot.game.client.panels.final_plan import RED
from ilot.game.core.kinds import Subject
from ilot.game.core.simulation import plan_from_placements, simulate

from .conftest import RICH, Harness, button, choose, click, click_widget, pump, tick, wait_server
from .test_edit import menu_ids, ready
from .test_play import joined, set_phase, space_point

GREEN = "Un îlot plus vert"


def trainer(h):
    app = h.app({"as": "trainer", "room": h.room, "code": h.code})
    pump(app, lambda: app.screen == "main")
    return app


def key(app, k, mod=0, unicode=""):
    """A key pressed and released, as the keyboard sends it."""
    for kind in (pygame.KEYDOWN, pygame.KEYUP):
        pygame.event.post(pygame.event.Event(kind, key=k, mod=mod, unicode=unicode, scancode=0))
        app.step()
    app.step()


def console_tab(app, tab):
    click_widget(app, app.header.widgets["console"])
    pump(app, lambda: app.side.name == "console" and f"tab:{tab}" in app.side.widgets)
    click_widget(app, button(app.side, f"tab:{tab}"))
    pump(app, lambda: ready(app) and app.side.sel.get("tab") == tab)


def test_three_like_titles_are_told_apart_in_every_picker(harness):
    """Three participants each propose « Un îlot plus vert »: the délibération's picker, the
    console's round subjects and the open round's title say who, and the status."""
    names = ("Léa", "Noé", "Inès")
    pids = {}
    for name in names:
        app = joined(harness, name)
        if name == "Léa":
            set_phase(harness, app, "deliberation")
        before = set(harness.state().proposals)
        app.act({"type": "propose", "title": GREEN, "text": "", "placements": {"cour": "jardin_partage"}})
        s = wait_server(harness, lambda s: len(s.proposals) == len(before) + 1, app)
        pids[name] = next(p for p in s.proposals if p not in before)
    # the last participant's window: the délibération's proposal menu
    pump(app, lambda: ready(app) and len(app.side.widgets["proposal"].options_list) == 3)
    labels = [text for text, _ in app.side.widgets["proposal"].options_list]
    assert len(set(labels)) == 3, labels
    for name in names:
        label = next(text for text, v in app.side.widgets["proposal"].options_list
                     if v == pids[name])
        assert label.startswith(GREEN) and name in label and "ouverte" in label, label
    # the trainer's console: the subjects of a new round
    app = trainer(harness)
    console_tab(app, "rounds")
    subjects = app.side.widgets["subject"].options_list
    ours = {v: text for text, v in subjects if v.startswith("proposal:")}
    assert len(set(ours.values())) == 3, ours
    for name in names:
        assert name in ours[str(Subject.of_proposal(pids[name]))]
    # an open round on Noé's says it is Noé's, in the console's list of rounds
    assert harness.trainer_act({"type": "open_round",
                                "subject": str(Subject.of_proposal(pids["Noé"]))})["t"] == "ack"
    text = pump(app, lambda: "Noé" in app.side.content() and app.side.content())
    assert re.search(GREEN + r" \(Noé \([^)]*\) · ouverte", str(text)), text


def add_items(h, app, items):
    n = len(h.state().plan)
    for what, cost, space, use in items:
        app.act({"type": "plan_add", "what": what, "lead": "manager", "quarter": 1,
                 "cost": cost, "payer": "bailleur", "space": space, "use": use})
    return wait_server(h, lambda s: len(s.plan) == n + len(items), app)


def test_final_plan_check_boxes_duplicates_and_budget(harness):
    """The console's final plan: real check boxes with group, cost and payer; the two actions
    that start the same use on the same space are flagged; ticking an action over the budget
    turns the summary red with the overrun; what is ticked is what gets finalised, over the
    budget too, after a confirmation."""
    app = joined(harness, "Léa")
    set_phase(harness, app, "plan_action")
    s = add_items(harness, app, [
        ("Jardin partagé dans la cour", 2000.0, "cour", "jardin_partage"),
        ("Potager collectif", 1500.0, "cour", "jardin_partage"),
        ("Réunion de lancement", 0.0, None, None),
        ("Rénovation lourde du hall", 100000.0, None, None)])
    ids = {i.what: i.id for i in s.plan.values()}
    budget = s.scenario.budget.investment_total
    app = trainer(harness)
    console_tab(app, "plan")
    checks = pump(app, lambda: app.side.widgets.get("items"))
    assert isinstance(checks, CheckList)
    assert checks.checked() == []
    rows = {r.value: r for r in checks.rows}
    big = rows[ids["Rénovation lourde du hall"]]
    assert "Léa" in big.detail and "100\u202f000\u00a0€" in big.detail \
        and "payés par le bailleur" in big.detail, big.detail
    # the duplicates, and only they, carry the mark; each names the other
    flagged = {v for v, r in rows.items() if r.flag}
    assert flagged == {ids["Jardin partagé dans la cour"], ids["Potager collectif"]}
    assert "Potager collectif" in rows[ids["Jardin partagé dans la cour"]].flag
    assert "doublon probable" in app.side.widgets["duplicate_legend"].text
    summary = app.side.widgets["summary"]
    assert summary.text.startswith("0 action cochée") and summary.colour != RED
    # a click ticks, another unticks
    tick(app, checks, ids["Réunion de lancement"])
    assert checks.checked() == [ids["Réunion de lancement"]]
    tick(app, checks, ids["Réunion de lancement"])
    assert checks.checked() == []
    tick(app, checks, ids["Réunion de lancement"])
    assert "dépassement" not in summary.text and summary.colour != RED
    # over the budget: red, and by how much
    tick(app, checks, ids["Rénovation lourde du hall"])
    assert summary.colour == RED, summary.text
    m = re.search(r"dépassement de ([\d\u202f]+)\u00a0€", summary.text)
    assert m, summary.text
    invested = re.search(r"investissement\u00a0: ([\d\u202f]+)\u00a0€", summary.text)
    assert invested
    over = int(m.group(1).replace("\u202f", ""))
    assert over == int(invested.group(1).replace("\u202f", "")) - budget > 0
    chosen = [ids["Réunion de lancement"], ids["Rénovation lourde du hall"]]
    # « Retenir la sélection » asks first, says the budget is exceeded, and still allows it
    click_widget(app, button(app.side, "finalise"))
    pump(app, lambda: ready(app) and "cancel" in app.side.widgets)
    assert app.side.widgets["summary"].colour == RED
    assert "dépassé" in app.side.widgets["summary"].text
    click_widget(app, button(app.side, "finalise"))
    s = wait_server(harness, lambda s: any(i.final for i in s.plan.values()), app)
    assert sorted(i.id for i in s.plan.values() if i.final) == sorted(chosen)
    # the list comes back with the final actions ticked
    pump(app, lambda: ready(app) and isinstance(app.side.widgets.get("items"), CheckList))
    assert sorted(app.side.widgets["items"].checked()) == sorted(chosen)
    # « Tout décocher » then « Tout cocher »
    click_widget(app, button(app.side, "items:none"))
    pump(app, lambda: app.side.widgets["items"].checked() == [])
    click_widget(app, button(app.side, "items:all"))
    pump(app, lambda: len(app.side.widgets["items"].checked()) == 4)


def test_budget_line_turns_red_in_the_plan_over_budget(harness):
    """The plan's text names the shared plan's investment and its overrun in red."""
    app = joined(harness, "Léa")
    set_phase(harness, app, "plan_action")
    add_items(harness, app, [("Petit banc", 500.0, None, None)])
    text = pump(app, lambda: "Petit banc" in app.side.content() and app.side.content())
    assert "Investissement du plan commun" in str(text) and "dépassement" not in str(text)
    add_items(harness, app, [("Rénovation lourde du hall", 100000.0, None, None)])
    text = str(pump(app, lambda: "lourde" in app.side.content() and app.side.content()))
    assert re.search(r"<font color='#c8372d'><b>[^<]*dépassement de [\d\u202f]+\u00a0€", text), text


def test_the_group_sees_its_draft_beside_the_shared_plan(tmp_path):
    """In the ateliers, the group panel labels both figures: « votre maquette » (the group's
    draft) and « plan commun » (what the indicators under the map show)."""
    h = Harness(tmp_path, RICH)
    try:
        app = joined(h, "Léa")
        assert h.trainer_act({"type": "form_groups", "count": 1, "random": True})["t"] == "ack"
        set_phase(h, app, "ateliers")
        app.act({"type": "draft_place", "space": "jardin", "use": "jardin_partage", "why": ""})
        s = wait_server(h, lambda s: any(g.draft for g in s.groups.values()), app)
        g = next(iter(s.groups.values()))
        mine = simulate(s.scenario, plan_from_placements({k: d.use for k, d in g.draft.items()}),
                        s.seed).final.charges
        common = app.ctx.trajectory(s).final.charges
        money = app.ctx.lang.money
        draft = f"votre maquette\u00a0: <b>{money(mine, cents=True)}</b>"
        text = str(pump(app, lambda: draft in app.side.content() and app.side.content()))
        assert f"plan commun\u00a0: {money(common, cents=True)}" in text, text
        assert money(mine, cents=True) != money(common, cents=True)  # two figures, two names
        assert re.search(r"\d+,\d\d\u00a0€", text)  # French numbers
    finally:
        h.close()


def test_tab_enter_and_esc_in_a_form(harness):
    """Tab reaches the note's entry and its buttons, Shift+Tab goes back, Enter on a button
    presses it, Enter in the entry sends the note, Esc leaves an edit (« Annuler »), then the
    entry, then the map's selection."""
    app = joined(harness)
    set_phase(harness, app, "etat_des_lieux")
    space = app.model.scenario.spaces[1].id
    click(app, space_point(app, space))
    pump(app, lambda: app.selected_space == space and ready(app) and "text" in app.side.widgets)
    kb = app.input.keyboard
    seen = []
    for _ in range(30):  # Tab goes through the form, in order, and round again
        key(app, pygame.K_TAB)
        seen.append(kb.where[1])
        if seen.count(seen[0]) == 2:
            break
    assert seen[0] == seen[-1] and "kind:idee" in seen and "text" in seen and "add" in seen, seen
    order = seen[:-1]
    assert order.index("kind:idee") < order.index("text") < order.index("add")
    while kb.where[1] != "kind:idee":
        key(app, pygame.K_TAB)
    key(app, pygame.K_TAB, mod=pygame.KMOD_SHIFT)
    assert kb.where[1] == order[order.index("kind:idee") - 1]
    key(app, pygame.K_TAB)
    key(app, pygame.K_RETURN)  # presses « Idée »
    pump(app, lambda: app.side.sel.get("kind") == "idee")
    pump(app, lambda: ready(app) and kb.where is not None and kb.where[1] == "kind:idee")
    while kb.where[1] != "text":
        key(app, pygame.K_TAB)
    assert app.side.widgets["text"].is_focused
    for ch in "Banc cassé":
        pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text=ch))
    app.step()
    key(app, pygame.K_RETURN, unicode="\r")
    s = wait_server(harness, lambda s: len(s.notes) == 1, app)
    note = next(iter(s.notes.values()))
    assert (note.text, note.kind, note.space) == ("Banc cassé", "idee", space)
    # Esc in an edit presses « Annuler »
    pump(app, lambda: ready(app) and menu_ids(app, "mine") == [note.id])
    choose(app, app.side.widgets["mine"], note.id)
    pump(app, lambda: ready(app) and "cancel" in app.side.widgets)
    key(app, pygame.K_ESCAPE)
    pump(app, lambda: ready(app) and "edit_text" not in app.side.widgets)
    assert app.side.sel.get("edit") is None
    # Esc leaves the entry typed in (the text stays), then clears the map's selection
    while kb.where is None or kb.where[1] != "text":
        key(app, pygame.K_TAB)
    for ch in "Hall":
        pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text=ch))
    app.step()
    key(app, pygame.K_ESCAPE)
    assert kb.where is None and not app.side.widgets["text"].is_focused
    assert app.side.widgets["text"].get_text() == "Hall"
    assert app.selected_space == space
    key(app, pygame.K_ESCAPE)
    pump(app, lambda: app.selected_space is None)


def test_enter_submits_the_plan_action_form(harness):
    """Enter in the action's « quoi » adds the action (the form's « Ajouter »)."""
    app = joined(harness)
    set_phase(harness, app, "plan_action")
    pump(app, lambda: ready(app) and "what" in app.side.widgets)
    kb = app.input.keyboard
    while kb.where is None or kb.where[1] != "what":
        key(app, pygame.K_TAB)
    for ch in "Fête des voisins":
        pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text=ch))
    app.step()
    key(app, pygame.K_RETURN, unicode="\r")
    s = wait_server(harness, lambda s: len(s.plan) == 1, app)
    assert next(iter(s.plan.values())).what == "Fête des voisins"

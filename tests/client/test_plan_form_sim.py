"""The plan item form and the scenario's simulation fields: it offers the services (uses of the
îlot or of a building, with no space) whatever space is selected and sends them with no space,
and offers every payer of the scenario (the city, a subsidy…); the budget line says what the
other funders put in. Through the client's own loop against a real server."""

from __future__ import annotations

import json

import pygame

from .conftest import SHORT, Harness, choose, click, pump, wait_server
from .test_edit import menu_ids, ready
from .test_lists import key
from .test_play import joined, set_phase, space_point

PATROL = {"id": "ronde_nuit", "name": "Ronde de nuit", "attach": "ilot", "investment": 0,
          "running_cost_per_year": 3000, "effects": {}}


def _harness(tmp_path, **changes) -> Harness:
    data = json.loads(SHORT.read_text(encoding="utf-8"))
    for k, v in changes.items():
        data[k] = data[k] + v if isinstance(v, list) and k == "uses" else v
    path = tmp_path / "variante.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return Harness(tmp_path, path)


def _type_what_and_enter(app, text: str) -> None:
    kb = app.input.keyboard
    while kb.where is None or kb.where[1] != "what":
        key(app, pygame.K_TAB)
    for ch in text:
        pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text=ch))
    app.step()
    key(app, pygame.K_RETURN, unicode="\r")


def test_a_service_is_picked_in_the_plan_form_and_sent_without_a_space(tmp_path):
    h = _harness(tmp_path, uses=[PATROL])
    try:
        app = joined(h)
        set_phase(h, app, "plan_action")
        sc = app.model.scenario
        space = sc.spaces[0]
        click(app, space_point(app, space.id))
        pump(app, lambda: app.selected_space == space.id and ready(app) and "use" in app.side.widgets)
        offered = menu_ids(app, "use")
        assert "ronde_nuit" in offered  # with a space selected: its uses, and the services
        assert set(offered) - {"ronde_nuit"} == {u.id for u in sc.uses_for(space)}
        labels = [text for text, _ in app.side.widgets["use"].options_list]
        assert "Ronde de nuit (service de l'îlot)" in labels
        choose(app, app.side.widgets["use"], "ronde_nuit")
        _type_what_and_enter(app, "Rondes")
        s = wait_server(h, lambda s: len(s.plan) == 1, app)
        item = next(iter(s.plan.values()))
        assert (item.what, item.use, item.space) == ("Rondes", "ronde_nuit", None)
    finally:
        h.close()


def test_a_funder_of_the_scenario_pays_an_item_and_the_budget_line_says_so(tmp_path):
    city = {"id": "ville", "name": "Ville de Rosny", "kind": "city", "budget": 5000}
    h = _harness(tmp_path, payers=[city])
    try:
        app = joined(h)
        set_phase(h, app, "plan_action")
        pump(app, lambda: ready(app) and "payer" in app.side.widgets)
        menu = app.side.widgets["payer"]  # more payers than two buttons: a menu of them all
        assert [o[1] for o in menu.options_list] == ["bailleur", "charges", "ville"]
        assert [o[0] for o in menu.options_list][2] == "Payé par\u00a0: Ville de Rosny"
        choose(app, menu, "ville")
        app.side.widgets["cost"].set_text("7000")
        _type_what_and_enter(app, "Fresque")
        s = wait_server(h, lambda s: len(s.plan) == 1, app)
        assert next(iter(s.plan.values())).payer == "ville"
        # the budget line: the landlord's investment, then the city's share against its budget
        # (the line names the city from the start, at 0 €: wait for the item to reach the client)
        pump(app, lambda: "Plan d'action (1)" in app.side.content())
        html = app.side.content()
        assert "Ville de Rosny\u00a0: 7\u202f000\u00a0€ sur 5\u202f000\u00a0€" in html
        assert "Autres financeurs\u00a0: Ville de Rosny\u00a0: 7\u202f000\u00a0€" in html
    finally:
        h.close()

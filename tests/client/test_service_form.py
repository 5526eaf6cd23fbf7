"""The plan item form offers the scenario's services (uses of the îlot or of a building, with no
space), whatever space is selected, and sends them with no space: through the client's own
loop against a real server."""

from __future__ import annotations

import json

import pygame

from .conftest import SHORT, Harness, choose, click, pump, wait_server
from .test_edit import menu_ids, ready
from .test_lists import key
from .test_play import joined, set_phase, space_point

PATROL = {"id": "ronde_nuit", "name": "Ronde de nuit", "attach": "ilot", "investment": 0,
          "running_cost_per_year": 3000, "effects": {}}


def test_a_service_is_picked_in_the_plan_form_and_sent_without_a_space(tmp_path):
    data = json.loads(SHORT.read_text(encoding="utf-8"))
    data["uses"].append(PATROL)
    path = tmp_path / "avec_service.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    h = Harness(tmp_path, path)
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
        kb = app.input.keyboard
        while kb.where is None or kb.where[1] != "what":
            key(app, pygame.K_TAB)
        for ch in "Rondes":
            pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text=ch))
        app.step()
        key(app, pygame.K_RETURN, unicode="\r")
        s = wait_server(h, lambda s: len(s.plan) == 1, app)
        item = next(iter(s.plan.values()))
        assert (item.what, item.use, item.space) == ("Rondes", "ronde_nuit", None)
    finally:
        h.close()

"""The playback footer says what the city or a subsidy has paid by the quarter shown, apart from
the landlord's spending, and in red when a funder is over its own budget."""

from __future__ import annotations

import json

import pygame
import pytest

from ilot import scenario_path
from ilot.game.client.indicators import DOWN, IndicatorsPanel
from ilot.game.core.scenario import Scenario
from ilot.game.core.simulation import ExtraCost, PlanInput, simulate
from ilot.game.core.state import State
from ilot.game.text import lang_for


@pytest.fixture(autouse=True)
def _pygame():
    pygame.init()
    yield


def test_the_footer_names_each_funder_s_payments_at_the_quarter_shown():
    data = json.loads(scenario_path("petit_ilot").read_text(encoding="utf-8"))
    data["payers"] = [{"id": "ville", "name": "Ville de Rosny", "kind": "city", "budget": 5000}]
    sc = Scenario.model_validate(data)
    plan = PlanInput(costs=[ExtraCost(5, 7000, "ville", "Fresque")])
    traj = simulate(sc, plan)
    fr = lang_for("fr")
    panel = IndicatorsPanel(fr)
    state = State(sc, 1)
    before = "".join(text for text, _ in panel.quarter_footer(state, traj, 4))
    assert "Ville de Rosny" not in before  # nothing paid yet
    runs = panel.quarter_footer(state, traj, 5)
    text = "".join(t for t, _ in runs)
    assert "Ville de Rosny\u00a0: 7\u202f000\u00a0€ sur 5\u202f000\u00a0€" in text, text
    assert any("7\u202f000" in t and colour == DOWN for t, colour in runs)  # over its budget

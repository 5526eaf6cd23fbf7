"""The indicators' footer gives the agents' load as the report's « tous les métiers » row does:
« surcharge 55 % » when some métier needs more hours than it has, « pas de surcharge » else
(never « +0 % »)."""

from __future__ import annotations

import pygame
import pytest

from ilot.game.client.indicators import IndicatorsPanel, overload_text
from ilot.game.core.simulation import simulate_state
from ilot.game.core.state import State
from ilot.game.core.workload import excess, loads
from ilot.game.debrief.scripted import play
from ilot.game.text import lang_for

FR, EN = lang_for("fr"), lang_for("en")


@pytest.fixture(autouse=True)
def _pygame():
    pygame.init()
    yield


def _footer(state: State) -> str:
    panel = IndicatorsPanel(FR)
    panel.rect = pygame.Rect(0, 0, 1366, 220)
    panel.draw(pygame.Surface((1366, 220)), state)
    return panel.footer


def test_no_overload_says_so(short):
    assert simulate_state(State(short, 1)).final.overload_pct == 0
    assert "Charge des agents\u00a0: pas de surcharge" in _footer(State(short, 1))
    assert overload_text(EN, 0.0) == "no overload"


def test_an_overload_is_the_hours_beyond_over_all_the_hours_available(rich):
    state = play(rich, participants=18, scale=1.0, seed=5).state
    end = simulate_state(state).final
    hours, ratio = excess(loads(end.workload))
    assert hours > 0 and round(ratio * 100) == round(end.overload_pct)
    text = _footer(state)
    assert f"Charge des agents\u00a0: surcharge {round(end.overload_pct)}\u202f%" in text, text
    assert "+" not in text.split("Charge des agents")[1]

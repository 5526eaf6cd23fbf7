"""The investment's budget line: the plan's investment against the budget, and the repairs no
plan chose (scenario events) said apart, never held against the budget."""

from __future__ import annotations

from ilot.game.client.listing import budget_text
from ilot.game.text import lang_for

NB, NN = "\u00a0", "\u202f"


def test_unplanned_costs_are_said_apart_and_not_counted_against_the_budget():
    fr, en = lang_for("fr"), lang_for("en")
    text, over = budget_text(fr, 0, 250000, 26000)
    assert text == f"0{NB}€ sur 250{NN}000{NB}€ (et 26{NN}000{NB}€ imprévus, hors plan)" and not over
    text, over = budget_text(fr, 240000, 250000, 26000)
    assert not over and "dépassement" not in text
    text, over = budget_text(fr, 260000, 250000, 26000)
    assert over and f"dépassement de 10{NN}000{NB}€" in text and "imprévus" in text
    assert budget_text(fr, 60000, 250000) == (f"60{NN}000{NB}€ sur 250{NN}000{NB}€", False)
    text, _ = budget_text(en, 0, 250000, 26000)
    assert text == "€0 of €250,000 (and €26,000 unplanned, outside the plan)"

"""The indicators panel colours a change by the indicator's direction and shows its unit."""

from __future__ import annotations

from ilot.game.client.indicators import DOWN, UP, IndicatorsPanel, change_colour
from ilot.game.core.kinds import Better
from ilot.game.text import lang_for


def test_a_rise_is_good_news_only_when_higher_is_better(short):
    cohesion = short.indicators[0]
    vacancy = cohesion.model_copy(update={"id": "vacance", "better": Better.LOWER, "unit": "%"})
    assert change_colour(cohesion, 2.4) == UP and change_colour(cohesion, -2.4) == DOWN
    assert change_colour(vacancy, 2.4) == DOWN and change_colour(vacancy, -2.4) == UP


def test_the_value_carries_its_unit_in_each_language():
    fr = IndicatorsPanel(lang_for("fr"))
    assert fr.value_text(11.4, 2.4, "%") == "11\u00a0% (+2)"  # whole numbers, as every value there
    assert fr.value_text(62, 4) == "62 (+4)"
    assert IndicatorsPanel(lang_for("en")).value_text(11.4, 2.4, "%") == "11\u00a0% (+2)"

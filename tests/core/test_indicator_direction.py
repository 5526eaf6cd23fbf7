"""An indicator says which way is better (vacancy, tags: lower) and its unit; colours and the
report follow the direction, and the unit is shown with the value."""

from __future__ import annotations

import json

from ilot import scenario_path
from ilot.game.core.kinds import Better
from ilot.game.core.scenario import Scenario
from ilot.game.core.scenario_check import check_data
from ilot.game.text import lang_for
from ilot.game.text.scenario_errors import scenario_error_line


def _short_with(**indicator) -> dict:
    data = json.loads(scenario_path("petit_ilot").read_text(encoding="utf-8"))
    data["indicators"].append({"id": "vacance", "name": "Logements vacants", "initial": 9,
                               "max": 30, **indicator})
    return data


def test_higher_is_better_unless_said_otherwise(short):
    assert all(i.better == Better.HIGHER for i in short.indicators)
    cohesion = short.indicators[0]
    assert cohesion.gain(3.0) == 3.0 and cohesion.gain(-2.0) == -2.0


def test_a_lower_is_better_indicator_counts_a_rise_as_a_loss():
    sc, errors = check_data(_short_with(better="lower", unit="%"))
    assert errors == [] and isinstance(sc, Scenario)
    vacancy = sc.index("indicator")["vacance"]
    assert vacancy.better == Better.LOWER and vacancy.unit == "%"
    assert vacancy.gain(2.4) == -2.4 and vacancy.gain(-1.0) == 1.0


def test_a_wrong_direction_is_explained_to_the_trainer():
    sc, errors = check_data(_short_with(better="down"), "mon.json")
    assert sc is None and len(errors) == 1
    line = scenario_error_line(errors[0], lang_for("fr"))
    assert "indicators[7].better" in line and "higher ou lower" in line and "down" in line, line


def test_the_schema_offers_both_directions():
    schema = Scenario.model_json_schema()
    assert schema["$defs"]["Better"]["enum"] == ["higher", "lower"]
    assert schema["$defs"]["Indicator"]["properties"]["better"]["default"] == "higher"


def test_the_report_s_table_judges_by_the_direction():
    from ilot.game.core.simulation import plan_from_placements, simulate
    from ilot.game.debrief.analysis import indicator_table

    sc, _ = check_data(_short_with(better="lower", unit="%"))
    assert sc is not None
    space = sc.spaces[0]
    use = next(u for u in sc.uses if sc.use_fits(u, space))
    rows = {r["id"]: r for r in indicator_table(sc, simulate(sc, plan_from_placements({space.id: use.id})))}
    for ind in sc.indicators:
        r = rows[ind.id]
        assert r["gain"] == (r["delta"] if ind.better == Better.HIGHER else -r["delta"])
    assert rows["vacance"]["unit"] == "%"

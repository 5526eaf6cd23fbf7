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


def test_the_change_is_said_in_words_that_follow_the_direction():
    """« moins bien » for vacancy rising, « mieux » for cohesion rising: never the colour alone,
    in the client's synthèse lines and the report's table, with the unit."""
    from ilot.game.core.simulation import plan_from_placements, simulate
    from ilot.game.text.trend import trend_word, with_unit

    data = _short_with(better="lower", unit="%")
    data["uses"][0]["effects"] = {**data["uses"][0]["effects"], "vacance": 2.4}
    sc, errors = check_data(data)
    assert sc is not None, errors
    fr, en = lang_for("fr"), lang_for("en")
    vacancy, first = sc.index("indicator")["vacance"], sc.indicators[0]
    assert (trend_word(fr, vacancy, 2.4), trend_word(fr, vacancy, -1)) == ("moins bien", "mieux")
    assert (trend_word(fr, first, 2.4), trend_word(en, first, -1)) == ("mieux", "worse")
    assert trend_word(fr, first, 0.01) == "stable"
    assert with_unit(fr, vacancy, 11.4) == "11,4\u00a0%"
    use = sc.uses[0]
    space = next(s for s in sc.play_spaces() if sc.use_fits(use, s))
    traj = simulate(sc, plan_from_placements({space.id: use.id}))
    assert traj.final.indicators["vacance"] > traj.start.indicators["vacance"]

    from ilot.game.client.panels.planning import before_after_lines
    from ilot.game.core.state import State
    lines = before_after_lines(fr, State(sc, 1), traj)
    vac = next(line for line in lines if "Logements vacants" in line)
    assert "9\u00a0%" in vac and "%</b> (moins bien)" in vac, vac

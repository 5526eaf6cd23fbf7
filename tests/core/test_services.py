"""Services without a space: a use attached to the îlot or to a building (`Use.attach`), started
by a plan item with no space, run by the simulation with no conflicts and no neighbours."""

from __future__ import annotations

import json

import pytest
from helpers import RICH_FILE, Session

from ilot.game.core.kinds import ContributionSource as Src
from ilot.game.core.kinds import UseAttach
from ilot.game.core.scenario import Scenario
from ilot.game.core.scenario_check import ScenarioCode, check_text
from ilot.game.core.simulation import (
    Activation,
    Contribution,
    PlanInput,
    plan_from_state,
    simulate,
    simulate_state,
)

PATROL = {"id": "ronde_nuit", "name": "Ronde de nuit", "attach": "ilot",
          "investment": 2000, "running_cost_per_year": 14400, "recoverable_share": 0.5,
          "maintenance_hours": {"mediateur": 3}, "effects": {"tranquillite": 6, "cohesion": 1},
          "experiment": {"months": 6, "criteria": [{"indicator": "tranquillite", "min_change": 3}]}}
MEDIATION = {"id": "mediation_c", "name": "Permanence de médiation de la tour C",
             "attach": "building", "building": "bat_c", "investment": 0,
             "running_cost_per_year": 6000, "effects": {"cohesion": 2}}


def data(*uses: dict, events: list | None = None) -> dict:
    d = json.loads(RICH_FILE.read_text(encoding="utf-8"))
    d["uses"] += list(uses)
    if events is not None:
        d["events"] = events
    return d


def scenario(*uses: dict, events: list | None = None) -> Scenario:
    sc, errors = check_text(json.dumps(data(*uses, events=events)), "s.json")
    assert sc is not None and not errors, [str(e) for e in errors]
    return sc


def problems(d: dict) -> list[tuple[str, str]]:
    _, errors = check_text(json.dumps(d), "s.json")
    return [(e.path, e.code) for e in errors]


def test_old_uses_are_on_a_space_and_services_fit_no_space(rich):
    assert all(u.attach == UseAttach.SPACE for u in rich.uses) and rich.services() == []
    sc = scenario(PATROL, MEDIATION)
    patrol = sc.use("ronde_nuit")
    assert patrol.attach == UseAttach.ILOT and patrol.allowed_kinds == []
    assert [u.id for u in sc.services()] == ["ronde_nuit", "mediation_c"]
    assert not any(sc.use_fits(patrol, sp) for sp in sc.spaces)
    assert all(patrol not in sc.uses_for(sp) for sp in sc.spaces)


def test_the_check_explains_a_wrong_service_or_a_use_with_nowhere_to_go():
    n = len(json.loads(RICH_FILE.read_text(encoding="utf-8"))["uses"])
    nowhere = {**PATROL, "id": "x", "attach": "space"}  # on a space, but no allowed_kinds
    lost = {**MEDIATION, "id": "y", "building": None}
    wrong = {**MEDIATION, "id": "z", "building": "bat_z"}
    noisy = {**PATROL, "id": "w", "conflicts": [{"with_constraint": "ombre", "effects": {"usage": -1},
                                                   "reason": "r"}]}
    found = problems(data(nowhere, lost, wrong, noisy))
    assert (f"uses[{n}].allowed_kinds", ScenarioCode.TOO_FEW_ITEMS) in found
    assert (f"uses[{n + 1}].building", ScenarioCode.MISSING) in found
    assert (f"uses[{n + 2}].building", ScenarioCode.UNKNOWN_REF) in found
    assert (f"uses[{n + 3}].conflicts[0]", ScenarioCode.CONFLICT_NEVER_HAPPENS) in found
    bad = problems(data({**PATROL, "attach": "quartier"}))
    assert bad and bad[0][0] == f"uses[{n}].attach"


def test_a_plan_item_starts_a_service_and_no_space_can_hold_it():
    sc = scenario(PATROL, MEDIATION)
    s = Session(sc)
    s.goto("schema_directeur")
    assert s.reject("trainer", {"type": "schema_place", "space": "cour", "use": "ronde_nuit",
                                "year": 1}) == "use_not_allowed"
    s.goto("plan_action")
    assert s.reject("trainer", {"type": "plan_add", "what": "Rondes", "lead": "mediateur",
                                "quarter": 3, "cost": 0, "payer": "bailleur", "space": "cour",
                                "use": "ronde_nuit"}) == "use_not_allowed"
    s.trainer({"type": "plan_add", "what": "Rondes de nuit", "lead": "mediateur", "quarter": 3,
               "cost": 2500, "payer": "bailleur", "use": "ronde_nuit"})
    s.trainer({"type": "plan_add", "what": "Rondes : gilets", "lead": "mediateur", "quarter": 4,
               "cost": 300, "payer": "bailleur", "use": "ronde_nuit"})  # a second: extra cost
    s.trainer({"type": "plan_add", "what": "Médiation", "lead": "manager", "quarter": 5,
               "cost": 0, "payer": "charges", "use": "mediation_c"})
    plan = plan_from_state(s.state)
    services = [a for a in plan.activations if a.space is None]
    assert services == [Activation(None, "ronde_nuit", 3, 2500.0, "bailleur", "bailleur"),
                        Activation(None, "mediation_c", 5, 0.0, "charges", "charges")]
    assert [(c.quarter, c.cost) for c in plan.costs] == [(4, 300.0)]
    traj = simulate_state(s.state)
    assert traj.quarters[2].services == [] and traj.quarters[3].services == ["ronde_nuit"]
    assert traj.quarters[5].services == ["mediation_c", "ronde_nuit"]
    assert all(not q.active for q in traj.quarters)  # no space holds them
    assert traj.final.invested == 2800.0


def test_the_simulation_runs_a_service_with_its_effects_hours_and_charges_but_no_conflicts():
    sc = scenario(PATROL, events=[])
    base = simulate(sc, PlanInput())
    traj = simulate(sc, PlanInput([Activation(None, "ronde_nuit", 1, -1)]))
    for q, ramp in ((1, 0.5), (12, 1.0)):
        why = traj.why("tranquillite", q)
        assert Contribution(Src.SERVICE, "ronde_nuit", None, 6 * ramp) in why
    assert traj.why("workload:mediateur") == [Contribution(Src.SERVICE, "ronde_nuit", None, 3.0)]
    monthly = 14400 * 0.5 / 12 / sc.budget.households
    assert traj.final.charges == pytest.approx(base.final.charges + monthly, abs=0.01)
    assert not any(c.source == Src.CONFLICT for ind in sc.indicators for c in traj.why(ind.id))
    # an experiment on a service is judged like any other, with no space
    exp = simulate(sc, PlanInput([Activation(None, "ronde_nuit", 2, -1, experiment=True)]))
    (result,) = exp.experiments
    assert result["space"] is None and result["use"] == "ronde_nuit" and result["end"] == 3


def test_a_running_service_keeps_an_event_away():
    squat = {"id": "squat", "title": "Squat", "description": "d", "trigger": {
        "quarter": 5, "unless_use": "ronde_nuit"}, "effects": {"tranquillite": -5}}
    sc = scenario(PATROL, events=[squat])
    without = simulate(sc, PlanInput())
    with_patrol = simulate(sc, PlanInput([Activation(None, "ronde_nuit", 2, -1)]))
    assert without.quarters[5].events == ["squat"] and with_patrol.quarters[5].events == []

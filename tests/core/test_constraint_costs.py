"""Costs attached to constraints: a constraint's investment, running cost and effects are added to
any use placed on a space that has it (« sol pollué »: a dépollution before a garden)."""

from __future__ import annotations

import json

import pytest
from helpers import RICH_FILE

from ilot.game.core.kinds import ContributionSource as Src
from ilot.game.core.kinds import Payer
from ilot.game.core.scenario import Scenario
from ilot.game.core.scenario_check import ScenarioCode, check_text
from ilot.game.core.simulation import (
    Activation,
    Contribution,
    PlanInput,
    bailleur_investment,
    simulate,
)

POLLUTED = {"investment": 40000, "running_cost_per_year": 1840, "effects": {"satisfaction_bailleur": -2}}


def data(**constraint_fields) -> dict:
    d = json.loads(RICH_FILE.read_text(encoding="utf-8"))
    d["events"] = []
    for c in d["constraints"]:
        if c["id"] == "sol_pollue":
            c.update(constraint_fields)
    return d


def scenario(**constraint_fields) -> Scenario:
    sc, errors = check_text(json.dumps(data(**constraint_fields)), "s.json")
    assert sc is not None and not errors, [str(e) for e in errors]
    return sc


def test_old_constraints_cost_nothing(rich):
    assert all(c.investment == 0 and c.running_cost_per_year == 0 and not c.effects
               for c in rich.constraints)


def test_a_use_on_a_polluted_space_costs_the_dépollution_and_its_running_cost():
    plain, polluted = scenario(), scenario(**POLLUTED)
    space = polluted.space("friche")
    assert "sol_pollue" in space.constraints
    use = next(u for u in polluted.uses_for(space) if u.recoverable_share > 0)
    plan = PlanInput([Activation("friche", use.id, 2, -1)])
    before, after = simulate(plain, plan), simulate(polluted, plan)
    assert after.quarters[1].invested == before.quarters[1].invested == 0.0
    assert after.final.invested == before.final.invested + 40000
    assert bailleur_investment(polluted, plan) == bailleur_investment(plain, plan) + 40000
    monthly = 1840 * use.recoverable_share / 12 / polluted.budget.households
    assert after.final.charges == pytest.approx(before.final.charges + monthly, abs=0.01)
    assert after.final.operating == pytest.approx(
        before.final.operating + 1840 * (1 - use.recoverable_share), abs=0.01)
    # the constraint's effects, ramped in with the use, show as the use's conflict there
    why = after.why("satisfaction_bailleur")
    conflict = sum(c.value for c in why if c.source == Src.CONFLICT and c.ref == use.id)
    plain_conflict = sum(c.value for c in before.why("satisfaction_bailleur")
                         if c.source == Src.CONFLICT and c.ref == use.id)
    assert conflict == pytest.approx(plain_conflict - 2)
    # the charges' parts still add up
    assert sum(c.value for c in after.why("charges")) == pytest.approx(
        after.final.charges - polluted.budget.base_charges_per_household_month, abs=6e-3)


def test_paid_on_the_charges_the_extra_investment_is_spread_like_the_use_s():
    polluted = scenario(**POLLUTED)
    use = polluted.uses_for(polluted.space("friche"))[0]
    plan = PlanInput([Activation("friche", use.id, 1, 0.0, Payer.CHARGES, Payer.BAILLEUR)])
    traj = simulate(polluted, plan)
    assert traj.final.invested == 0.0
    per_month = 40000 / polluted.budget.households / 12  # over four quarters
    assert traj.why("charges", 1) == [Contribution(Src.USE, use.id, "friche", pytest.approx(per_month))]
    assert traj.why("charges", 5) == []


def test_a_space_without_the_constraint_and_a_service_are_not_charged():
    d = data(**POLLUTED)
    d["uses"].append({"id": "ronde", "name": "Ronde", "attach": "ilot", "investment": 100,
                      "running_cost_per_year": 0})
    polluted = Scenario.model_validate(d)
    clean = next(s for s in polluted.spaces if "sol_pollue" not in s.constraints
                 and polluted.uses_for(s))
    use = polluted.uses_for(clean)[0]
    traj = simulate(polluted, PlanInput([Activation(clean.id, use.id, 1, -1),
                                         Activation(None, "ronde", 1, -1)]))
    assert traj.final.invested == use.investment + 100


def test_the_check_explains_a_wrong_constraint_cost():
    _, errors = check_text(json.dumps(data(effects={"bonheur": 2}, investment=-5)), "s.json")
    found = {(e.path, e.code) for e in errors}
    i = next(n for n, c in enumerate(data()["constraints"]) if c["id"] == "sol_pollue")
    assert (f"constraints[{i}].investment", ScenarioCode.AT_LEAST) in found
    _, errors = check_text(json.dumps(data(effects={"bonheur": 2})), "s.json")
    assert [(e.path, e.code) for e in errors] == [(f"constraints[{i}].effects.bonheur",
                                                   ScenarioCode.UNKNOWN_REF)]

"""Payers defined by the scenario (`payers`: the city, a subsidy…) and uses that bring income.

Old files keep the landlord ("bailleur") and the charges ("charges"); a plan item may name any
payer of the scenario; what another funder pays is neither the landlord's investment nor the
charges; a use's income lowers the bailleur's operating cost or the charges, as it says.
"""

from __future__ import annotations

import json

import pytest
from helpers import RICH_FILE, Session

from ilot.game.core.kinds import ContributionSource as Src
from ilot.game.core.kinds import IncomeTarget, PayerKind
from ilot.game.core.scenario import Scenario
from ilot.game.core.scenario_check import ScenarioCode, check_text
from ilot.game.core.simulation import (
    Activation,
    Contribution,
    ExtraCost,
    PlanInput,
    bailleur_investment,
    investment_by_payer,
    plan_from_state,
    simulate,
    simulate_state,
)
from ilot.game.text import lang_for
from ilot.game.text.payers import cost_by, paid_by, payer_name

from .invariants import check_budget, check_replay_and_views

# the client's words for the built-in payers (game/client: listing.COST_BY, planning.PAYERS)
COST_BY = {"bailleur": "ui.cost_bailleur", "charges": "ui.cost_charges"}
PAID_BY = {"bailleur": "ui.payer_bailleur", "charges": "ui.payer_charges"}
PAYERS = [{"id": "bailleur", "name": "Tilleuls Habitat", "kind": "landlord"},
          {"id": "ville", "name": "Ville de Montreuil", "kind": "city", "budget": 30000},
          {"id": "anru", "name": "Subvention ANRU", "kind": "subsidy"}]


def data(**changes) -> dict:
    d = json.loads(RICH_FILE.read_text(encoding="utf-8"))
    d.update(changes)
    return d


def scenario(**changes) -> Scenario:
    sc, errors = check_text(json.dumps(data(**changes)), "s.json")
    assert sc is not None and not errors, [str(e) for e in errors]
    return sc


def test_old_files_have_the_landlord_and_the_charges(rich):
    assert rich.payers == [] and rich.payer_ids() == ["bailleur", "charges"]
    assert rich.payer_kind("bailleur") == PayerKind.LANDLORD
    assert rich.payer_kind("charges") == PayerKind.CHARGES and rich.payer_kind("ville") is None
    fr = lang_for("fr")
    assert payer_name(rich, "bailleur", fr) == "bailleur"
    assert cost_by(rich, "charges", "600 €", fr, COST_BY) == "600 € sur les charges"
    assert paid_by(rich, "bailleur", fr, PAID_BY) == "Payé par le bailleur"


def test_a_scenario_names_its_payers_and_the_check_explains_mistakes():
    sc = scenario(payers=PAYERS)
    assert sc.payer_ids() == ["bailleur", "charges", "ville", "anru"]
    assert sc.payer_kind("ville") == PayerKind.CITY
    fr = lang_for("fr")
    assert payer_name(sc, "bailleur", fr) == "Tilleuls Habitat"
    assert paid_by(sc, "ville", fr, PAID_BY) == "Payé par\u00a0: Ville de Montreuil"
    assert paid_by(sc, "bailleur", fr, PAID_BY) == "Payé par\u00a0: Tilleuls Habitat"
    assert cost_by(sc, "anru", "3 000 €", fr, COST_BY) == "3 000 € payés par\u00a0: Subvention ANRU"
    bad = [{"id": "ville", "name": "Ville", "kind": "city"},
           {"id": "ville", "name": "Ville bis", "kind": "city"},  # twice
           {"id": "bailleur", "name": "B", "kind": "city"},  # the landlord is the landlord
           {"id": "caf", "name": "CAF", "kind": "landlord"},  # only one landlord: "bailleur"
           {"id": "charges", "name": "Charges", "kind": "charges", "budget": 100}]
    _, errors = check_text(json.dumps(data(payers=bad)), "s.json")
    found = {(e.path, e.code) for e in errors}
    assert found == {("payers[1].id", ScenarioCode.DUPLICATE_ID),
                     ("payers[2].kind", ScenarioCode.NOT_ALLOWED_VALUE),
                     ("payers[3].kind", ScenarioCode.NOT_ALLOWED_VALUE),
                     ("payers[4].budget", ScenarioCode.UNKNOWN_FIELD)}
    _, errors = check_text(json.dumps(data(payers=[{"id": "x", "name": "X", "kind": "mairie"}])))
    assert [(e.path, e.code) for e in errors] == [("payers[0].kind", ScenarioCode.NOT_ALLOWED_VALUE)]


def test_a_plan_item_names_any_payer_of_the_scenario():
    sc = scenario(payers=PAYERS)
    s = Session(sc)
    s.goto("plan_action")
    item = {"type": "plan_add", "what": "Jardin", "lead": "resident", "quarter": 2,
            "cost": 20000, "payer": "ville", "space": "jardin", "use": "jardin_partage"}
    s.trainer(item)
    s.trainer({**item, "what": "Fête", "cost": 3000, "payer": "anru", "space": None, "use": None})
    s.trainer({**item, "what": "Bancs", "cost": 1000, "payer": "bailleur", "space": None,
               "use": None})
    assert s.reject("trainer", {**item, "payer": "departement"}) == "unknown_payer"
    assert s.reject("trainer", {**item, "payer": 3}) == "invalid_action"
    assert sorted(i.payer for i in s.state.plan.values()) == ["anru", "bailleur", "ville"]
    check_replay_and_views(s.state, s.events)
    check_budget(s.state)
    plan = plan_from_state(s.state)
    assert bailleur_investment(sc, plan) == 1000.0  # the city and the subsidy are apart
    traj = simulate_state(s.state)
    assert traj.final.invested == 1000.0
    assert traj.final.funded == {"anru": 3000.0, "ville": 20000.0}
    assert traj.quarters[1].funded == {} and traj.quarters[2].funded["ville"] == 20000.0
    # what each payer puts in, as the simulation counts it (the debrief's summary)
    assert investment_by_payer(sc, plan) == {"bailleur": 1000.0, "anru": 3000.0, "ville": 20000.0}
    # the city pays the investment; the running cost still goes to the charges, as a use's
    garden = sc.use("jardin_partage")
    monthly = garden.running_cost_per_year * garden.recoverable_share / 12 / sc.budget.households
    assert Contribution(Src.USE, "jardin_partage", "jardin", pytest.approx(monthly)) \
        in traj.why("charges")
    # an old session's payers are unchanged
    rs = Session(Scenario.model_validate(data()))
    rs.goto("plan_action")
    rs.trainer({**item, "payer": "charges"})
    assert simulate_state(rs.state).final.funded == {}


def _with_income(target: IncomeTarget) -> Scenario:
    d = data(events=[])
    box = next(u for u in d["uses"] if u["id"] == "velos_securise")
    box.update(income_per_year=2208.0, income_lowers=str(target))
    return Scenario.model_validate(d)


def test_income_lowers_the_operating_cost_or_the_charges_as_the_use_says():
    plain = Scenario.model_validate(data(events=[]))
    plan = PlanInput([Activation("local_velos", "velos_securise", 1, -1)])
    base = simulate(plain, plan)
    to_operating = simulate(_with_income(IncomeTarget.OPERATING), plan)
    to_charges = simulate(_with_income(IncomeTarget.CHARGES), plan)
    assert plain.use("velos_securise").income_per_year == 0
    assert to_operating.final.operating == pytest.approx(base.final.operating - 2208.0, abs=0.01)
    assert to_operating.final.charges == base.final.charges
    per_month = 2208.0 / 12 / plain.budget.households  # 1 € per household per month
    assert to_charges.final.charges == pytest.approx(base.final.charges - per_month, abs=0.01)
    assert to_charges.final.operating == base.final.operating
    running = plain.use("velos_securise")
    share = running.running_cost_per_year * running.recoverable_share / 12 / plain.budget.households
    assert to_charges.why("charges") == [
        Contribution(Src.USE, "velos_securise", "local_velos", pytest.approx(share - per_month))]


def test_an_extra_cost_paid_by_a_funder_is_neither_invested_nor_charged():
    sc = scenario(payers=PAYERS)
    traj = simulate(sc, PlanInput(costs=[ExtraCost(3, 9000.0, "ville", "Étude", "I1")]))
    base = simulate(sc, PlanInput())
    assert traj.final.invested == 0.0 and traj.final.funded == {"ville": 9000.0}
    assert [q.charges for q in traj.quarters] == [q.charges for q in base.quarters]

"""The simulation: every number comes from the scenario, and the same plan gives the same run."""

from __future__ import annotations

import json
import math
import random

import pytest
from helpers import RICH_FILE, Session

from ilot.game.core.kinds import ObjectiveKind
from ilot.game.core.objectives import objectives_met
from ilot.game.core.scenario import Scenario
from ilot.game.core.simulation import (
    Activation,
    ExtraCost,
    ExtraHours,
    PlanInput,
    persona_scores,
    plan_from_placements,
    plan_from_state,
    simulate,
    simulate_state,
)


def variant(**changes) -> Scenario:
    """The rich scenario with some top-level sections replaced (e.g. no events)."""
    data = json.loads(RICH_FILE.read_text(encoding="utf-8"))
    for key, value in changes.items():
        value(data) if callable(value) else data.__setitem__(key, value)
    return Scenario.model_validate(data)


@pytest.fixture(scope="module")
def quiet():
    """No scenario events, so a use's own numbers can be checked by hand."""
    return variant(events=[])


def _diff(traj, base, q):
    return {k: traj.quarters[q].indicators[k] - base.quarters[q].indicators[k]
            for k in base.quarters[q].indicators}


def test_a_use_moves_indicators_by_its_effects_once_ramped(quiet):
    sc = quiet
    use, space = sc.use("hall_embelli"), sc.space("hall_b")
    assert not use.conflicts and space.condition >= 40 and sc.simulation.ramp_quarters == 2
    base = simulate(sc, PlanInput())
    traj = simulate(sc, PlanInput([Activation("hall_b", "hall_embelli", 1, use.investment)]))
    households = sc.budget.households
    extra = use.running_cost_per_year * use.recoverable_share / 12 / households
    charge_effect = sc.simulation.charges_effects
    for q, ramp in [(1, 0.5), (2, 1.0), (12, 1.0)]:
        d = _diff(traj, base, q)
        for ind in sc.indicators:
            expected = use.effects.get(ind.id, 0) * ramp + charge_effect.get(ind.id, 0) * extra
            assert d[ind.id] == pytest.approx(expected, abs=2e-3), (q, ind.id)
        assert traj.quarters[q].active == [("hall_b", "hall_embelli")]
    assert traj.quarters[0].indicators == {i.id: i.initial for i in sc.indicators}


def test_running_cost_times_recoverable_share_raises_charges(quiet):
    sc = quiet
    base = sc.budget.base_charges_per_household_month
    uses = [("salle_commune", "salle_associative"), ("jardin", "jardin_partage")]
    plan = PlanInput([Activation(s, u, 3, 0.0) for s, u in uses])
    traj = simulate(sc, plan)
    per_year = sum(sc.use(u).running_cost_per_year * sc.use(u).recoverable_share for _, u in uses)
    by_hand = round(base + per_year / 12 / sc.budget.households, 2)
    assert [q.charges for q in traj.quarters[:3]] == [base, base, base]
    assert all(q.charges == by_hand for q in traj.quarters[3:])
    assert by_hand > base


def test_payer_bailleur_keeps_charges_flat(quiet):
    sc = quiet
    base = sc.budget.base_charges_per_household_month
    use = sc.use("salle_associative")
    plan = PlanInput([Activation("salle_commune", "salle_associative", 1, use.investment,
                                 "bailleur", "bailleur")])
    traj = simulate(sc, plan)
    assert all(q.charges == base for q in traj.quarters)
    assert traj.final.invested == use.investment
    assert traj.final.operating == pytest.approx(use.running_cost_per_year, abs=0.01)


def test_investment_paid_by_charges_is_spread_over_a_year(quiet):
    sc = quiet
    base = sc.budget.base_charges_per_household_month
    plan = PlanInput(costs=[ExtraCost(2, 12_000.0, "charges", "Portail"),
                            ExtraCost(3, 5_000.0, "bailleur", "Peinture")])
    traj = simulate(sc, plan)
    monthly = 12_000.0 / sc.budget.households / 12
    assert traj.quarters[1].charges == base
    for q in (2, 3, 4, 5):
        assert traj.quarters[q].charges == round(base + monthly, 2)
    assert traj.quarters[6].charges == base
    assert [q.invested for q in traj.quarters[1:5]] == [0.0, 0.0, 5000.0, 5000.0]


def test_workload_is_hours_needed_against_metier_hours(quiet):
    sc = quiet
    hours = {m.id: m.hours_per_week for m in sc.metiers}
    acts = [("jardin", "jardin_partage"), ("salle_commune", "local_jeunes"),
            ("friche", "tiers_lieu"), ("cour", "cinema_plein_air"), ("loge", "conciergerie")]
    traj = simulate(sc, PlanInput([Activation(s, u, 1, 0.0) for s, u in acts],
                                  rules=[("rondes_soir", None)]))
    needed = {m: 0.0 for m in hours}
    for _, u in acts:
        for m, h in sc.use(u).maintenance_hours.items():
            needed[m] += h
    for m, h in sc.index("rule")["rondes_soir"].maintenance_hours.items():
        needed[m] += h
    q = traj.quarters[4]
    assert q.workload == {m: (round(needed[m], 2), hours[m]) for m in hours}
    over = sum(max(0.0, needed[m] - hours[m]) for m in hours)
    assert over > 0, "the plan is meant to overload the médiateur"
    pct = 100 * over / sum(hours.values())
    assert q.overload_pct == round(pct, 2)
    # the overload's cost to the bailleur: extra hours at the métier's hourly cost
    extra_cost = sum(max(0.0, needed[m.id] - m.hours_per_week) * m.hourly_cost * 52 for m in sc.metiers)
    non_recoverable = sum(sc.use(u).running_cost_per_year * (1 - sc.use(u).recoverable_share)
                          for _, u in acts)
    assert q.operating == pytest.approx(extra_cost + non_recoverable, abs=0.01)


def test_overload_effects_follow_the_scenario(quiet):
    """Same plan, twice the métier hours: the difference is the overload effect."""
    def roomy(data):
        for m in data["metiers"]:
            m["hours_per_week"] *= 10
    sc_roomy = variant(events=[], metiers=roomy)
    acts = [Activation(s, u, 1, 0.0) for s, u in [("salle_commune", "local_jeunes"),
                                                   ("friche", "tiers_lieu"), ("loge", "conciergerie")]]
    tight, wide = simulate(quiet, PlanInput(acts)), simulate(sc_roomy, PlanInput(acts))
    q = tight.quarters[5]
    assert q.overload_pct > 0 and wide.quarters[5].overload_pct == 0
    assert quiet.simulation.overload_effects
    for ind, per10 in quiet.simulation.overload_effects.items():
        assert q.indicators[ind] - wide.quarters[5].indicators[ind] == pytest.approx(
            per10 * q.overload_pct / 10, abs=0.02)


def test_hours_added_by_the_plan_relieve_overload_at_their_cost(quiet):
    """A plan item can give a métier more weekly hours: overload falls, the bailleur pays them."""
    acts = [Activation(s, u, 1, 0.0) for s, u in [("salle_commune", "local_jeunes"),
                                                   ("friche", "tiers_lieu"), ("loge", "conciergerie")]]
    base = simulate(quiet, PlanInput(acts))
    q5 = base.quarters[5]
    (metier, (needed, avail)), *_ = sorted(q5.workload.items(), key=lambda kv: kv[1][1] - kv[1][0])
    assert needed > avail, "the plan is meant to overload this métier"
    gap = needed - avail
    helped = simulate(quiet, PlanInput(acts, hours=[ExtraHours(5, metier, gap)]))
    before, after = helped.quarters[4], helped.quarters[5]
    assert before.workload[metier][1] == avail  # not before its quarter
    assert after.workload[metier] == (round(needed, 2), round(avail + gap, 2))
    assert after.overload_pct < q5.overload_pct
    hourly = quiet.index("metier")[metier].hourly_cost
    # the gap used to be paid as overload; now it is paid as added hours: same euros for it
    assert after.operating == pytest.approx(q5.operating, abs=0.01)
    more = simulate(quiet, PlanInput(acts, hours=[ExtraHours(5, metier, gap + 10)]))
    assert more.quarters[5].operating == pytest.approx(q5.operating + 10 * hourly * 52, abs=0.01)


def test_plan_item_hours_reach_the_simulation(rs):
    a = rs.join("Ana", rs.state.scenario.personas[0].id)
    rs.goto("plan_action")
    metier = rs.state.scenario.metiers[0].id
    code = rs.reject(a, {"type": "plan_add", "what": "Renfort", "lead": "manager", "quarter": 2,
                         "cost": 0, "payer": "bailleur", "hours": 6})
    assert code == "hours_need_metier"
    rs.act(a, {"type": "plan_add", "what": "Renfort du gardien le samedi", "lead": metier,
               "quarter": 2, "cost": 0, "payer": "bailleur", "hours": 6})
    (item,) = rs.state.plan.values()
    assert item.hours == 6
    plan = plan_from_state(rs.state)
    assert plan.hours == [ExtraHours(2, metier, 6.0)]
    traj = simulate_state(rs.state)
    base = rs.state.scenario.index("metier")[metier].hours_per_week
    assert traj.quarters[1].workload[metier][1] == base
    assert traj.quarters[2].workload[metier][1] == base + 6


def test_conflict_with_a_constraint_adds_its_effects(quiet):
    sc = quiet
    use = sc.use("cafe_associatif")
    (conflict,) = [c for c in use.conflicts if c.with_constraint == "sous_fenetres"]
    assert "sous_fenetres" in sc.space("salle_commune").constraints
    assert "sous_fenetres" not in sc.space("loge").constraints
    base = simulate(sc, PlanInput())
    under = _diff(simulate(sc, PlanInput([Activation("salle_commune", use.id, 1, 0.0)])), base, 4)
    # loge is too small for the café: compare with the friche, also without the constraint
    assert "sous_fenetres" not in sc.space("friche").constraints
    elsewhere = _diff(simulate(sc, PlanInput([Activation("friche", use.id, 1, 0.0)])), base, 4)
    # both spaces are degraded (condition < 40), so using either removes the same condition effect
    assert sc.space("salle_commune").condition < 40 and sc.space("friche").condition < 40
    for ind, v in conflict.effects.items():
        assert under[ind] - elsewhere[ind] == pytest.approx(v, abs=2e-3)


def test_conflict_with_a_neighbouring_use(quiet):
    def no_conflict(data):
        for u in data["uses"]:
            if u["id"] == "coworking":
                u["conflicts"] = []
    sc = variant(events=[])
    plain = variant(events=[], uses=no_conflict)
    assert "jardin" in sc.space("friche").neighbours
    (conflict,) = [c for c in sc.use("coworking").conflicts if c.with_use == "aire_jeux"]
    acts = [Activation("friche", "coworking", 1, 0.0), Activation("jardin", "aire_jeux", 3, 0.0)]
    d = _diff(simulate(sc, PlanInput(acts)), simulate(plain, PlanInput(acts)), 2)
    assert all(v == 0 for v in d.values())  # before the aire de jeux opens next door
    for q in (3, 4, 12):  # from the quarter the neighbour opens, at the coworking's full ramp
        d = _diff(simulate(sc, PlanInput(acts)), simulate(plain, PlanInput(acts)), q)
        for ind in d:
            assert d[ind] == pytest.approx(conflict.effects.get(ind, 0), abs=2e-3)


def test_rules_of_the_charter_apply_their_effects_and_hours(quiet):
    sc = quiet
    rule = sc.index("rule")["nettoyage_halls"]
    base = simulate(sc, PlanInput())
    traj = simulate(sc, PlanInput(rules=[("nettoyage_halls", "hall_a")]))
    d = _diff(traj, base, 1)
    for ind, v in rule.effects.items():
        assert d[ind] == pytest.approx(v, abs=1e-3)
    for m, h in rule.maintenance_hours.items():
        assert traj.quarters[1].workload[m][0] == h


def test_events_fire_deterministically_from_the_seed(rich):
    plan = plan_from_placements({"jardin": "jardin_partage"})
    runs = {seed: simulate(rich, plan, seed) for seed in range(12)}
    assert all(simulate(rich, plan, s).to_dict() == t.to_dict() for s, t in list(runs.items())[:3])
    fired = {seed: {e: q.q for q in t.quarters for e in q.events} for seed, t in runs.items()}
    # fixed-quarter events always fire on their quarter
    for ev in rich.events:
        if ev.trigger.quarter is not None and ev.trigger.unless_use is None:
            assert all(f.get(ev.id) == ev.trigger.quarter for f in fired.values()), ev.id
    # chance events: inside their window, at most once, and not on the same quarter for every seed
    chance = [ev for ev in rich.events if ev.trigger.chance is not None]
    assert chance
    for ev in chance:
        quarters = [f[ev.id] for f in fired.values() if ev.id in f]
        assert all(ev.trigger.from_quarter <= q <= ev.trigger.to_quarter for q in quarters)
    assert len({tuple(sorted(f.items())) for f in fired.values()}) > 1
    for t in runs.values():
        names = [e for q in t.quarters for e in q.events]
        assert len(names) == len(set(names))


def test_an_event_adds_its_effects_for_its_duration_and_its_cost(rich):
    ev = next(e for e in rich.events if e.trigger.quarter and e.duration_quarters and e.cost == 0)
    q0, dur = ev.trigger.quarter, ev.duration_quarters
    only = variant(events=[dict(json.loads(ev.model_dump_json()), cost=5000.0)])
    base = simulate(variant(events=[]), PlanInput())
    traj = simulate(only, PlanInput())
    assert traj.quarters[q0].events == [ev.id]
    for q in range(1, 13):
        d = _diff(traj, base, q)
        on = q0 <= q < q0 + dur
        for ind, v in ev.effects.items():
            assert d[ind] == pytest.approx(v if on else 0.0, abs=1e-3), (q, ind)
        assert traj.quarters[q].unplanned == (5000.0 if q >= q0 else 0.0)  # not the plan's
        assert traj.quarters[q].invested == 0.0


def test_unless_use_prevents_an_event(rich):
    ev = next(e for e in rich.events if e.trigger.unless_use and e.trigger.chance)
    use = rich.use(ev.trigger.unless_use)
    space = next(s for s in rich.spaces if rich.use_fits(use, s))
    for seed in range(20):
        t = simulate(rich, PlanInput([Activation(space.id, use.id, 1, 0.0)]), seed)
        assert ev.id not in [e for q in t.quarters for e in q.events]


def test_an_experiment_ends_with_an_outcome(quiet):
    sc = quiet
    use = sc.use("jardin_partage")
    spec = use.experiment
    quarters = math.ceil(spec.months / 3)
    plan = PlanInput([Activation("jardin", use.id, 3, 0.0, experiment=True)])
    traj = simulate(sc, plan)
    (exp,) = traj.experiments
    assert (exp["space"], exp["use"], exp["start"], exp["end"]) == ("jardin", use.id, 3, 3 + quarters - 1)
    before, after = traj.quarters[2].indicators, traj.quarters[exp["end"]].indicators
    for c, check in zip(spec.criteria, exp["criteria"], strict=False):
        assert check["change"] == pytest.approx(after[c.indicator] - before[c.indicator], abs=1e-3)
    assert exp["success"] == all(ch["change"] >= ch["min_change"] for ch in exp["criteria"])
    assert exp["outcome"] == ("kept" if exp["success"] else "stopped")
    assert exp["success"], "the jardin partagé meets its criteria in this scenario"
    assert ("jardin", use.id) in traj.final.active
    # not an experiment: no outcome
    assert simulate(sc, PlanInput([Activation("jardin", use.id, 3, 0.0)])).experiments == []


def test_a_failed_experiment_stops_the_use(quiet):
    def harsh(data):
        for u in data["uses"]:
            if u["id"] == "jardin_partage":
                u["experiment"]["criteria"][0]["min_change"] = 50
    sc = variant(events=[], uses=harsh)
    traj = simulate(sc, PlanInput([Activation("jardin", "jardin_partage", 1, 0.0, experiment=True)]))
    (exp,) = traj.experiments
    assert exp["success"] is False and exp["outcome"] == "stopped"
    assert ("jardin", "jardin_partage") in traj.quarters[exp["end"]].active
    assert ("jardin", "jardin_partage") not in traj.quarters[exp["end"] + 1].active
    assert traj.final.indicators == simulate(sc, PlanInput()).final.indicators


def test_plan_from_state_uses_schema_years_and_plan_items(rich):
    s = Session(rich)
    s.goto("schema_directeur")
    s.trainer({"type": "schema_place", "space": "jardin", "use": "jardin_partage", "year": 2})
    s.trainer({"type": "schema_place", "space": "local_velos", "use": "velos_securise", "year": 1})
    s.goto("plan_action")
    s.trainer({"type": "plan_add", "what": "Jardin", "lead": "resident", "quarter": 7,
               "cost": 20000, "payer": "bailleur", "use": "jardin_partage", "experiment": True})
    s.trainer({"type": "plan_add", "what": "Fête", "lead": "resident", "quarter": 2,
               "cost": 600, "payer": "charges"})
    s.trainer({"type": "rule_add", "rule": "nettoyage_halls", "space": "hall_a"})
    plan = plan_from_state(s.state)
    acts = {a.space: a for a in plan.activations}
    assert acts["jardin"] == Activation("jardin", "jardin_partage", 7, 20000.0, "bailleur",
                                        "bailleur", True)
    velos = rich.use("velos_securise")
    assert acts["local_velos"] == Activation("local_velos", "velos_securise", 1, velos.investment)
    fete = next(i.id for i in s.state.plan.values() if i.what == "Fête")
    assert plan.costs == [ExtraCost(2, 600.0, "charges", "Fête", fete)]
    assert plan.rules == [("nettoyage_halls", "hall_a")]
    traj = simulate_state(s.state)
    assert traj.to_dict() == simulate(rich, plan, s.state.seed).to_dict()
    assert traj.experiments and traj.experiments[0]["start"] == 7


def test_simulation_is_callable_at_any_phase(rich):
    s = Session(rich)
    for i in range(len(rich.phases)):
        s.trainer({"type": "set_phase", "phase": i})
        assert len(simulate_state(s.state).quarters) == 13


def test_persona_scores_and_objectives(rich):
    traj = simulate(rich, plan_from_placements({"jardin": "jardin_partage", "friche": "tiers_lieu"}))
    scores = persona_scores(rich, traj)
    assert set(scores) == {p.id for p in rich.personas}
    p = rich.personas[0]
    total = sum(abs(w) for w in p.interests.values())
    start, end = traj.start.indicators, traj.final.indicators
    assert scores[p.id] == round(sum(w * (end[k] - start[k]) for k, w in p.interests.items()) / total, 2)
    met = objectives_met(rich, PlanInput(), traj)
    for persona in rich.personas:
        assert len(met[persona.id]) == len(persona.private_objectives)
        for o, result in zip(persona.private_objectives, met[persona.id], strict=False):
            if o.kind == ObjectiveKind.INDICATOR:
                assert o.indicator is not None and o.target is not None
                value = end[o.indicator]
                assert result == (value >= o.target if o.direction == "at_least" else value <= o.target)
            elif o.kind == ObjectiveKind.JUDGED:
                assert result is None
            else:
                assert result in (True, False)  # every kind: tests/core/test_objectives.py


def test_random_plans_stay_within_bounds(rich):
    rng = random.Random(5)
    for _ in range(30):
        placements = {}
        for space in rich.spaces:
            fits = [u.id for u in rich.uses if rich.use_fits(u, space)]
            if fits and rng.random() < 0.6:
                placements[space.id] = rng.choice(fits)
        traj = simulate(rich, plan_from_placements(placements, rng.randint(1, 12)), rng.randint(0, 99))
        for q in traj.quarters:
            for ind in rich.indicators:
                assert ind.min <= q.indicators[ind.id] <= ind.max
            assert q.charges >= rich.budget.base_charges_per_household_month


def test_a_second_item_on_the_same_space_and_use_adds_its_cost(rs):
    a = rs.join("Ana", rs.state.scenario.personas[0].id)
    rs.goto("plan_action")
    base = {"type": "plan_add", "lead": "manager", "quarter": 2, "payer": "bailleur",
            "space": "jardin", "use": "jardin_partage"}
    rs.act(a, dict(base, what="Créer le jardin", cost=5000))
    first = simulate_state(rs.state).final.invested
    rs.act(a, dict(base, what="Clôture du jardin", cost=2000, quarter=3))
    assert simulate_state(rs.state).final.invested == pytest.approx(first + 2000)

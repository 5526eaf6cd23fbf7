"""Why did it move: `Trajectory.why` splits every simulated number into its contributions.

For every quarter of any plan, an indicator's contributions add up to its value minus its
initial (clamping shows as a `limit` part), the charges' to the charges above the base, a
métier's workload's to its weekly hours needed.
"""

from __future__ import annotations

import json

import pytest
from helpers import RICH_FILE
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ilot.game.core.kinds import ContributionSource as Src
from ilot.game.core.kinds import Payer
from ilot.game.core.scenario import Scenario
from ilot.game.core.simulation import (
    Activation,
    Contribution,
    ExtraCost,
    ExtraHours,
    PlanInput,
    simulate,
)

RICH = Scenario.model_validate(json.loads(RICH_FILE.read_text(encoding="utf-8")))


def variant(change) -> Scenario:
    data = json.loads(RICH_FILE.read_text(encoding="utf-8"))
    change(data)
    return Scenario.model_validate(data)


def _narrow(data: dict) -> None:  # tight bounds, so clamping happens often
    for ind in data["indicators"]:
        ind["min"], ind["max"] = ind["initial"] - 4, ind["initial"] + 4


NARROW = variant(_narrow)
QUIET = variant(lambda d: d.__setitem__("events", []))


def targets(sc: Scenario) -> list[str]:
    return [i.id for i in sc.indicators] + ["charges"] + [f"workload:{m.id}" for m in sc.metiers]


def check_sums(sc: Scenario, traj) -> None:
    initial = {i.id: i.initial for i in sc.indicators}
    base = sc.budget.base_charges_per_household_month
    for quarter in traj.quarters:
        for target in targets(sc):
            parts = traj.why(target, quarter.q)
            total = sum(c.value for c in parts)
            if target in initial:  # values are rounded to 0.001
                assert total == pytest.approx(quarter.indicators[target] - initial[target],
                                              abs=6e-4), (quarter.q, target, parts)
            elif target == "charges":  # rounded to the cent
                assert total == pytest.approx(quarter.charges - base, abs=6e-3), (quarter.q, parts)
            else:
                needed = quarter.workload[target.removeprefix("workload:")][0]
                assert total == pytest.approx(needed, abs=6e-3), (quarter.q, target, parts)
            sizes = [abs(c.value) for c in parts]
            assert sizes == sorted(sizes, reverse=True)
            assert all(c.value != 0 and c.source != Src.BASE for c in parts)
        if quarter.q == 0:
            assert all(traj.why(t, 0) == [] for t in targets(sc))


@st.composite
def plans(draw) -> tuple[Scenario, PlanInput, int]:
    sc = draw(st.sampled_from([RICH, NARROW]))
    plan = PlanInput()
    for space in sc.spaces:
        fitting = sc.uses_for(space)
        if fitting and draw(st.booleans()):
            use = draw(st.sampled_from(fitting))
            payer = draw(st.sampled_from(list(Payer)))
            plan.activations.append(Activation(
                space.id, use.id, draw(st.integers(1, 12)),
                draw(st.sampled_from([-1.0, 0.0, 12000.0])), payer,
                draw(st.sampled_from(list(Payer))), draw(st.booleans())))
    for n in range(draw(st.integers(0, 3))):
        plan.costs.append(ExtraCost(draw(st.integers(1, 12)), draw(st.sampled_from([300.0, 9000.0])),
                                    draw(st.sampled_from(list(Payer))), "extra", f"I{n}"))
    for _ in range(draw(st.integers(0, 3))):
        plan.hours.append(ExtraHours(draw(st.integers(1, 12)),
                                     draw(st.sampled_from([m.id for m in sc.metiers])),
                                     draw(st.sampled_from([2.0, 15.0]))))
    plan.rules = [(r.id, None) for r in sc.rules if draw(st.booleans())]
    return sc, plan, draw(st.integers(0, 1000))


@settings(max_examples=60, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(case=plans())
def test_contributions_add_up_to_every_number_at_every_quarter(case):
    sc, plan, seed = case
    check_sums(sc, simulate(sc, plan, seed))


def test_a_busy_plan_on_narrow_bounds_is_explained_with_limits():
    plan = PlanInput([Activation(s.id, sc_uses[0].id, 1, -1)
                      for s in NARROW.spaces if (sc_uses := NARROW.uses_for(s))],
                     rules=[(r.id, None) for r in NARROW.rules])
    traj = simulate(NARROW, plan, 3)
    check_sums(NARROW, traj)
    limits = [c for ind in NARROW.indicators for c in traj.why(ind.id) if c.source == Src.LIMIT]
    assert limits, "a busy plan within ±4 points must hit a bound"


def test_a_use_its_conflict_and_the_rise_of_charges(rich=QUIET):
    use = rich.use("jardin_partage")
    space = next(s for s in rich.spaces if rich.use_fits(use, s) and "ombre" in s.constraints)
    traj = simulate(rich, PlanInput([Activation(space.id, use.id, 1, use.investment)]))
    why = traj.why("usage")
    assert Contribution(Src.USE, use.id, space.id, use.effects["usage"]) in why
    conflict = next(c for c in use.conflicts if c.with_constraint == "ombre")
    assert Contribution(Src.CONFLICT, use.id, space.id, conflict.effects["usage"]) in why
    half = traj.why("cohesion", 1)  # ramped in over two quarters
    assert Contribution(Src.USE, use.id, space.id, use.effects["cohesion"] / 2) in half
    monthly = use.running_cost_per_year * use.recoverable_share / 12 / rich.budget.households
    assert traj.why("charges") == [Contribution(Src.USE, use.id, space.id, pytest.approx(monthly))]
    effect = rich.simulation.charges_effects["satisfaction_habitants"]
    rise = [c for c in traj.why("satisfaction_habitants") if c.source == Src.CHARGES]
    assert rise == [Contribution(Src.CHARGES, "", None, pytest.approx(effect * (traj.final.charges - 68),
                                                                      abs=1e-2))]
    hours = {f"workload:{m}": h for m, h in use.maintenance_hours.items()}
    for target, h in hours.items():
        assert traj.why(target) == [Contribution(Src.USE, use.id, space.id, h)]


def test_rules_events_degraded_spaces_overload_and_plan_costs():
    sc = RICH
    rule = next(r for r in sc.rules if r.effects and r.maintenance_hours)
    plan = PlanInput(costs=[ExtraCost(2, 1840.0, Payer.CHARGES, "Fête", "I7")],
                     rules=[(rule.id, "hall_a")])
    traj = simulate(sc, plan, 1)
    k, v = next(iter(rule.effects.items()))
    assert Contribution(Src.RULE, rule.id, "hall_a", v) in traj.why(k)
    m, h = next(iter(rule.maintenance_hours.items()))
    assert Contribution(Src.RULE, rule.id, "hall_a", h) in traj.why(f"workload:{m}")
    # 1840 € over 184 households, spread over 12 months from quarter 2 to 5
    assert traj.why("charges", 2) == [Contribution(Src.PLAN, "I7", None, pytest.approx(10 / 12))]
    assert traj.why("charges", 6) == []
    fixed = next(e for e in sc.events if e.trigger.quarter is not None and e.effects)
    k, v = next(iter(fixed.effects.items()))
    at = fixed.trigger.quarter
    assert Contribution(Src.EVENT, fixed.id, None, v) in traj.why(k, at)
    assert not any(c.source == Src.EVENT for c in traj.why(k, at - 1) if c.ref == fixed.id)
    degraded = [s.id for s in sc.spaces if s.condition < 40]
    k, v = next(iter(sc.simulation.condition_effects.items()))
    assert {c.space for c in traj.why(k) if c.source == Src.DEGRADED} == set(degraded)
    # every use's hours on one métier's back: its overload shows, by métier
    heavy = PlanInput([Activation(s.id, u[0].id, 1, -1) for s in sc.spaces if (u := sc.uses_for(s))])
    busy = simulate(sc, heavy, 1)
    over = {m for m, (need, avail) in busy.final.workload.items() if need > avail}
    assert over
    k = next(iter(sc.simulation.overload_effects))
    assert {c.ref for c in busy.why(k) if c.source == Src.OVERLOAD} == over


def test_an_unknown_target_is_a_key_error():
    traj = simulate(RICH, PlanInput())
    with pytest.raises(KeyError):
        traj.why("bonheur")
    with pytest.raises(KeyError):
        traj.why("workload:astronaute")

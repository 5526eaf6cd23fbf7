"""A plan's investment against the budget (`simulation.bailleur_investment`), for one group's
items or the whole plan (`plan_from_state(state, items)`)."""

from __future__ import annotations

import pytest

from ilot.game.core.kinds import Payer
from ilot.game.core.simulation import (
    PlanInput,
    bailleur_investment,
    plan_from_state,
    simulate,
    simulate_state,
)
from ilot.game.debrief.scripted import play


@pytest.fixture(scope="module")
def script(rich):
    return play(rich, participants=9, scale=1.0, seed=5)


def test_the_investment_is_what_the_plan_spends_and_events_are_apart(rich, script):
    s = script.state
    traj = simulate_state(s)
    events = {e.id: e.cost for e in rich.events}
    fired = sum(events[e] for q in traj.quarters for e in q.events)
    assert bailleur_investment(rich, plan_from_state(s)) == pytest.approx(traj.final.invested)
    assert traj.final.unplanned == pytest.approx(fired)


def test_nothing_planned_invests_nothing_and_the_status_quo_repairs_show_apart(rich):
    """« Investissement engagé » showed 26 000 € before anything was planned: the repairs of
    scenario events are not the plan's investment."""
    traj = simulate(rich, PlanInput(), rich.seed)
    costly = {e.id: e.cost for e in rich.events if e.cost > 0}
    fired = [e for q in traj.quarters for e in q.events if e in costly]
    assert fired, "the status quo of the rich scenario brings costly events"
    assert all(q.invested == 0.0 for q in traj.quarters)
    assert traj.final.unplanned == pytest.approx(sum(costly[e] for e in fired))


def test_a_plan_of_chosen_items(rich, script):
    s = script.state
    schema_only = plan_from_state(s, [])
    assert not schema_only.costs
    base = bailleur_investment(rich, schema_only)
    assert base == sum(rich.use(p.use).investment for p in s.schema.values())
    loose = [i for i in s.plan.values() if i.use is None and i.cost > 0]
    assert loose
    item = loose[0]
    extra = item.cost if item.payer == Payer.BAILLEUR else 0.0
    assert bailleur_investment(rich, plan_from_state(s, [item])) == pytest.approx(base + extra)

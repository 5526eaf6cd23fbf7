"""Play a plan forward quarter by quarter over 3 years and watch the block's indicators move.

Everything numeric comes from the scenario: each running use adds its effects (ramped in over
`simulation.ramp_quarters`), conflicts with constraints or neighbouring uses add theirs, adopted
management rules theirs, caretakers' overload and the rise of tenants' charges theirs, and seeded
scenario events fire on the way. An experiment ends with an outcome judged on its criteria: kept
when it meets them, stopped otherwise. Same plan + same seed → same trajectory.

Every quarter also records what made each number what it is (`Contribution`s, asked with
`Trajectory.why`): an indicator's value minus its initial, the charges above the base and each
métier's weekly hours needed are exactly the sum of their contributions.
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from .kinds import (
    ContributionSource,
    ExperimentOutcome,
    IncomeTarget,
    Payer,
    PayerKind,
    UseAttach,
)
from .scenario import Scenario
from .state import PlanItem, State

QUARTERS = 12
DEGRADED = 40  # a space in a condition below this counts as degraded
CHARGES_TARGET = "charges"  # Trajectory.why's target for the charges per household per month
WORKLOAD_PREFIX = "workload:"  # Trajectory.why's target for a métier's weekly hours needed

Key = tuple[ContributionSource, str, str | None]  # (source, ref, space) of a contribution


@dataclass(frozen=True, slots=True)
class Contribution:
    """A part of a simulated number at a quarter: what moved it (`source`), which use, rule,
    event, métier or plan item (`ref`, "" when none), where (`space`, else None), by how much
    (`value`, in the target's unit: indicator points, euros per household per month, weekly
    hours)."""

    source: ContributionSource
    ref: str
    space: str | None
    value: float


@dataclass(frozen=True, slots=True)
class Activation:
    """A use running on a space from `start` (quarter 1..12); `space` None: a service of the
    îlot or of a building (`Use.attach`), which has no conflicts and no neighbours."""

    space: str | None
    use: str
    start: int
    investment: float
    payer: str = Payer.BAILLEUR  # who pays the investment (a payer id of the scenario)
    # recoverable running costs go to the charges unless the landlord pays them
    running_payer: str = Payer.CHARGES
    experiment: bool = False


@dataclass(frozen=True, slots=True)
class ExtraCost:
    quarter: int
    cost: float
    payer: str  # a payer id of the scenario
    what: str = ""
    ref: str = ""  # the plan item's id (a `plan` contribution's ref)


@dataclass(frozen=True, slots=True)
class ExtraHours:
    """Weekly hours the plan adds to a métier from `quarter` on (a recruitment, a new mission)."""

    quarter: int
    metier: str
    hours: float


@dataclass(slots=True)
class PlanInput:
    activations: list[Activation] = field(default_factory=list)
    costs: list[ExtraCost] = field(default_factory=list)
    hours: list[ExtraHours] = field(default_factory=list)
    rules: list[tuple[str, str | None]] = field(default_factory=list)  # (rule id, space)


@dataclass(slots=True)
class Quarter:
    q: int
    indicators: dict[str, float]
    workload: dict[str, tuple[float, float]]  # métier -> (hours needed, hours available) weekly
    overload_pct: float
    invested: float  # cumulative: what the plan has the bailleur invest (uses, items' costs)
    charges: float  # per household per month
    operating: float  # bailleur's yearly running cost at this quarter's rate (non-recoverable + extra hours)
    active: list[tuple[str, str]]  # (space, use)
    events: list[str]
    # target ("<indicator>", "charges", "workload:<métier>") -> (source, ref, space) -> value
    contributions: dict[str, dict[Key, float]] = field(default_factory=dict)
    # cumulative: what the bailleur pays that no plan chose (scenario events' costs: the repairs
    # of the status quo), kept apart from `invested` and from the investment budget
    unplanned: float = 0.0
    # cumulative, by payer id: what funders other than the landlord and the charges put in
    funded: dict[str, float] = field(default_factory=dict)
    services: list[str] = field(default_factory=list)  # uses running with no space (sorted ids)


@dataclass(slots=True)
class Trajectory:
    quarters: list[Quarter]
    experiments: list[dict[str, Any]]
    investment_budget: float

    @property
    def final(self) -> Quarter:
        return self.quarters[-1]

    @property
    def start(self) -> Quarter:
        return self.quarters[0]

    def why(self, target: str, q: int | None = None) -> list[Contribution]:
        """Contributions to `target` at quarter q (default: the last), largest |value| first.
        target: an indicator id, "charges" (euros per household per month above the base), or
        "workload:<metier id>" (weekly hours needed). Their sum is the indicator's value minus
        its initial (clamping at min/max shows as a `limit` contribution; the value itself is
        rounded to 0.001), the charges minus the base, the hours needed. Zero parts are left
        out; quarter 0 (before the plan) has none. KeyError for an unknown target."""
        parts = self.quarters[-1 if q is None else q].contributions[target]
        out = [Contribution(src, ref, space, value)
               for (src, ref, space), value in parts.items() if abs(value) > 1e-9]
        out.sort(key=lambda c: (-abs(c.value), c.source, c.ref, c.space or ""))
        return out

    def to_dict(self) -> dict[str, Any]:
        return {
            "quarters": [
                {"q": q.q, "indicators": q.indicators,
                 "workload": {m: list(v) for m, v in q.workload.items()},
                 "overload_pct": q.overload_pct, "invested": q.invested,
                 "unplanned": q.unplanned, "funded": q.funded, "services": q.services,
                 "charges": q.charges,
                 "operating": q.operating,
                 "active": [list(a) for a in q.active], "events": q.events}
                for q in self.quarters
            ],
            "experiments": self.experiments,
            "investment_budget": self.investment_budget,
        }


def plan_from_state(state: State, items: Iterable[PlanItem] | None = None) -> PlanInput:
    """The plan as it stands: the schéma directeur, the action plan and the charter.

    The action plan used is `items` when given (one group's items, a draft of the final plan),
    else the final one when the trainer has chosen final items, otherwise every group's items.
    An item naming a use and a space starts that use at its quarter, with its cost and payer;
    an item with a use but no space applies to where the schéma places it, or starts it as a
    service when the use is one (`Use.attach`: the îlot or a building, no space).
    """
    sc = state.scenario
    if items is None:
        items = [i for i in state.plan.values() if i.final] or list(state.plan.values())
    items = sorted(items, key=lambda i: (i.quarter, i.id))
    by_use_space: dict[tuple[str, str], PlanItem] = {}
    services: dict[str, PlanItem] = {}
    loose: list[PlanItem] = []
    uses = sc.index("use")
    for item in items:
        key: tuple[str, str] | None = None
        service = uses.get(item.use or "")
        if service is not None and service.attach != UseAttach.SPACE and item.space is None:
            if service.id in services:  # a second item for it is an extra cost
                loose.append(item)
            else:
                services[service.id] = item
            continue
        if item.use is not None and item.space is None:
            spaces = [s for s, p in state.schema.items() if p.use == item.use]
            key = (spaces[0], item.use) if spaces else None
        elif item.use is not None and item.space is not None:
            key = (item.space, item.use)
        if key is None or key in by_use_space:  # a second item there is an extra cost
            loose.append(item)
        else:
            by_use_space[key] = item
    plan = PlanInput()
    placed: set[str] = set()
    for space, p in sorted(state.schema.items()):
        placed_item = by_use_space.pop((space, p.use), None)
        plan.activations.append(_activation(sc, space, p.use, (p.year - 1) * 4 + 1, placed_item))
        placed.add(space)
    for (space, use), item in sorted(by_use_space.items()):
        if space in placed:
            loose.append(item)
            continue
        plan.activations.append(_activation(sc, space, use, item.quarter, item))
        placed.add(space)
    for use_id, item in sorted(services.items(), key=lambda kv: (kv[1].quarter, kv[0])):
        plan.activations.append(_activation(sc, None, use_id, item.quarter, item))
    for item in loose:
        if item.cost > 0:
            plan.costs.append(ExtraCost(item.quarter, item.cost, item.payer, item.what, item.id))
    plan.hours = [ExtraHours(i.quarter, i.lead, i.hours) for i in items
                  if i.hours > 0 and i.lead in sc.index("metier")]
    plan.rules = [(e.rule, e.space) for e in sorted(state.charter.values(), key=lambda e: e.id)]
    return plan


def _activation(sc: Scenario, space: str | None, use_id: str, start: int,
                item: PlanItem | None) -> Activation:
    use = sc.use(use_id)
    if item is None:
        return Activation(space, use_id, start, use.investment)
    return Activation(space, use_id, item.quarter if item.quarter > start else start,
                      item.cost if item.cost > 0 else use.investment, item.payer, item.payer,
                      bool(item.experiment and use.experiment))


def bailleur_investment(sc: Scenario, plan: PlanInput) -> float:
    """What the bailleur invests over the 3 years for this plan (what the simulation compares
    with `budget.investment_total`): the investment of each use it pays for and the plan's
    costs it pays, scenario events aside (they are drawn during the simulation). Costs paid
    by the charges or by another funder (city, subsidy…) are not the bailleur's."""
    total = 0.0
    for a in plan.activations:
        if _kind(sc, a.payer) == PayerKind.LANDLORD:
            total += (a.investment if a.investment >= 0 else sc.use(a.use).investment) \
                + _space_extras(sc, a.space)[0]
    return total + sum(c.cost for c in plan.costs if _kind(sc, c.payer) == PayerKind.LANDLORD)


def investment_by_payer(sc: Scenario, plan: PlanInput) -> dict[str, float]:
    """What each payer puts into the plan over the 3 years, as `simulate` counts it: each use
    started (its investment and what its space's constraints add) and the plan's other costs.
    The landlord's is the last quarter's `invested`, another funder's its `funded`, the
    charges' the one-off costs spread over the households' charges. Payer ids as written."""
    out: dict[str, float] = {}
    for a in plan.activations:
        if 1 <= a.start <= QUARTERS:
            base = a.investment if a.investment >= 0 else sc.use(a.use).investment
            out[a.payer] = out.get(a.payer, 0.0) + base + _space_extras(sc, a.space)[0]
    for c in plan.costs:
        if 1 <= c.quarter <= QUARTERS:
            out[c.payer] = out.get(c.payer, 0.0) + c.cost
    return out


def _space_extras(sc: Scenario, space: str | None) -> tuple[float, float, dict[str, float]]:
    """What the constraints of `space` add to any use on it: (investment, running cost a year,
    effects); nothing for a service (no space)."""
    if space is None:
        return 0.0, 0.0, {}
    constraints = sc.index("constraint")
    found = [constraints[c] for c in sc.space(space).constraints if c in constraints]
    effects: dict[str, float] = {}
    for c in found:
        for k, v in c.effects.items():
            effects[k] = effects.get(k, 0.0) + v
    return (sum(c.investment for c in found), sum(c.running_cost_per_year for c in found),
            effects)


def _kind(sc: Scenario, pid: str) -> PayerKind:
    """What payer `pid` is; an id the scenario does not know counts as the landlord's."""
    return sc.payer_kind(pid) or PayerKind.LANDLORD


def plan_from_placements(placements: dict[str, str], start: int = 1) -> PlanInput:
    """A plan that simply starts the given uses (a group draft, a proposal) at `start`."""
    return PlanInput(activations=[Activation(s, u, start, -1) for s, u in sorted(placements.items())])


def simulate(sc: Scenario, plan: PlanInput, seed: int = 0) -> Trajectory:
    sim = sc.simulation
    inds = sc.indicators
    budget = sc.budget
    households = budget.households
    base_charges = budget.base_charges_per_household_month
    metiers = sc.metiers
    spaces = sc.index("space")
    uses = sc.index("use")
    rules_index = sc.index("rule")
    initial = {i.id: float(i.initial) for i in inds}
    workload_keys = {m.id: f"{WORKLOAD_PREFIX}{m.id}" for m in metiers}

    acts: list[Activation] = []
    extra_running: list[float] = []  # what the constraints of its space add to each use
    extra_effects: list[dict[str, float]] = []
    for a in plan.activations:
        investment, yearly, effects = _space_extras(sc, a.space)
        base = a.investment if a.investment >= 0 else uses[a.use].investment
        acts.append(a if base + investment == a.investment else
                    replace(a, investment=base + investment))
        extra_running.append(yearly)
        extra_effects.append(effects)
    akeys = [_use_key(a) for a in acts]  # each activation's contribution key
    stopped: dict[int, int] = {}  # activation index -> first quarter it no longer runs
    experiments: list[dict[str, Any]] = []
    fired: dict[str, int] = {}
    event_spans: list[tuple[int, int | None, dict[str, float], str]] = []
    invested = 0.0
    unplanned = 0.0
    funded: dict[str, float] = {}  # other funders' payments (city, subsidy…), cumulative
    kinds = {pid: _kind(sc, pid) for pid in {a.payer for a in acts} | {a.running_payer for a in acts}
             | {c.payer for c in plan.costs}}
    one_off_charges: list[tuple[int, float, Key]] = []  # (first quarter, €/household-month, why)
    spread_q = 4
    history: list[Quarter] = []

    base_workload = {m.id: (0.0, m.hours_per_week) for m in metiers}
    targets = [*initial, CHARGES_TARGET, *workload_keys.values()]
    history.append(Quarter(0, dict(initial), base_workload, 0.0, 0.0, base_charges, 0.0, [], [],
                           {t: {} for t in targets}))

    rule_effects: dict[str, float] = {}
    rule_hours: dict[str, float] = {}
    # the rules' parts are the same every quarter: each quarter's parts start from a copy
    rule_parts: dict[str, dict[Key, float]] = {t: {} for t in targets}
    for rule_id, rule_space in plan.rules:
        r = rules_index.get(rule_id)
        if r is None:
            continue
        key: Key = (ContributionSource.RULE, rule_id, rule_space)
        for k, v in r.effects.items():
            rule_effects[k] = rule_effects.get(k, 0.0) + v
            _put(rule_parts, k, key, v)
        for k, v in r.maintenance_hours.items():
            rule_hours[k] = rule_hours.get(k, 0.0) + v
            _put(rule_parts, workload_keys.get(k), key, v)

    for q in range(1, QUARTERS + 1):
        running = [(i, a) for i, a in enumerate(acts) if a.start <= q and stopped.get(i, 99) > q]
        running_uses = {a.use for _, a in running}
        by_space: dict[str, list[str]] = {}
        for _, a in running:
            if a.space is not None:
                by_space.setdefault(a.space, []).append(a.use)
        parts = {t: dict(d) for t, d in rule_parts.items()}
        charge_parts = parts[CHARGES_TARGET]

        # costs this quarter
        for n, a in enumerate(acts):
            if a.start == q:
                kind = kinds[a.payer]
                if kind == PayerKind.CHARGES:
                    one_off_charges.append((q, a.investment / households / (spread_q * 3),
                                            akeys[n]))
                elif kind == PayerKind.LANDLORD:
                    invested += a.investment
                else:
                    funded[a.payer] = funded.get(a.payer, 0.0) + a.investment
        for c in plan.costs:
            if c.quarter == q:
                kind = kinds[c.payer]
                if kind == PayerKind.CHARGES:
                    one_off_charges.append((q, c.cost / households / (spread_q * 3),
                                            (ContributionSource.PLAN, c.ref, None)))
                elif kind == PayerKind.LANDLORD:
                    invested += c.cost
                else:
                    funded[c.payer] = funded.get(c.payer, 0.0) + c.cost

        # workload
        needed = {m.id: rule_hours.get(m.id, 0.0) for m in metiers}
        for i, a in running:
            key = akeys[i]
            for metier, h in uses[a.use].maintenance_hours.items():
                needed[metier] += h
                _put(parts, workload_keys[metier], key, h)
        avail = {m.id: m.hours_per_week for m in metiers}
        added = {m.id: 0.0 for m in metiers}
        for x in plan.hours:
            if x.quarter <= q and x.metier in added:
                added[x.metier] += x.hours
        for m in metiers:
            avail[m.id] += added[m.id]
        workload = {m.id: (round(needed[m.id], 2), round(avail[m.id], 2)) for m in metiers}
        total_avail = sum(avail.values()) or 1.0
        overs = {m.id: needed[m.id] - avail[m.id] for m in metiers if needed[m.id] > avail[m.id]}
        over = sum(max(0.0, needed[m.id] - avail[m.id]) for m in metiers)
        overload_pct = 100.0 * over / total_avail

        # charges per household per month, and what stays with the bailleur
        recoverable = 0.0
        operating = sum((max(0.0, needed[m.id] - avail[m.id]) + added[m.id]) * m.hourly_cost * 52
                        for m in metiers)
        for i, a in running:
            use = uses[a.use]
            share = 0.0 if kinds[a.running_payer] == PayerKind.LANDLORD else use.recoverable_share
            cost = use.running_cost_per_year + extra_running[i]
            recoverable += cost * share
            operating += cost * (1 - share)
            if share:
                _put_one(charge_parts, akeys[i], cost * share / 12 / households)
            if use.income_per_year:  # rents, takings: the operating cost or the charges go down
                if use.income_lowers == IncomeTarget.CHARGES:
                    recoverable -= use.income_per_year
                    _put_one(charge_parts, akeys[i], -use.income_per_year / 12 / households)
                else:
                    operating -= use.income_per_year
        charges = base_charges + recoverable / 12 / households
        spreading = [(v, key) for start, v, key in one_off_charges if start <= q < start + spread_q]
        charges += sum(v for v, _ in spreading)
        for v, key in spreading:
            _put_one(charge_parts, key, v)

        # indicators
        values = dict(initial)

        def add(effects: dict[str, float], factor: float, key: Key) -> None:
            for k, v in effects.items():
                x = v * factor
                values[k] += x  # noqa: B023  (called only within this quarter)
                d = parts[k]  # noqa: B023
                d[key] = d.get(key, 0.0) + x

        for i, a in running:
            use = uses[a.use]
            ramp = min(1.0, (q - a.start + 1) / sim.ramp_quarters)
            add(use.effects, ramp, akeys[i])
            if a.space is None:  # a service: no constraint, no neighbour
                continue
            if extra_effects[i]:
                add(extra_effects[i], ramp, (ContributionSource.CONFLICT, a.use, a.space))
            space = spaces[a.space]
            for conflict in use.conflicts:
                near_constraint = conflict.with_constraint and conflict.with_constraint in space.constraints
                near_use = conflict.with_use and any(
                    conflict.with_use in by_space.get(n, ()) for n in space.neighbours)
                if near_constraint or near_use:
                    add(conflict.effects, ramp, (ContributionSource.CONFLICT, a.use, a.space))
        for k, v in rule_effects.items():
            values[k] += v
        if overs:
            for k, v in sim.overload_effects.items():
                values[k] += v * (overload_pct / 10)
                for metier, over_m in overs.items():
                    _put(parts, k, (ContributionSource.OVERLOAD, metier, None),
                         v * (10.0 * over_m / total_avail))
        else:
            for k, v in sim.overload_effects.items():
                values[k] += v * (overload_pct / 10)
        rise = max(0.0, charges - base_charges)
        add(sim.charges_effects, rise, (ContributionSource.CHARGES, "", None))
        idle = [s.id for s in sc.play_spaces() if s.condition < DEGRADED and s.id not in by_space]
        for k, v in sim.condition_effects.items():
            values[k] += v * len(idle)
            for sid in idle:
                _put(parts, k, (ContributionSource.DEGRADED, "", sid), v)
        for start, duration, effects, ev_id in event_spans:
            if duration is None or q < start + duration:
                add(effects, 1.0, (ContributionSource.EVENT, ev_id, None))

        # scenario events (judged on last quarter's values, fired at most once)
        prev = history[-1].indicators
        new_events = []
        for ev in sc.events:
            if ev.id in fired:
                continue
            t = ev.trigger
            if t.unless_use and t.unless_use in running_uses:
                continue
            if t.quarter is not None:
                hit = t.quarter == q
            elif t.chance is not None:
                hit = t.from_quarter <= q <= t.to_quarter and \
                    random.Random(f"{seed}:{ev.id}:{q}").random() < t.chance
            elif t.indicator is not None:
                v = prev[t.indicator]
                hit = t.from_quarter <= q <= t.to_quarter and (
                    (t.below is not None and v < t.below) or (t.above is not None and v > t.above))
            else:  # no trigger at all: scenario_check refuses such a scenario
                hit = False
            if hit:
                fired[ev.id] = q
                new_events.append(ev.id)
                event_spans.append((q, ev.duration_quarters, ev.effects, ev.id))
                add(ev.effects, 1.0, (ContributionSource.EVENT, ev.id, None))
                unplanned += ev.cost

        for ind in inds:
            raw = values[ind.id]
            values[ind.id] = clamped = round(min(ind.max, max(ind.min, raw)), 3)
            if raw < ind.min or raw > ind.max:
                parts[ind.id][_LIMIT] = clamped - raw

        history.append(Quarter(q, values, workload, round(overload_pct, 2), round(invested, 2),
                               round(charges, 2), round(operating, 2),
                               sorted((a.space, a.use) for _, a in running if a.space is not None),
                               new_events, parts, round(unplanned, 2),
                               {k: round(v, 2) for k, v in sorted(funded.items())},
                               sorted(a.use for _, a in running if a.space is None)))

        # experiments ending this quarter
        for i, a in running:
            spec = uses[a.use].experiment
            if not a.experiment or spec is None:
                continue
            end = a.start + math.ceil(spec.months / 3) - 1
            if end != q:
                continue
            before = history[a.start - 1].indicators
            checks: list[dict[str, Any]] = [
                {"indicator": c.indicator, "min_change": c.min_change,
                 "change": round(values[c.indicator] - before[c.indicator], 3)}
                for c in spec.criteria]
            success = all(ch["change"] >= ch["min_change"] for ch in checks)
            if not success:
                stopped[i] = q + 1
            experiments.append({"space": a.space, "use": a.use, "start": a.start, "end": q,
                                "success": success, "criteria": checks,
                                "outcome": ExperimentOutcome.KEPT if success
                                else ExperimentOutcome.STOPPED})

    return Trajectory(history, experiments, budget.investment_total)


_LIMIT: Key = (ContributionSource.LIMIT, "", None)


def _use_key(a: Activation) -> Key:
    if a.space is None:
        return (ContributionSource.SERVICE, a.use, None)
    return (ContributionSource.USE, a.use, a.space)


def _put(parts: dict[str, dict[Key, float]], target: str | None, key: Key, value: float) -> None:
    if target is not None:
        d = parts[target]
        d[key] = d.get(key, 0.0) + value


def _put_one(d: dict[Key, float], key: Key, value: float) -> None:
    d[key] = d.get(key, 0.0) + value


def simulate_state(state: State) -> Trajectory:
    return simulate(state.scenario, plan_from_state(state), state.seed)


def persona_scores(sc: Scenario, traj: Trajectory) -> dict[str, float]:
    """How each persona fares: the interest-weighted change of indicators, start to end."""
    start, end = traj.start.indicators, traj.final.indicators
    out = {}
    for p in sc.personas:
        total = sum(abs(w) for w in p.interests.values()) or 1.0
        out[p.id] = round(sum(w * (end[k] - start[k]) for k, w in p.interests.items()) / total, 2)
    return out

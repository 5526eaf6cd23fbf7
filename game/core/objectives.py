"""Whether a plan meets each private objective, measured on what the simulation computed.

`judge(objective, scenario, plan, trajectory)` gives a `Verdict`: met, not met, or judged by
the group (an objective no number can say), with the value measured and the target it was
compared with, for the display. Everything is read at the end of the 3 years
(`Trajectory.final`: indicators, charges, workload, overload, investment, the uses still
running, so an experiment stopped does not count), from the trajectory's experiments and from
the plan's charter (its management rules). An objective is never reported met without its
condition holding: a missing value (an unknown indicator, métier…) is « not met ».
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .kinds import ExperimentOutcome, ObjectiveDirection, ObjectiveKind, ObjectiveVerdict
from .scenario import PrivateObjective, Scenario
from .simulation import PlanInput, Trajectory
from .state import State

K = ObjectiveKind
EPSILON = 1e-9  # values are rounded to cents / thousandths: compare without float noise


@dataclass(frozen=True, slots=True)
class Verdict:
    """`status` of one objective; `measured` against `target` (what they are depends on the
    kind: an indicator's value, euros, hours, a percentage, a number of experiments; None when
    the kind has no number), `found` the (space, use) pairs that decided a use or experiment
    objective (running, kept, or in the way), `stopped` those matching but stopped after their
    experiment."""

    objective: PrivateObjective
    status: ObjectiveVerdict
    measured: float | None = None
    target: float | None = None
    found: tuple[tuple[str | None, str], ...] = ()
    stopped: tuple[tuple[str | None, str], ...] = ()

    @property
    def met(self) -> bool | None:
        """True / False, None for an objective the group judges."""
        return None if self.status == ObjectiveVerdict.JUDGED else self.status == ObjectiveVerdict.MET


def plan_rules(plan: State | PlanInput) -> list[tuple[str, str | None]]:
    """(rule id, space or None) of the management rules the plan adopts (its charter)."""
    if isinstance(plan, State):
        return [(e.rule, e.space) for e in plan.charter.values()]
    return list(plan.rules)


def judge(objective: PrivateObjective, sc: Scenario, plan: State | PlanInput,
          traj: Trajectory) -> Verdict:
    o, end = objective, traj.final
    kind = o.kind

    def verdict(ok: bool, measured: float | None = None, target: float | None = None,
                found: Sequence[tuple[str | None, str]] = (),
                stopped: Sequence[tuple[str | None, str]] = ()) -> Verdict:
        return Verdict(o, ObjectiveVerdict.MET if ok else ObjectiveVerdict.NOT_MET, measured,
                       target, tuple(found), tuple(stopped))

    if kind == K.INDICATOR:
        value, target = end.indicators.get(o.indicator or ""), o.target
        if value is None or target is None:
            return verdict(False, value, target)
        ok = value >= target - EPSILON if o.direction == ObjectiveDirection.AT_LEAST \
            else value <= target + EPSILON
        return verdict(ok, value, target)
    if kind == K.INDICATOR_CHANGE:
        ind = sc.index("indicator").get(o.indicator or "")
        if ind is None or ind.id not in end.indicators or o.min_gain is None:
            return verdict(False, None, o.min_gain)
        gain = round(ind.gain(end.indicators[ind.id] - traj.start.indicators[ind.id]), 3)
        return verdict(gain >= o.min_gain - EPSILON, gain, o.min_gain)
    if kind == K.CHARGES_CEILING:
        ceiling = o.euros if o.euros is not None else 0.0
        return verdict(end.charges <= ceiling + EPSILON, end.charges, ceiling)
    if kind == K.CHARGES_RISE:
        rise = round(end.charges - traj.start.charges, 2)
        most = o.euros if o.euros is not None else 0.0
        return verdict(rise <= most + EPSILON, rise, most)
    if kind == K.WORKLOAD:
        needed, available = end.workload.get(o.metier or "", (None, None))
        if needed is None or available is None:
            return verdict(False)
        limit = available - o.margin_hours  # not rounded: a margin of 0,004 h still counts
        return verdict(needed <= limit + EPSILON, needed, round(limit, 2))
    if kind == K.OVERLOAD:
        most = o.percent if o.percent is not None else 0.0
        return verdict(end.overload_pct <= most + EPSILON, end.overload_pct, most)
    if kind == K.INVESTMENT:
        most = o.euros if o.euros is not None else traj.investment_budget
        return verdict(end.invested <= most + EPSILON, end.invested, most)
    # a space played as parts (capacity > 1) is named by its own id: any of its parts counts
    where = None if o.space is None else {o.space} | {p.id for p in sc.parts_of(o.space)}
    if kind in (K.USE, K.NO_USE):
        wanted = set(o.uses)
        found: list[tuple[str | None, str]] = [
            (s, u) for s, u in end.active
            if (not wanted or u in wanted) and (where is None or s in where)]
        if where is None:  # a service (no space) running counts as well
            found += [(None, u) for u in end.services if not wanted or u in wanted]
        stopped: list[tuple[str | None, str]] = [
            (e["space"], e["use"]) for e in traj.experiments
            if e["outcome"] == ExperimentOutcome.STOPPED
            and (not wanted or e["use"] in wanted) and (where is None or e["space"] in where)
            and (e["space"], e["use"]) not in found]
        ok = bool(found) if kind == K.USE else not found
        return verdict(ok, found=found, stopped=stopped)
    if kind == K.EXPERIMENT_KEPT:
        wanted = set(o.uses)
        kept = [(e["space"], e["use"]) for e in traj.experiments
                if e["outcome"] == ExperimentOutcome.KEPT and (not wanted or e["use"] in wanted)]
        stopped = [(e["space"], e["use"]) for e in traj.experiments
                   if e["outcome"] == ExperimentOutcome.STOPPED and (not wanted or e["use"] in wanted)]
        return verdict(len(kept) >= o.count, float(len(kept)), float(o.count), kept, stopped)
    if kind == K.RULE:
        rules = plan_rules(plan)
        ok = any(r == o.rule and (where is None or s is None or s in where) for r, s in rules)
        return verdict(ok)
    return Verdict(o, ObjectiveVerdict.JUDGED)


def judge_all(objectives: Sequence[PrivateObjective], sc: Scenario, plan: State | PlanInput,
              traj: Trajectory) -> list[Verdict]:
    return [judge(o, sc, plan, traj) for o in objectives]


def objectives_status(objectives: Sequence[PrivateObjective], sc: Scenario,
                      plan: State | PlanInput, traj: Trajectory) -> list[bool | None]:
    """Whether each objective is met at the end (None: judged by the group)."""
    return [v.met for v in judge_all(objectives, sc, plan, traj)]


def objectives_met(sc: Scenario, plan: State | PlanInput,
                   traj: Trajectory) -> dict[str, list[bool | None]]:
    """For each persona, whether each private objective is met at the end."""
    return {p.id: objectives_status(p.private_objectives, sc, plan, traj) for p in sc.personas}


def verdicts(sc: Scenario, plan: State | PlanInput, traj: Trajectory) -> dict[str, list[Verdict]]:
    """For each persona, the verdict of each private objective."""
    return {p.id: judge_all(p.private_objectives, sc, plan, traj) for p in sc.personas}

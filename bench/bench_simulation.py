"""Benchmark: one full simulation (13 quarters) of the rich scenario (target p99 ≤ 10 ms).

The plan is a busy one: a fitting use on every space (started over the three years, every third
one as an experiment, every fourth paid by the charges), every management rule adopted, extra
costs and hours. Times `simulate` (which also records every contribution, for
`Trajectory.why`), and then the `why` of every target at the last quarter.

    python bench/bench_simulation.py [--repeat 500]
    python bench/bench_simulation.py --against b61313d   # old and new alternated, same run

`--against REV` loads `game/core/simulation.py` of that git revision next to this one (it
imports the current kinds, scenario and state) and times both on the same plan, alternating
runs so both see the same machine load.
"""

from __future__ import annotations

import argparse
import importlib.util
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ilot.game.core import load_scenario  # noqa: E402
from ilot.game.core.kinds import Payer  # noqa: E402
from ilot.game.core.scenario import Scenario  # noqa: E402
from ilot.game.core.simulation import (  # noqa: E402
    Activation,
    ExtraCost,
    ExtraHours,
    PlanInput,
    simulate,
)


def busy_plan(sc: Scenario) -> PlanInput:
    plan = PlanInput()
    for n, space in enumerate(sc.spaces):
        fitting = sc.uses_for(space)
        if not fitting:
            continue
        use = fitting[n % len(fitting)]
        payer = Payer.CHARGES if n % 4 == 3 else Payer.BAILLEUR
        plan.activations.append(Activation(space.id, use.id, 1 + (n * 5) % 12, use.investment,
                                           payer, payer, experiment=n % 3 == 0))
    plan.costs = [ExtraCost(q, 3000.0, Payer.CHARGES if q % 2 else Payer.BAILLEUR, "extra")
                  for q in (2, 5, 9)]
    plan.hours = [ExtraHours(3, m.id, 4.0) for m in sc.metiers]
    plan.rules = [(r.id, None) for r in sc.rules]
    return plan


def old_simulation(rev: str) -> ModuleType:
    """`game/core/simulation.py` as it was at `rev`, as a module of the current core package."""
    src = subprocess.run(["git", "-C", str(ROOT), "show", f"{rev}:game/core/simulation.py"],
                         capture_output=True, text=True, check=True).stdout
    path = Path(tempfile.mkdtemp(prefix="ilot-bench-")) / "simulation_old.py"
    path.write_text(src, encoding="utf-8")
    spec = importlib.util.spec_from_file_location("ilot.game.core._simulation_old", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while it loads
    spec.loader.exec_module(module)
    return module


def old_plan(old: ModuleType, plan: PlanInput) -> object:
    return old.PlanInput(
        [old.Activation(a.space, a.use, a.start, a.investment, a.payer, a.running_payer,
                        a.experiment) for a in plan.activations],
        [old.ExtraCost(c.quarter, c.cost, c.payer, c.what) for c in plan.costs],
        [old.ExtraHours(h.quarter, h.metier, h.hours) for h in plan.hours], list(plan.rules))


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=500)
    parser.add_argument("--against", metavar="REV", help="also time the simulation of REV")
    args = parser.parse_args()
    sc = load_scenario(ROOT / "scenarios" / "ilot_des_tilleuls.json")
    plan = busy_plan(sc)
    if args.against:
        compare(sc, plan, args.against, args.repeat)
        return
    for _ in range(20):  # warm-up
        traj = simulate(sc, plan, 7)
    times = []
    for i in range(args.repeat):
        t0 = time.perf_counter()
        traj = simulate(sc, plan, i)
        times.append((time.perf_counter() - t0) * 1000)
    targets = [i.id for i in sc.indicators] + ["charges"] + [f"workload:{m.id}" for m in sc.metiers]
    why_times = []
    if hasattr(traj, "why"):
        for _ in range(max(1, args.repeat // 10)):
            t0 = time.perf_counter()
            for target in targets:
                traj.why(target)
            why_times.append((time.perf_counter() - t0) * 1000)
    print(f"python {platform.python_version()} {platform.machine()}, "
          f"{len(plan.activations)} uses, {len(plan.rules)} rules, {args.repeat} runs")
    print(f"simulate: p50 {statistics.median(times):.2f} ms, p99 {percentile(times, 99):.2f} ms, "
          f"max {max(times):.2f} ms")
    if why_times:
        print(f"why of all {len(targets)} targets at the last quarter: "
              f"p50 {statistics.median(why_times):.3f} ms, p99 {percentile(why_times, 99):.3f} ms")


def compare(sc: Scenario, plan: PlanInput, rev: str, repeat: int) -> None:
    old = old_simulation(rev)
    runs = {rev: (old.simulate, old_plan(old, plan)), "this checkout": (simulate, plan)}
    for fn, p in runs.values():
        for _ in range(20):
            fn(sc, p, 7)
    times: dict[str, list[float]] = {name: [] for name in runs}
    order = list(runs)
    for i in range(repeat):
        for name in order if i % 2 else reversed(order):
            fn, p = runs[name]
            t0 = time.perf_counter()
            fn(sc, p, i)
            times[name].append((time.perf_counter() - t0) * 1000)
    print(f"python {platform.python_version()} {platform.machine()}, {repeat} runs each, alternated")
    for name, ts in times.items():
        print(f"{name}: simulate p50 {statistics.median(ts):.2f} ms, "
              f"p99 {percentile(ts, 99):.2f} ms, max {max(ts):.2f} ms")


if __name__ == "__main__":
    main()

"""Debrief speed: rebuild a two-day session and seek anywhere in it.

Targets (issue 5): seeking anywhere in a ≥ 20 000-event session answers in ≤ 50 ms, and
rebuilding runs at ≥ 100 000 events/s. The session is the scripted two-day session of the rich
scenario with 30 participants (`game.debrief.scripted`), ~20 500 events.

    python bench/bench_seek.py [--participants 30] [--scale 16] [--seeks 500]
"""

from __future__ import annotations

import argparse
import gc
import platform
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ilot.game.core import load_scenario, replay, state_hash  # noqa: E402
from ilot.game.debrief.logfile import read_log, write_log  # noqa: E402
from ilot.game.debrief.scripted import play  # noqa: E402
from ilot.game.debrief.timeline import Timeline  # noqa: E402


def best_of(n: int, fn) -> float:
    times = []
    for _ in range(n):
        gc.collect()
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(p / 100 * len(values)))]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--participants", type=int, default=30)
    ap.add_argument("--scale", type=float, default=16)
    ap.add_argument("--seeks", type=int, default=500)
    args = ap.parse_args()
    sc = load_scenario(ROOT / "scenarios" / "ilot_des_tilleuls.json")
    script = play(sc, args.participants, args.scale, seed=7)
    events = script.events
    n = len(events)
    days = (events[-1].t - events[0].t) / 86400
    print(f"python {platform.python_version()} · {platform.machine()} · "
          f"session: {n} events, {args.participants} participants, {days:.1f} days")

    t = best_of(3, lambda: replay(sc, events))
    print(f"rebuild (core replay of Event objects)        {n / t:>10,.0f} events/s  ({t * 1000:.0f} ms)")
    dicts = [e.to_dict() for e in events]
    t = best_of(3, lambda: replay(sc, dicts))
    print(f"rebuild from decoded dicts (upcast + evolve)  {n / t:>10,.0f} events/s  ({t * 1000:.0f} ms)")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "session.jsonl"
        write_log(path, "BENCH", sc, events)
        size = path.stat().st_size
        t = best_of(3, lambda: read_log(path))
        print(f"read portable log ({size / 1e6:.1f} MB JSON Lines)         {n / t:>10,.0f} events/s  "
              f"({t * 1000:.0f} ms)")
    timelines = []
    t = best_of(3, lambda: timelines.append(Timeline(sc, events)))
    tl = timelines[-1]
    print(f"timeline build (one pass + {tl.snapshots} snapshots)       {n / t:>10,.0f} events/s  ({t * 1000:.0f} ms)")
    assert state_hash(tl.final) == state_hash(script.state)

    rng = random.Random(1)
    cold = []
    for _ in range(args.seeks):
        target = rng.randrange(n + 1)
        tl._current = None  # no working copy to reuse: the worst case, a jump backwards
        t = time.perf_counter()
        tl.state_at(target)
        cold.append((time.perf_counter() - t) * 1000)
    print(f"random seek ({args.seeks}x, from a snapshot)     p50 {pct(cold, 50):5.1f} ms · p95 "
          f"{pct(cold, 95):5.1f} ms · p99 {pct(cold, 99):5.1f} ms · max {max(cold):5.1f} ms")
    for check in (0, n // 3, n - 1):
        assert state_hash(tl.state_at(check)) == state_hash(replay(sc, events[:check]))
    steps = []
    tl.state_at(0)
    for i in range(1, n + 1, 7):
        t = time.perf_counter()
        tl.state_at(i)
        steps.append((time.perf_counter() - t) * 1000)
    print(f"playing forward (step of 7 events)           p50 {statistics.median(steps):5.2f} ms · "
          f"max {max(steps):5.1f} ms")
    import tracemalloc
    tracemalloc.start()
    Timeline(sc, events)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    print(f"timeline memory (peak, snapshots included)   {peak / 1e6:8.0f} MB")
    curve = best_of(1, lambda: Timeline(sc, events).indicator_curve())
    print(f"timeline + indicator curve over the session  {curve * 1000:8.0f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())

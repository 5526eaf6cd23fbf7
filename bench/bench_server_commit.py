"""Where an action's commit time goes: the game server under load, its commit pipeline timed.

    python bench/bench_server_commit.py [--interval 3 --seconds 15 --loaders 2]

Runs the real server (in a child process, with its `_flush`, `append_batch` and `_committed`
wrapped by timers) under the same load as bench_server.py, then prints percentiles of:
  handoff  `_flush` → the writer thread starts the transaction (thread wake-up + GIL)
  commit   BEGIN … COMMIT on the writer thread (the fsync)
  back     end of COMMIT → `_committed` runs on the event loop
  total    `_flush` → `_committed`
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

CHILD = r'''
import atexit, json, sys, time
from ilot.server import app, store
OUT = sys.argv[1]
samples = {"handoff": [], "commit": [], "back": [], "total": []}
mark = {}
flush, committed, append = app.IlotServer._flush, app.IlotServer._committed, store.Store.append_batch
def _flush(self):
    mark["t0"] = time.perf_counter()
    return flush(self)
def _append(self, items):
    t1 = time.perf_counter()
    samples["handoff"].append(t1 - mark["t0"])
    try:
        return append(self, items)
    finally:
        mark["t2"] = time.perf_counter()
        samples["commit"].append(mark["t2"] - t1)
def _committed(self, done, future):
    t3 = time.perf_counter()
    samples["back"].append(t3 - mark["t2"])
    samples["total"].append(t3 - mark["t0"])
    return committed(self, done, future)
app.IlotServer._flush, app.IlotServer._committed, store.Store.append_batch = _flush, _committed, _append
def report():
    out = {}
    for k, v in samples.items():
        v.sort()
        if v:
            out[k] = {"n": len(v), **{f"p{q}": round(v[min(len(v) - 1, int(q / 100 * len(v)))] * 1000, 2)
                                      for q in (50, 95, 99)}}
    with open(OUT, "w") as f:
        json.dump(out, f)
atexit.register(report)
sys.argv = ["ilot", "serve", *sys.argv[2:]]
from ilot.game.cli import main
main()
'''


def main() -> None:
    import bench_server

    p = argparse.ArgumentParser()
    p.add_argument("--interval", type=float, default=3.0)
    p.add_argument("--seconds", type=float, default=15.0)
    p.add_argument("--rooms", type=int, default=20)
    p.add_argument("--players", type=int, default=30)
    p.add_argument("--loaders", type=int, default=2)
    p.add_argument("--synchronous", default="FULL")
    a = p.parse_args()
    a.pin = False
    with tempfile.TemporaryDirectory() as data:
        out = Path(data) / "timings.json"
        proc, info = bench_server.start(
            [sys.executable, "-c", CHILD, str(out), "--data", str(Path(data) / "db"), "--port", "0",
             "--rate", "100", "--burst", "200", "--synchronous", a.synchronous], "Open rooms")
        try:
            loaders = bench_server.Loaders("game", info, a)
            step = loaders.step(proc.pid, a.interval, a.seconds, 0, a.rooms * a.players)
            loaders.close()
        finally:
            proc.terminate()
            proc.wait(10)
        print(json.dumps({"step": step}))
        for name, q in json.loads(out.read_text()).items():
            print(f"{name:8} n={q['n']:6}  p50 {q['p50']:6} ms  p95 {q['p95']:6} ms  p99 {q['p99']:6} ms")


if __name__ == "__main__":
    main()

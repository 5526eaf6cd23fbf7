"""Where an action's commit time goes: the game server under load, its commit pipeline timed.

    python bench/bench_server_commit.py [--interval 3 --seconds 15 --loaders 2]
    python bench/bench_server_commit.py --store pg       # PostgreSQL (server/pgtemp.py, fsync on)

Runs the real server (in a child process, with its `_flush`, `append_batch` and `_committed`
wrapped by timers) under the same load as bench_server.py, then prints percentiles of:
  handoff  `_flush` → the writer thread starts the transaction (thread wake-up + GIL)
  commit   BEGIN … COMMIT on the writer thread (the fsync)
  back     end of COMMIT → `_committed` runs on the event loop
  total    `_flush` → `_committed`
With `--store pg` (or `pg-nofsync`, a cluster with fsync=off), also each statement the writer
thread sends in a commit, by its first word (`sql:SELECT`, `sql:BEGIN`, `sql:INSERT`, `sql:COMMIT`):
a round trip to PostgreSQL each, the thread taking the GIL back after each.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

CHILD = r'''
import atexit, json, signal, sys, threading, time
from ilot.server import app, store, pgstore
from ilot.game.storage import pg
OUT = sys.argv[1]
samples = {"handoff": [], "commit": [], "back": [], "total": []}
mark = {}
flush, committed = app.IlotServer._flush, app.IlotServer._committed
PG = "--store" in sys.argv
cls = pgstore.PgStore if PG else store.Store
append = cls.append_batch
def timed_sql(method):
    def run(self, sql, *args):
        if not threading.current_thread().name.startswith("ilot-writer"):
            return method(self, sql, *args)
        t = time.perf_counter()
        try:
            return method(self, sql, *args)
        finally:
            samples.setdefault("sql:" + sql.split()[0], []).append(time.perf_counter() - t)
    return run
pg.PgDb.execute, pg.PgDb.executemany = timed_sql(pg.PgDb.execute), timed_sql(pg.PgDb.executemany)
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
app.IlotServer._flush, app.IlotServer._committed, cls.append_batch = _flush, _committed, _append
def reset(*_):  # the load starts: the set-up's commits (the seats) are not counted
    for v in samples.values():
        v.clear()
signal.signal(signal.SIGUSR1, reset)
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
    p.add_argument("--synchronous", default="FULL", help="SQLite's")
    p.add_argument("--store", choices=["sqlite", "pg", "pg-nofsync"], default="sqlite")
    a = p.parse_args()
    a.pin = False
    cluster = None
    if a.store != "sqlite":
        from ilot.server.pgtemp import TempPostgres

        cluster = TempPostgres(fsync=a.store == "pg").start()
    with tempfile.TemporaryDirectory() as data:
        out = Path(data) / "timings.json"
        where = (["--store", cluster.create_database("bench")] if cluster else
                 ["--data", str(Path(data) / "db"), "--synchronous", a.synchronous])
        proc, info = bench_server.start(
            [sys.executable, "-c", CHILD, str(out), *where,
             "--port", "0",
             "--rate", "100", "--burst", "200"], "Open rooms")
        try:
            loaders = bench_server.Loaders("game", info, a)
            os.kill(proc.pid, signal.SIGUSR1)
            step = loaders.step(proc.pid, a.interval, a.seconds, 0, a.rooms * a.players)
            loaders.close()
        finally:
            proc.terminate()
            proc.wait(10)
            if cluster is not None:
                cluster.stop()
        print(json.dumps({"step": step}))
        for name, q in json.loads(out.read_text()).items():
            print(f"{name:10} n={q['n']:6}  p50 {q['p50']:6} ms  p95 {q['p95']:6} ms  p99 {q['p99']:6} ms")


if __name__ == "__main__":
    main()

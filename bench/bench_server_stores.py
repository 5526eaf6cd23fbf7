"""The target load on the game server with each store, SQLite and PostgreSQL, in one run.

    python bench/bench_server_stores.py                        # sqlite,pg alternated, 2 repeats
    python bench/bench_server_stores.py --stores sqlite,pg,pg-nofsync --repeat 3
    python bench/bench_server_stores.py --seconds 10 --repeat 1   # shorter

The target load of bench_server.py (20 rooms × 30 players, one add_note every 3 s each, with its
load generator in `--loaders` processes) against `ilot serve --data DIR` (SQLite,
`synchronous=FULL`) and `ilot serve --store postgresql://…` (a throwaway cluster from
server/pgtemp.py, `fsync=on`, with PostgreSQL's default `synchronous_commit=on`: a commit
waits for its WAL flush, as SQLite's FULL waits for its fsync). `pg-nofsync` is a second cluster
with `fsync=off`, to see what the flush itself costs. Each store
gets a fresh server process and a fresh data directory or database per repeat; the stores
alternate (and their order flips every other repeat) so that all see the same machine.

Per step: p50/p95/p99/p99.9/max of the action → broadcast latency (measured by the sender on
its own broadcast echo), the server's CPU (% of a core and ms per accepted action), and for
PostgreSQL the CPU of the cluster's processes too (its share of the work that SQLite does inside
the server process), the load average and `uptime`. Prints JSON lines, then a Markdown table.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

from bench_server import Loaders, client_options, machine, machine_since, pooled, start  # noqa: E402
from bench_server_load import cpu_seconds, summary  # noqa: E402

STORES = ("sqlite", "pg", "pg-nofsync")


def uptime() -> str:
    return subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()


class Cluster:
    """A throwaway PostgreSQL cluster; the CPU time of all its processes."""

    def __init__(self, fsync: bool):
        from ilot.server.pgtemp import TempPostgres

        self.pg = TempPostgres(fsync=fsync).start()
        self.runs = 0

    def database(self) -> str:
        self.runs += 1
        return self.pg.create_database(f"bench{self.runs}")

    def pids(self) -> list[int]:
        master = int((self.pg.data / "postmaster.pid").read_text().split()[0])
        out = [master]
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == master:
                out.append(int(stat.parent.name))
        return out

    def cpu(self) -> float:
        """utime + stime of the postmaster and its live children, plus its reaped children's."""
        total = 0.0
        for pid in self.pids():
            try:
                total += cpu_seconds(pid)
            except OSError:  # a backend that just ended
                pass
        return total

    def stop(self) -> None:
        self.pg.stop()


def pct(lat: list[float], q: float) -> float:
    return round(lat[min(len(lat) - 1, int(q * len(lat)))], 2) if lat else float("nan")


def step(loaders: Loaders, pid: int, cluster: Cluster | None, a: argparse.Namespace,
         seconds: float, tag: int) -> dict:
    """One target-load step in every load process at once; its figures."""
    cpu0, pg0, wall0 = cpu_seconds(pid), cluster.cpu() if cluster else 0.0, time.perf_counter()
    machine0 = machine()
    for proc in loaders.procs:
        proc.stdin.write(f"step {a.interval} {seconds} {tag}\n")
        proc.stdin.flush()
    parts = [loaders._line(proc) for proc in loaders.procs]
    cpu, busy = cpu_seconds(pid) - cpu0, time.perf_counter() - wall0
    out = summary(parts, a.interval, seconds, cpu, busy, a.rooms * a.players)
    lat = sorted(x for p in parts for x in p["lat_ms"])
    out["lat"] = lat
    out.update(machine_since(machine0))
    out["p999_ms"], out["max_ms"] = pct(lat, 0.999), round(lat[-1], 2) if lat else float("nan")
    if cluster is not None:
        pg_cpu = cluster.cpu() - pg0
        out["pg_cpu_pct"] = round(100 * pg_cpu / busy, 1)
        out["pg_cpu_ms_per_action"] = round(1000 * pg_cpu / max(1, out["accepted_per_s"] * seconds), 3)
    return out


def run_store(store: str, clusters: dict[str, Cluster], a: argparse.Namespace) -> dict:
    load_before, up_before = os.getloadavg(), uptime()
    with tempfile.TemporaryDirectory() as data:
        cmd = [sys.executable, "-m", "ilot.server",
               "--port", "0", "--rate", "100", "--burst", "200"]
        cluster = clusters.get(store)
        if cluster is None:
            cmd += ["--data", data, "--synchronous", "FULL"]
        else:
            cmd += ["--store", cluster.database()]
        proc, info = start(cmd, "Open rooms")
        if a.pin:
            os.sched_setaffinity(proc.pid, {0})
        try:
            loaders = Loaders("game", info, a)
            if a.warmup > 0:
                step(loaders, proc.pid, cluster, a, a.warmup, 99)
            res = step(loaders, proc.pid, cluster, a, a.seconds, 0)
            loaders.close()
        finally:
            proc.terminate()
            proc.wait(10)
    return {"store": store, **res, "loadavg_before": load_before, "loadavg_after": os.getloadavg(),
            "uptime_before": up_before}


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--stores", default="sqlite,pg", help=f"comma-separated, of {', '.join(STORES)}")
    p.add_argument("--repeat", type=int, default=2)
    p.add_argument("--rooms", type=int, default=20)
    p.add_argument("--players", type=int, default=30)
    p.add_argument("--interval", type=float, default=3.0)
    p.add_argument("--seconds", type=float, default=20.0, help="duration of the measured step")
    p.add_argument("--warmup", type=float, default=3.0, help="a first, unmeasured step (s)")
    p.add_argument("--loaders", type=int, default=2, help="load generator processes")
    p.add_argument("--pin", action="store_true",
                   help="server and PostgreSQL on CPU 0, load generators on CPU 1")
    client_options(p)
    a = p.parse_args()
    stores = a.stores.split(",")
    if unknown := set(stores) - set(STORES):
        p.error(f"unknown stores: {sorted(unknown)}")
    clusters: dict[str, Cluster] = {}
    try:
        if "pg" in stores:
            clusters["pg"] = Cluster(fsync=True)
        if "pg-nofsync" in stores:
            clusters["pg-nofsync"] = Cluster(fsync=False)
        if a.pin:  # the database's work is the server's: on its core (new backends inherit it)
            for c in clusters.values():
                for pid in c.pids():
                    os.sched_setaffinity(pid, {0})
        print(f"start: {uptime()}", flush=True)
        results = []
        for n in range(a.repeat):
            for store in stores if n % 2 == 0 else stores[::-1]:
                r = run_store(store, clusters, a)
                r["repeat"] = n + 1
                print(json.dumps({k: v for k, v in r.items() if k != "lat"}), flush=True)
                results.append(r)
        print(f"end: {uptime()}", flush=True)
    finally:
        for c in clusters.values():
            c.stop()
    table(results, a)


def table(results: list[dict], a: argparse.Namespace) -> None:
    print(f"\n{a.rooms} rooms × {a.players} players, one add_note every {a.interval:g} s each, "
          f"{a.seconds:g} s per step\n")
    print("| repeat | store | accepted/s | lost | p50 ms | p95 ms | p99 ms | p99.9 ms | max ms "
          "| server CPU % | server CPU ms/action | PostgreSQL CPU % | PostgreSQL CPU ms/action "
          "| load avg before → after | steal ms | iowait ms | I/O stall ms |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for r in results:
        print(f"| {r['repeat']} | {r['store']} | {r['accepted_per_s']} | {r['lost'] + r['rejected']} "
              f"| {r['p50_ms']} | {r['p95_ms']} | {r['p99_ms']} | {r['p999_ms']} | {r['max_ms']} "
              f"| {r['server_cpu_pct']} | {r['server_cpu_ms_per_action']} "
              f"| {r.get('pg_cpu_pct', '–')} | {r.get('pg_cpu_ms_per_action', '–')} "
              f"| {r['loadavg_before'][0]:.2f} → {r['loadavg_after'][0]:.2f} | {r['steal_ms']} "
              f"| {r['iowait_ms']} | {r.get('io_stall_ms', '–')} |")
    print()
    for store in dict.fromkeys(r["store"] for r in results):
        lat = [x for r in results if r["store"] == store for x in r["lat"]]
        print(f"- {store}, all repeats pooled: {pooled(lat)}")


if __name__ == "__main__":
    main()

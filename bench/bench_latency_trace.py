"""Where an action's latency goes at the target load: timestamps on both sides of the wire.

    python bench/bench_latency_trace.py --pin --loaders 1             # one step without rejoins
    python bench/bench_latency_trace.py --pin --loaders 1 --rejoins   # the 5 seats rejoin twice
    python bench/bench_latency_trace.py --commit-probe    # plain SQLite commits, COW faults

The server (`bench_rejoin_load.py serve` with `--trace`) and the load generator
(`bench_server_load.py`, wrapped here) stamp every action with `time.perf_counter()`, which on
Linux is CLOCK_MONOTONIC, the same clock in every process, so the stamps of one action can be
put end to end:

    sent    the loader writes the act frame (LeanClient.act)
    read    the server's handler has parsed it (IlotServer._act): kernel + the server loop's
            backlog + websockets' reading
    flush   the group commit that takes it starts (IlotServer._flush): waiting for the flush
            callback, or for the commit in flight
    decided decide + evolve of its batch done, the commit handed to the writer thread
    fsync0/1 the writer thread's COMMIT (store.append_batch) begins / ends
    answer  the loop runs the commit's callback (IlotServer._committed): the loop's backlog
    sent_out the broadcast and acks are written to the sockets
    recv    the loader has parsed the echo (its own loop's backlog, kernel)

(`sent_out` is stamped once the whole batch is written, so `to_loader` can be negative.) The
server also records each garbage collection (gc.callbacks), each commit and each welcome child's
fork and life; for the server and the loader, /proc/PID/task/*/schedstat gives how long each
thread ran and how long it was runnable but waiting for a CPU. With TRACE_TICKER=1 in the
environment both loops also run a 1 ms ticker that records their gaps (it perturbs them: a
thousand wake-ups a second). Prints, for all actions and for the slowest 1 %, the median, p99
and mean of each segment.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

SEGMENTS = [("read", "sent", "read"), ("wait_flush", "read", "flush"),
            ("decide", "flush", "decided"), ("to_writer", "decided", "fsync0"),
            ("fsync", "fsync0", "fsync1"), ("to_callback", "fsync1", "answer"),
            ("broadcast", "answer", "sent_out"), ("to_loader", "sent_out", "recv"),
            ("total", "sent", "recv")]


def ticker(gaps: list[tuple[float, float]], every: float = 0.001) -> asyncio.Task:
    """Record (when, gap ms) of every loop gap over 2 ms."""
    loop = asyncio.get_running_loop()

    async def tick() -> None:
        last = time.perf_counter()
        while True:
            await asyncio.sleep(every)
            now = time.perf_counter()
            if now - last > 0.002:
                gaps.append((round(now, 6), round((now - last) * 1000, 3)))
            last = now
    return loop.create_task(tick())


def instrument(srv) -> dict:
    """Wrap the server's group-commit path with stamps; returns the trace, filled as it runs."""
    from ilot.server import snapshots

    trace: dict = {"actions": {}, "gaps": [], "gc": [], "children": [], "batches": []}
    acts = trace["actions"]
    act, flush, committed = srv._act, srv._flush, srv._committed
    append_batch = srv._writer_store.append_batch

    def _act(s, m, aid):
        acts[aid] = {"read": time.perf_counter()}
        act(s, m, aid)

    def _flush():
        t = time.perf_counter()
        batch = [aid for _, _, aid in srv._queue] if not srv._committing else []
        rec = {"aids": batch}
        for aid in batch:
            acts.get(aid, {}).setdefault("flush", t)

        def timed(items):
            rec["fsync0"] = time.perf_counter()
            try:
                return append_batch(items)
            finally:
                rec["fsync1"] = time.perf_counter()
        srv._writer_store.append_batch = timed
        flush()
        rec["decided"] = time.perf_counter()
        if batch and srv._committing:
            trace["batches"].append(rec)
            srv._pending_rec = rec

    def _committed(done, future):
        t = time.perf_counter()
        committed(done, future)
        t1 = time.perf_counter()
        rec = srv.__dict__.pop("_pending_rec", None)
        if rec is None:
            return
        rec["answer"], rec["sent_out"] = t, t1
        for aid in rec["aids"]:
            a = acts.get(aid)
            if a is not None:
                for k in ("decided", "fsync0", "fsync1", "answer", "sent_out"):
                    a[k] = rec[k]

    srv._act, srv._flush, srv._committed = _act, _flush, _committed

    started: dict[str, float] = {}

    def on_gc(phase, info):
        if phase == "start":
            started["t"] = time.perf_counter()
        else:
            t = time.perf_counter()
            trace["gc"].append((round(t, 6), info["generation"],
                                round((t - started.get("t", t)) * 1000, 3)))
    gc.callbacks.append(on_gc)

    spawn, collect = snapshots._spawn, snapshots._collect

    def _spawn(batch):
        t = time.perf_counter()
        out = spawn(batch)
        trace["children"].append({"fork0": t, "fork1": time.perf_counter(), "n": len(batch)})
        return out

    async def _collect(pid, r, n):
        try:
            return await collect(pid, r, n)
        finally:
            trace["children"][-1]["done"] = time.perf_counter()
    snapshots._spawn, snapshots._collect = _spawn, _collect
    return trace


def loader_main() -> None:
    """The load generator of bench_server_load.py, with each echo's stamps kept per step and
    written to `--trace-out`.TAG.json, and its loop's gaps."""
    import bench_server_load as m
    from bench_server_lean import LeanClient

    out = sys.argv[sys.argv.index("--trace-out") + 1]
    i = sys.argv.index("--trace-out")
    del sys.argv[i:i + 2]
    echoes: list[tuple[str, float, float]] = []
    gaps: list[tuple[float, float]] = []
    on_frame = m.Stats.on_frame

    def traced(self, c: LeanClient, payload: bytes) -> None:
        if c.pending:
            now = time.perf_counter()
            for aid in [aid for aid in c.pending if aid in payload]:
                echoes.append((aid.decode(), c.pending[aid], now))
        on_frame(self, c, payload)
    m.Stats.on_frame = traced
    step = m.step
    gcs: list = []
    started: dict[str, float] = {}

    def on_gc(phase, info):
        if phase == "start":
            started["t"] = time.perf_counter()
        else:
            t = time.perf_counter()
            gcs.append((round(t, 6), info["generation"], round((t - started.get("t", t)) * 1000, 3)))
    gc.callbacks.append(on_gc)

    async def traced_step(clients, interval, seconds, stats, tag=0, ping=0.0):
        echoes.clear()
        gaps.clear()
        gcs.clear()
        task = ticker(gaps) if os.environ.get("TRACE_TICKER") else None
        try:
            return await step(clients, interval, seconds, stats, tag, ping)
        finally:
            if task is not None:
                task.cancel()
            Path(f"{out}.{tag}.json").write_text(json.dumps({"echoes": echoes, "gaps": gaps,
                                                              "gc": gcs}))
    m.step = traced_step
    a = argparse.ArgumentParser()
    for k in ("--kind", "--host", "--port", "--key", "--rooms", "--room-offset", "--players"):
        a.add_argument(k)
    a.add_argument("--ping", type=float, default=5.0)
    args = a.parse_args()
    args.host = args.host or "127.0.0.1"
    args.port, args.rooms = int(args.port), int(args.rooms)
    args.players, args.room_offset = int(args.players), int(args.room_offset or 0)
    asyncio.run(m.main(args))


def segments(acts: dict, echoes: list) -> dict:
    """Per action, the segments' durations in ms; the totals' p50/p99 and the slowest 1 %."""
    rows = []
    for aid, t0, t1 in echoes:
        a = acts.get(aid)
        if a is None or "sent_out" not in a:
            continue
        stamps = {**a, "sent": t0, "recv": t1}
        rows.append({name: (stamps[b] - stamps[f]) * 1000 for name, f, b in SEGMENTS})
    rows.sort(key=lambda r: r["total"])
    slow = rows[int(0.99 * len(rows)):]

    def stats(rs: list[dict]) -> dict:
        out = {}
        for name, _, _ in SEGMENTS:
            xs = sorted(r[name] for r in rs)
            out[name] = {"p50": round(xs[len(xs) // 2], 3), "p99": round(xs[int(0.99 * len(xs))], 3),
                         "mean": round(sum(xs) / len(xs), 3)} if xs else {}
        return out
    return {"n": len(rows), "all": stats(rows), "slowest_1pct": stats(slow),
            "slowest_10": [{k: round(v, 2) for k, v in r.items()} for r in rows[-10:]]}


def run(a: argparse.Namespace) -> dict:
    import bench_rejoin_load as rj
    from bench_server import idle, idle_here, start

    with tempfile.TemporaryDirectory() as d:
        data = Path(d) / "data"
        room = rj.prepare(data, a)
        trace_file = Path(d) / "server.json"
        cmd = [sys.executable, str(HERE / "bench_rejoin_load.py"), "serve", "--data", str(data),
               "--trace", str(trace_file), "--synchronous", a.synchronous]
        if a.on_loop:
            cmd.append("--on-loop")
        if a.previous:
            cmd.append("--previous")
        if a.child_cpus:
            cmd += ["--child-cpus", a.child_cpus]
        proc, info = start(cmd, "Open rooms")
        if a.pin:
            os.sched_setaffinity(proc.pid, {0})
            os.sched_setaffinity(0, {1})
        a.port = int(info["port"])
        loaders = []
        share = [a.rooms // a.loaders + (i < a.rooms % a.loaders) for i in range(a.loaders)]
        for i, rooms in enumerate(share):
            lcmd = [sys.executable, str(Path(__file__).resolve()), "loader", "--kind", "game",
                    "--port", info["port"], "--key", info["key"], "--rooms", str(rooms),
                    "--players", str(a.players), "--ping", str(a.ping),
                    "--trace-out", str(Path(d) / f"loader{i}")]
            p = subprocess.Popen(lcmd, cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                 text=True)
            if a.pin:
                os.sched_setaffinity(p.pid, {1})
            if a.idle_clients:
                idle(p.pid)
            loaders.append(p)
        holder = argparse.Namespace(procs=loaders, _line=rj_line)
        for p in loaders:
            rj_line(p)
        if a.writer_cpus:  # every thread of the server but the loop's on these CPUs
            for task in Path(f"/proc/{proc.pid}/task").iterdir():
                if task.name != str(proc.pid):
                    os.sched_setaffinity(int(task.name), {int(c) for c in a.writer_cpus.split(",")})
        try:
            with idle_here(a.idle_clients):  # this process plays the rejoining clients
                load0 = os.getloadavg()
                sched0 = {p.pid: schedstat(p.pid) for p in [proc, *loaders]}
                res = rj.step(holder, proc.pid, a, 0, room if a.rejoins else None)
                sched = {("server" if pid == proc.pid else f"loader {pid}"): {
                    k: round(v - sched0[pid].get(k, 0), 1) for k, v in schedstat(pid).items()}
                    for pid in sched0}
            for p in loaders:
                p.stdin.close()
                p.wait(30)
        finally:
            proc.send_signal(__import__("signal").SIGUSR1)
            proc.wait(10)
        trace = json.loads(trace_file.read_text())
        echoes, lgaps, lgc = [], [], []
        for i in range(a.loaders):
            lt = json.loads((Path(d) / f"loader{i}.0.json").read_text())
            echoes += lt["echoes"]
            lgaps += lt["gaps"]
            lgc += lt["gc"]
    t0, t1 = min(e[1] for e in echoes), max(e[2] for e in echoes)

    def within(xs: list) -> list:
        return [x for x in xs if t0 <= x[0] <= t1]
    trace["gaps"], trace["gc"] = within(trace["gaps"]), within(trace["gc"])
    res.pop("rejoins", None)
    res.pop("lat", None)
    seg = segments(trace["actions"], echoes) if a.loaders == 1 else {}

    def gapstats(gs: list) -> dict:
        ms = sorted(g for _, g in gs)
        return {"over_2ms": len(ms), "over_5ms": sum(g > 5 for g in ms),
                "over_10ms": sum(g > 10 for g in ms), "max": ms[-1] if ms else 0,
                "sum_ms": round(sum(ms))}
    fsync = sorted((b["fsync1"] - b["fsync0"]) * 1000 for b in trace["batches"] if "fsync1" in b)
    sizes = sorted(len(b["aids"]) for b in trace["batches"])
    def gcstats(xs: list) -> dict:
        out = {}
        for g in (0, 1, 2):
            ms = sorted(x[2] for x in xs if x[1] == g)
            out[f"gen{g}"] = {"n": len(ms), "max_ms": ms[-1] if ms else 0,
                              "sum_ms": round(sum(ms), 1)}
        return out
    worst = sorted(trace["gaps"], key=lambda g: -g[1])[:8]
    return {"loadavg": load0, "step": res, "segments": seg, "schedstat": sched,
            "server_loop_gaps": gapstats(trace["gaps"]), "loader_loop_gaps": gapstats(lgaps),
            "commits": {"n": len(fsync), "fsync_p50": round(fsync[len(fsync) // 2], 3),
                        "fsync_p99": round(fsync[int(0.99 * len(fsync))], 3),
                        "fsync_max": round(fsync[-1], 3),
                        "batch_p50": sizes[len(sizes) // 2], "batch_max": sizes[-1]},
            "server_gc": gcstats(trace["gc"]), "loader_gc": gcstats(lgc),
            "worst_server_gaps": [{"at_s": round(t - t0, 3), "ms": g, "gc_ms_near": [
                x[2] for x in trace["gc"] if t - g / 1000 - 0.001 <= x[0] <= t]} for t, g in worst],
            "children": [{"fork_ms": round((c["fork1"] - c["fork0"]) * 1000, 2),
                          "life_ms": round((c.get("done", c["fork1"]) - c["fork0"]) * 1000, 1),
                          "n": c["n"], **gaps_during(trace["gaps"], c)}
                         for c in trace["children"]]}


def gaps_during(gaps: list, child: dict) -> dict:
    """With TRACE_TICKER: the loop's gaps over 2 ms while a child lived (fork included)."""
    ms = [g for t, g in gaps if child["fork0"] <= t <= child.get("done", child["fork1"]) + 0.01]
    return {"loop_gaps_ms": sorted(round(g, 1) for g in ms)[-5:]} if gaps else {}


def schedstat(pid: int) -> dict:
    """Per thread of `pid`: ms on a CPU, ms runnable but waiting for one, and the context
    switches (voluntary: it waited for something; involuntary: it was preempted)."""
    stat = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    out: dict[str, float] = {"minor_faults": int(stat[7])}
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            run, wait, _ = (int(x) for x in (task / "schedstat").read_text().split())
            status = (task / "status").read_text()
            name = (task / "comm").read_text().strip()
        except (OSError, ValueError):
            continue
        key = "main" if task.name == str(pid) else name
        ctx = {k: int(v) for k, v in (line.split(":") for line in status.splitlines()
                                      if "ctxt_switches" in line)}
        for k, v in (("run_ms", run / 1e6), ("wait_ms", wait / 1e6),
                     ("voluntary", ctx["voluntary_ctxt_switches"]),
                     ("involuntary", ctx["nonvoluntary_ctxt_switches"])):
            out[f"{key}.{k}"] = out.get(f"{key}.{k}", 0) + v
    return out


def commit_probe(n: int = 1000) -> dict:
    """A plain SQLite loop on this disk (WAL, one 300-byte row per transaction), no server:
    what one COMMIT costs with each `synchronous`, and a bare write + fsync."""
    import sqlite3

    def dist(ts: list[float]) -> dict:
        ts.sort()
        return {q: round(ts[min(n - 1, int(f * n))] * 1000, 3)
                for q, f in (("p50", .5), ("p90", .9), ("p99", .99), ("p99.9", .999))} | {
                "max": round(ts[-1] * 1000, 3)}
    out = {}
    with tempfile.TemporaryDirectory() as d:
        for sync in ("FULL", "NORMAL"):
            db = sqlite3.connect(Path(d) / f"{sync}.sqlite", isolation_level=None)
            db.execute("PRAGMA journal_mode=WAL")
            db.execute(f"PRAGMA synchronous={sync}")
            db.execute("CREATE TABLE t (a INTEGER PRIMARY KEY, b BLOB)")
            ts = []
            for _ in range(n):
                t = time.perf_counter()
                db.execute("BEGIN")
                db.execute("INSERT INTO t (b) VALUES (?)", (os.urandom(300),))
                db.execute("COMMIT")
                ts.append(time.perf_counter() - t)
            db.close()
            out[f"commit_{sync}"] = dist(ts)
        fd = os.open(Path(d) / "raw", os.O_WRONLY | os.O_CREAT | os.O_APPEND)
        ts = []
        for _ in range(n):
            t = time.perf_counter()
            os.write(fd, os.urandom(300))
            os.fsync(fd)
            ts.append(time.perf_counter() - t)
        os.close(fd)
        out["write_fsync"] = dist(ts)
    return out


def cow_probe(pages: int = 12000, rounds: int = 5) -> dict:
    """What one copy-on-write fault costs here: the time to write one byte in each of `pages`
    pages while a forked child (asleep) shares them, minus the same writes to private pages.
    After a fork the server pays this for every page it writes while the child lives."""
    import signal

    buf = bytearray(pages * 4096)

    def touch(v: int) -> float:
        t = time.perf_counter()
        for i in range(0, len(buf), 4096):
            buf[i] = v
        return time.perf_counter() - t
    touch(1)
    private = min(touch(2) for _ in range(3))
    shared = []
    for _ in range(rounds):
        pid = os.fork()
        if pid == 0:
            time.sleep(30)
            os._exit(0)
        shared.append(touch(3))
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    return {"pages": pages, "private_ms": round(private * 1000, 2),
            "us_per_fault": sorted(round((x - private) / pages * 1e6, 2) for x in shared)}


def rj_line(proc) -> dict:
    from bench_server import Loaders
    return Loaders._line(proc)


def main() -> None:
    from bench_server import client_options

    if len(sys.argv) > 1 and sys.argv[1] == "loader":
        del sys.argv[1]
        loader_main()
        return
    p = argparse.ArgumentParser()
    p.add_argument("--participants", type=int, default=30)
    p.add_argument("--scale", type=float, default=4.0)
    p.add_argument("--rooms", type=int, default=20)
    p.add_argument("--players", type=int, default=30)
    p.add_argument("--interval", type=float, default=3.0)
    p.add_argument("--seconds", type=float, default=20.0)
    p.add_argument("--loaders", type=int, default=1)
    p.add_argument("--pin", action="store_true")
    p.add_argument("--rejoins", action="store_true")
    client_options(p)
    p.add_argument("--on-loop", action="store_true")
    p.add_argument("--previous", action="store_true")
    p.add_argument("--child-cpus")
    p.add_argument("--synchronous", default="FULL")
    p.add_argument("--writer-cpus", help="with --pin: the CPUs of the server's other threads")
    p.add_argument("--repeat", type=int, default=1)
    p.add_argument("--isolate", action="store_true", help="as in bench_rejoin_load.py")
    p.add_argument("--commit-probe", action="store_true",
                   help="only time plain SQLite commits and copy-on-write faults")
    a = p.parse_args()
    if a.isolate:
        Path("/proc/self/autogroup").write_text("-10")
    print(f"machine: {os.cpu_count()} CPUs, Python {platform.python_version()}", flush=True)
    if a.commit_probe:
        print(json.dumps({"commit_probe": commit_probe(), "cow_probe": cow_probe(),
                          "loadavg": os.getloadavg()}), flush=True)
        return
    for _ in range(a.repeat):
        print(json.dumps(run(a)), flush=True)


if __name__ == "__main__":
    main()

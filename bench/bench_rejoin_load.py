"""Large rejoins under the target load: is any action held behind a welcome? And how big is the
welcome of a realistic two-day session?

    python bench/bench_rejoin_load.py                 # ≈ 4 min: sizes, then both servers
    python bench/bench_rejoin_load.py --seconds 10    # shorter steps
    python bench/bench_rejoin_load.py --repeat 3      # 3 before/after pairs, alternated
    python bench/bench_rejoin_load.py --sides fork,after --no-hold   # the fork against the worker
    python bench/bench_rejoin_load.py --hold-only     # sizes and loop hold only (≈ 30 s)

1. Sizes (in this process): the scripted two-day session of the rich scenario
   (`game.debrief.scripted.play`, 30 participants, `--scale 4`: ~5 700 events, the volume the
   report bench calls realistic): the welcome of a participant, a spectator and the trainer,
   plain and compressed (hello `compress: ["zlib"]`), what is big in it, and the time to build
   it on one core.
2. Load (a server process of its own, the load generator of bench_server.py in two others): a
   data directory holding that session as one room, with 5 seats whose tokens the bench knows;
   20 more rooms × 30 players send an add_note every 3 s each (the target load). Each server
   runs a step without rejoins, then a step during which the 5 seats rejoin with no `last_seq`
   (a full snapshot each: a group back after a network cut), all at once, twice. "before" is
   the same server with its welcomes built on the event loop (`--mode loop`), "after" has
   them built by the welcome worker (server/welcomer.py, the default), "fork" in a forked child
   (`--mode fork`, the way before the worker), "previous" in the forked child as it was first
   written (nice 10, the first welcome of a group forked alone). Reports
   p50/p99/p99.9/max of the action→broadcast latency, each rejoin's time to welcome, the
   server's RSS, and what the machine did to the server in each step: the 1-minute load
   average, how long the server's loop thread waited for a CPU (runnable, not running:
   /proc/PID/schedstat) and the server's minor page faults (copy-on-write after a fork).

With `--pin` the server runs on core 0, and the load generator and this process (which plays
the rejoining clients, decoding their welcomes) on core 1. Where the latency goes:
bench_latency_trace.py.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import signal
import sys
import tempfile
import time
import zlib
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

RICH = ROOT / "scenarios" / "ilot_des_tilleuls.json"
REJOINS = 5
TOKENS = [f"bench-token-{i}" for i in range(REJOINS)]


def session(participants: int, scale: float):
    from ilot.game.core import load_scenario
    from ilot.game.debrief.scripted import play

    scenario = load_scenario(RICH)
    return scenario, play(scenario, participants=participants, scale=scale)


def sizes(a: argparse.Namespace) -> dict:
    """The welcome of the realistic session, for each kind of screen."""
    from ilot.game.core import views
    from ilot.game.core.decide import Actor
    from ilot.game.net import protocol
    from ilot.server.room import Room
    from ilot.server.store import Store

    scenario, s = session(a.participants, a.scale)
    with tempfile.TemporaryDirectory() as d:
        store = Store(Path(d) / "x.sqlite")
        room = Room("BENCH", scenario, store, s.state, s.events, 60)
        out: dict = {"events": len(s.events), "participants": len(s.state.participants),
                     "notes": len(s.state.notes)}
        for who, actor in (("participant", Actor.participant("p1")),
                           ("spectator", Actor.spectator()), ("trainer", Actor.trainer())):
            def timed(compress: bool, actor=actor) -> tuple[int, float]:
                best, n = float("inf"), 0
                for _ in range(5):
                    t = time.perf_counter()
                    n = len(room.welcome_frame(actor, None, compress=compress))
                    best = min(best, time.perf_counter() - t)
                return n, round(best * 1000, 1)
            plain, plain_ms = timed(False)
            packed, packed_ms = timed(True)
            out[who] = {"plain_bytes": plain, "compressed_bytes": packed,
                        "build_ms_plain": plain_ms, "build_ms_compressed": packed_ms}
        view = views.view_for(s.state, Actor.participant("p1"))
        parts = {k: len(zlib.compress(protocol.encode(v), protocol.Z_LEVEL)) for k, v in view.items()}
        out["largest_state_parts_compressed"] = dict(sorted(parts.items(), key=lambda kv: -kv[1])[:6])
        out["scenario_compressed_bytes"] = len(zlib.compress(protocol.encode(scenario.public()),
                                                             protocol.Z_LEVEL))
        out["fork_ms"] = fork_ms()  # what a welcome built off the loop costs the loop itself
        out["rss_mb_of_this_process"] = rss_mb(os.getpid())
        store.close()
    return out


def fork_ms() -> float:
    """The median time of `os.fork()` in the parent (the child exits at once)."""
    times = []
    for _ in range(7):
        t = time.perf_counter()
        pid = os.fork()
        if pid == 0:
            os._exit(0)
        times.append(time.perf_counter() - t)
        os.waitpid(pid, 0)
    return round(sorted(times)[len(times) // 2] * 1000, 2)


def prepare(data: Path, a: argparse.Namespace) -> str:
    """A data directory holding the realistic session as one room, with REJOINS known seats."""
    from ilot.server import codes
    from ilot.server.store import Store

    scenario, s = session(a.participants, a.scale)
    store = Store.in_dir(data)
    room = "BENCH1"
    store.create_room(room, scenario, codes.digest("TRAINER"), s.events[0])
    store.append(room, s.events[1:])
    for i, token in enumerate(TOKENS):
        store.append(room, [], (codes.digest(token), f"p{i + 1}"))
    store.close()
    return room


def serve(a: argparse.Namespace) -> None:
    """The server process: what `ilot serve` runs, with the welcome builder's fork on or off."""
    from ilot.server import snapshots
    from ilot.server.app import IlotServer

    async def run() -> None:
        srv = IlotServer(a.data, rate=100, burst=200, synchronous=a.synchronous)
        srv.snapshots.mode = a.mode
        if a.previous:  # the child at nice 10, forked for the first welcome alone
            snapshots.IDLE_CHILD, snapshots.GATHER_S = False, 0
        if a.child_cpus:  # a child forked by the pinned loop may run on these CPUs
            cpus, background = {int(c) for c in a.child_cpus.split(",")}, snapshots._background

            def anywhere() -> None:
                os.sched_setaffinity(0, cpus)
                background()
            snapshots._background = anywhere
        if a.trace:  # bench_latency_trace.py: stamps written to a.trace on SIGUSR1, then exit
            from bench_latency_trace import instrument, ticker

            trace, stop = instrument(srv), asyncio.Event()
            asyncio.get_running_loop().add_signal_handler(signal.SIGUSR1, stop.set)
        port = await srv.start("127.0.0.1", 0)
        print(f"port {port}", flush=True)
        print(f"Organiser key (shown once, keep it): {srv.organiser_key}", flush=True)
        print("Open rooms", flush=True)
        if not a.trace:
            await asyncio.Event().wait()
        task = ticker(trace["gaps"]) if os.environ.get("TRACE_TICKER") else None
        await stop.wait()
        if task is not None:
            task.cancel()
        Path(a.trace).write_text(json.dumps(trace))

    asyncio.run(run())


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return round(int(line.split()[1]) / 1024, 1)
    return float("nan")


def pct(lat: list[float], q: float) -> float:
    return round(lat[min(len(lat) - 1, int(q * len(lat)))], 2) if lat else float("nan")


def step(loaders, pid: int, a: argparse.Namespace, tag: int, room: str | None) -> dict:
    """One target-load step; with `room`, the 5 seats rejoin at once at 1/3 and 2/3 of it."""
    from bench_server import machine, machine_since
    from bench_server_load import cpu_seconds, summary

    from ilot.game.net.client import Connection

    load, machine0 = os.getloadavg()[0], machine()
    sched0 = loop_sched(pid)
    cpu0, wall0 = cpu_seconds(pid), time.perf_counter()
    for proc in loaders.procs:
        proc.stdin.write(f"step {a.interval} {a.seconds} {tag}\n")
        proc.stdin.flush()
    rejoins: list[dict] = []

    async def rejoin(token: str) -> None:
        t = time.perf_counter()
        c = await Connection.open(f"ws://127.0.0.1:{a.port}", {
            "as": "participant", "room": room, "token": token}, timeout=30)
        ms = (time.perf_counter() - t) * 1000
        rejoins.append({"ms": round(ms, 1), "bytes": len(__import__("msgpack").packb(
            c.wire_welcome)), "seq": c.welcome["seq"]})
        await c.close()

    async def waves() -> None:
        for k in (1, 2):
            await asyncio.sleep(k * a.seconds / 3 - (time.perf_counter() - wall0))
            await asyncio.gather(*(rejoin(tok) for tok in TOKENS))

    if room is not None:
        asyncio.run(waves())
    parts = [loaders._line(proc) for proc in loaders.procs]
    cpu, busy = cpu_seconds(pid) - cpu0, time.perf_counter() - wall0
    out = summary(parts, a.interval, a.seconds, cpu, busy, a.rooms * a.players)
    lat = sorted(x for p in parts for x in p["lat_ms"])
    sched = {k: v - sched0[k] for k, v in loop_sched(pid).items()}
    out.update({"p999_ms": pct(lat, 0.999), "max_ms": round(lat[-1], 2) if lat else None,
                "over_10ms": sum(x > 10 for x in lat), "rejoins": rejoins, "rss_mb": rss_mb(pid),
                "loadavg_1min": round(load, 2), "loop_wait_ms": round(sched["wait_ms"]),
                "loop_preempted": sched["involuntary"], "minor_faults": sched["minor_faults"],
                "server_sys_ms": round(sched["sys_ms"]), **machine_since(machine0), "lat": lat})
    return out


def loop_sched(pid: int) -> dict[str, float]:
    """The server's loop thread: ms it was runnable but waiting for a CPU (other processes, its
    own threads), times it was preempted; the process's minor page faults (after a fork:
    the copy-on-write faults) and its system CPU time (where those faults are paid)."""
    _, wait, _ = (int(x) for x in Path(f"/proc/{pid}/schedstat").read_text().split())
    status = Path(f"/proc/{pid}/status").read_text()
    preempted = next(int(line.split()[1]) for line in status.splitlines()
                     if line.startswith("nonvoluntary_ctxt_switches"))
    stat = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return {"wait_ms": wait / 1e6, "involuntary": preempted, "minor_faults": int(stat[7]),
            "sys_ms": int(stat[12]) * 1000 / os.sysconf("SC_CLK_TCK")}


def loop_hold(a: argparse.Namespace, scale: float) -> dict:
    """How long the event loop is held while 5 full welcomes of the session are built, on the
    loop and in forked children (in-process, no network: a 1 ms ticker on the loop records its
    gaps). Less sensitive to a busy machine than the latencies under load."""
    from ilot.game.core.decide import Actor
    from ilot.server.app import IlotServer

    b = argparse.Namespace(**{**vars(a), "scale": scale})
    out: dict = {"scale": scale}
    with tempfile.TemporaryDirectory() as d:
        data = Path(d) / "data"
        code = prepare(data, b)

        async def run() -> None:
            srv = IlotServer(data)
            srv.snapshots.parallel = a.parallel
            await srv.start("127.0.0.1", 0)
            room = srv.rooms[code]
            out["events"] = room.state.seq
            out["rss_mb"] = rss_mb(os.getpid())
            loop = asyncio.get_running_loop()
            for side, mode in (("on_loop", "loop"), ("forked", "fork"), ("worker", "worker")) * 2:
                srv.snapshots.mode = mode
                gaps: list[float] = []
                stop = asyncio.Event()

                async def ticker(gaps: list[float], stop: asyncio.Event) -> None:
                    last = loop.time()
                    while not stop.is_set():
                        await asyncio.sleep(0.001)
                        now = loop.time()
                        gaps.append((now - last) * 1000)
                        last = now

                tick = asyncio.create_task(ticker(gaps, stop))
                await asyncio.sleep(0.05)
                t = time.perf_counter()
                frames = await asyncio.gather(*(srv.snapshots.build(
                    room, Actor.participant(f"p{i + 1}"), None, None, True, srv._quiet)
                    for i in range(REJOINS)))
                wall = (time.perf_counter() - t) * 1000
                await asyncio.sleep(0.05)
                stop.set()
                await tick
                held = sorted(gaps)
                out.setdefault(side, []).append({
                    "max_gap_ms": round(held[-1], 1), "p99_gap_ms": pct(held, 0.99),
                    "gaps_over_10ms": sum(g > 10 for g in held), "all_5_ms": round(wall, 1),
                    "welcome_bytes": len(frames[0][1])})
            worker = srv.snapshots.worker
            if worker is not None and worker.proc is not None:  # its replica of the room
                out["worker_rss_mb"] = rss_mb(worker.proc.pid)
            await srv.stop()

        asyncio.run(run())
    return out


SIDES = {"before": ["--mode", "loop"],  # welcomes built on the event loop
         # forked, child at nice 10, a first welcome forks alone
         "previous": ["--mode", "fork", "--previous"],
         "fork": ["--mode", "fork"],  # forked, child at SCHED_IDLE, welcomes asked together share it
         "after": ["--mode", "worker"]}  # the welcome worker (server/welcomer.py), the default


def run_server(side: str, a: argparse.Namespace) -> dict:
    from bench_server import Loaders, idle_here, start

    with tempfile.TemporaryDirectory() as d:
        data = Path(d) / "data"
        room = prepare(data, a)
        cmd = [sys.executable, str(Path(__file__).resolve()), "serve", "--data", str(data),
               "--synchronous", a.synchronous, *SIDES[side]]
        if a.child_cpus:
            cmd += ["--child-cpus", a.child_cpus]
        proc, info = start(cmd, "Open rooms")
        if a.pin:  # the server on core 0; the loaders (bench_server.Loaders) and this process,
            # which plays the rejoining clients, on core 1: clients never take the server's core
            os.sched_setaffinity(proc.pid, {0})
            os.sched_setaffinity(0, {1})
        a.port = int(info["port"])
        try:
            rss0 = rss_mb(proc.pid)
            loaders = Loaders("game", info, a)
            with idle_here(a.idle_clients):  # this process plays the rejoining clients
                quiet = step(loaders, proc.pid, a, 0, None)
                print(json.dumps({side: "no rejoin", **{k: v for k, v in quiet.items()
                                                        if k not in ("rejoins", "lat")}}),
                      flush=True)
                busy = step(loaders, proc.pid, a, 1, room)
                print(json.dumps({side: "rejoins", **{k: v for k, v in busy.items()
                                                      if k != "lat"}}), flush=True)
            loaders.close()
        finally:
            proc.terminate()
            proc.wait(10)
    return {"side": side, "rss_start_mb": rss0, "quiet": quiet, "rejoins": busy}


def main() -> None:
    from bench_server import client_options, pooled

    p = argparse.ArgumentParser()
    sub = p.add_subparsers(dest="cmd")
    s = sub.add_parser("serve")
    s.add_argument("--data", required=True)
    s.add_argument("--mode", choices=["worker", "fork", "loop"], default="worker",
                   help="how large welcomes are built (server/snapshots.py)")
    s.add_argument("--trace", help="stamp every action (bench_latency_trace.py)")
    s.add_argument("--synchronous", default="FULL")
    s.add_argument("--child-cpus", help="the CPUs of the welcome children (default: the "
                   "server's)")
    s.add_argument("--previous", action="store_true", help="snapshots.py as it was before "
                   "3 Dec 23:59 (child at nice 10, no gathering of simultaneous welcomes)")
    p.add_argument("--participants", type=int, default=30)
    p.add_argument("--scale", type=float, default=4.0)
    p.add_argument("--rooms", type=int, default=20)
    p.add_argument("--players", type=int, default=30)
    p.add_argument("--interval", type=float, default=3.0)
    p.add_argument("--seconds", type=float, default=20.0)
    p.add_argument("--loaders", type=int, default=2)
    p.add_argument("--pin", action="store_true")
    client_options(p)
    p.add_argument("--sides", default="before,after", help=f"of {', '.join(SIDES)}")
    p.add_argument("--synchronous", default="FULL", help="the server's SQLite synchronous")
    p.add_argument("--child-cpus", help="with --pin: the CPUs a welcome child may use (e.g. "
                   "0,1: on a 2-core server it would use the core the loop does not)")
    p.add_argument("--isolate", action="store_true", help="run this bench's processes with a "
                   "higher weight than other sessions' (autogroup nice -10; start the bench "
                   "under `setsid` so that only its own processes get it)")
    p.add_argument("--parallel", type=int, default=1, help="children at a time (loop hold)")
    p.add_argument("--repeat", type=int, default=1, help="before/after pairs, alternated")
    p.add_argument("--hold-only", action="store_true", help="sizes and loop hold, no load")
    p.add_argument("--no-hold", action="store_true", help="skip sizes and loop hold")
    a = p.parse_args()
    if a.cmd == "serve":
        serve(a)
        return
    if a.isolate:
        Path("/proc/self/autogroup").write_text("-10")
    print(f"machine: {os.cpu_count()} CPUs, Python {platform.python_version()}, "
          f"load average {os.getloadavg()}, synchronous={a.synchronous}, "
          f"autogroup {Path('/proc/self/autogroup').read_text().strip()}", flush=True)
    if not a.no_hold:
        print(json.dumps({"sizes": sizes(a)}), flush=True)
        for scale in (a.scale, 4 * a.scale):
            print(json.dumps({"loop_hold": loop_hold(a, scale)}), flush=True)
    if a.hold_only:
        return
    results = [run_server(side, a) for _ in range(a.repeat) for side in a.sides.split(",")]
    print("\n| server | step | p50 ms | p99 ms | p99.9 ms | max ms | > 10 ms | actions/s "
          "| lost | rejoin → welcome ms | RSS MB | load avg | loop wait ms | faults | sys ms "
          "| steal ms | iowait ms | I/O stall ms |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for r in results:
        for name in ("quiet", "rejoins"):
            x = r[name]
            waits = sorted(j["ms"] for j in x["rejoins"])
            shown = f"{waits[0]}–{waits[-1]}" if waits else "–"
            print(f"| {r['side']} | {'5 + 5 rejoins' if waits else 'no rejoin'} | {x['p50_ms']} "
                  f"| {x['p99_ms']} | {x['p999_ms']} | {x['max_ms']} | {x['over_10ms']} "
                  f"| {x['accepted_per_s']} | {x['lost']} | {shown} | {x['rss_mb']} "
                  f"| {x['loadavg_1min']} | {x['loop_wait_ms']} | {x['minor_faults']} "
                  f"| {x['server_sys_ms']} | {x['steal_ms']} | {x['iowait_ms']} "
                  f"| {x.get('io_stall_ms', '–')} |")
    for side in a.sides.split(","):
        for name, label in (("quiet", "no rejoin"), ("rejoins", "5 + 5 rejoins")):
            lat = [x for r in results if r["side"] == side for x in r[name]["lat"]]
            print(f"- {side}, {label}, all steps pooled: {pooled(lat)}")
    print(f"load average after: {os.getloadavg()}")


if __name__ == "__main__":
    main()

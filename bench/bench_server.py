"""Server load bench: the bare broadcast baseline vs the real game server, same load generator.

    python bench/bench_server.py            # full run (≈ 3-4 min)
    python bench/bench_server.py --quick    # smoke run (≈ 40 s)

For each server (each in its own process, the load generator in `--loaders` others, 2 by default,
so that the generator is not what saturates first):
  1. the target load: M rooms × N players, one add_note every K s each (default 20 × 30, 3 s);
  2. a saturation ladder: shorter and shorter intervals until p99 > 35 ms or actions get lost.
Then a long bot session on the rich scenario (bot trainer + bots through every phase) and the
size of a full snapshot (welcome) at its end. Prints JSON lines and a Markdown summary.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))


def start(cmd: list[str], ready: str) -> tuple[subprocess.Popen, dict[str, str]]:
    # the server speaks English here, whatever the machine's locale: its lines are read below
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                            text=True, env={**os.environ, "ILOT_LANG": "en"})
    info: dict[str, str] = {}
    for line in proc.stdout:
        if m := re.search(r"port (\d+)", line):
            info["port"] = m.group(1)
        if m := re.search(r"Organiser key \(shown once, keep it\): (\S+)", line):
            info["key"] = m.group(1)
        if ready in line:
            return proc, info
    raise RuntimeError(f"{cmd} exited before it was ready")


def client_options(p: argparse.ArgumentParser) -> None:
    """The load generators' options, shared by the benches that use `Loaders`."""
    p.add_argument("--idle-clients", action="store_true", help=(
        "run the load generators (and any client this bench plays) at SCHED_IDLE: they get a "
        "CPU only when the server, its threads and its database do not want one, as if they "
        "ran on another machine (on a 2-core VM, the closest this bench can get)"))
    p.add_argument("--ping", type=float, default=5.0, help="a websocket ping from each player "
                   "every PING s, like the project's client (0: none)")


def machine() -> dict[str, float]:
    """What the machine did to every process, as counters (ms) to diff around a step: CPU time
    the hypervisor gave to other guests (`steal`, /proc/stat), time the CPUs sat idle waiting for
    the disk (`iowait`), and the time some task stalled for a CPU or for I/O (pressure stall
    information, /proc/pressure)."""
    fields = Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]
    tick = 1000 / os.sysconf("SC_CLK_TCK")
    out = {"steal_ms": int(fields[7]) * tick, "iowait_ms": int(fields[4]) * tick}
    for kind in ("cpu", "io"):
        try:
            some = Path(f"/proc/pressure/{kind}").read_text().split("\n", 1)[0]
            out[f"{kind}_stall_ms"] = int(some.rsplit("total=", 1)[1]) / 1000
        except (OSError, IndexError, ValueError):
            pass
    return out


def machine_since(before: dict[str, float]) -> dict[str, float]:
    return {k: round(v - before.get(k, 0.0)) for k, v in machine().items()}


def pooled(lat: list[float]) -> str:
    """p50 / p99 / p99.9 over every action of several steps together: the latency distribution
    at this load, less at the mercy of one noisy step than any step's own p99."""
    lat = sorted(lat)

    def pct(q: float) -> float:
        return round(lat[min(len(lat) - 1, int(q * len(lat)))], 2) if lat else float("nan")
    return f"p50 {pct(0.5)} / p99 **{pct(0.99)}** / p99.9 {pct(0.999)} ms over {len(lat)} actions"


def idle(pid: int) -> None:
    """Put process `pid` (0: this one) at SCHED_IDLE: it never delays the server under test
    (a wakeup of the server preempts it at once). Its own measurements can only get worse."""
    os.sched_setscheduler(pid, os.SCHED_IDLE, os.sched_param(0))


@contextlib.contextmanager
def idle_here(on: bool) -> Iterator[None]:
    """This process at SCHED_IDLE meanwhile, when it plays clients itself (`on`), then back to
    the default policy: a server it starts next must not inherit SCHED_IDLE."""
    if on:
        idle(0)
    try:
        yield
    finally:
        if on:
            os.sched_setscheduler(0, os.SCHED_OTHER, os.sched_param(0))


class Loaders:
    """`n` load processes sharing the rooms; every step starts in all of them at once."""

    def __init__(self, kind: str, info: dict[str, str], a: argparse.Namespace):
        self.procs = []
        share = [a.rooms // a.loaders + (i < a.rooms % a.loaders) for i in range(a.loaders)]
        offset = 0
        for _i, rooms in enumerate(share):
            cmd = [sys.executable, str(HERE / "bench_server_load.py"), "--kind", kind,
                   "--port", info["port"], "--key", info.get("key", ""), "--rooms", str(rooms),
                   "--room-offset", str(offset), "--players", str(a.players),
                   "--ping", str(a.ping)]
            offset += rooms
            proc = subprocess.Popen(cmd, cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                    text=True)
            if a.pin:
                os.sched_setaffinity(proc.pid, {1})
            if a.idle_clients:
                idle(proc.pid)
            self.procs.append(proc)
        for proc in self.procs:
            self._line(proc)  # {"ready": n}

    @staticmethod
    def _line(proc: subprocess.Popen) -> dict:
        while True:
            line = proc.stdout.readline()
            if not line:
                raise RuntimeError("a load process exited")
            if line.startswith("{"):
                return json.loads(line)

    def step(self, pid: int, interval: float, seconds: float, tag: int, players: int) -> dict:
        from bench_server_load import cpu_seconds, summary

        cpu0, wall0 = cpu_seconds(pid), time.perf_counter()
        for proc in self.procs:
            proc.stdin.write(f"step {interval} {seconds} {tag}\n")
            proc.stdin.flush()
        parts = [self._line(proc) for proc in self.procs]
        cpu, busy = cpu_seconds(pid) - cpu0, time.perf_counter() - wall0
        return summary(parts, interval, seconds, cpu, busy, players)

    def close(self) -> None:
        for proc in self.procs:
            proc.stdin.close()
            proc.wait(30)


def run_server(kind: str, a: argparse.Namespace) -> dict:
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory() as data:
        if kind == "bare":
            proc, info = start([sys.executable, str(HERE / "bench_bare_server.py")], "port ")
        else:
            proc, info = start([sys.executable, "-m", "ilot.server", "--data", data, "--port", "0",
                                "--rate", "100", "--burst", "200", "--synchronous", a.synchronous],
                               "Open rooms")
        if a.pin:
            os.sched_setaffinity(proc.pid, {0})
        try:
            loaders = Loaders(kind, info, a)
            players = a.rooms * a.players
            target = loaders.step(proc.pid, a.interval, a.seconds, 0, players)
            print(json.dumps({kind: "target", **target}), flush=True)
            ladder = []
            for tag, interval in enumerate((float(x) for x in a.steps.split(",")), 1):
                res = loaders.step(proc.pid, interval, a.step_seconds, tag, players)
                print(json.dumps({kind: "step", **res}), flush=True)
                ladder.append(res)
                # one step over the limit may be noise from other processes: stop when hopeless
                if res["p99_ms"] > 350 or res["accepted_per_s"] < 0.9 * res["offered_per_s"]:
                    break
            loaders.close()
        finally:
            proc.terminate()
            proc.wait(10)
    ok = [s for s in ladder if s["p99_ms"] <= 35 and s["accepted_per_s"] >= 0.95 * s["offered_per_s"]]
    best = max(ok, key=lambda s: s["accepted_per_s"]) if ok else None
    return {"kind": kind, "target": target, "ladder": ladder, "best": best,
            "loadavg_before": load_before, "loadavg_after": os.getloadavg()}


async def snapshot_after_bots(seconds: float, bots: int) -> dict:
    from ilot.game.core import load_scenario
    from ilot.game.net import protocol
    from ilot.game.net.client import Connection
    from ilot.server.app import IlotServer
    from ilot.server.bots import run_bots
    from ilot.server.trainer_bot import run_trainer

    with tempfile.TemporaryDirectory() as data:
        srv = IlotServer(data, rate=1000, burst=1000)
        await srv.start()
        scenario = load_scenario(ROOT / "scenarios" / "ilot_des_tilleuls.json")
        room, code = srv.create_room(scenario)
        stop = asyncio.Event()
        per_phase = seconds / len(scenario.phases)
        task = asyncio.create_task(run_bots(srv.url, room, bots, pace=0, seed=1, stop=stop))
        report = await run_trainer(srv.url, room, code, phase_events=10_000,
                                   phase_seconds=per_phase, round_seconds=3)
        stop.set()
        played = await task
        sizes, zsizes = {}, {}
        for who, hello in (("trainer", {"as": "trainer", "room": room, "code": code}),
                           ("spectator", {"as": "spectator", "room": room}),
                           ("participant", {"as": "participant", "room": room, "name": "Mesure"})):
            c = await Connection.open(srv.url, hello, compress=False)
            sizes[who] = len(protocol.encode(c.welcome))
            await c.close()
            hello = {**hello, "name": "Mesure z"} if who == "participant" else hello
            c = await Connection.open(srv.url, hello)  # asks for compressed snapshot fields
            zsizes[who] = len(protocol.encode(c.wire_welcome))
            await c.close()
        r = srv.rooms[room]
        state = r.state
        trainer = __import__("ilot.game.core.decide", fromlist=["Actor"]).Actor.trainer()

        def timed(fn) -> float:  # best of 3, in ms: what a welcome holds the event loop for
            best = float("inf")
            for _ in range(3):
                t = time.perf_counter()
                fn()
                best = min(best, time.perf_counter() - t)
            return round(best * 1000, 1)
        out = {"events": state.seq, "notes": len(state.notes), "participants": len(state.participants),
               "phases": len(report["phases"]), "accepted": played["accepted"],
               "welcome_bytes": sizes, "welcome_bytes_compressed": zsizes,
               "state_only_bytes": len(protocol.encode(r.welcome(trainer, None)["state"])),
               "snapshot_build_ms": timed(lambda: r.welcome_frame(trainer, None)),
               "snapshot_build_compressed_ms": timed(
                   lambda: r.welcome_frame(trainer, None, compress=True)),
               "rejoin_500_missed_bytes": len(r.welcome_frame(trainer, state.seq - 500)),
               "rejoin_500_missed_ms": timed(lambda: r.welcome_frame(trainer, state.seq - 500))}
        await srv.stop()
        return out


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--rooms", type=int, default=20)
    p.add_argument("--players", type=int, default=30)
    p.add_argument("--interval", type=float, default=3.0)
    p.add_argument("--seconds", type=float, default=20.0, help="duration of the target step")
    p.add_argument("--steps", default="2,1.5,1,0.7,0.5,0.35,0.25,0.18,0.12")
    p.add_argument("--step-seconds", type=float, default=6.0)
    p.add_argument("--bot-seconds", type=float, default=60.0)
    p.add_argument("--bots", type=int, default=24)
    p.add_argument("--synchronous", default="FULL")
    p.add_argument("--loaders", type=int, default=2, help="load generator processes")
    p.add_argument("--pin", action="store_true",
                   help="server on CPU 0, load generators on CPU 1 (sched_setaffinity)")
    client_options(p)
    p.add_argument("--kinds", default="bare,game", help="for experiments: bare, game or both")
    p.add_argument("--repeat", type=int, default=1, help="bare/game pairs, alternated")
    p.add_argument("--quick", action="store_true")
    a = p.parse_args()
    if a.quick:
        a.seconds, a.step_seconds, a.bot_seconds, a.steps = 5, 3, 12, "1,0.5,0.25"
    print(f"load average before: {os.getloadavg()}", flush=True)
    pairs = []
    for _ in range(a.repeat):  # bare and game alternate, so both see the same machine load
        results = [run_server(kind, a) for kind in a.kinds.split(",")]
        for r in results:
            print(json.dumps(r), flush=True)
        pairs.append(results)
    if len(pairs[0]) != 2:
        return
    for n, results in enumerate(pairs, 1):
        print(f"\n### run {n} of {len(pairs)}")
        table(results, a)
    print()
    for n, (bare, game) in enumerate(pairs, 1):
        ratio = (f"{game['best']['accepted_per_s'] / bare['best']['accepted_per_s']:.2f} "
                 f"({game['best']['accepted_per_s']} / {bare['best']['accepted_per_s']})"
                 if bare["best"] and game["best"] else "n/a (no step held p99 ≤ 35 ms)")
        print(f"run {n}: ratio game/bare at p99 ≤ 35 ms: {ratio}; target load p99: "
              f"bare {bare['target']['p99_ms']} ms, game {game['target']['p99_ms']} ms; "
              f"load average {bare['loadavg_before'][0]:.1f} → {game['loadavg_after'][0]:.1f}")
    if a.bot_seconds > 0:
        snap = asyncio.run(snapshot_after_bots(a.bot_seconds, a.bots))
        print(json.dumps({"snapshot": snap}))
        print(f"snapshot after the bot session: {snap}")
    print(f"load average after: {os.getloadavg()}")


def table(results: list[dict], a: argparse.Namespace) -> None:
    print(f"| {a.rooms} rooms × {a.players} players | actions/s offered | accepted | frames/s "
          "| p50 ms | p95 ms | p99 ms | server CPU % | CPU ms/action | loaders CPU % "
          "| avg frame B |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for r in results:
        rows = [(f"target, 1 action / {a.interval:g}s each", r["target"])]
        rows += [("1 action / {:g}s each".format(s["interval_s"]), s) for s in r["ladder"]]
        for label, s in rows:
            print(f"| {r['kind']}: {label} | {s['offered_per_s']} | {s['accepted_per_s']} | "
                  f"{s['frames_per_s']} | {s['p50_ms']} | {s['p95_ms']} | {s['p99_ms']} | "
                  f"{s['server_cpu_pct']} | {s['server_cpu_ms_per_action']} | "
                  f"{s['loader_cpu_pct']} | {s['avg_frame_bytes']} |")
    cost = {r["kind"]: sorted(s["server_cpu_ms_per_action"] for s in [r["target"], *r["ladder"]])
            for r in results}
    med = {k: v[len(v) // 2] for k, v in cost.items()}
    print(f"\nserver CPU per accepted action (median over steps): bare {med['bare']} ms, "
          f"game {med['game']} ms → capacity ratio game/bare {med['bare'] / med['game']:.2f}")


if __name__ == "__main__":
    main()

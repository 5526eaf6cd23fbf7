"""Server load bench: the bare broadcast baseline vs the real game server, same load generator.

    python bench/bench_server.py            # full run (≈ 3-4 min)
    python bench/bench_server.py --quick    # smoke run (≈ 40 s)

For each server (each in its own process, the load generator in a third one):
  1. the target load: M rooms × N players, one add_note every K s each (default 20 × 30, 3 s);
  2. a saturation ladder: shorter and shorter intervals until p99 > 35 ms or actions get lost.
Then a long bot session on the rich scenario (bot trainer + bots through every phase) and the
size of a full snapshot (welcome) at its end. Prints JSON lines and a Markdown summary.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))


def start(cmd: list[str], ready: str) -> tuple[subprocess.Popen, dict[str, str]]:
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                            text=True)
    info: dict[str, str] = {}
    for line in proc.stdout:
        if m := re.search(r"port (\d+)", line):
            info["port"] = m.group(1)
        if m := re.search(r"organiser key \(shown once, keep it\): (\S+)", line):
            info["key"] = m.group(1)
        if ready in line:
            return proc, info
    raise RuntimeError(f"{cmd} exited before it was ready")


def load(kind: str, info: dict[str, str], pid: int, a: argparse.Namespace, steps: str,
         seconds: float, stop: bool) -> list[dict]:
    cmd = [sys.executable, str(HERE / "bench_server_load.py"), "--kind", kind,
           "--port", info["port"], "--pid", str(pid), "--key", info.get("key", ""),
           "--rooms", str(a.rooms), "--players", str(a.players), "--steps", steps,
           "--seconds", str(seconds)]
    if stop:
        cmd.append("--stop-when-over")
    out = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, check=True)
    return [json.loads(line) for line in out.stdout.splitlines() if line.startswith("{")]


def run_server(kind: str, a: argparse.Namespace) -> dict:
    with tempfile.TemporaryDirectory() as data:
        if kind == "bare":
            proc, info = start([sys.executable, str(HERE / "bench_bare_server.py")], "port ")
        else:
            proc, info = start([sys.executable, "-m", "server", "--data", data, "--port", "0",
                                "--rate", "100", "--burst", "200", "--synchronous", a.synchronous],
                               "open rooms")
        try:
            target = load(kind, info, proc.pid, a, str(a.interval), a.seconds, False)
            ladder = load(kind, info, proc.pid, a, a.steps, a.step_seconds, True)
        finally:
            proc.terminate()
            proc.wait(10)
    ok = [s for s in ladder if s["p99_ms"] <= 35 and s["accepted_per_s"] >= 0.95 * s["offered_per_s"]]
    best = max(ok, key=lambda s: s["accepted_per_s"]) if ok else None
    return {"kind": kind, "target": target[0], "ladder": ladder, "best": best}


async def snapshot_after_bots(seconds: float, bots: int) -> dict:
    from game.core import load_scenario
    from game.net import protocol
    from game.net.client import Connection
    from server.app import IlotServer
    from server.bots import run_bots
    from server.trainer_bot import run_trainer

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
        sizes = {}
        for who, hello in (("trainer", {"as": "trainer", "room": room, "code": code}),
                           ("spectator", {"as": "spectator", "room": room}),
                           ("participant", {"as": "participant", "room": room, "name": "Mesure"})):
            c = await Connection.open(srv.url, hello)
            sizes[who] = len(protocol.encode(c.welcome))
            await c.close()
        state = srv.rooms[room].state
        out = {"events": state.seq, "notes": len(state.notes), "participants": len(state.participants),
               "phases": len(report["phases"]), "accepted": played["accepted"],
               "welcome_bytes": sizes,
               "state_only_bytes": len(protocol.encode(srv.rooms[room].welcome(
                   __import__("game.core.decide", fromlist=["Actor"]).Actor.trainer(), None)["state"]))}
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
    p.add_argument("--quick", action="store_true")
    a = p.parse_args()
    if a.quick:
        a.seconds, a.step_seconds, a.bot_seconds, a.steps = 5, 3, 12, "1,0.5,0.25"
    results = [run_server(kind, a) for kind in ("bare", "game")]
    for r in results:
        print(json.dumps(r))
    snap = asyncio.run(snapshot_after_bots(a.bot_seconds, a.bots))
    print(json.dumps({"snapshot": snap}))
    bare, game = results
    print()
    print(f"| {a.rooms} rooms × {a.players} players | actions/s offered | accepted | frames/s "
          "| p50 ms | p95 ms | p99 ms | server CPU % | CPU ms/action | avg frame B |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for r in results:
        rows = [("target, 1 action / %gs each" % a.interval, r["target"])]
        rows += [("1 action / %gs each" % s["interval_s"], s) for s in r["ladder"]]
        for label, s in rows:
            print(f"| {r['kind']}: {label} | {s['offered_per_s']} | {s['accepted_per_s']} | "
                  f"{s['frames_per_s']} | {s['p50_ms']} | {s['p95_ms']} | {s['p99_ms']} | "
                  f"{s['server_cpu_pct']} | {s['server_cpu_ms_per_action']} | "
                  f"{s['avg_frame_bytes']} |")
    if bare["best"] and game["best"]:
        print(f"\nratio game/bare (max accepted actions/s at p99 ≤ 35 ms): "
              f"{game['best']['accepted_per_s'] / bare['best']['accepted_per_s']:.2f} "
              f"({game['best']['accepted_per_s']} / {bare['best']['accepted_per_s']})")
    else:
        print("\nno step held p99 ≤ 35 ms for both servers (see the table)")
    cost = {r["kind"]: sorted(s["server_cpu_ms_per_action"] for s in [r["target"], *r["ladder"]])
            for r in results}
    med = {k: v[len(v) // 2] for k, v in cost.items()}
    print(f"server CPU per accepted action (median over steps): bare {med['bare']} ms, "
          f"game {med['game']} ms → capacity ratio game/bare {med['bare'] / med['game']:.2f} "
          f"(one core: bare ≈ {1000 / med['bare']:.0f}, game ≈ {1000 / med['game']:.0f} actions/s)")
    print(f"snapshot after the bot session: {snap}")


if __name__ == "__main__":
    main()

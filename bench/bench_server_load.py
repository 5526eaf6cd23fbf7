"""Load generator for bench_server.py: M rooms × N players, one add_note every K s each.

Runs in its own process against either server (bare or game), prints one JSON line per step:
actions/s offered and accepted, frames/s delivered, p50/p95/p99 action→broadcast latency
(measured by the sender on its own broadcast echo), server CPU (from /proc), frame sizes.
"""

from __future__ import annotations

import argparse
import asyncio
import gzip
import json
import os
import random
import sys
import time
from pathlib import Path

import msgpack

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench_server_lean import LeanClient  # noqa: E402

SCENARIO = Path(__file__).resolve().parent.parent / "scenarios" / "petit_ilot.json"
TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS  # utime + stime


class Stats:
    def __init__(self) -> None:
        self.lat: list[float] = []
        self.echoed = 0
        self.rejected = 0
        self.bytes = 0
        self.frames = 0

    def on_frame(self, c: LeanClient, payload: bytes) -> None:
        self.frames += 1
        self.bytes += len(payload)
        if not c.pending:
            return
        for aid, t0 in c.pending.items():
            if aid in payload:
                del c.pending[aid]
                if b"\xa6reject" in payload:
                    self.rejected += 1
                else:
                    self.lat.append(time.perf_counter() - t0)
                    self.echoed += 1
                return


async def setup_game(host: str, port: int, rooms: int, players: int, key: str,
                     stats: Stats) -> list[tuple[LeanClient, str]]:
    from game.net.client import Connection

    url = f"ws://{host}:{port}"
    data = json.loads(SCENARIO.read_text())
    data["players_per_persona"] = players // len(data["personas"]) + 2
    phase = next(i for i, p in enumerate(data["phases"]) if p["kind"] == "etat_des_lieux")
    spaces = [s["id"] for s in data["spaces"]]
    personas = [p["id"] for p in data["personas"]]
    org = await Connection.open(url, {"as": "organiser", "key": key})
    out = []
    for r in range(rooms):
        await org.send({"t": "create_room", "scenario_gz": gzip.compress(json.dumps(data).encode())})
        created = await org.recv(10)
        room, code = created["room"], created["trainer_code"]
        t = await Connection.open(url, {"as": "trainer", "room": room, "code": code})
        await t.act({"id": "go", "type": "set_phase", "phase": phase})
        while (await t.recv(10))["t"] != "ack":
            pass
        await t.close()
        for i in range(players):
            c = await LeanClient.open(host, port, stats.on_frame)
            c.send(msgpack.packb({"t": "hello", "v": 1, "as": "participant", "room": room,
                                  "name": f"Joueur {i + 1}", "persona": personas[i % len(personas)]}))
            await asyncio.wait_for(c.first, 10)
            out.append((c, spaces[i % len(spaces)]))
    await org.close()
    return out


async def setup_bare(host: str, port: int, rooms: int, players: int,
                     stats: Stats) -> list[tuple[LeanClient, str]]:
    out = []
    for r in range(rooms):
        for i in range(players):
            c = await LeanClient.open(host, port, stats.on_frame)
            c.send(msgpack.packb({"t": "hello", "v": 1, "room": f"R{r}"}))
            await asyncio.wait_for(c.first, 10)
            out.append((c, "hall"))
    return out


async def step(clients, interval: float, seconds: float, pid: int, stats: Stats,
               tag: int = 0) -> dict:
    loop = asyncio.get_running_loop()
    rng = random.Random(int(interval * 1000))
    for c, _ in clients:
        c.pending.clear()
    stats.__init__()
    frames0 = sum(c.frames for c, _ in clients)
    cpu0, wall0 = cpu_seconds(pid), time.perf_counter()
    own0 = cpu_seconds(os.getpid())
    start = loop.time()
    end = start + seconds
    sent = 0

    async def player(n: int, c: LeanClient, space: str) -> None:
        nonlocal sent
        at = start + rng.random() * interval
        k = 0
        while at < end:
            delay = at - loop.time()
            if delay > 0:
                await asyncio.sleep(delay)
            aid = f"b{n}s{tag}x{k}z"  # unique: the game server ignores a repeated action id
            k += 1
            c.act(aid.encode(), msgpack.packb({"t": "act", "a": {
                "id": aid, "type": "add_note", "space": space, "kind": "idee",
                "text": "Charge : une note de diagnostic", "enjeux": []}}))
            sent += 1
            at += interval

    await asyncio.gather(*(player(n, c, sp) for n, (c, sp) in enumerate(clients)))
    # let the echoes of the last actions arrive (counted: they were offered in the window)
    drain_end = loop.time() + 3
    while any(c.pending for c, _ in clients) and loop.time() < drain_end:
        await asyncio.sleep(0.01)
    wall = seconds
    cpu = cpu_seconds(pid) - cpu0
    own = cpu_seconds(os.getpid()) - own0
    busy = time.perf_counter() - wall0  # sending window + drain: the CPU figures' denominator
    lat = sorted(stats.lat)

    def pct(p: float) -> float:
        return round(lat[min(len(lat) - 1, int(p * len(lat)))] * 1000, 2) if lat else float("nan")

    frames = sum(c.frames for c, _ in clients) - frames0
    return {"interval_s": interval, "players": len(clients), "offered_per_s": round(sent / wall, 1),
            "accepted_per_s": round(stats.echoed / wall, 1), "rejected": stats.rejected,
            "lost": sent - stats.echoed - stats.rejected,
            "frames_per_s": round(frames / wall), "p50_ms": pct(0.50), "p95_ms": pct(0.95),
            "p99_ms": pct(0.99), "server_cpu_pct": round(100 * cpu / busy, 1),
            "loader_cpu_pct": round(100 * own / busy, 1),
            "server_cpu_ms_per_action": round(1000 * cpu / max(1, stats.echoed), 3),
            "avg_frame_bytes": round(stats.bytes / stats.frames) if stats.frames else 0}


async def main(a: argparse.Namespace) -> None:
    stats = Stats()
    if a.kind == "game":
        clients = await setup_game(a.host, a.port, a.rooms, a.players, a.key, stats)
    else:
        clients = await setup_bare(a.host, a.port, a.rooms, a.players, stats)
    for tag, interval in enumerate(float(x) for x in a.steps.split(",")):
        res = await step(clients, interval, a.seconds, a.pid, stats, tag)
        print(json.dumps(res), flush=True)
        # one step over the limit may be noise from other processes: stop only when hopeless
        if a.stop_when_over and (res["p99_ms"] > 10 * a.p99_limit
                                 or res["accepted_per_s"] < 0.9 * res["offered_per_s"]):
            break
    for c, _ in clients:
        c.close()


if __name__ == "__main__":
    p = argparse.ArgumentParser()
    p.add_argument("--kind", choices=["bare", "game"], required=True)
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--pid", type=int, required=True, help="server process id (for its CPU)")
    p.add_argument("--key", default="", help="organiser key (game server)")
    p.add_argument("--rooms", type=int, default=20)
    p.add_argument("--players", type=int, default=30)
    p.add_argument("--steps", default="3", help="comma-separated intervals K (s) between actions")
    p.add_argument("--seconds", type=float, default=10)
    p.add_argument("--stop-when-over", action="store_true")
    p.add_argument("--p99-limit", type=float, default=35.0)
    asyncio.run(main(p.parse_args()))

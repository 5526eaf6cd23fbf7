"""Load generator for bench_server.py: M rooms × N players, one add_note every K s each.

Runs in its own process against either server (bare or game); bench_server.py may start several
of them (each with its share of the rooms) and starts every step in all of them at once through
their stdin. Each prints, per step, raw counts: actions sent and echoed, frames and bytes
received, every action→broadcast latency (measured by the sender on its own broadcast echo) and
its own CPU time; `summary` turns them into the figures of one step. Like the project's client
(game/net/client.py, PING_INTERVAL), every player also sends a websocket ping every `--ping` s
during a step (0: none): 600 players make 120 pings/s that the server answers.
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

from bench_server_lean import LeanClient

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
        now = time.perf_counter()
        # a frame may carry several actions' events (the game server batches under load)
        for aid in [aid for aid in c.pending if aid in payload]:
            t0 = c.pending.pop(aid)
            if b"\xa6reject" in payload:
                self.rejected += 1
            else:
                self.lat.append(now - t0)
                self.echoed += 1


async def setup_game(host: str, port: int, rooms: int, players: int, key: str,
                     stats: Stats) -> list[tuple[LeanClient, str]]:
    from ilot.game.net.client import Connection

    url = f"ws://{host}:{port}"
    data = json.loads(SCENARIO.read_text())
    data["players_per_persona"] = players // len(data["personas"]) + 2
    phase = next(i for i, p in enumerate(data["phases"]) if p["kind"] == "etat_des_lieux")
    spaces = [s["id"] for s in data["spaces"]]
    personas = [p["id"] for p in data["personas"]]
    org = await Connection.open(url, {"as": "organiser", "key": key})
    out = []
    for _r in range(rooms):
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


async def setup_bare(host: str, port: int, rooms: int, players: int, stats: Stats,
                     offset: int = 0) -> list[tuple[LeanClient, str]]:
    out = []
    for r in range(offset, offset + rooms):
        for _i in range(players):
            c = await LeanClient.open(host, port, stats.on_frame)
            c.send(msgpack.packb({"t": "hello", "v": 1, "room": f"R{r}"}))
            await asyncio.wait_for(c.first, 10)
            out.append((c, "hall"))
    return out


async def pinger(clients: list[LeanClient], every: float, end: float) -> None:
    """One websocket ping per player every `every` s, the players' pings spread evenly."""
    loop = asyncio.get_running_loop()
    gap, at, i = every / len(clients), loop.time(), 0
    while at < end:
        clients[i % len(clients)].send(b"ilot", opcode=0x9)
        i += 1
        at += gap
        if (delay := at - loop.time()) > 0:
            await asyncio.sleep(delay)


async def step(clients, interval: float, seconds: float, stats: Stats, tag: int = 0,
               ping: float = 0.0) -> dict:
    """Every player sends one add_note every `interval` s for `seconds` (and a ping every `ping`
    s); raw counts out."""
    loop = asyncio.get_running_loop()
    rng = random.Random(int(interval * 1000) + tag)
    for c, _ in clients:
        c.pending.clear()
    stats.__init__()
    frames0 = sum(c.frames for c, _ in clients)
    own0, wall0 = cpu_seconds(os.getpid()), time.perf_counter()
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

    pings = [pinger([c for c, _ in clients], ping, end)] if ping > 0 and clients else []
    await asyncio.gather(*(player(n, c, sp) for n, (c, sp) in enumerate(clients)), *pings)
    # let the echoes of the last actions arrive (counted: they were offered in the window)
    drain_end = loop.time() + 3
    while any(c.pending for c, _ in clients) and loop.time() < drain_end:
        await asyncio.sleep(0.01)
    return {"sent": sent, "echoed": stats.echoed, "rejected": stats.rejected,
            "frames": sum(c.frames for c, _ in clients) - frames0, "bytes": stats.bytes,
            "data_frames": stats.frames, "lat_ms": [round(x * 1000, 3) for x in stats.lat],
            "loader_cpu_s": cpu_seconds(os.getpid()) - own0,
            "busy_s": time.perf_counter() - wall0}


def summary(parts: list[dict], interval: float, seconds: float, server_cpu_s: float,
            busy_s: float, players: int) -> dict:
    """One step's figures, from the raw counts of every load process."""
    lat = sorted(x for p in parts for x in p["lat_ms"])
    sent, echoed = sum(p["sent"] for p in parts), sum(p["echoed"] for p in parts)
    rejected = sum(p["rejected"] for p in parts)
    frames, data_frames = sum(p["frames"] for p in parts), sum(p["data_frames"] for p in parts)

    def pct(q: float) -> float:
        return round(lat[min(len(lat) - 1, int(q * len(lat)))], 2) if lat else float("nan")

    return {"interval_s": interval, "players": players, "loaders": len(parts),
            "offered_per_s": round(sent / seconds, 1), "accepted_per_s": round(echoed / seconds, 1),
            "rejected": rejected, "lost": sent - echoed - rejected,
            "frames_per_s": round(frames / seconds), "p50_ms": pct(0.50), "p95_ms": pct(0.95),
            "p99_ms": pct(0.99), "server_cpu_pct": round(100 * server_cpu_s / busy_s, 1),
            "loader_cpu_pct": round(100 * sum(p["loader_cpu_s"] for p in parts) / busy_s, 1),
            "server_cpu_ms_per_action": round(1000 * server_cpu_s / max(1, echoed), 3),
            "avg_frame_bytes": round(sum(p["bytes"] for p in parts) / data_frames)
            if data_frames else 0}


async def main(a: argparse.Namespace) -> None:
    """Set up, print `ready`, then run one step per `step INTERVAL SECONDS TAG` line on stdin."""
    stats = Stats()
    if a.kind == "game":
        clients = await setup_game(a.host, a.port, a.rooms, a.players, a.key, stats)
    else:
        clients = await setup_bare(a.host, a.port, a.rooms, a.players, stats, a.room_offset)
    print(json.dumps({"ready": len(clients)}), flush=True)
    loop = asyncio.get_running_loop()
    while True:
        line = await loop.run_in_executor(None, sys.stdin.readline)
        if not line.startswith("step"):
            break
        _, interval, seconds, tag = line.split()
        res = await step(clients, float(interval), float(seconds), stats, int(tag), a.ping)
        print(json.dumps(res), flush=True)
    for c, _ in clients:
        c.close()


if __name__ == "__main__":
    p = argparse.ArgumentParser()
    p.add_argument("--kind", choices=["bare", "game"], required=True)
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--key", default="", help="organiser key (game server)")
    p.add_argument("--rooms", type=int, default=20, help="rooms this process drives")
    p.add_argument("--room-offset", type=int, default=0, help="first room number (bare server)")
    p.add_argument("--players", type=int, default=30)
    p.add_argument("--ping", type=float, default=5.0,
                   help="a websocket ping from each player every PING s during a step (0: none)")
    asyncio.run(main(p.parse_args()))

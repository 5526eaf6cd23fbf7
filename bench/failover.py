"""Failover on a PostgreSQL store (issue 15): real `ilot serve --store` processes, rooms spread
over them, participants acting continuously, the server holding the most rooms SIGKILLed again
and again; then every room's log is read back from PostgreSQL and checked.

Used by tests/server/test_failover.py (a short run) and bench/bench_failover.py (the full run).

Each player is one websocket client in this process. It knows every server's URL (what a proxy
in front of them would make look like one address); when its connection is lost it reconnects
to another URL with its seat token and `last_seq` (`Connection.open` follows `moved` to the
room's holder) and sends again, with the SAME ids, the actions that got no answer yet: an `ack`
with `dup: true` says the action had been applied before the cut.

What is checked at the end, against the log in PostgreSQL:
- lost: an acknowledged action id with no event in its room's log;
- duplicates: an action id whose events form more than one run of consecutive seqs (applied
  twice), or a note text (each action writes its own id in it) found on two notes;
- holes: a room whose seqs are not 1..N;
- ack mismatches: an `ack` whose `seq` is not the last event of its action (or, with `dup`,
  is before it);
- divergent: an event a client received whose (author, action id) at that seq differs from
  the log's (two servers writing one room);
- gaps: a client receiving seq N+2 after N on one connection.
The takeover time of a room is measured from the SIGKILL of its holder to the first welcome of
any of its players afterwards (on whichever server took it: another one, or the killed one
started again on its port).
"""

from __future__ import annotations

import asyncio
import contextlib
import gzip
import os
import random
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from websockets.exceptions import ConnectionClosed

from ilot.game.core import load_scenario
from ilot.game.net import protocol
from ilot.game.net.client import ConnectError, Connection

ROOT = Path(__file__).resolve().parents[1]
SHORT = ROOT / "scenarios" / "petit_ilot.json"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def percentile(values: list[float], p: float) -> float | None:
    """Nearest-rank percentile (p in 0..100): a value that was measured."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * p // 100))
    return ordered[int(rank) - 1]


# ----- the server processes -----
class ServerProc:
    """`python -m ilot.server --store URL` on a fixed loopback port (kept across restarts, so
    the players' list of URLs stays right), its output read by a thread and kept."""

    def __init__(self, index: int, store_url: str, port: int, extra: tuple[str, ...] = ()):
        self.index, self.store_url, self.port, self.extra = index, store_url, port, extra
        self.url = f"ws://127.0.0.1:{port}"
        self.proc: subprocess.Popen[str] | None = None
        self.lines: list[tuple[float, int, str]] = []  # (monotonic time, pid, line), every start
        self.organiser_key: str | None = None
        self.starts = 0
        self._ready = threading.Event()

    @property
    def server_id(self) -> str:
        """As the `owners` table names this process (server/pgstore.py `server_id`)."""
        assert self.proc is not None
        return f"{socket.gethostname()}:{self.proc.pid}"

    def start(self) -> None:
        self._ready.clear()
        cmd = [sys.executable, "-m", "ilot.server", "--store", self.store_url,
               "--host", "127.0.0.1", "--port", str(self.port), "--public-url", self.url,
               "--rate", "50", "--burst", "100", *self.extra]
        self.proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE,
                                     stderr=subprocess.STDOUT, text=True,
                                     env={**os.environ, "PYTHONUNBUFFERED": "1", "ILOT_LANG": "en"})
        self.starts += 1
        threading.Thread(target=self._read, args=(self.proc,), daemon=True).start()

    def _read(self, proc: subprocess.Popen[str]) -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            self.lines.append((time.monotonic(), proc.pid, line.rstrip("\n")))
            if m := re.search(r"Organiser key \(shown once, keep it\): (\S+)", line):
                self.organiser_key = m.group(1)
            if "Open rooms" in line:
                self._ready.set()
        self._ready.set()  # exited: `wait_ready` sees it

    async def wait_ready(self, timeout: float = 60.0) -> None:
        loop = asyncio.get_running_loop()
        await loop.run_in_executor(None, self._ready.wait, timeout)
        assert self.proc is not None
        if self.proc.poll() is not None or not self._ready.is_set():
            tail = "\n".join(line for _, _, line in self.lines[-20:])
            raise RuntimeError(f"server {self.index} did not start:\n{tail}")

    def kill(self) -> None:
        assert self.proc is not None
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(30)

    def stop(self) -> None:
        if self.proc is None or self.proc.poll() is not None:
            return
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(10)

    def log_lines(self, pattern: str) -> list[str]:
        return [f"[server {self.index} pid {pid}] {line}" for _, pid, line in self.lines
                if re.search(pattern, line)]


# ----- the players -----
@dataclass
class Player:
    """One participant's client: its seat, what it sent and what came back."""

    index: int
    room: str
    urls: list[str]
    url_index: int
    step: int  # how far along the URL list a lost connection moves (rooms spread on failover)
    spaces: list[str]
    pace: float  # mean seconds between two actions
    backoff: float
    rng: random.Random
    token: str = ""
    pid: str = ""
    last_seq: int = 0
    sent: int = 0
    pending: dict[str, dict[str, Any]] = field(default_factory=dict)  # id -> action, unanswered
    sent_actions: dict[str, dict[str, Any]] = field(default_factory=dict)
    acked: dict[str, tuple[int, bool]] = field(default_factory=dict)  # id -> (seq, dup)
    rejected: dict[str, str] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)
    stray: int = 0  # answers to an id not pending (a second answer)
    probes: dict[str, str | None] = field(default_factory=dict)  # id -> dup/applied/code
    seen: dict[int, tuple[str, str]] = field(default_factory=dict)  # seq -> (by, aid) received
    gaps: int = 0
    welcomes: list[tuple[float, str]] = field(default_factory=list)  # (monotonic, server url)
    failed_opens: int = 0
    cuts: list[float] = field(default_factory=list)  # when a connection was seen lost
    conn: Connection | None = None

    async def join(self, name: str, persona: str) -> None:
        hello = {"as": "participant", "room": self.room, "name": name, "persona": persona,
                 "join_id": f"failover-join-{self.index:06d}"}
        conn = await Connection.open(self.urls[self.url_index], hello, timeout=20)
        self.token, self.pid = conn.welcome["token"], conn.welcome["you"]["id"]
        self._welcomed(conn)

    def _welcomed(self, conn: Connection) -> None:
        self.conn = conn
        self.welcomes.append((time.monotonic(), conn.url))
        if conn.url in self.urls:
            self.url_index = self.urls.index(conn.url)
        w = conn.welcome
        if "events" in w:
            self._events(w["events"])
        self.last_seq = max(self.last_seq, int(w["seq"]))  # a snapshot: the state at seq

    def _events(self, events: list[dict[str, Any]]) -> None:
        for e in events:
            seq = int(e["seq"])
            if seq <= self.last_seq:
                continue
            if seq != self.last_seq + 1:
                self.gaps += 1
            self.seen[seq] = (e["by"], e["aid"])
            self.last_seq = seq

    def _answered(self, aid: str | None) -> bool:
        if aid in self.pending:
            del self.pending[aid]
            return True
        self.stray += 1
        return False

    def _handle(self, msg: dict[str, Any]) -> None:
        t, aid = msg["t"], msg.get("id")
        if t == protocol.EVENTS:
            self._events(msg["events"])
        elif t in (protocol.ACK, protocol.REJECT, protocol.ERROR) and aid in self.probes \
                and self.probes[aid] is None:
            self.probes[aid] = "dup" if msg.get("dup") else msg.get("code", "applied")
        elif t == protocol.ACK:
            if self._answered(aid):
                self.acked[aid] = (int(msg["seq"]), bool(msg.get("dup")))
        elif t == protocol.REJECT:
            if self._answered(aid):
                self.rejected[aid] = msg["code"]
        elif t == protocol.ERROR and aid and self._answered(aid):
            self.errors[aid] = msg["code"]

    def _new_action(self) -> dict[str, Any]:
        self.sent += 1
        aid = f"f{self.index}-{self.sent}"
        return {"id": aid, "type": "add_note", "space": self.spaces[self.sent % len(self.spaces)],
                "kind": ("force", "probleme", "idee")[self.sent % 3],
                "text": f"Note {aid} du joueur {self.index}"}

    async def _reconnect(self, deadline: float) -> bool:
        """Another server (the next URLs in turn), until one welcomes us or `deadline`."""
        self.url_index = (self.url_index + self.step) % len(self.urls)
        hello = {"as": "participant", "room": self.room, "token": self.token,
                 "last_seq": self.last_seq}
        while time.monotonic() < deadline:
            try:
                conn = await Connection.open(self.urls[self.url_index], hello, timeout=10)
            except (ConnectError, OSError, TimeoutError):
                self.failed_opens += 1
                self.url_index = (self.url_index + 1) % len(self.urls)
                await asyncio.sleep(self.backoff * (0.5 + self.rng.random()))  # a back-off
                continue
            self._welcomed(conn)
            return True
        return False

    async def run(self, acting: asyncio.Event, deadline: float) -> None:
        """Act every ~`pace` s while `acting` is set; then only wait for the answers to what
        is pending. Reconnect whenever the connection is lost. Ends when nothing is pending
        after `acting` is cleared, or at `deadline`."""
        next_at = time.monotonic() + self.rng.random() * self.pace
        while time.monotonic() < deadline:
            conn = self.conn
            if conn is None:
                if not await self._reconnect(deadline):
                    return
                continue
            try:
                for action in list(self.pending.values()):  # again, with the same ids
                    await conn.act(action)
                await self._probe(conn)
                while True:
                    if not acting.is_set() and not self.pending and None not in self.probes.values():
                        return
                    now = time.monotonic()
                    if acting.is_set() and now >= next_at:
                        action = self._new_action()
                        self.pending[action["id"]] = action
                        self.sent_actions[action["id"]] = action
                        await conn.act(action)
                        next_at = now + self.pace * (0.5 + self.rng.random())
                        continue
                    wait = next_at - now if acting.is_set() else 0.5
                    with contextlib.suppress(TimeoutError):
                        self._handle(await conn.recv(timeout=max(0.01, wait)))
            except ConnectionClosed:
                self.cuts.append(time.monotonic())
                self.conn = None

    async def _probe(self, conn: Connection) -> None:
        """After a reconnect, send the last acknowledged action again, as a client whose ack
        was lost in the cut would: the server that took the room must answer `dup: true`."""
        if len(self.welcomes) >= 2 and self.acked:
            self.probes.setdefault(next(reversed(self.acked)), None)
        for aid, got in list(self.probes.items()):
            if got is None:  # also one whose answer was lost in an earlier cut
                await conn.act(self.sent_actions[aid])

    async def close(self) -> None:
        if self.conn is not None:
            with contextlib.suppress(Exception):
                await self.conn.close()
            self.conn = None


# ----- the run -----
@dataclass
class Kill:
    number: int
    server: int
    at: float  # monotonic
    rooms: list[str]
    takeover: dict[str, float | None] = field(default_factory=dict)  # room -> seconds
    taken_by: dict[str, str] = field(default_factory=dict)  # room -> url of the first welcome
    claimed: dict[str, float | None] = field(default_factory=dict)  # room -> s to "taken" logged
    noticed: dict[str, float | None] = field(default_factory=dict)  # room -> s to a player's cut
    wall: float = 0.0  # time.time() of the kill, for the servers' logs


@dataclass
class Config:
    servers: int = 3
    rooms: int = 30
    players: int = 3  # per room
    kills: int = 4
    warmup: float = 6.0  # seconds of acting before the first kill
    every: float = 9.0  # seconds between kills
    tail: float = 8.0  # seconds of acting after the last kill
    pace: float = 0.75  # mean seconds between two actions of a player
    backoff: float = 0.25  # mean reconnect back-off
    drain: float = 30.0  # seconds to get every pending action answered at the end
    restart_delay: float = 0.0  # seconds between a SIGKILL and the restart of that server
    logs: str = ""  # a folder for the servers' whole output
    seed: int = 15


def owners(store_url: str) -> dict[str, str]:
    """room -> server id, from the `owners` table."""
    import psycopg

    with psycopg.connect(store_url, autocommit=True) as db:
        return {room: srv for room, srv in db.execute("SELECT room, server FROM owners")}


async def create_rooms(servers: list[ServerProc], scenario_gz: bytes, n: int, key: str,
                       seed: int) -> list[tuple[str, str, int]]:
    """`n` rooms through the organiser, round-robin over the servers: (room, trainer code,
    server index)."""
    out: list[tuple[str, str, int]] = []
    conns = [await Connection.open(s.url, {"as": "organiser", "key": key}, timeout=20)
             for s in servers]
    try:
        for i in range(n):
            conn = conns[i % len(conns)]
            await conn.send({"t": "create_room", "scenario_gz": scenario_gz, "seed": seed + i})
            while True:
                msg = await conn.recv(timeout=30)
                if msg["t"] == "room_created":
                    out.append((msg["room"], msg["trainer_code"], i % len(conns)))
                    break
                if msg["t"] == protocol.ERROR:
                    raise RuntimeError(f"create_room refused: {msg}")
    finally:
        for c in conns:
            await c.close()
    return out


async def open_phase(url: str, room: str, code: str, phase: int) -> None:
    """The trainer moves the room to the phase where participants put notes."""
    t = await Connection.open(url, {"as": "trainer", "room": room, "code": code}, timeout=20)
    try:
        await t.act({"id": "phase", "type": "set_phase", "phase": phase})
        while True:
            msg = await t.recv(timeout=30)
            if msg["t"] in (protocol.ACK, protocol.REJECT) and msg.get("id") == "phase":
                if msg["t"] != protocol.ACK:
                    raise RuntimeError(f"set_phase refused: {msg}")
                return
    finally:
        await t.close()


async def run(cfg: Config, store_url: str, say: Any = None) -> dict[str, Any]:
    """One failover run on the (empty) database at `store_url`; the figures and checks."""
    say = say or (lambda *_: None)
    rng = random.Random(cfg.seed)
    scenario = load_scenario(SHORT)
    phase = next(i for i, p in enumerate(scenario.phases) if p.kind == "etat_des_lieux")
    spaces = [s.id for s in scenario.spaces]
    personas = [p.id for p in scenario.personas]
    servers = [ServerProc(i, store_url, free_port()) for i in range(cfg.servers)]
    urls = [s.url for s in servers]
    players: list[Player] = []
    kills: list[Kill] = []
    started = time.monotonic()
    try:
        for s in servers:
            s.start()
        for s in servers:
            await s.wait_ready()
        key = next(s.organiser_key for s in servers if s.organiser_key)
        say(f"{cfg.servers} servers up in {time.monotonic() - started:.1f} s")
        rooms = await create_rooms(servers, gzip.compress(SHORT.read_bytes()), cfg.rooms, key,
                                   cfg.seed)
        await asyncio.gather(*(open_phase(urls[i], room, code, phase) for room, code, i in rooms))
        for r, (room, _, i) in enumerate(rooms):
            for _ in range(cfg.players):
                players.append(Player(len(players), room, urls, i, 1 + r % (cfg.servers - 1),
                                      spaces, cfg.pace, cfg.backoff,
                                      random.Random(rng.random())))
        joins = [p.join(f"Joueur {p.index}", personas[(2 * k) % len(personas)])
                 for k, p in enumerate(players)]
        await asyncio.gather(*joins)
        say(f"{len(rooms)} rooms, {len(players)} players in {time.monotonic() - started:.1f} s")

        acting = asyncio.Event()
        acting.set()
        act_started = time.monotonic()
        # the players' last moment: generous (a restart takes seconds on a loaded machine)
        end_by = act_started + cfg.warmup + cfg.kills * (cfg.every + cfg.restart_delay + 60) \
            + cfg.tail + cfg.drain + 60
        tasks = [asyncio.create_task(p.run(acting, end_by)) for p in players]
        await asyncio.sleep(cfg.warmup)  # the schedule of the kills, not a synchronisation
        for n in range(cfg.kills):
            if n:
                await asyncio.sleep(cfg.every)
            held = owners(store_url)
            alive = {s.server_id: s for s in servers}
            counts = {sid: sum(1 for v in held.values() if v == sid) for sid in alive}
            victim = alive[max(counts, key=lambda sid: counts[sid])]
            mine = sorted(room for room, sid in held.items() if sid == victim.server_id)
            at, wall = time.monotonic(), time.time()
            victim.kill()
            kills.append(Kill(n + 1, victim.index, at, mine, wall=wall))
            say(f"kill {n + 1} at {time.strftime('%H:%M:%S', time.localtime(wall))}"
                f".{int(wall % 1 * 1000):03d}: server {victim.index} (pid {victim.proc.pid}) "
                f"holding {len(mine)} rooms")
            if cfg.restart_delay:
                await asyncio.sleep(cfg.restart_delay)  # the schedule, not a synchronisation
            victim.start()  # again on its port: three servers up
            await victim.wait_ready()
        await asyncio.sleep(cfg.tail)
        acting.clear()
        acted = time.monotonic() - act_started
        await asyncio.wait(tasks, timeout=cfg.drain)
        for task in tasks:
            if not task.done():
                task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        crashed = [repr(t.exception()) for t in tasks
                   if not t.cancelled() and t.exception() is not None]
    finally:
        for p in players:
            await p.close()
        for s in servers:
            s.stop()
    for k in kills:
        for room in k.rooms:
            after = [(at, url) for p in players if p.room == room for at, url in p.welcomes
                     if at > k.at]
            first = min(after, default=None)
            k.takeover[room] = None if first is None else first[0] - k.at
            if first is not None:
                k.taken_by[room] = first[1]
            # when a server logged "room X taken" (as read here: the claim and the room's load)
            logged = [at for s in servers for at, _, line in s.lines
                      if at > k.at and f"room {room} taken" in line]
            k.claimed[room] = min(logged) - k.at if logged else None
            cuts = [at for p in players if p.room == room for at in p.cuts if at > k.at]
            k.noticed[room] = min(cuts) - k.at if cuts else None
    result = check(store_url, players, kills)
    result.update(config=cfg.__dict__, acting_seconds=round(acted, 1), client_crashes=crashed,
                  wall_seconds=round(time.monotonic() - started, 1))
    result["log"] = [line for s in servers
                     for line in s.log_lines(r"taken|held by|lost|commit failed|ERROR|Traceback")]
    if cfg.logs:  # every line of every server, and the kills, in one file per server
        Path(cfg.logs).mkdir(parents=True, exist_ok=True)
        for s in servers:
            Path(cfg.logs, f"server{s.index}.log").write_text(
                "\n".join(s.log_lines("")) + "\n", encoding="utf-8")
        Path(cfg.logs, "kills.log").write_text("".join(
            f"kill {k.number} at {time.strftime('%H:%M:%S', time.localtime(k.wall))}"
            f".{int(k.wall % 1 * 1000):03d}: server {k.server}, rooms {' '.join(k.rooms)}\n"
            for k in kills), encoding="utf-8")
    return result


def check(store_url: str, players: list[Player], kills: list[Kill]) -> dict[str, Any]:
    """Read every room's log back and compare it with what the players were told."""
    from ilot.server.pgstore import PgStore

    store = PgStore(store_url, name="failover-check")
    try:
        logs = {room: store.events(room) for room in {p.room for p in players}}
    finally:
        store.close()
    holes = [room for room, events in logs.items()
             if [e.seq for e in events] != list(range(1, len(events) + 1))]
    runs: dict[tuple[str, str, str], list[list[int]]] = {}  # (room, by, aid) -> runs of seqs
    note_texts: dict[tuple[str, str], int] = {}
    by_seq: dict[str, dict[int, tuple[str, str]]] = {}
    for room, events in logs.items():
        by_seq[room] = {e.seq: (e.by, e.aid) for e in events}
        for e in events:
            if e.type == "note_added":
                text = e.data.get("text", "")
                note_texts[(room, text)] = note_texts.get((room, text), 0) + 1
            if not e.aid:
                continue
            r = runs.setdefault((room, e.by, e.aid), [])
            if r and r[-1][-1] == e.seq - 1:
                r[-1].append(e.seq)
            else:
                r.append([e.seq])
    lost, duplicates, mismatches, divergent = [], [], [], []
    for p in players:
        for aid, (seq, dup) in p.acked.items():
            r = runs.get((p.room, p.pid, aid))
            if not r:
                lost.append((p.room, p.pid, aid))
                continue
            last = r[0][-1]
            if (dup and seq < last) or (not dup and seq != last):
                mismatches.append((p.room, p.pid, aid, seq, dup, last))
        for seq, got in p.seen.items():
            if by_seq[p.room].get(seq) != got:
                divergent.append((p.room, seq, got, by_seq[p.room].get(seq)))
    duplicates = [key for key, r in runs.items() if len(r) > 1]
    twice = [key for key, n in note_texts.items() if n > 1]
    answered_in_log = sum(1 for p in players for aid in p.pending if (p.room, p.pid, aid) in runs)
    times = [t for k in kills for t in k.takeover.values() if t is not None]
    missing = sum(1 for k in kills for t in k.takeover.values() if t is None)
    claimed = [t for k in kills for t in k.claimed.values() if t is not None]
    noticed = [t for k in kills for t in k.noticed.values() if t is not None]
    ms = (lambda v: None if v is None else round(v * 1000))  # noqa: E731
    return {
        "servers_restarted": len(kills), "rooms": len(logs), "players": len(players),
        "events": sum(len(v) for v in logs.values()),
        "sent": sum(p.sent for p in players),
        "acked": sum(len(p.acked) for p in players),
        "dup_acks": sum(1 for p in players for _, dup in p.acked.values() if dup),
        "rejected": sum(len(p.rejected) for p in players),
        "rejected_codes": sorted({c for p in players for c in p.rejected.values()}),
        "errors": sum(len(p.errors) for p in players),
        "error_codes": sorted({c for p in players for c in p.errors.values()}),
        "unanswered": sum(len(p.pending) for p in players),
        "unanswered_in_log": answered_in_log,
        "stray_answers": sum(p.stray for p in players),
        "probes": sum(len(p.probes) for p in players),
        "probes_dup": sum(1 for p in players for d in p.probes.values() if d == "dup"),
        "probes_unanswered": sum(1 for p in players for d in p.probes.values() if d is None),
        "reconnects": sum(len(p.welcomes) - 1 for p in players),
        "failed_opens": sum(p.failed_opens for p in players),
        "lost": len(lost), "duplicates": len(duplicates) + len(twice),
        "seq_holes": len(holes), "ack_mismatches": len(mismatches),
        "divergent": len(divergent), "client_gaps": sum(p.gaps for p in players),
        "examples": {"lost": lost[:5], "duplicates": (duplicates + twice)[:5],
                     "holes": holes[:5], "ack_mismatches": mismatches[:5],
                     "divergent": divergent[:5]},
        "takeover_ms": {"n": len(times), "missing": missing,
                        "p50": ms(percentile(times, 50)), "p99": ms(percentile(times, 99)),
                        "max": ms(max(times, default=None))},
        "cut_noticed_ms": {"n": len(noticed), "p50": ms(percentile(noticed, 50)),
                           "p99": ms(percentile(noticed, 99)),
                           "max": ms(max(noticed, default=None))},
        "taken_logged_ms": {"n": len(claimed), "p50": ms(percentile(claimed, 50)),
                            "p99": ms(percentile(claimed, 99)),
                            "max": ms(max(claimed, default=None))},
        "kills": [{"kill": k.number, "server": k.server, "rooms": len(k.rooms),
                   "p50_ms": ms(percentile([t for t in k.takeover.values() if t is not None], 50)),
                   "max_ms": ms(max((t for t in k.takeover.values() if t is not None),
                                    default=None)),
                   "missing": sum(1 for t in k.takeover.values() if t is None),
                   "taken_logged_max_ms": ms(max((t for t in k.claimed.values() if t is not None),
                                                 default=None)),
                   "at": time.strftime("%H:%M:%S", time.gmtime(k.wall)),
                   "to_restarted": sum(1 for u in k.taken_by.values()
                                       if u.endswith(f":{_port_of(k, players)}"))}
                  for k in kills],
    }


def _port_of(k: Kill, players: list[Player]) -> str:
    """The port of the killed server (its URL is the same after the restart)."""
    urls = players[0].urls if players else []
    return urls[k.server].rsplit(":", 1)[1] if urls else ""


def run_with_temp_postgres(cfg: Config, say: Any = None) -> dict[str, Any]:
    """`run` on a throwaway PostgreSQL cluster (server/pgtemp.py), fsync on like production."""
    from ilot.server.pgtemp import TempPostgres

    with TempPostgres(fsync=True) as pg:
        url = pg.create_database("failover")
        return asyncio.run(run(cfg, url, say))


if __name__ == "__main__":  # a quick try: python bench/failover.py
    print(run_with_temp_postgres(Config(rooms=6, kills=2, every=5, tail=4), print))

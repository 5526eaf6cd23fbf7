"""docs/DEPLOY.md's reverse proxy, run: two `ilot serve --store` processes behind HAProxy or nginx.

    python bench/proxy_check.py haproxy                   # or: nginx
    python bench/proxy_check.py haproxy --no-redispatch   # health checks alone find a dead server

Everything on loopback: a throwaway PostgreSQL (server/pgtemp.py), two servers whose public URLs
are the proxy's `/s1/` and `/s2/` paths, the proxy from bench/proxy/ (ports filled in; its
configuration checked first with `haproxy -c` / `nginx -t`). Then, through the proxy only: an
organiser opens 4 rooms; per room a trainer moves it to the état des lieux and a participant
joins (routed by the hash of `?room=`, straight to the holder or redirected with `moved`) and
adds a note. The holder is killed (SIGKILL): every participant rejoins with its seat token and
must get its room back, its note included, from the other server; the time from the kill is
printed. The killed server is started again: each room must still be reachable (where it was
taken over). Prints what happened step by step; exits 1 if a check failed.
"""

from __future__ import annotations

import argparse
import asyncio
import gzip
import json
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

SCENARIO = ROOT / "scenarios" / "petit_ilot.json"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Rig:
    def __init__(self, a: argparse.Namespace, work: Path, store: str):
        self.a, self.work, self.store = a, work, store
        self.ports = {"s1": free_port(), "s2": free_port()}
        self.front = free_port()
        self.servers: dict[str, subprocess.Popen] = {}
        self.proxy: subprocess.Popen | None = None
        self.key = ""
        self.logs: list = []  # the children's log files, open as long as they run

    def log(self, name: str, mode: str = "a"):
        f = open(self.work / name, mode)  # noqa: SIM115 (a child writes it until stop())
        self.logs.append(f)
        return f

    @property
    def url(self) -> str:
        return f"ws://127.0.0.1:{self.front}"

    def serve(self, name: str) -> None:
        proc = subprocess.Popen(
            [sys.executable, "-m", "ilot.server", "--store", self.store,
             "--port", str(self.ports[name]), "--public-url", f"{self.url}/{name}/", "--trust-proxy"],
            stdout=subprocess.PIPE, stderr=self.log(f"{name}.log"), text=True,
            env={**os.environ, "ILOT_LANG": "en"})
        assert proc.stdout is not None
        for line in proc.stdout:
            if m := re.search(r"Organiser key \(shown once, keep it\): (\S+)", line):
                self.key = m.group(1)
            if "Open rooms" in line:
                break
        self.servers[name] = proc

    def start_proxy(self) -> None:
        kind = self.a.proxy
        name = "haproxy-loopback.cfg" if kind == "haproxy" else "nginx-loopback.conf"
        text = (HERE / "proxy" / name).read_text()
        text = (text.replace("@FRONT@", str(self.front)).replace("@S1@", str(self.ports["s1"]))
                .replace("@S2@", str(self.ports["s2"])).replace("@DIR@", str(self.work)))
        if self.a.no_redispatch:
            text = "\n".join(x for x in text.splitlines() if "redispatch" not in x
                             and "proxy_next_upstream" not in x) + "\n"
        cfg = self.work / name
        cfg.write_text(text)
        check = (["haproxy", "-c", "-f", str(cfg)] if kind == "haproxy"
                 else ["nginx", "-t", "-c", str(cfg)])
        out = subprocess.run(check, capture_output=True, text=True)
        print(f"{' '.join(check[:2])}: {(out.stdout + out.stderr).strip().splitlines()[-1]}")
        if out.returncode != 0:
            raise SystemExit(1)
        cmd = (["haproxy", "-f", str(cfg)] if kind == "haproxy"
               else ["nginx", "-c", str(cfg), "-g", "daemon off;"])
        self.proxy = subprocess.Popen(cmd, stdout=self.log("proxy.log", "w"),
                                      stderr=subprocess.STDOUT)

    def holder(self, room: str) -> str:
        import psycopg

        with psycopg.connect(self.store) as conn:
            row = conn.execute("SELECT url FROM owners WHERE room = %s", (room,)).fetchone()
        return str(row[0]) if row else "?"

    def stop(self) -> None:
        for proc in [self.proxy, *self.servers.values()]:
            if proc is not None and proc.poll() is None:
                proc.terminate()
                proc.wait(10)
        for f in self.logs:
            f.close()


async def rejoin(rig: Rig, hello: dict, limit: float = 30.0):
    """Connect through the proxy until welcomed, as the game client does after a cut."""
    from ilot.game.net.client import Connection

    t0 = time.monotonic()
    while True:
        try:
            return await Connection.open(rig.url, hello, timeout=3)
        except Exception as exc:  # refused, or the proxy's 502/503
            if time.monotonic() - t0 > limit:
                raise
            print(f"    attempt failed ({str(exc)[:70]}), again in 0.3 s")
            await asyncio.sleep(0.3)


def note_texts(welcome: dict) -> list[str]:
    notes = welcome["state"].get("notes") or {}
    return [n["text"] for n in (notes.values() if isinstance(notes, dict) else notes)]


async def scenario_run(rig: Rig) -> bool:
    from ilot.game.net.client import Connection

    ok = True
    data = json.loads(SCENARIO.read_text())
    phase = next(i for i, p in enumerate(data["phases"]) if p["kind"] == "etat_des_lieux")
    org = await Connection.open(rig.url, {"as": "organiser", "key": rig.key})
    rooms = []
    for _ in range(4):
        await org.send({"t": "create_room",
                        "scenario_gz": gzip.compress(json.dumps(data).encode())})
        created = await org.recv(10)
        rooms.append((created["room"], created["trainer_code"]))
    await org.close()
    print("4 rooms opened by an organiser through the proxy, held at:",
          ", ".join(f"{r} {rig.holder(r)}" for r, _ in rooms))
    tokens = {}
    for room, code in rooms:
        t = await Connection.open(rig.url, {"as": "trainer", "room": room, "code": code})
        await t.act({"id": "go", "type": "set_phase", "phase": phase})
        while (await t.recv(10))["t"] != "ack":
            pass
        await t.close()
        c = await Connection.open(rig.url, {"as": "participant", "room": room, "name": "Camille",
                                            "persona": data["personas"][0]["id"]})
        how = f"redirected (moved) to {c.url}" if c.url != rig.url else "routed by the hash"
        await c.act({"id": f"n-{room}", "type": "add_note", "space": data["spaces"][0]["id"],
                     "kind": "idee", "text": f"Note {room}", "enjeux": []})
        while (m := await c.recv(10))["t"] != "ack":
            pass
        print(f"  {room}: participant {how}; note acknowledged (seq {m['seq']})")
        tokens[room] = c.welcome["token"]
        await c.close()
    victim = "s1" if "/s1/" in rig.holder(rooms[0][0]) else "s2"
    print(f"SIGKILL {victim}, holder of {rooms[0][0]}")
    rig.servers[victim].send_signal(signal.SIGKILL)
    rig.servers[victim].wait()
    killed = time.monotonic()
    for room, _ in rooms:
        c = await rejoin(rig, {"as": "participant", "room": room, "token": tokens[room]})
        texts = note_texts(c.welcome)
        good = f"Note {room}" in texts and f"/{victim}/" not in rig.holder(room)
        ok &= good
        print(f"  {room}: back {time.monotonic() - killed:.1f} s after the kill, held at "
              f"{rig.holder(room)}, notes {texts} {'OK' if good else 'FAILED'}")
        await c.close()
    print(f"{victim} started again")
    rig.serve(victim)
    await asyncio.sleep(2.5)  # its health checks pass again
    for room, _ in rooms:
        c = await rejoin(rig, {"as": "participant", "room": room, "token": tokens[room]})
        how = f"redirected (moved) to {c.url}" if c.url != rig.url else "routed by the hash"
        print(f"  {room}: {how}, held at {rig.holder(room)}")
        await c.close()
    return ok


def main() -> int:
    p = argparse.ArgumentParser()
    p.add_argument("proxy", choices=["haproxy", "nginx"])
    p.add_argument("--no-redispatch", action="store_true",
                   help="drop HAProxy's `option redispatch` / nginx's `proxy_next_upstream`")
    a = p.parse_args()
    from ilot.server.pgtemp import TempPostgres

    with TempPostgres() as pg, tempfile.TemporaryDirectory(prefix="ilot-proxy-") as work:
        rig = Rig(a, Path(work), pg.create_database("ilot"))
        try:
            rig.serve("s1")
            rig.serve("s2")
            rig.start_proxy()
            time.sleep(2.5)  # the first health checks
            ok = asyncio.run(scenario_run(rig))
        finally:
            rig.stop()
    print("all checks passed" if ok else "SOME CHECKS FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

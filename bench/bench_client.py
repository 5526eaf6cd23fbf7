"""Client bench: idle CPU of a real window under Xvfb, and frame times with 200 notes.

    python bench/bench_client.py            # both parts, ~45 s
    python bench/bench_client.py --idle 20  # seconds of idle measurement
    python bench/bench_client.py --size 1366x768 --size 1920x1080  # each size, in one run

Part 1 starts Xvfb, a local server and a real client window (a participant in the état des
lieux with 200 notes on the map) as a subprocess, lets it settle, then reads its CPU time from
/proc over the idle window. Part 2 runs the client loop in this process on the same Xvfb display
and times `App.step()` for frames that redraw: pointer moves over the map (UI redraw, map from
cache), state changes (map re-rendered with 200 pins), and real notes arriving from the server.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DISPLAY = ":94"


def pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, round(q / 100 * (len(values) - 1)))]


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def setup(srv, notes: int):
    from ilot.game.net.client import Connection

    room, code = srv.create_room(ROOT / "scenarios" / "ilot_des_tilleuls.json")

    async def fill() -> str:
        t = await Connection.open(srv.url, {"as": "trainer", "room": room, "code": code})
        await t.act({"id": "ph", "type": "set_phase", "phase": 2})
        p = await Connection.open(srv.url, {"as": "participant", "room": room, "name": "Bench"})
        await p.act({"id": "pe", "type": "choose_persona", "persona": "fatima"})
        sc = p.welcome["scenario"]
        spaces = [s["id"] for s in sc["spaces"]]
        kinds = ("force", "probleme", "idee")
        for i in range(notes):
            await p.act({"id": f"n{i}", "type": "add_note", "space": spaces[i % len(spaces)],
                         "kind": kinds[i % 3], "text": f"Note n° {i} : état à revoir, très sale",
                         "enjeux": [sc["enjeux"][i % len(sc["enjeux"])]["id"]]})
        acks = 0
        while acks < notes + 1:
            msg = await p.recv(30)
            acks += msg.get("t") in ("ack", "reject")
        token = p.welcome["token"]
        await p.close()
        await t.close()
        return token
    return room, code, srv.run(fill(), 120)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--idle", type=float, default=20.0)
    ap.add_argument("--notes", type=int, default=200)
    ap.add_argument("--frames", type=int, default=300)
    ap.add_argument("--arrivals", type=int, default=150, help="notes sent while the window runs")
    ap.add_argument("--profile", action="store_true",
                    help="print where the time of frames with arriving notes goes (cProfile)")
    ap.add_argument("--driver", choices=("x11", "dummy"), default="x11",
                    help="frames on the Xvfb window (x11) or SDL's dummy driver (client work only)")
    ap.add_argument("--size", action="append", metavar="WxH",
                    help="the window's size (default 1280x800); give it again to measure several "
                         "sizes in the same run, one after the other")
    args = ap.parse_args()
    sizes = [parse_size(s) for s in (args.size or ["1280x800"])]

    from ilot.game.client.local_server import LocalServer

    screen = f"{max(w for w, _ in sizes)}x{max(h for _, h in sizes)}x24"  # room for each window
    xvfb = subprocess.Popen(["Xvfb", DISPLAY, "-screen", "0", screen, "-nolisten", "tcp"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    sock = Path(f"/tmp/.X11-unix/X{DISPLAY[1:]}")
    while not sock.exists():
        time.sleep(0.05)
    srv = LocalServer(rate=10_000.0, burst=10_000)
    srv.start()
    try:
        room, _code, token = setup(srv, args.notes)
        for size in sizes:
            measure(args, srv, room, token, size)
        return 0
    finally:
        srv.stop()
        xvfb.terminate()
        xvfb.wait(5)


def measure(args: argparse.Namespace, srv, room: str, token: str, size: tuple[int, int]) -> None:
    """Idle CPU of a real window of `size`, then frame times in this process."""
    w, h = size
    print(f"--- window {w}x{h} ---", flush=True)
    env = dict(os.environ, DISPLAY=DISPLAY, SDL_AUDIODRIVER="dummy",
               PYGAME_HIDE_SUPPORT_PROMPT="1")
    env.pop("SDL_VIDEODRIVER", None)
    client = subprocess.Popen([sys.executable, "-m", "ilot.game.cli", "play", srv.url, "--room", room,
                               "--token", token, "--size", f"{w}x{h}"], env=env, cwd=ROOT)
    if args.idle > 0:
        time.sleep(5)  # connect, first draw, settle
        c0, t0 = cpu_seconds(client.pid), time.monotonic()
        time.sleep(args.idle)
        c1, t1 = cpu_seconds(client.pid), time.monotonic()
        idle = 100 * (c1 - c0) / (t1 - t0)
        print(f"idle CPU over {t1 - t0:.1f} s: {idle:.2f} % of a core "
              f"({args.notes} notes on the map)")
    client.terminate()
    client.wait(5)

    os.environ["DISPLAY"] = DISPLAY
    os.environ.pop("SDL_VIDEODRIVER", None)
    if args.driver == "dummy":
        os.environ["SDL_VIDEODRIVER"] = "dummy"
    print(f"frames on the {args.driver} driver:")
    os.environ["SDL_AUDIODRIVER"] = "dummy"
    import pygame

    from ilot.game.client.app import App

    app = App(url=srv.url, hello={"as": "participant", "room": room, "token": token}, size=size)
    end = time.monotonic() + 10
    while time.monotonic() < end and not (app.screen == "main" and
                                           len(app.model.state.notes) >= args.notes):
        app.step()
        app.clock.tick(100)
    assert len(app.model.state.notes) >= args.notes, "notes did not arrive"
    r = app.side.rect
    hover, rerender = [], []
    for i in range(args.frames):
        pos = (r.x + 20 + (i * 37) % (r.w - 40), r.y + 20 + (i * 53) % (r.h - 40))
        pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(1, 1),
                                             buttons=(0, 0, 0)))
        t = time.perf_counter()
        app.step()
        hover.append((time.perf_counter() - t) * 1000)
        app.model.version += 1  # as a state change does: the map is re-rendered
        app.dirty = True
        t = time.perf_counter()
        app.step()
        rerender.append((time.perf_counter() - t) * 1000)
    # real notes arriving from the server while the window runs
    from ilot.game.net.client import Connection

    async def more(n: int) -> None:
        p = await Connection.open(srv.url, {"as": "participant", "room": room, "name": f"B{w}"})
        await p.act({"id": "pe", "type": "choose_persona", "persona": "marc"})
        for i in range(n):
            await p.act({"id": f"m{w}-{i}", "type": "add_note", "space": "cour", "kind": "idee",
                         "text": f"Idée n° {i} : des bancs à l'ombre"})
            await asyncio.sleep(0.02)
        await p.close()
    fut = asyncio.run_coroutine_threadsafe(more(args.arrivals), srv.loop)
    arrive, boxes = [], []
    prof = None
    if args.profile:
        import cProfile
        prof = cProfile.Profile()
    end = time.monotonic() + 30 + args.arrivals * 0.05
    target = len(app.model.state.notes) + args.arrivals
    while (len(app.model.state.notes) < target or app.side.due) and time.monotonic() < end:
        v, box = app.model.version, app.side._content
        t = time.perf_counter()
        if prof is not None:
            prof.enable()
        app.step()
        if prof is not None:
            prof.disable()
        dt = (time.perf_counter() - t) * 1000
        if app.side._content != box:  # the new note is in the panel's text this frame
            boxes.append(dt)
        elif app.model.version != v:
            arrive.append(dt)
        app.clock.tick(30)
    fut.result(10)
    app.close()
    if prof is not None:
        import pstats
        pstats.Stats(prof).sort_stats(os.environ.get("BENCH_SORT", "cumtime")).print_stats(25)
    for name, xs in (("pointer over the side panel (side panel redrawn)", hover),
                     ("state change (map and indicators re-rendered)", rerender),
                     ("note arriving from the server (map re-rendered)", arrive),
                     ("note arriving and shown in the side panel the same frame", boxes)):
        if not xs:
            continue
        print(f"{name}: n={len(xs)} p50 {statistics.median(xs):.2f} ms, "
              f"p99 {pct(xs, 99):.2f} ms, max {max(xs):.2f} ms")


def parse_size(text: str) -> tuple[int, int]:
    w, h = (int(x) for x in text.lower().split("x"))
    return w, h


if __name__ == "__main__":
    sys.exit(main())

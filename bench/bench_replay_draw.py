"""Replay window speed: a seek and its redraw, tab by tab, on a long session.

bench_seek.py times the timeline (the state at the cursor); this times what the trainer waits
for after a click on the timeline: `Viewer.seek` then one frame (map, indicators, the tab at
its scroll offset). Target (issue 13): p99 ≤ 50 ms for the seek itself; the frame is reported
beside it. Headless (SDL dummy driver).

    python bench/bench_replay_draw.py [--participants 30] [--scale 16] [--seeks 60]
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ilot.game.core import load_scenario  # noqa: E402
from ilot.game.debrief.logfile import write_log  # noqa: E402
from ilot.game.debrief.recording import LogRecording  # noqa: E402
from ilot.game.debrief.scripted import play  # noqa: E402
from ilot.game.debrief.viewer import Viewer  # noqa: E402


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(p / 100 * len(values)))]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--participants", type=int, default=30)
    ap.add_argument("--scale", type=float, default=16)
    ap.add_argument("--seeks", type=int, default=60)
    args = ap.parse_args()
    sc = load_scenario(ROOT / "scenarios" / "ilot_des_tilleuls.json")
    events = play(sc, args.participants, args.scale, seed=7).events
    print(f"python {platform.python_version()} · {platform.machine()} · session: {len(events)} events")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "session.jsonl"
        write_log(path, "BENCH", sc, events)
        v = Viewer(LogRecording(path), now=lambda: 0.0)
        rng = random.Random(3)
        for tab in v.tab_buttons:
            v.set_tab(tab)
            seeks, frames, scrolls = [], [], []
            for _ in range(args.seeks):
                target = rng.randrange(len(v.tl) + 1)
                t0 = time.perf_counter()
                v.seek(target)
                t1 = time.perf_counter()
                v.step(wait=False)
                t2 = time.perf_counter()
                seeks.append((t1 - t0) * 1000)
                frames.append((t2 - t1) * 1000)
                if v.scroll_by(48):  # a notch of the wheel: one frame, no seek
                    t3 = time.perf_counter()
                    v.step(wait=False)
                    scrolls.append((time.perf_counter() - t3) * 1000)
            scroll = f" · scroll frame p99 {pct(scrolls, 99):5.1f} ms" if scrolls else ""
            print(f"{tab:<14} seek p50 {pct(seeks, 50):5.1f} p99 {pct(seeks, 99):5.1f} ms · "
                  f"frame p50 {pct(frames, 50):5.1f} p99 {pct(frames, 99):5.1f} ms{scroll}")
        v.rec.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())

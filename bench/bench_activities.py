"""Debrief speed with every activity (issue 13): the whole report (trainer's and shareable
versions) and the replay's activity tabs, on the scripted two-day session of the rich scenario
with 30 participants (~20 000 events).

Targets: the report written in ≤ 2 s; a tab redrawn at one cursor position in well under a
frame budget of the replay's playback (its rows are computed once per position).

    python bench/bench_activities.py [--participants 30] [--scale 15] [--repeat 3] [--seeks 200]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ilot.game.core import load_scenario  # noqa: E402
from ilot.game.debrief.recording import Recording  # noqa: E402
from ilot.game.debrief.report import Report  # noqa: E402
from ilot.game.debrief.scripted import play  # noqa: E402
from ilot.game.debrief.tabs_activities import DRAW  # noqa: E402
from ilot.game.debrief.timeline import Timeline  # noqa: E402
from ilot.game.debrief.viewer import Viewer  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--participants", type=int, default=30)
    ap.add_argument("--scale", type=float, default=15)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--seeks", type=int, default=200)
    args = ap.parse_args()
    sc = load_scenario(ROOT / "scenarios" / "ilot_des_tilleuls.json")
    s = play(sc, participants=args.participants, scale=args.scale, seed=7)
    rec = Recording("K7QM3XPA", sc, s.events)
    tl = Timeline(sc, s.events)
    st = s.state
    print(f"{len(s.events)} events · {len(st.notes)} notes · {len(st.cafe_notes)} café notes · "
          f"{len(st.resources)} services · {len(st.arguments)} arguments · {len(st.groups)} groups")
    for share in (False, True):
        times = []
        for _ in range(args.repeat):
            t = time.perf_counter()
            html = Report(rec, tl, share=share).html()
            times.append(time.perf_counter() - t)
        print(f"report{' (share)' if share else ''}: median {statistics.median(times):.2f} s, "
              f"max {max(times):.2f} s, {len(html) / 1e6:.1f} MB")
    v = Viewer(rec, tl)
    panel = v.view
    for at in (len(tl) // 2, len(tl)):
        v.seek(at)
        for name, draw in DRAW.items():
            first = time.perf_counter()
            draw(v, panel)
            first = time.perf_counter() - first
            again = []
            for _ in range(args.repeat):
                t = time.perf_counter()
                draw(v, panel)
                again.append(time.perf_counter() - t)
            print(f"tab {name} at {at}: first {first * 1000:.0f} ms, redraw median "
                  f"{statistics.median(again) * 1000:.0f} ms")
    # random seeks, each followed by drawing the tab shown (the replay's seek as people feel it)
    rng = random.Random(5)
    for name, draw in DRAW.items():
        times = []
        for _ in range(args.seeks):
            t = time.perf_counter()
            v.seek(rng.randrange(len(tl) + 1))
            draw(v, panel)
            times.append(time.perf_counter() - t)
        times.sort()
        p99 = times[int(len(times) * 0.99) - 1]
        print(f"seek + tab {name} ({args.seeks} seeks): p50 {statistics.median(times) * 1000:.1f} ms, "
              f"p99 {p99 * 1000:.1f} ms, max {times[-1] * 1000:.1f} ms")


if __name__ == "__main__":
    main()

"""Debrief report speed: write the report of a 30-participant two-day session.

Target (issue 13): the report of a 30-participant two-day session written in ≤ 2 s. The session
is the scripted two-day session of the rich scenario (`game.debrief.scripted`), 30 participants.
`--scale 4` (the default) gives ~5 700 events, ~190 accepted actions per participant over the two
days (about 17 an hour each): the volume of a lively real session. `--scale 16` is the seek
benchmark's stress volume (~20 700 events). Each figure is the best of `--repeat` runs; the
end-to-end figure is `ilot debrief LOG --html … --share …` as a user runs it (read the log,
build the timeline, write both versions). `--pdf` also times the print to PDF (Chromium).

    python bench/bench_report.py [--participants 30] [--scale 4] [--repeat 3] [--pdf]
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import io
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ilot.game.cli import main as ilot  # noqa: E402
from ilot.game.core import load_scenario  # noqa: E402
from ilot.game.debrief.browser import find_chromium, print_pdf  # noqa: E402
from ilot.game.debrief.logfile import write_log  # noqa: E402
from ilot.game.debrief.recording import LogRecording  # noqa: E402
from ilot.game.debrief.report import write_report  # noqa: E402
from ilot.game.debrief.scripted import play  # noqa: E402
from ilot.game.debrief.timeline import Timeline  # noqa: E402


def best_of(n: int, fn) -> float:
    times = []
    for _ in range(n):
        gc.collect()
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--participants", type=int, default=30)
    ap.add_argument("--scale", type=float, default=4)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--pdf", action="store_true", help="also time the print to PDF (Chromium)")
    args = ap.parse_args()
    sc = load_scenario(ROOT / "scenarios" / "ilot_des_tilleuls.json")
    script = play(sc, args.participants, args.scale, seed=7)
    events = script.events
    days = (events[-1].t - events[0].t) / 86400
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"python {platform.python_version()} · {platform.machine()} · {os.cpu_count()} cores · "
          f"load {load:.1f} · session: {len(events)} events, {args.participants} participants, "
          f"scale {args.scale:g}, {days:.1f} days")
    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp)
        log = d / "session.jsonl"
        write_log(log, "BENCH", sc, events)
        rec = LogRecording(log)
        t = best_of(args.repeat, lambda: LogRecording(log))
        print(f"read the portable log ({log.stat().st_size / 1e6:.1f} MB)       {t * 1000:7.0f} ms")
        tls: list[Timeline] = []
        t = best_of(args.repeat, lambda: tls.append(Timeline(rec.scenario, rec.events)))
        print(f"timeline (one pass + snapshots)            {t * 1000:7.0f} ms")
        t = best_of(args.repeat, lambda: write_report(rec, d / "r.html", Timeline(rec.scenario, rec.events)))
        print(f"trainer's report, timeline included       {t * 1000:7.0f} ms  "
              f"({(d / 'r.html').stat().st_size / 1e6:.2f} MB)")
        tl = tls[-1]
        t = best_of(args.repeat, lambda: write_report(rec, d / "s.html", tl, share=True))
        print(f"shareable version, same timeline          {t * 1000:7.0f} ms")

        def end_to_end() -> None:
            with contextlib.redirect_stdout(io.StringIO()):
                assert ilot(["debrief", str(log), "--html", str(d / "r.html"), "--share", str(d / "s.html")]) == 0

        t = best_of(args.repeat, end_to_end)
        verdict = "ok" if t <= 2.0 else "OVER the 2 s target"
        print(f"ilot debrief LOG --html --share (both)     {t * 1000:7.0f} ms  [{verdict}]")
        if args.pdf and find_chromium():
            t = best_of(1, lambda: print_pdf(d / "r.html", d / "r.pdf"))
            print(f"print the trainer's report to PDF          {t * 1000:7.0f} ms  "
                  f"({(d / 'r.pdf').stat().st_size / 1e6:.1f} MB)")
        rec.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Screenshots for the docs: the report in headless Chromium, the replay viewer under Xvfb.

    python -m ilot.game.debrief.shots [--out docs/screenshots] [--log FILE]

Without `--log`, a scripted session of the rich scenario is used. Writes report.png (the top),
report_summary.png, report_share.png, the whole report in both versions as A4 PDFs (report.pdf,
report_share.pdf) and replay.png. Needs the Debian packages
chromium, xvfb and imagemagick (`import`); prints what it wrote.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from ilot.game.core.kinds import PhaseKind

from ..core.scenario_check import load_scenario
from .browser import print_pdf, screenshot
from .logfile import write_log
from .recording import LogRecording
from .report import write_report
from .scripted import play

ROOT = Path(__file__).resolve().parent.parent.parent


def _wait_for_window(pid: int, env: dict, timeout: float = 20.0) -> bool:
    """Poll xdotool until the process has a mapped window (no fixed sleep)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        out = subprocess.run(["xdotool", "search", "--onlyvisible", "--pid", str(pid)], env=env,
                             capture_output=True, text=True)
        if out.stdout.strip():
            return True
        time.sleep(0.2)
    return False


def replay_shot(log: Path, png: Path, phase: int, display: str = ":97") -> None:
    # a screen a little larger than the window: it opens at its full 1280×800 (viewer.fit_size)
    xvfb = subprocess.Popen(["Xvfb", display, "-screen", "0", "1400x900x24", "-nolisten", "tcp"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    env = {**os.environ, "DISPLAY": display, "SDL_VIDEODRIVER": "x11", "SDL_AUDIODRIVER": "dummy"}
    viewer = None
    try:
        viewer = subprocess.Popen([sys.executable, "-m", "ilot.game.cli", "replay", str(log),
                                   "--phase", str(phase)], env=env, cwd=ROOT)
        if not _wait_for_window(viewer.pid, env):
            raise RuntimeError("la fenêtre du lecteur n'est pas apparue")
        win = subprocess.run(["xdotool", "search", "--onlyvisible", "--pid", str(viewer.pid)], env=env,
                             capture_output=True, text=True).stdout.split()[0]
        # one capture per tab shown, reached by the keyboard (Tab goes through tabs.REGISTRY's
        # order: Journal, Plan, Participation, Consentement…), wherever the tab bar puts them
        subprocess.run(["xdotool", "mousemove", "--window", win, "400", "300"], env=env)
        for keys, out in ((["Tab"] * 3, png), (["shift+Tab"] * 2, png.with_name(png.stem + "_plan.png"))):
            subprocess.run(["xdotool", "key", "--window", win, *keys], env=env)
            time.sleep(1.0)  # a screenshot script, not a test: give the window time to paint
            subprocess.run(["import", "-window", win, str(out)], env=env, check=True)
    finally:
        if viewer is not None:
            viewer.terminate()
            viewer.wait(10)
        xvfb.terminate()
        xvfb.wait(10)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    ap.add_argument("--log")
    args = ap.parse_args(argv)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="ilot-shots-") as tmp:
        log = Path(args.log) if args.log else Path(tmp) / "session.jsonl"
        if not args.log:
            sc = load_scenario(ROOT / "scenarios" / "ilot_des_tilleuls.json")
            script = play(sc, participants=18, scale=1.0, seed=5)
            write_log(log, "K7QM-3XPA", sc, script.events, [
                {"id": 1, "at": script.events[620].t, "author": "trainer", "created_at": 0,
                 "text": "Ici le premier blocage : les charges des locataires âgés. Revenir dessus."},
                {"id": 2, "at": script.events[900].t, "author": "trainer", "created_at": 0,
                 "text": "Le plan final a été adopté au second tour, après retrait d'une action."}])
        rec = LogRecording(log)
        html = write_report(rec, Path(tmp) / "report.html")
        screenshot(html, out / "report.png", 1280, 2400)
        print(out / "report.png")
        screenshot(html, out / "report_summary.png", 1280, 1250)  # the one-page summary
        print(out / "report_summary.png")
        shared = write_report(rec, Path(tmp) / "report_share.html", share=True)  # no names
        screenshot(shared, out / "report_share.png", 1280, 2400)
        print(out / "report_share.png")
        # the whole report, both versions, as a trainer sends it: A4 PDFs (a PNG of the whole
        # page would be over 40 000 pixels tall)
        for page, pdf in ((html, "report.pdf"), (shared, "report_share.pdf")):
            print_pdf(page, out / pdf)
            print(out / pdf)
        delib = next(i for i, p in enumerate(rec.scenario.phases) if p.kind == PhaseKind.PLAN_ACTION)
        replay_shot(log, out / "replay.png", delib)
        print(out / "replay.png")
    return 0


if __name__ == "__main__":
    sys.exit(main())

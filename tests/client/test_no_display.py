"""`ilot play` and `ilot demo` on a machine without a screen exit within seconds, saying why in
the command line's language, instead of running a window nobody sees."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ilot.game.text import lang_for

ROOT = Path(__file__).resolve().parents[2]


def _ilot(*args: str, display: str, tmp_path: Path) -> tuple[subprocess.CompletedProcess[str], float]:
    env = {k: v for k, v in os.environ.items()
           if k not in ("SDL_VIDEODRIVER", "WAYLAND_DISPLAY", "ILOT_LANG")}
    env.update(DISPLAY=display, ILOT_SEATS=str(tmp_path / "seats.json"),
               XDG_DATA_HOME=str(tmp_path / "data"))
    start = time.monotonic()
    run = subprocess.run([sys.executable, "-m", "ilot.game.cli", *args], cwd=ROOT, env=env,
                         capture_output=True, text=True, timeout=60)
    return run, time.monotonic() - start


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="DISPLAY is how X11 finds a screen")
@pytest.mark.parametrize("command", [["play"], ["demo", "--bots", "0"]], ids=["play", "demo"])
@pytest.mark.parametrize("code", ["fr", "en"])
def test_no_display_exits_at_once_with_a_message(command, code, tmp_path):
    run, took = _ilot(*command, "--lang", code, display="", tmp_path=tmp_path)
    assert run.returncode == 1, (run.stdout, run.stderr)
    assert lang_for(code).t("ui.cli.no_display") in run.stderr
    assert took < 20
    assert "Traceback" not in run.stderr


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="DISPLAY is how X11 finds a screen")
def test_a_display_that_does_not_answer_is_no_display_either(tmp_path):
    """DISPLAY names a screen that is not there: SDL would fall back on a window nobody sees."""
    display = next(f":{n}" for n in range(57, 99) if not Path(f"/tmp/.X11-unix/X{n}").exists())
    run, took = _ilot("play", "--lang", "en", display=display, tmp_path=tmp_path)
    assert run.returncode == 1, (run.stdout, run.stderr)
    en = lang_for("en")
    assert en.t("ui.cli.no_display") in run.stderr or \
        en.t("ui.cli.no_window", reason="").rstrip() in run.stderr
    assert took < 20

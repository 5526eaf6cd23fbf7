"""Render an HTML file to a PNG with headless Chromium (the Debian `chromium` package).

Used by `ilot debrief --png` and by the report test: the report is checked in a real browser.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from .errors import BrowserError

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--hide-scrollbars", "--mute-audio"]


def find_chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


def screenshot(html: str | Path, png: str | Path, width: int = 1280, height: int = 2400,
               timeout: float = 60.0) -> Path:
    """Render `html` (a local file) at width×height into `png`; raises BrowserError (a
    RuntimeError) on failure."""
    exe = find_chromium()
    if exe is None:
        raise BrowserError("debrief.error.no_chromium")
    png = Path(png).resolve()
    png.unlink(missing_ok=True)
    with tempfile.TemporaryDirectory(prefix="ilot-chromium-") as profile:
        cmd = [exe, *FLAGS, f"--user-data-dir={profile}", f"--screenshot={png}",
               f"--window-size={width},{height}", Path(html).resolve().as_uri()]
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    if not png.is_file():
        raise BrowserError("debrief.error.no_picture", code=proc.returncode,
                           detail=proc.stderr.strip()[-400:])
    return png

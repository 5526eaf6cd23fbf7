"""Render an HTML file to a PNG or print it to a PDF with headless Chromium (the Debian
`chromium` package).

Used by `ilot debrief --png` / `--pdf` and by the report tests: the report is checked in a real
browser. The PDF follows the report's print CSS (`@page` A4, one section per page); SVG charts
and maps stay vector.
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


def _render(html: str | Path, out: str | Path, args: list[str], failed: str,
            timeout: float) -> Path:
    """Run headless Chromium on `html` (a local file) with `args` naming `out`; `out`, or
    BrowserError `failed` when Chromium wrote nothing (`no_chromium` when it is absent)."""
    exe = find_chromium()
    if exe is None:
        raise BrowserError("debrief.error.no_chromium")
    out = Path(out).resolve()
    out.unlink(missing_ok=True)
    with tempfile.TemporaryDirectory(prefix="ilot-chromium-") as profile:
        cmd = [exe, *FLAGS, f"--user-data-dir={profile}", *(a.format(out=out) for a in args),
               Path(html).resolve().as_uri()]
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    if not out.is_file() or out.stat().st_size == 0:
        raise BrowserError(failed, code=proc.returncode, detail=proc.stderr.strip()[-400:])
    return out


def screenshot(html: str | Path, png: str | Path, width: int = 1280, height: int = 2400,
               timeout: float = 60.0) -> Path:
    """Render `html` (a local file) at width×height into `png`; raises BrowserError (a
    RuntimeError) on failure."""
    return _render(html, png, ["--screenshot={out}", f"--window-size={width},{height}"],
                   "debrief.error.no_picture", timeout)


# Chromium ≥ 111 (`--print-to-pdf-no-header` before); the report's `@page` sets A4 and margins
PDF_FLAGS = ["--no-pdf-header-footer", "--generate-pdf-document-outline"]


def print_pdf(html: str | Path, pdf: str | Path, timeout: float = 120.0) -> Path:
    """Print `html` (a local file) to `pdf`, as its print CSS lays it out; raises BrowserError
    (a RuntimeError) on failure, `debrief.error.no_chromium` when Chromium is not installed."""
    return _render(html, pdf, [*PDF_FLAGS, "--print-to-pdf={out}"], "summary.error.no_pdf", timeout)

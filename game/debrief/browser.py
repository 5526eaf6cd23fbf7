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


# Chromium ≥ 111 (`--print-to-pdf-no-header` before); the report's `@page` sets A4 and margins
PDF_FLAGS = ["--no-pdf-header-footer", "--generate-pdf-document-outline"]


def print_pdf(html: str | Path, pdf: str | Path, timeout: float = 120.0) -> Path:
    """Print `html` (a local file) to `pdf`, as its print CSS lays it out; raises BrowserError
    (a RuntimeError) on failure, `debrief.error.no_chromium` when Chromium is not installed."""
    exe = find_chromium()
    if exe is None:
        raise BrowserError("debrief.error.no_chromium")
    pdf = Path(pdf).resolve()
    pdf.unlink(missing_ok=True)
    with tempfile.TemporaryDirectory(prefix="ilot-chromium-") as profile:
        cmd = [exe, *FLAGS, *PDF_FLAGS, f"--user-data-dir={profile}", f"--print-to-pdf={pdf}",
               Path(html).resolve().as_uri()]
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    if not pdf.is_file() or pdf.stat().st_size == 0:
        raise BrowserError("summary.error.no_pdf", code=proc.returncode,
                           detail=proc.stderr.strip()[-400:])
    return pdf

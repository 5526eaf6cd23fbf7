"""game/net passes mypy in strict mode, as configured in pyproject.toml (`python -m mypy`).

Skipped where mypy is not installed (`pip install mypy`); msgpack's stubs come with the test
extra (msgpack-types)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def test_mypy_strict_passes_on_the_wire_package(tmp_path):
    pytest.importorskip("mypy")
    done = subprocess.run([sys.executable, "-m", "mypy", "--cache-dir", str(tmp_path / "cache")],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "source files" in done.stdout  # it did check something: ilot.game.net was found

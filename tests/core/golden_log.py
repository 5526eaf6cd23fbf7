"""Where the golden log lives and how it is read (shared by make_golden.py and test_golden.py)."""

from __future__ import annotations

import json
from pathlib import Path

GOLDEN = Path(__file__).resolve().parent / "golden"
LOG = GOLDEN / "short_session.jsonl"
HASH = GOLDEN / "short_session.sha256"
HEADER = {"kind": "ilot-log", "format": 1, "scenario_file": "scenarios/petit_ilot.json"}


def read_log(path: Path = LOG) -> tuple[dict, list[dict]]:
    """The header line and the events (as dicts) of a JSON Lines log."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return json.loads(lines[0]), [json.loads(line) for line in lines[1:] if line]

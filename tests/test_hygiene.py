"""Rules of the code that no linter states: a silenced type error says which and why."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
IGNORE = re.compile(r"#\s*type:\s*ignore(?P<code>\[[^\]]*\])?(?P<rest>.*)$")


def test_every_type_ignore_names_its_error_and_gives_a_reason():
    wrong = []
    for folder in ("game", "server", "ilot", "tests", "bench"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                m = IGNORE.search(line)
                if m is None:
                    continue
                reason = m["rest"].strip().lstrip("#( ").strip()
                if not m["code"] or not reason:
                    wrong.append(f"{path.relative_to(ROOT)}:{n}: {line.strip()}")
    assert wrong == [], "write `# type: ignore[code]  # why` (or fix the type):\n" + "\n".join(wrong)

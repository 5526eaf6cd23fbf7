"""Write the golden log of a full short session. Run ONCE; the tests never run this.

    python tests/core/make_golden.py            # refuses to overwrite an existing log
    python tests/core/make_golden.py --rehash   # recompute the hash of the COMMITTED log

`--rehash` is only for a deliberate change of the state's shape (a new field): it replays the
committed log as it is and writes its new hash. A change that makes the old log fail to replay
needs an upcaster in `game/core/events.py`, never an edited log.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # tests/ for `helpers`
sys.path.insert(0, str(HERE))

from golden_log import GOLDEN, HASH, HEADER, LOG, read_log  # noqa: E402
from helpers import ROOT, SHORT_FILE  # noqa: E402
from script import play_short_session  # noqa: E402

from ilot.game.core import load_scenario, replay, state_hash  # noqa: E402

assert HEADER["scenario_file"] == str(SHORT_FILE.relative_to(ROOT))


def main(argv: list[str]) -> int:
    scenario = load_scenario(SHORT_FILE)
    if "--rehash" in argv:
        _, events = read_log()
        HASH.write_text(state_hash(replay(scenario, events)) + "\n", encoding="ascii")
        print(f"rehashed {HASH}")
        return 0
    if LOG.exists():
        print(f"{LOG} exists: golden logs are never rewritten (write an upcaster instead)")
        return 1
    session = play_short_session(scenario)
    GOLDEN.mkdir(exist_ok=True)
    with LOG.open("w", encoding="utf-8") as f:
        f.write(json.dumps(HEADER, ensure_ascii=False) + "\n")
        for e in session.events:
            f.write(json.dumps(e.to_dict(), ensure_ascii=False, sort_keys=True) + "\n")
    # the hash is the one of the log as read back from disk, replayed from scratch
    _, events = read_log()
    digest = state_hash(replay(scenario, events))
    assert digest == session.hash(), "replay of the written log differs from the live state"
    HASH.write_text(digest + "\n", encoding="ascii")
    print(f"wrote {len(session.events)} events to {LOG}\n{digest}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""Failover (issue 15): three `ilot serve --store` processes on one PostgreSQL, rooms spread
over them, players acting continuously, the server holding the most rooms SIGKILLed twice (and
started again): no acknowledged action lost, none applied twice, every room taken over fast.

The run itself is bench/failover.py (bench/bench_failover.py is its full-size version)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[2] / "bench"
if str(BENCH) not in sys.path:
    sys.path.insert(0, str(BENCH))

from failover import Config, run  # noqa: E402


async def test_sigkill_of_the_busiest_server_loses_and_doubles_nothing(pg_url):
    cfg = Config(servers=3, rooms=12, players=3, kills=2, warmup=4.0, every=5.0, tail=4.0,
                 pace=0.6, backoff=0.2, drain=30.0)
    r = await run(cfg, pg_url)
    shown = json.dumps(r, indent=1, default=str)
    assert r["client_crashes"] == [], shown
    # each kill hit a server holding rooms, and every one of them was taken over
    assert len(r["kills"]) == 2 and all(k["rooms"] > 0 for k in r["kills"]), shown
    assert r["takeover_ms"]["missing"] == 0, shown
    assert r["takeover_ms"]["n"] == sum(k["rooms"] for k in r["kills"]), shown
    assert r["takeover_ms"]["p99"] <= 5000, shown
    # the players did go on acting through the kills, on other servers
    assert r["reconnects"] >= r["takeover_ms"]["n"], shown
    assert r["acked"] >= cfg.rooms * cfg.players * 10, shown
    # every action was answered, none refused, and the log agrees with the answers
    assert r["unanswered"] == 0 and r["rejected"] == 0 and r["errors"] == 0, shown
    assert r["lost"] == 0, shown
    assert r["duplicates"] == 0, shown
    assert r["seq_holes"] == 0 and r["ack_mismatches"] == 0, shown
    assert r["divergent"] == 0 and r["client_gaps"] == 0, shown
    assert r["stray_answers"] == 0, shown
    # an action sent again after the takeover, as if its ack had been lost: `dup: true`
    assert r["probes"] >= r["takeover_ms"]["n"] and r["probes_dup"] == r["probes"], shown

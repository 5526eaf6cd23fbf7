"""Failover on PostgreSQL (issue 15): 3 `ilot serve --store` processes, 30 rooms × 3 players
acting continuously (an add_note every ~0.75 s each), the server holding the most rooms
SIGKILLed every ~9 s (and started again on its port) 4 times. Reports acknowledged actions lost,
actions applied twice, and the takeover time of each room of each kill (SIGKILL → first welcome
of one of its players on the server that took it). See bench/failover.py for what is checked.

    python bench/bench_failover.py                     # ≈ 1 min 30 s, its own PostgreSQL
    python bench/bench_failover.py --kills 6 --rooms 30
    python bench/bench_failover.py --store postgresql://…/empty_db   # an existing empty database

Prints one JSON line, then a Markdown table (docs/BENCHMARKS.md).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import subprocess
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from failover import Config, run  # noqa: E402


def machine() -> dict[str, Any]:
    from ilot.server.pgtemp import find_bin

    try:
        pg = subprocess.run([find_bin("postgres"), "--version"], capture_output=True,
                            text=True).stdout.strip()
    except Exception:
        pg = "?"
    return {"python": platform.python_version(), "cpus": os.cpu_count(),
            "platform": platform.platform(), "postgres": pg,
            "load_before": [round(x, 2) for x in os.getloadavg()]}


def table(r: dict[str, Any]) -> str:
    t = r["takeover_ms"]
    lines = [
        "| servers | rooms × players | kills | actions acked | lost | duplicates | resent acked (dup) "
        "| takeovers | takeover p50 | p99 | max |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
        f"| {r['config']['servers']} | {r['rooms']} × {r['config']['players']} | {len(r['kills'])} "
        f"| {r['acked']} | {r['lost']} | {r['duplicates']} | {r['probes_dup']}/{r['probes']} "
        f"| {t['n']} (missing {t['missing']}) | {t['p50']} ms | {t['p99']} ms | {t['max']} ms |",
        "",
        "| kill | server | rooms held | takeover p50 | max | last \"taken\" logged | "
        "to the restarted server |",
        "|---|---|---|---|---|---|---|",
    ]
    lines += [f"| {k['kill']} | {k['server']} | {k['rooms']} | {k['p50_ms']} ms | {k['max_ms']} ms "
              f"| {k['taken_logged_max_ms']} ms | {k['to_restarted']} |" for k in r["kills"]]
    return "\n".join(lines)


def main() -> int:
    d = Config()
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--store", help="an empty PostgreSQL database (else a throwaway cluster)")
    for name in ("servers", "rooms", "players", "kills", "seed"):
        p.add_argument(f"--{name}", type=int, default=getattr(d, name))
    for name in ("warmup", "every", "tail", "pace", "backoff", "drain", "restart_delay"):
        p.add_argument(f"--{name.replace('_', '-')}", type=float, default=getattr(d, name))
    p.add_argument("--logs", default="", metavar="DIR", help="the servers' whole output there")
    p.add_argument("-v", "--verbose", action="store_true", help="the servers' takeover lines")
    a = p.parse_args()
    cfg = Config(**{k: getattr(a, k) for k in d.__dict__})
    info = machine()

    def say(line: str) -> None:
        print(line, file=sys.stderr, flush=True)

    if a.store:
        r = asyncio.run(run(cfg, a.store, say))
    else:
        from ilot.server.pgtemp import TempPostgres

        with TempPostgres(fsync=True) as pg:
            r = asyncio.run(run(cfg, pg.create_database("failover"), say))
    info["load_after"] = [round(x, 2) for x in os.getloadavg()]
    log = r.pop("log")
    if a.verbose:
        for line in log:
            say(line)
    r["machine"] = info
    print(json.dumps(r, default=str))
    print()
    print(table(r))
    ok = (r["lost"] == 0 and r["duplicates"] == 0 and r["takeover_ms"]["missing"] == 0
          and (r["takeover_ms"]["p99"] or 0) <= 5000)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

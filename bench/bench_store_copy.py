"""Benchmark: moving a store (`ilot store copy`) and a log (`ilot log import`) between SQLite and
PostgreSQL, on a throwaway PostgreSQL (fsync on, as a real one).

Builds a data directory of `--rooms` rooms, each a scripted two-day session of the rich
scenario (`--participants`, `--scale`), with a seat per participant, then times the copy to
PostgreSQL, back to a new data directory, and the import of one room's log into PostgreSQL.

    python bench/bench_store_copy.py [--rooms 20] [--participants 30] [--scale 1.0]
"""

from __future__ import annotations

import argparse
import platform
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ilot.game.core import load_scenario  # noqa: E402
from ilot.game.debrief.logfile import read_log, write_log  # noqa: E402
from ilot.game.debrief.scripted import scripted_session  # noqa: E402
from ilot.game.storage.copying import copy_store  # noqa: E402
from ilot.game.storage.importing import import_room  # noqa: E402
from ilot.server.pgtemp import TempPostgres  # noqa: E402
from ilot.server.store import Store  # noqa: E402


def build(data: Path, rooms: int, participants: int, scale: float) -> int:
    scenario = load_scenario(ROOT / "scenarios" / "ilot_des_tilleuls.json")
    store = Store.in_dir(data, synchronous="NORMAL")
    n = 0
    for r in range(rooms):
        events = scripted_session(scenario, participants, scale, r + 1)
        room = f"RM{r:02d}ABCD"[:8]
        store.create_room(room, scenario, "0" * 64, events[0], f"TRAINER{r:05d}")
        store.append_batch([(room, events[1:])])
        for p in range(participants):
            store.append(room, [], seat=(f"{room}-{p}", f"p{p}"))
        n += len(events)
    store.close()
    return n


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rooms", type=int, default=20)
    ap.add_argument("--participants", type=int, default=30)
    ap.add_argument("--scale", type=float, default=1.0)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="ilot-bench-copy-") as tmp, \
            TempPostgres(fsync=True) as pg:
        data = Path(tmp) / "data"
        events = build(data, args.rooms, args.participants, args.scale)
        size = (data / "ilot.sqlite3").stat().st_size / 1e6
        print(f"{platform.processor() or platform.machine()}, Python {platform.python_version()}")
        print(f"store: {args.rooms} rooms, {events} events, "
              f"{args.rooms * args.participants} seats, {size:.1f} MB")
        url = pg.create_database("copy")
        t0 = time.perf_counter()
        counts = copy_store(data, url)
        t1 = time.perf_counter()
        back = Path(tmp) / "back"
        copy_store(url, back)
        t2 = time.perf_counter()
        assert counts["events"] == events
        print(f"copy SQLite -> PostgreSQL: {t1 - t0:.2f} s ({events / (t1 - t0):,.0f} events/s)")
        print(f"copy PostgreSQL -> SQLite: {t2 - t1:.2f} s ({events / (t2 - t1):,.0f} events/s)")
        log = Path(tmp) / "room.jsonl"
        store = Store.in_dir(back)
        room = store.room_codes()[0]
        write_log(log, room, store.scenario(room), store.events(room))
        store.close()
        contents = read_log(log)
        target = pg.create_database("import")
        t3 = time.perf_counter()
        import_room(target, contents.room, contents.scenario, contents.events)
        t4 = time.perf_counter()
        print(f"log import into PostgreSQL (replay check included): one room, "
              f"{len(contents.events)} events, {t4 - t3:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""`ilot serve --store postgresql://…` as an operator runs it: killed (SIGKILL) and started
again with the same `--scenario`, it takes the same room back from the database, with the same
codes and every acknowledged action; the connection rows the dead server left open are closed."""

from __future__ import annotations

import os
import signal

from ilot.game.storage.reading import read_connections
from ilot.server.pgstore import PgStore

from .conftest import SHORT, act, opened, set_phase
from .test_crash import start_server


async def test_killed_and_started_again_on_the_same_database(pg_url, scenario):
    proc, first = await start_server(pg_url, "--scenario", str(SHORT))
    acked = []
    try:
        t = await opened(first["url"], {"as": "trainer", "room": first["room"],
                                        "code": first["code"]})
        p = await opened(first["url"], {"as": "participant", "room": first["room"],
                                        "name": "Awa", "persona": scenario.personas[0].id})
        await set_phase(t, scenario, "etat_des_lieux")
        for i in range(20):
            reply = await act(p, {"type": "add_note", "space": scenario.spaces[0].id,
                                  "kind": "idee", "text": f"Note {i} — « avant »"})
            assert reply["t"] == "ack"
            acked.append(f"Note {i} — « avant »")
        token = p.welcome["token"]
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(20)
    proc, again = await start_server(pg_url, "--scenario", str(SHORT))
    try:
        assert (again["room"], again["code"]) == (first["room"], first["code"])
        back = await opened(again["url"], {"as": "participant", "room": again["room"],
                                           "token": token})
        notes = back.welcome["state"]["notes"]
        texts = [n["text"] for n in (notes.values() if isinstance(notes, dict) else notes)]
        assert sorted(texts) == sorted(acked)
        await back.close()
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(20)
    store = PgStore(pg_url)
    try:
        rows = read_connections(store.db, first["room"])
        inferred = [r for r in rows if r["inferred"]]
        assert {r["who"] for r in inferred} >= {"p1"}  # closed for the killed server
        opened_n = sum(1 for r in rows if r["kind"] == "connect")
        closed_n = sum(1 for r in rows if r["kind"] == "disconnect")
        assert opened_n == closed_n
    finally:
        store.close()


def test_hold_is_zero_or_at_least_a_second():
    import subprocess
    import sys

    for bad in ("0.3", "-1", "abc"):
        done = subprocess.run([sys.executable, "-m", "ilot.server", "--hold", bad],
                              capture_output=True, text=True, env={**os.environ, "ILOT_LANG": "en"},
                              timeout=60)
        assert done.returncode == 2 and "--hold takes 0 (never)" in done.stderr, done.stderr

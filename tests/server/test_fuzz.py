"""Thousands of random and mutated frames while a well-behaved player keeps playing."""

from __future__ import annotations

import asyncio
import logging
import random

import msgpack
from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed

from ilot.game.core.actions import ACTION_TYPES
from ilot.game.core.replay import replay, state_hash
from ilot.game.net import protocol
from ilot.server.app import IlotServer
from ilot.server.store import Store

from .conftest import act, join, set_phase, trainer

FIELDS = ["id", "type", "space", "kind", "text", "enjeux", "x", "y", "note", "phase", "round",
          "option", "reason", "placements", "proposal", "answers", "items", "group", "persona",
          "name", "table", "use", "year", "lead", "quarter", "cost", "payer", "subject"]


def random_value(rng: random.Random, depth: int = 0):
    kind = rng.randrange(9 if depth < 3 else 6)
    if kind == 0:
        return rng.randint(-2**63, 2**64 - 1)
    if kind == 1:
        return rng.random() * rng.choice([1, 1e308, -1e-300, float("inf"), float("nan")])
    if kind == 2:
        return "".join(chr(rng.randrange(0x20, 0x2FFF)) for _ in range(rng.randrange(0, 40)))
    if kind == 3:
        return bytes(rng.randrange(256) for _ in range(rng.randrange(0, 40)))
    if kind == 4:
        return rng.choice([None, True, False, "", "hall", "p1", "R1", "P1", "trainer"])
    if kind == 5:
        return rng.choice(sorted(ACTION_TYPES))
    if kind == 6:
        return [random_value(rng, depth + 1) for _ in range(rng.randrange(0, 6))]
    if kind == 7:
        return {rng.choice(FIELDS): random_value(rng, depth + 1) for _ in range(rng.randrange(0, 6))}
    return {"t": rng.choice(["act", "hello", "create_room", "ping", "x"]),
            "a": random_value(rng, depth + 1)}


def fuzz_frame(rng: random.Random, valid: list[bytes]) -> bytes | str:
    r = rng.random()
    if r < 0.15:
        return bytes(rng.randrange(256) for _ in range(rng.randrange(0, 300)))
    if r < 0.35:
        b = bytearray(rng.choice(valid))
        for _ in range(rng.randrange(1, 6)):
            b[rng.randrange(len(b))] = rng.randrange(256)
        return bytes(b)
    if r < 0.45:
        b = rng.choice(valid)
        return b[: rng.randrange(len(b))]
    if r < 0.55:
        return msgpack.packb(random_value(rng), use_bin_type=True)
    if r < 0.85:
        a = {f: random_value(rng, 2) for f in rng.sample(FIELDS, rng.randrange(1, 7))}
        a["type"] = rng.choice(sorted(ACTION_TYPES))
        if rng.random() < 0.7:
            a["id"] = f"f{rng.randrange(10**6)}"
        return msgpack.packb({"t": "act", "a": a}, use_bin_type=True)
    if r < 0.9:
        return "texte " * rng.randrange(1, 50)
    if r < 0.95:
        depth = rng.randrange(100, 3000)
        return b"\x91" * depth + b"\xc0"
    return msgpack.packb({"t": "create_room", "scenario": random_value(rng)}, use_bin_type=True)


async def _drain(ws) -> None:
    try:
        async for _ in ws:
            pass
    except ConnectionClosed:
        pass


async def attacker(srv: IlotServer, n: int, seed: int, valid: list[bytes], stats: dict) -> None:
    rng = random.Random(seed)
    ws = None
    drains = set()  # the readers of this attacker's connections (kept: a task needs a reference)
    for _i in range(n):
        try:
            if ws is None:
                ws = await connect(srv.url, compression=None, max_size=protocol.MAX_DOWN_FRAME)
                drains.add(asyncio.ensure_future(_drain(ws)))  # read the answers, whatever they are
                if rng.random() < 0.2:  # a mutated hello on a fresh connection
                    await ws.send(fuzz_frame(rng, valid[:1]))
                    stats["hellos"] += 1
                    await ws.close()
                    ws = None
                    continue
                await ws.send(protocol.encode({"t": "hello", "v": 1, "as": "participant",
                                               "room": srv.room, "name": f"Intrus {seed}"}))
            await ws.send(fuzz_frame(rng, valid))
            stats["frames"] += 1
            stats["progress"].set()
            if rng.random() < 0.01:  # start again with a new connection now and then
                await ws.close()
                ws = None
                continue
        except ConnectionClosed:
            stats["closed"] += 1
            ws = None
    if ws is not None:
        await ws.close()


async def test_fuzz_does_not_disturb_a_player(tmp_path, scenario, caplog):
    caplog.set_level(logging.INFO, logger="ilot")
    srv = IlotServer(tmp_path, rate=10_000, burst=10_000, fail_burst=10_000, max_seats=1000)
    await srv.start()
    try:
        srv.room, srv.trainer_code = srv.create_room(scenario)
        t = await trainer(srv)
        good = await join(srv, "Awa", scenario.personas[0].id)
        await set_phase(t, scenario, "etat_des_lieux")
        hello = protocol.encode({"t": "hello", "v": 1, "as": "participant", "room": srv.room,
                                 "name": "Bob"})
        valid = [hello] + [protocol.encode({"t": "act", "a": {
            "id": f"v{i}", "type": "add_note", "space": sp.id, "kind": "idee", "text": "bof"}})
            for i, sp in enumerate(scenario.spaces)]
        stats = {"frames": 0, "hellos": 0, "closed": 0, "progress": asyncio.Event()}
        attack = asyncio.gather(*(attacker(srv, 1500, s, valid, stats) for s in range(4)))
        task = asyncio.ensure_future(attack)
        acked = []
        i = 0
        while not task.done() or i < 20:
            reply = await act(good, {"id": f"good{i}", "type": "add_note",
                                     "space": scenario.spaces[i % len(scenario.spaces)].id,
                                     "kind": "force", "text": f"toujours là {i}"}, timeout=5)
            assert reply["t"] == protocol.ACK, reply
            acked.append(reply["id"])
            i += 1
            # one good action for every ~20 fuzz frames: wait on the attackers' progress
            mark = stats["frames"] + 20
            while stats["frames"] < mark and not task.done():
                stats["progress"].clear()
                # the attackers may finish meanwhile: then no progress will ever come
                waiter = asyncio.ensure_future(stats["progress"].wait())
                done, _ = await asyncio.wait({waiter, task}, timeout=10,
                                             return_when=asyncio.FIRST_COMPLETED)
                waiter.cancel()
                assert done, "the attackers sent nothing for 10 s"
        await task
        assert stats["frames"] + stats["hellos"] >= 5000 and stats["hellos"] > 10
        room = srv.rooms[srv.room]
        mine = {n.text for n in room.state.notes.values() if n.author == "p1"}
        assert mine == {f"toujours là {k}" for k in range(i)}
        errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
        assert errors == [], errors[:3]
        store = Store.in_dir(tmp_path)
        assert state_hash(replay(store.scenario(srv.room), store.events(srv.room))) == \
            state_hash(room.state)
        store.close()
        for c in (t, good):
            await c.close()
    finally:
        await srv.stop()

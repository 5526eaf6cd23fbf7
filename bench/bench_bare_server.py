"""The baseline: a bare websockets broadcast server doing only msgpack decode + append +
re-encode + broadcast, with the same envelope as the game server (hello, act → events).

Run: python bench/bench_bare_server.py [--port 0]   (prints "port N" when ready)
"""

from __future__ import annotations

import argparse
import asyncio

import msgpack
from websockets.asyncio.server import broadcast, serve
from websockets.exceptions import ConnectionClosed

ROOMS: dict[str, dict] = {}


async def handler(ws) -> None:
    room = None
    try:
        hello = msgpack.unpackb(await ws.recv(), raw=False)
        room = ROOMS.setdefault(str(hello.get("room")), {"clients": set(), "log": []})
        room["clients"].add(ws)
        await ws.send(msgpack.packb({"t": "welcome", "seq": len(room["log"])}))
        async for frame in ws:
            msg = msgpack.unpackb(frame, raw=False)
            log = room["log"]
            event = {"seq": len(log) + 1, "by": "", "type": "note_added", "aid": msg["a"]["id"],
                     "data": msg["a"]}
            log.append(event)
            broadcast(room["clients"], msgpack.packb({"t": "events", "events": [event]}))
    except ConnectionClosed:
        pass
    finally:
        if room is not None:
            room["clients"].discard(ws)


async def main(host: str, port: int) -> None:
    async with serve(handler, host, port, compression=None, max_size=64 * 1024) as server:
        print(f"port {server.sockets[0].getsockname()[1]}", flush=True)
        await asyncio.Future()


if __name__ == "__main__":
    p = argparse.ArgumentParser()
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=0)
    a = p.parse_args()
    asyncio.run(main(a.host, a.port))

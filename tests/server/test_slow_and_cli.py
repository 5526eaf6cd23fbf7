"""A frozen client never blocks the room and is dropped by the ping timeout; `ilot bot` runs."""

from __future__ import annotations

import asyncio
import os
import sys

from ilot.game.net import protocol
from ilot.server.app import IlotServer

from .conftest import ROOT, act, join, set_phase, trainer, until


async def test_frozen_client_does_not_block_the_room(tmp_path, scenario):
    srv = IlotServer(tmp_path, ping_interval=0.5, ping_timeout=0.5, rate=1000, burst=1000)
    await srv.start()
    try:
        srv.room, srv.trainer_code = srv.create_room(scenario)
        t = await trainer(srv)
        frozen = await join(srv, "Endormi", scenario.personas[1].id)
        frozen.ws.transport.pause_reading()  # a laptop gone to sleep: reads nothing any more
        good = await join(srv, "Awa", scenario.personas[0].id)
        await set_phase(t, scenario, "etat_des_lieux")
        # the trainer keeps reading (a live client answers pings) until the frozen one is gone
        gone = asyncio.create_task(until(
            t, lambda m: m["t"] == protocol.PRESENCE and m["connected"] == [good.welcome["you"]["id"]],
            timeout=20))
        big = "un long texte de diagnostic " * 60  # ~1.7 KB per note, to fill buffers
        for _i in range(150):
            reply = await act(good, {"type": "add_note", "space": scenario.spaces[0].id,
                                     "kind": "probleme", "text": big}, timeout=2)
            assert reply["t"] == protocol.ACK
        # the server noticed the frozen one (no pong) and dropped it; the others stay
        msg = await gone
        assert msg["trainers"] == 1
        for c in (t, good):
            await c.close()
    finally:
        await srv.stop()


async def test_bot_command(server, scenario):
    t = await trainer(server)
    await set_phase(t, scenario, "etat_des_lieux")
    await t.close()
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "ilot.game.cli", "bot", server.url, "--room", server.room.lower(),
        "--count", "3", "--seconds", "3", "--pace", "0", cwd=ROOT,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT,
        env={**os.environ, "PYTHONUNBUFFERED": "1", "ILOT_LANG": "en"})
    out, _ = await asyncio.wait_for(proc.communicate(), 30)
    assert proc.returncode == 0, out.decode()
    assert "Bots: 3 connected, " in out.decode()
    notes = server.rooms[server.room].state.notes
    assert len({n.author for n in notes.values()}) == 3

"""`ilot bot` comes back after a server restart, like the client: same seats, new actions."""

from __future__ import annotations

import asyncio

from ilot.server.app import IlotServer
from ilot.server.bots import run_bots

from .conftest import server_until, set_phase, trainer


async def test_bots_come_back_after_a_restart(tmp_path, scenario):
    data = tmp_path / "data"
    srv = IlotServer(data)
    port = await srv.start()
    room, code = srv.create_room(scenario)
    srv.room, srv.trainer_code = room, code
    t = await trainer(srv)
    await set_phase(t, scenario, "etat_des_lieux")
    await t.close()
    stop = asyncio.Event()
    bots = asyncio.create_task(run_bots(srv.url, room, 3, pace=0, seed=5, stop=stop))
    try:
        await server_until(lambda: len(srv.rooms[room].state.notes) >= 3, timeout=20)
        await srv.stop()  # the bots' connections close: they keep trying
        srv = IlotServer(data)
        assert await srv.start(port=port) == port
        before = len(srv.rooms[room].state.notes)
        await server_until(lambda: len(srv.rooms[room].clients) == 3, timeout=20)
        await server_until(lambda: len(srv.rooms[room].state.notes) > before, timeout=20)
        assert len(srv.rooms[room].state.participants) == 3  # the same seats, none new
    finally:
        stop.set()
        report = await asyncio.wait_for(bots, 20)
        await srv.stop()
    assert report["connected"] == 3 and report["reconnected"] >= 3 and report["errors"] == 0

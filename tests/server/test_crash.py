"""SIGKILL the server in the middle of a stream of actions: nothing acknowledged is lost."""

from __future__ import annotations

import asyncio
import os
import re
import signal
import subprocess
import sys

from websockets.exceptions import ConnectionClosed

from ilot.game.core.decide import Actor
from ilot.game.core.replay import replay
from ilot.game.core.views import view_for
from ilot.game.net import protocol
from ilot.game.net.client import Connection
from ilot.server.codes import normalise
from ilot.server.store import Store

from .conftest import ROOT, SHORT, act, opened, set_phase


async def start_server(data, *extra) -> tuple[subprocess.Popen, dict[str, str]]:
    proc = subprocess.Popen(
        [sys.executable, "-m", "ilot.server", "--data", str(data), "--host", "127.0.0.1",
         "--port", "0", *extra],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1", "ILOT_LANG": "en"})
    info: dict[str, str] = {}
    loop = asyncio.get_running_loop()
    while "rooms" not in info:
        line = await asyncio.wait_for(loop.run_in_executor(None, proc.stdout.readline), 20)
        assert line, "server exited early"
        if m := re.search(r"(ws://127\.0\.0\.1:\d+)", line):
            info["url"] = m.group(1)
        if m := re.search(r"Join code: (\S+)", line):
            info["room"] = normalise(m.group(1))
        if m := re.search(r"Trainer code: (\S+)", line):
            info["code"] = normalise(m.group(1))
        if "Open rooms" in line:
            info["rooms"] = line
    return proc, info


def strip(view: dict) -> dict:
    return {k: v for k, v in view.items() if k != "me"}


async def test_sigkill_mid_stream_loses_no_acked_action(tmp_path, scenario):
    data = tmp_path / "data"
    proc, info = await start_server(data, "--scenario", str(SHORT), "--rate", "2000",
                                    "--burst", "2000")
    try:
        url, room, code = info["url"], info["room"], info["code"]
        t = await opened(url, {"as": "trainer", "room": room, "code": code})
        p = await opened(url, {"as": "participant", "room": room, "name": "Awa",
                               "persona": scenario.personas[0].id})
        await set_phase(t, scenario, "etat_des_lieux")
        acked: set[str] = set()
        sent = 0
        spaces = [s.id for s in scenario.spaces]

        async def send_one() -> None:
            nonlocal sent
            await p.act({"id": f"n{sent}", "type": "add_note", "space": spaces[sent % len(spaces)],
                         "kind": "idee", "text": f"note numéro {sent}"})
            sent += 1

        for _ in range(8):  # keep 8 actions in flight
            await send_one()
        killed = False
        try:
            while True:
                msg = await p.recv(timeout=10)
                assert msg["t"] != protocol.REJECT, msg
                if msg["t"] == protocol.ACK:
                    acked.add(msg["id"])
                    if len(acked) == 150 and not killed:
                        proc.send_signal(signal.SIGKILL)
                        killed = True
                    if not killed:
                        await send_one()
        except (TimeoutError, ConnectionClosed):
            pass  # the connection dies with the server
        assert killed
        proc.wait(10)
        assert len(acked) >= 150
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(10)

    proc, info = await start_server(data)
    assert "rooms: 1" in info["rooms"] and "join code" not in info
    try:
        url = info["url"]
        store = Store.in_dir(data)
        events = store.events(room)
        logged = {e.aid for e in events if e.by == "p1"}
        assert acked <= logged, sorted(acked - logged)[:5]
        assert [e.seq for e in events] == list(range(1, len(events) + 1))
        # the trainer's mirror catches up on what it missed and equals the resumed room
        seen = t.mirror.seq
        t2 = await Connection.open(url, {"as": "trainer", "room": room, "code": code,
                                         "last_seq": seen})
        assert "events" in t2.welcome
        t.mirror.rejoined(t2.welcome)
        fresh = await Connection.open(url, {"as": "trainer", "room": room, "code": code})
        assert fresh.welcome["seq"] == len(events)
        resumed = strip(fresh.welcome["state"])
        assert strip(view_for(t.mirror.state, Actor.trainer())) == resumed
        rebuilt = replay(store.scenario(room), events)
        assert strip(view_for(rebuilt, Actor.trainer())) == resumed
        # and the participant's seat survived: its token still works and it can go on
        p2 = await opened(url, {"as": "participant", "room": room, "token": p.welcome["token"]})
        reply = await act(p2, {"type": "add_note", "space": spaces[0], "kind": "force",
                               "text": "après le redémarrage"})
        assert reply["t"] == protocol.ACK
        for c in (t2, fresh, p2):
            await c.close()
        store.close()
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()


async def test_a_client_notices_a_server_that_stopped_answering(tmp_path, scenario, monkeypatch):
    """A frozen server (SIGSTOP: its kernel keeps the connection open, nothing answers) is
    noticed by the client's keepalive, and the connection closed: the client then reconnects.
    The keepalive's times are shortened here (5 s and 10 s in use)."""
    from ilot.game.net import client

    monkeypatch.setattr(client, "PING_INTERVAL", 0.2)
    monkeypatch.setattr(client, "PING_TIMEOUT", 0.5)
    proc, info = await start_server(tmp_path / "data", "--scenario", str(SHORT))
    loop = asyncio.get_running_loop()
    try:
        p = await opened(info["url"], {"as": "participant", "room": info["room"], "name": "Awa",
                                       "persona": scenario.personas[0].id})
        closed = asyncio.ensure_future(p.ws.wait_closed())
        done, _ = await asyncio.wait({closed}, timeout=1.0)  # 5 pings while the server runs
        assert not done and p.close_code is None
        proc.send_signal(signal.SIGSTOP)
        frozen = loop.time()
        await asyncio.wait_for(closed, 10)
        # no close frame comes back from a frozen server: 1006 (1011 if one could be sent), after
        # the ping, its timeout and the close timeout (2 s)
        assert p.close_code in (1006, 1011) and loop.time() - frozen < 6.0, p.close_code
    finally:
        proc.send_signal(signal.SIGCONT)
        proc.send_signal(signal.SIGTERM)
        proc.wait(20)
